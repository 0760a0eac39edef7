//! Quantities: numbers in digits or words, vague amounts ("dozens"), bounds and blur ("at
//! least", "around"), ranges ("10 to 15"), units with conversions (miles -> km), currencies
//! ("$1.13bn", "£600m") and casualty counts ("six North Korean officers were killed").
//!
//! One regex finds number atoms; the text right before and after each atom supplies its
//! modifier, range partner, unit, counted noun and casualty word ([`context`]). Numbers inside
//! time expressions (already in `doc.times`) and bare years are not quantities.

mod context;
mod lexicon;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::path::Path;

use sitrep_model::{Document, Quantity, Span};

use crate::KnowledgeError;
use lexicon::{UnitRow, Words};

pub(crate) struct QuantityKnowledge {
    words: Words,
    units: BTreeMap<String, UnitRow>,
    people: std::collections::HashSet<String>,
    re: context::Patterns,
    en: text2num::Language,
}

impl QuantityKnowledge {
    pub(crate) fn load(dir: Option<&Path>) -> Result<Self, KnowledgeError> {
        let words = lexicon::load_words(dir)?;
        let units = lexicon::load_units(dir)?;
        let re = context::Patterns::build(&words, &units)
            .map_err(|e| KnowledgeError { file: "quantity_words.toml".into(), message: format!("pattern: {e}") })?;
        let people = words.counted.people.iter().map(|w| w.to_lowercase()).collect();
        Ok(QuantityKnowledge { words, units, people, re, en: text2num::Language::english() })
    }
}

/// A number as found, before its context is read.
#[derive(Debug, Clone)]
pub(crate) struct Atom {
    pub span: Span,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub currency: Option<String>,
    pub words: bool,
    pub digits: bool,
    pub scaled: bool,
}

fn parse_digits(s: &str) -> Option<f64> {
    s.replace(',', "").parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Value of a run of number words: the table, then text2num, then a small sum-and-multiply.
fn parse_words(s: &str, k: &QuantityKnowledge) -> Option<f64> {
    let norm = s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    if let Some(v) = k.words.numbers.get(&norm) {
        return Some(*v);
    }
    if let Ok(d) = text2num::text2digits(&norm, &k.en) {
        if let Some(v) = parse_digits(&d) {
            return Some(v);
        }
    }
    let (mut total, mut current) = (0.0f64, 0.0f64);
    for w in norm.split([' ', '-']).filter(|w| !w.is_empty() && *w != "and" && *w != "a") {
        let v = *k.words.numbers.get(w).or_else(|| SMALL.iter().find(|(n, _)| *n == w).map(|(_, v)| v))?;
        match v {
            100.0 => current = current.max(1.0) * 100.0,
            1e3 | 1e6 | 1e9 => {
                total += current.max(1.0) * v;
                current = 0.0;
            }
            _ => current += v,
        }
    }
    Some(total + current)
}

const SMALL: &[(&str, f64)] = &[
    ("zero", 0.0), ("one", 1.0), ("two", 2.0), ("three", 3.0), ("four", 4.0), ("five", 5.0), ("six", 6.0),
    ("seven", 7.0), ("eight", 8.0), ("nine", 9.0), ("ten", 10.0), ("eleven", 11.0), ("twelve", 12.0),
    ("thirteen", 13.0), ("fourteen", 14.0), ("fifteen", 15.0), ("sixteen", 16.0), ("seventeen", 17.0),
    ("eighteen", 18.0), ("nineteen", 19.0), ("twenty", 20.0), ("thirty", 30.0), ("forty", 40.0),
    ("fifty", 50.0), ("sixty", 60.0), ("seventy", 70.0), ("eighty", 80.0), ("ninety", 90.0),
    ("hundred", 100.0), ("thousand", 1e3), ("million", 1e6), ("billion", 1e9),
];

/// Number words the atom regex knows (also used to build it).
pub(crate) fn number_words() -> impl Iterator<Item = &'static str> {
    SMALL.iter().map(|(w, _)| *w)
}

/// Every number atom in `text`, with its own value (no context yet).
fn atoms(text: &str, k: &QuantityKnowledge) -> Vec<Atom> {
    let mut out = Vec::new();
    for c in k.re.atom.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        let mut a = Atom { span: Span::new(m.start(), m.end()), value: None, low: None, high: None, currency: None, words: false, digits: false, scaled: false };
        if let Some(d) = c.name("d") {
            a.digits = true;
            a.currency = c.name("cur").and_then(|x| k.words.currencies.get(x.as_str().trim())).cloned();
            let mut v = parse_digits(d.as_str());
            match c.name("sc") {
                Some(sc) if a.currency.is_some() || sc.as_str().len() > 2 => {
                    let f = k.words.scales.get(&sc.as_str().to_lowercase()).copied().unwrap_or(1.0);
                    v = v.map(|v| v * f);
                    a.scaled = true;
                }
                // "600m" without a currency is metres, not millions: end the atom at the digits.
                Some(_) => a.span.end = d.end(),
                None => {}
            }
            a.value = v;
        } else if let Some(vg) = c.name("v") {
            let key = vg.as_str().split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
            let [lo, hi] = *k.words.vague.get(&key).unwrap_or(&[f64::NAN, f64::NAN]);
            (a.low, a.high) = (Some(lo).filter(|v| v.is_finite()), Some(hi).filter(|v| v.is_finite()));
        } else if let Some(w) = c.name("w") {
            a.words = true;
            a.value = parse_words(w.as_str(), k);
            if a.value.is_none() {
                continue;
            }
        }
        out.push(a);
    }
    out
}

pub(crate) fn annotate(doc: &mut Document, k: &QuantityKnowledge) {
    let text = doc.text.as_str();
    let times: Vec<Span> = doc.times.iter().map(|t| t.span).collect();
    let found = atoms(text, k);
    let mut out: Vec<Quantity> = Vec::new();
    let mut i = 0;
    while i < found.len() {
        let a = &found[i];
        i += 1;
        if times.iter().any(|t| t.overlaps(a.span)) || !context::standalone(text, a) {
            continue;
        }
        let next = found.get(i).filter(|b| !times.iter().any(|t| t.overlaps(b.span)));
        let (q, used_next) = context::build(text, a, next, k);
        if used_next {
            i += 1;
        }
        if let Some(q) = q {
            out.push(q);
        }
    }
    doc.quantities = context::merge_equivalents(text, out);
}
