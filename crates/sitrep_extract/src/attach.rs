//! Attachments of an event: date (nearest applicable time, else the publication date marked
//! unresolved), place (via "in / on / inside X"), fatalities and injuries from counted
//! quantities, and weapons named in the sentence.

use sitrep_model::{CountRef, DateRef, Document, PlaceRef, Span};

use crate::sentence::Sent;

const PLACE_PREP: &[&str] = &["in", "inside", "on", "at", "near", "into", "outside", "across", "over", "around", "throughout"];

/// Token distance between a span and the trigger token range.
fn dist(s: &Sent, span: Span, t0: usize, t1: usize) -> usize {
    let a = s.tok_at(span.start);
    if a > t1 { a - t1 } else { t0.saturating_sub(a) }
}

pub(crate) fn date(doc: &Document, s: &Sent, t0: usize, t1: usize, within: Span) -> (Option<DateRef>, String) {
    let best = doc
        .times
        .iter()
        .filter(|t| within.contains(t.span) && !matches!(t.timex_type.as_str(), "DURATION" | "SET"))
        .min_by_key(|t| dist(s, t.span, t0, t1));
    if let Some(t) = best {
        let d = DateRef { value: t.value.clone(), precision: t.precision.clone(), span: Some(t.span), unresolved: false };
        return (Some(d), format!("date: time '{}' nearest the trigger in its clause", t.text));
    }
    match doc.published_date() {
        Some(p) => (
            Some(DateRef { value: p.to_string(), precision: "day".into(), span: None, unresolved: true }),
            "date: no time expression applies; publication date, unresolved".into(),
        ),
        None => (None, "date: none (no time expression, no publication date)".into()),
    }
}

pub(crate) fn place(doc: &Document, s: &Sent, t0: usize, t1: usize, within: Span, visit: bool) -> Option<(PlaceRef, String)> {
    let mut best: Option<(usize, &sitrep_model::Place, String)> = None;
    for p in doc.places.iter().filter(|p| within.contains(p.span)) {
        let a = s.tok_at(p.span.start);
        let mut i = a;
        let mut prep = String::new();
        while i > 0 && a - i < 4 {
            let w = s.word(i - 1);
            if PLACE_PREP.contains(&w) {
                prep = w.to_string();
                break;
            }
            if !s.toks[i - 1].is_word {
                break;
            }
            i -= 1;
        }
        let object_of_visit = visit && a == t1 + 1;
        if prep.is_empty() && !object_of_visit {
            continue;
        }
        let d = dist(s, p.span, t0, t1) + if a < t0 { 5 } else { 0 };
        if best.as_ref().is_none_or(|b| d < b.0) {
            let why = if object_of_visit { "object of the visit".to_string() } else { format!("'{prep} {}'", p.name) };
            best = Some((d, p, why));
        }
    }
    let (_, p, why) = best?;
    let r = PlaceRef { name: p.name.clone(), country: p.country.clone(), lat: p.lat, lon: p.lon, precision: Some(p.precision.clone()), span: Some(p.span) };
    Some((r, format!("place: {why} nearest the trigger")))
}

/// Fatalities and injuries from quantities counted as casualties in the clause.
pub(crate) fn casualties(doc: &Document, within: Span) -> (Option<CountRef>, Option<CountRef>, Vec<String>) {
    let mut fat: Option<CountRef> = None;
    let mut inj: Option<CountRef> = None;
    let mut rules = vec![];
    for q in doc.quantities.iter().filter(|q| within.contains(q.span)) {
        let Some(c) = q.casualty.as_deref() else { continue };
        let low = q.low.or(q.value);
        let high = q.high.or(q.value);
        let (Some(low), Some(high)) = (low, high) else { continue };
        let r = CountRef { low, high, span: Some(q.span), text: Some(q.text.clone()) };
        let slot = match c {
            "killed" | "dead" | "deaths" | "fatalities" => &mut fat,
            "wounded" | "injured" => &mut inj,
            _ => continue,
        };
        if slot.is_none() {
            rules.push(format!("{}: quantity '{}' counted as {c}", if c == "wounded" || c == "injured" { "injuries" } else { "fatalities" }, q.text));
            *slot = Some(r);
        }
    }
    (fat, inj, rules)
}

pub(crate) fn weapons(doc: &Document, within: Span) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for w in doc.weapons.iter().filter(|w| within.contains(w.span)) {
        if !out.iter().any(|(n, _)| *n == w.name) {
            out.push((w.name.clone(), w.class.clone()));
        }
    }
    out
}
