//! Attachments of an event: date (nearest applicable time, else the publication date marked
//! unresolved), place (via "in / on / inside X"), fatalities and injuries from counted
//! quantities (or from the next sentence when it has no event of its own), and weapons
//! named in the sentence.

use sitrep_model::{CountRef, DateRef, Document, Event, PlaceRef, Span};

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

/// Fatalities and injuries from quantities counted as casualties in the clause. A count of
/// the "killed and wounded" together is neither ("more than 30 killed and wounded"); a lower
/// bound with no upper one ("more than 210") keeps its number as both ends (CountRef has no
/// open end), one more for a strict "more than" / "over", and says so in its rule.
pub(crate) fn casualties(doc: &Document, s: &Sent, within: Span) -> (Option<CountRef>, Option<CountRef>, Vec<String>) {
    let mut fat: Option<CountRef> = None;
    let mut inj: Option<CountRef> = None;
    let mut rules = vec![];
    for q in doc.quantities.iter().filter(|q| within.contains(q.span)) {
        let Some(c) = q.casualty.as_deref() else { continue };
        let open = q.low.is_some() && q.high.is_none();
        let (Some(mut low), mut high) = (q.low.or(q.value), q.high.or(q.value)) else { continue };
        let mut note = String::new();
        if open || high.is_none() {
            let t = q.text.to_lowercase();
            if ["more than", "over ", "upwards of", "in excess of", "just over"].iter().any(|m| t.starts_with(m)) {
                low += 1.0;
            }
            high = Some(low);
            note = format!(" (a lower bound: at least {low}, no upper bound stated)");
        }
        let Some(high) = high else { continue };
        let r = CountRef { low, high, span: Some(q.span), text: Some(q.text.clone()) };
        let slot = match c {
            "killed" | "dead" | "deaths" | "fatalities" => &mut fat,
            "wounded" | "injured" => &mut inj,
            _ => continue,
        };
        if slot.is_none() {
            // "18 civilians among 25 dead": the count of the whole follows
            if among_larger(doc, q, within) {
                rules.push(format!("{}: '{}' is part of the count after it ('among')", if c == "wounded" || c == "injured" { "injuries" } else { "fatalities" }, q.text));
                continue;
            }
            if c != "wounded" && c != "injured" && combined(s, q.span) {
                rules.push(format!("fatalities: none from '{}': it counts the killed and wounded together", q.text));
                continue;
            }
            rules.push(format!("{}: quantity '{}' counted as {c}{note}", if c == "wounded" || c == "injured" { "injuries" } else { "fatalities" }, q.text));
            *slot = Some(r);
        }
    }
    (fat, inj, rules)
}

/// "Gunmen attack village in Zamfara. The death toll rose to 9": the casualties of a
/// sentence with no event of its own go to the violent event of the sentence before, when
/// that event counted none and the two share a paragraph or are the headline and the lead.
pub(crate) fn spread_casualties(doc: &Document, s: &Sent, si: usize, sents: &[Sent], events: &mut [Event]) {
    let Some(prev) = si.checked_sub(1).and_then(|p| sents.get(p)) else { return };
    let lead = si == 1 || prev.para == s.para;
    let Some(last) = events.last_mut().filter(|e| lead && e.kind == "ASSAULT" && prev.span.contains(e.evidence.span)) else { return };
    if last.fatalities.is_some() || last.injuries.is_some() {
        return;
    }
    let (fat, inj, rules) = casualties(doc, s, s.span);
    if fat.is_none() && inj.is_none() {
        return;
    }
    let from = if si == 1 && prev.para != s.para { "the lead after the headline" } else { "the next sentence of the paragraph" };
    last.rules.extend(rules.into_iter().map(|r| format!("{r} (from {from})")));
    last.fatalities = fat;
    last.injuries = inj;
}

/// A casualty count followed closely by "among" and another count of the same casualty
/// ("18 civilians among 25 dead", "three children among the 12 killed").
fn among_larger(doc: &Document, q: &sitrep_model::Quantity, within: Span) -> bool {
    let Some(next) = doc.quantities.iter().filter(|n| within.contains(n.span) && n.span.start >= q.span.end).min_by_key(|n| n.span.start) else { return false };
    let gap = doc.text.get(q.span.end..next.span.start).unwrap_or("").to_lowercase();
    let words: Vec<&str> = gap.split_whitespace().collect();
    words.len() <= 5 && words.contains(&"among") && !gap.contains([',', ';', '.']) && next.casualty == q.casualty && next.low.or(next.value) > q.high.or(q.value)
}

/// The death word of a count joined with a hurt word: "30 killed and wounded", "20 soldiers
/// killed or wounded", "kill and wound more than 80".
fn combined(s: &Sent, q: Span) -> bool {
    let a = s.tok_at(q.start);
    let b = s.toks.iter().rposition(|t| t.span.end <= q.end).unwrap_or(a);
    let after = (b + 1..s.toks.len().min(b + 7)).take_while(|&i| !matches!(s.word(i), "." | ";" | "(" | "in" | "on" | "at" | "during" | "after" | "by"));
    let before = (a.saturating_sub(4)..a).rev();
    after.chain(before).any(|t| matches!(s.word(t), "killed" | "kill" | "kills" | "killing" | "dead") && crate::victims::combined_with_wounded(s, t))
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
