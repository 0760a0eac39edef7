//! Reading an atom's surroundings: modifier before it, range partner, unit, counted noun and
//! casualty word, then merging "115 kilometers (70 miles)" into one quantity.

use std::collections::BTreeMap;

use regex::Regex;
use sitrep_model::{Converted, Quantity, Span};

use super::lexicon::{alt, UnitRow, Words};
use super::{number_words, Atom, QuantityKnowledge};

const B: &str = r"(?-u:\b)";
/// How far back a modifier or casualty verb may sit, in bytes.
const BACK: usize = 48;
/// How far back a toll may sit from its verb's count ("the death toll from Monday's attack
/// on the market rose to"), in bytes.
const TOLL_BACK: usize = 90;

pub(crate) struct Patterns {
    pub atom: Regex,
    range: Regex,
    unit: Regex,
    modifier: Regex,
    counted: Regex,
    cas_after: Regex,
    cas_before: Regex,
    toll: Option<Regex>,
}

impl Patterns {
    pub(crate) fn build(w: &Words, units: &BTreeMap<String, UnitRow>) -> Result<Self, regex::Error> {
        let cur = alt(w.currencies.keys());
        let scales = alt(w.scales.keys());
        let vague = alt(w.vague.keys());
        let special = alt(w.numbers.keys());
        let nw = number_words().collect::<Vec<_>>().join("|");
        let atom = format!(
            r"(?i)(?:(?P<cur>{cur})\s?)?{B}(?P<d>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s?(?P<sc>{scales}){B})?|{B}(?P<v>{vague}){B}|{B}(?P<w>(?:{special})|(?:{nw})(?:(?:\s+and\s+|\s+|-)(?:{nw}))*){B}"
        );
        let people: Vec<String> = w.counted.people.iter().chain(&w.counted.things).cloned().collect();
        Ok(Patterns {
            atom: Regex::new(&atom)?,
            range: Regex::new(r"(?i)^\s*(?:-|–|—|to|and|or)\s*$")?,
            unit: Regex::new(&format!(r"(?i)^(?:\s?|-)(?:(?P<u>{}){B}|(?P<pct>%))", alt(units.keys())))?,
            modifier: Regex::new(&format!(r"(?i){B}(?P<m>{})\s+$", alt(w.modifiers.keys())))?,
            counted: Regex::new(&format!(r"^(?:\s+[\p{{L}}][\w'’-]*){{0,3}}?\s+(?P<n>{}){B}", alt(people.iter())))?,
            cas_after: Regex::new(&format!(r"(?i)^(?:\s+[\w-]+){{0,2}}?\s+(?P<c>{}){B}", alt(w.casualty_after.keys())))?,
            // an opening quote may stand before the count (kill "scores")
            cas_before: Regex::new(&format!(r#"(?i){B}(?P<c>{})(?:\s+[\w-]+){{0,2}}?\s+["“'‘]?$"#, alt(w.casualty_before.keys())))?,
            // "toll" ... "rose to" within the clause (no sentence or clause punctuation between)
            toll: (!w.toll.nouns.is_empty() && !w.toll.verbs.is_empty())
                .then(|| Regex::new(&format!(r"(?i){B}(?:{}){B}[^.;:!?,]{{0,60}}?{B}(?:{})\s+$", alt(w.toll.nouns.iter()), alt(w.toll.verbs.iter()))))
                .transpose()?,
        })
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The text just before `at`, at most `BACK` bytes.
fn before(text: &str, at: usize) -> (usize, &str) {
    before_n(text, at, BACK)
}

/// The text just before `at`, at most `n` bytes.
fn before_n(text: &str, at: usize, n: usize) -> (usize, &str) {
    let lo = floor_boundary(text, at.saturating_sub(n));
    (lo, text.get(lo..at).unwrap_or(""))
}

/// False for digits glued to a word ("Fath-360", "F-16", "3rd"), times ("14:00") and lists.
pub(crate) fn standalone(text: &str, a: &Atom) -> bool {
    if !a.digits {
        return true;
    }
    let head = text.get(..a.span.start).unwrap_or("");
    let mut back = head.chars().rev();
    match back.next() {
        Some(c) if c.is_alphanumeric() || c == '_' => return false,
        Some('-' | '/' | '.' | ':' | '#') if back.next().is_some_and(|c| c.is_alphanumeric()) => return false,
        _ => {}
    }
    let tail = text.get(a.span.end..).unwrap_or("");
    let mut fwd = tail.chars();
    match fwd.next() {
        Some(':' | '/') if fwd.next().is_some_and(|c| c.is_ascii_digit()) => false,
        Some(c) if c.is_alphabetic() => !tail.starts_with(|c: char| c.is_alphabetic()) || unit_glued(tail),
        _ => true,
    }
}

/// "10km", "5mi": a unit written straight after the digits.
fn unit_glued(tail: &str) -> bool {
    let w: String = tail.chars().take_while(|c| c.is_alphabetic()).collect();
    matches!(w.to_lowercase().as_str(), "km" | "mi" | "kg" | "m" | "ft" | "bn" | "mn" | "k" | "tn")
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// Build the quantity for `a` (and `next`, when the two form a range).
pub(crate) fn build(text: &str, a: &Atom, next: Option<&Atom>, k: &QuantityKnowledge) -> (Option<Quantity>, bool) {
    let mut span = a.span;
    let (mut value, mut low, mut high) = (a.value, a.low.or(a.value), a.high.or(a.value));
    let mut approx = a.value.is_none();
    let mut currency = a.currency.clone();
    let mut rule = vec![if a.words { "words" } else if a.digits { "digits" } else { "vague" }];
    let mut used_next = false;
    if let (Some(b), Some(v1), Some(v2)) = (next, a.value, next.and_then(|b| b.value)) {
        let gap = text.get(a.span.end..b.span.start).unwrap_or("");
        let between = before(text, a.span.start).1.trim_end().to_lowercase().ends_with("between");
        if v2 > v1 && k.re.range.is_match(gap) && (!gap.contains("and") || between) {
            (value, low, high) = (None, Some(v1), Some(v2));
            span.end = b.span.end;
            approx |= gap.contains("or");
            currency = currency.or_else(|| b.currency.clone());
            used_next = true;
            rule.push("range");
        }
    }
    // Unit.
    let mut unit: Option<String> = currency.clone();
    let mut row: Option<&UnitRow> = None;
    if unit.is_none() {
        if let Some(c) = k.re.unit.captures(text.get(span.end..).unwrap_or("")) {
            if let Some(u) = c.name("u") {
                let key = u.as_str().split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
                row = k.units.get(&key);
                unit = row.map(|r| r.unit.clone());
            } else {
                unit = Some("percent".into());
            }
            span.end += c.get(0).map_or(0, |m| m.len());
            rule.push("unit");
        }
    }
    // A lone "one" is a pronoun more often than a count; a bare 1998 is a year.
    if a.words && value == Some(1.0) && unit.is_none() && !used_next {
        return (None, used_next);
    }
    // Counted noun ("six North Korean officers").
    let mut counted = None;
    let mut cend = span.end;
    if unit.is_none() {
        if let Some(c) = k.re.counted.captures(text.get(span.end..).unwrap_or("")) {
            if let (Some(n), Some(all)) = (c.name("n"), c.get(0)) {
                counted = Some(n.as_str().to_string());
                cend = span.end + all.end();
            }
        }
    }
    let year_like = a.digits && !a.scaled && currency.is_none() && !used_next && unit.is_none() && counted.is_none()
        && value.is_some_and(|v| v.fract() == 0.0 && (1000.0..=2100.0).contains(&v))
        && !text.get(a.span.start..a.span.end).unwrap_or("").contains(',');
    if year_like {
        return (None, used_next);
    }
    // Modifier before.
    let (lo, head) = before(text, span.start);
    if let Some(m) = k.re.modifier.captures(head).and_then(|c| c.name("m")) {
        let key = m.as_str().split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        match k.words.modifiers.get(&key).map(String::as_str) {
            Some("low") if !used_next => high = None,
            Some("high") if !used_next => low = None,
            _ => {}
        }
        approx = true;
        span.start = lo + m.start();
        rule.push("modifier");
    }
    // Casualty word after the count or its noun, or a casualty verb before it.
    let person = counted.as_ref().is_none_or(|c| k.people.contains(&c.to_lowercase()));
    let mut casualty = None;
    if unit.is_none() && person {
        // "killed at least 5 people and wounded more than 20": a casualty word past a
        // conjunction belongs to the next count, not this one
        let after = k.re.cas_after.captures(text.get(cend..).unwrap_or("")).and_then(|c| c.name("c")).filter(|c| {
            let gap = text.get(cend..cend + c.start()).unwrap_or("");
            !gap.split_whitespace().any(|w| matches!(w.to_lowercase().as_str(), "and" | "or" | "but" | "while" | "as" | "after"))
        });
        let (_, head) = before(text, span.start);
        let before = k.re.cas_before.captures(head).and_then(|c| c.name("c"));
        let (word, table) = match (after, before) {
            (Some(w), _) => (Some(w), &k.words.casualty_after),
            (None, Some(w)) => (Some(w), &k.words.casualty_before),
            _ => (None, &k.words.casualty_after),
        };
        if let Some(w) = word {
            let key = w.as_str().split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
            casualty = table.get(&key).cloned();
            rule.push("casualty");
        }
        if casualty.is_none() {
            let (_, wide) = before_n(text, span.start, TOLL_BACK);
            if k.re.toll.as_ref().is_some_and(|r| r.is_match(wide)) {
                casualty = Some("killed".into());
                rule.push("toll");
            }
        }
    }
    if unit.is_none() && (casualty.is_some() || counted.as_ref().is_some_and(|c| k.people.contains(&c.to_lowercase()))) {
        unit = Some("person".into());
    }
    let converted = row.and_then(|r| {
        value.or(low).or(high).map(|v| Converted { value: round1(v * r.factor), unit: r.canonical.clone() })
    });
    let Some(qtext) = text.get(span.start..span.end) else { return (None, used_next) };
    let q = Quantity {
        span,
        text: qtext.to_string(),
        value,
        low,
        high,
        unit,
        approx,
        converted,
        casualty,
        counted,
        rule: Some(format!("quantity:{}", rule.join("+"))),
    };
    (Some(q), used_next)
}

/// "115 kilometers (70 miles)": the parenthesis restates the same amount; keep one quantity,
/// approximate, spanning both.
pub(crate) fn merge_equivalents(text: &str, qs: Vec<Quantity>) -> Vec<Quantity> {
    let mut out: Vec<Quantity> = Vec::with_capacity(qs.len());
    for q in qs {
        if let Some(prev) = out.last_mut() {
            let gap = text.get(prev.span.end..q.span.start).unwrap_or("x");
            let closes = text.get(q.span.end..).is_some_and(|t| t.starts_with(')'));
            let same_dim = matches!((&prev.converted, &q.converted), (Some(a), Some(b)) if a.unit == b.unit);
            if gap.trim() == "(" && closes && same_dim {
                prev.span = Span::new(prev.span.start, q.span.end + 1);
                prev.text = text.get(prev.span.start..prev.span.end).unwrap_or("").to_string();
                prev.approx = true;
                prev.rule = prev.rule.take().map(|r| format!("{r}+equivalent"));
                continue;
            }
        }
        out.push(q);
    }
    out
}
