//! Certainty and modality: hedge phrases mapped to estimative-probability bands (ICD 203,
//! `hedges.toml`) and modality cues (`modality.toml`) found in the words before a trigger.

use std::collections::HashMap;

use sitrep_model::{Certainty, Modality};

use crate::knowledge::{Band, HedgeFile, ModalityFile};
use crate::sentence::Sent;

/// Lowercase word sequences, matched exactly on token boundaries.
#[derive(Debug)]
pub(crate) struct Phrases<T> {
    items: Vec<(Vec<String>, T)>,
    /// Items by their first word: `find` runs for every trigger and claim, and comparing
    /// every phrase at every token cost 6% of the whole pipeline.
    by_first: HashMap<String, Vec<usize>>,
}

impl<T> Default for Phrases<T> {
    fn default() -> Self {
        Phrases { items: Vec::new(), by_first: HashMap::new() }
    }
}

/// Quotation marks are invisible to phrase matching ("“likely” to").
fn is_quote(w: &str) -> bool {
    matches!(w, "“" | "”")
}

impl<T: Clone> Phrases<T> {
    pub fn add(&mut self, phrase: &str, v: T) {
        let words: Vec<String> = phrase
            .to_lowercase()
            .replace('’', "'")
            .split_whitespace()
            .map(String::from)
            .collect();
        if let Some(first) = words.first() {
            self.by_first.entry(first.clone()).or_default().push(self.items.len());
            self.items.push((words, v));
        }
    }

    /// The last token of phrase `p` matched from token `i` on, skipping quotation marks.
    fn matches(s: &Sent, p: &[String], mut i: usize) -> Option<usize> {
        let mut last = i;
        for w in p {
            while s.toks.get(i).is_some_and(|t| is_quote(&t.lower)) {
                i += 1;
            }
            if s.toks.get(i)?.lower != *w {
                return None;
            }
            last = i;
            i += 1;
        }
        Some(last)
    }

    /// Matches fully inside tokens `[a, b)`: (first token, last token, value), longest first
    /// at each position (a longest match running past `b` hides shorter ones there).
    pub fn find(&self, s: &Sent, a: usize, b: usize) -> Vec<(usize, usize, T)> {
        let mut out = Vec::new();
        let mut ti = a;
        while ti < b.min(s.toks.len()) {
            let w = s.toks[ti].lower.as_str();
            if is_quote(w) {
                ti += 1;
                continue;
            }
            let best = self
                .by_first
                .get(w)
                .into_iter()
                .flatten()
                .filter_map(|&k| Some((Self::matches(s, &self.items[k].0, ti)?, &self.items[k])))
                .max_by_key(|(_, (p, _))| p.len());
            match best {
                Some((last, (_, v))) if last < b => {
                    out.push((ti, last, v.clone()));
                    ti = last + 1;
                }
                _ => ti += 1,
            }
        }
        out
    }
}

pub(crate) struct Hedges {
    pub default: Certainty,
    pub bands: Vec<Band>,
    pub phrases: Phrases<usize>,
}

impl Hedges {
    pub fn build(base: HedgeFile, user: Option<HedgeFile>) -> Self {
        let mut bands = if user.as_ref().is_some_and(|u| u.replace) { vec![] } else { base.band };
        let mut default = base.default;
        if let Some(u) = user {
            // A user band with a known label replaces it; new labels are added.
            for b in u.band {
                bands.retain(|x| x.label != b.label);
                bands.push(b);
            }
            default = u.default.or(default);
        }
        let mut phrases = Phrases::default();
        for (i, b) in bands.iter().enumerate() {
            for p in &b.phrases {
                phrases.add(p, i);
            }
        }
        let default = default
            .map(|d| Certainty { label: d.label, low: d.low, high: d.high })
            .unwrap_or_default();
        Hedges { default, bands, phrases }
    }

    pub fn band(&self, label: &str) -> Option<Certainty> {
        self.bands
            .iter()
            .find(|b| b.label == label)
            .map(|b| Certainty { label: b.label.clone(), low: b.low, high: b.high })
    }

    /// The hedge nearest before token `at` within `[a, at]`, or the nearest after `at` up to `b`
    /// when it is predicated of the clause ("... is highly likely").
    pub fn find(&self, s: &Sent, a: usize, at: usize, b: usize) -> Option<(Certainty, String)> {
        let before = self.phrases.find(s, a, at + 1);
        let hit = before.last().cloned().or_else(|| self.phrases.find(s, at + 1, b).into_iter().find(|h| {
            matches!(self.bands[h.2].label.as_str(), "highly_likely" | "likely" | "almost_certain" | "unlikely" | "highly_unlikely")
        }))?;
        let band = &self.bands[hit.2];
        let words: Vec<&str> = s.toks[hit.0..=hit.1].iter().map(|t| t.lower.as_str()).collect();
        Some((Certainty { label: band.label.clone(), low: band.low, high: band.high }, words.join(" ")))
    }
}

pub(crate) struct ModalityCues {
    pub historical_years: i32,
    cues: Phrases<Modality>,
}

impl ModalityCues {
    pub fn build(base: ModalityFile, user: Option<ModalityFile>) -> Self {
        let mut cues = Phrases::default();
        let mut years = base.historical_years.unwrap_or(2);
        for f in std::iter::once(base).chain(user) {
            years = f.historical_years.unwrap_or(years);
            let lists = [
                (f.denied, Modality::Denied),
                (f.negated, Modality::Negated),
                (f.possible, Modality::Possible),
                (f.expected, Modality::Expected),
                (f.planned, Modality::Planned),
            ];
            for (list, m) in lists {
                for p in list {
                    cues.add(&p, m);
                }
            }
        }
        ModalityCues { historical_years: years, cues }
    }

    /// Modality of a trigger at token `at`, from cues in the same clause before it (back to
    /// `from`, stopping at a clause break), with the cue words that decided it.
    pub fn of(&self, s: &Sent, from: usize, at: usize) -> (Modality, Option<String>) {
        let mut a = at;
        let mut words = 0;
        while a > from && words < 8 {
            let w = s.word(a - 1);
            if matches!(w, ";" | ":" | "(" | ")" | "." | "that" | "which" | "who" | "when" | "while" | "after" | "before" | "because" | "since" | "and" | "but") {
                break;
            }
            if w == "," && words > 0 {
                break;
            }
            a -= 1;
            words += 1;
        }
        let hits = self.cues.find(s, a, at);
        let rank = |m: Modality| match m {
            Modality::Denied => 0,
            Modality::Negated => 1,
            Modality::Possible => 2,
            Modality::Expected => 3,
            Modality::Planned => 4,
            _ => 5,
        };
        hits.iter()
            .min_by_key(|h| rank(h.2))
            .map(|h| {
                let w: Vec<&str> = s.toks[h.0..=h.1].iter().map(|t| t.lower.as_str()).collect();
                (h.2, Some(w.join(" ")))
            })
            .unwrap_or((Modality::Asserted, None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use sitrep_model::Span;

    /// The scan the index replaced: every phrase compared at every word.
    fn naive(p: &Phrases<usize>, s: &Sent, a: usize, b: usize) -> Vec<(usize, usize, usize)> {
        let idx: Vec<usize> = (0..s.toks.len()).filter(|&i| !is_quote(&s.toks[i].lower)).collect();
        let words: Vec<&str> = idx.iter().map(|&i| s.toks[i].lower.as_str()).collect();
        let (mut out, mut skip_to) = (vec![], 0);
        for (wi, &ti) in idx.iter().enumerate() {
            if ti < a || ti >= b || wi < skip_to {
                continue;
            }
            let best = p.items.iter().filter(|(w, _)| w.len() + wi <= words.len() && w.iter().zip(&words[wi..]).all(|(x, y)| x == y)).max_by_key(|(w, _)| w.len());
            if let Some((w, v)) = best {
                let last = idx[wi + w.len() - 1];
                if last < b {
                    skip_to = wi + w.len();
                    out.push((ti, last, *v));
                }
            }
        }
        out
    }

    proptest! {
        #[test]
        fn index_finds_what_the_scan_found(words in proptest::collection::vec(0usize..6, 0..14), a in 0usize..14, len in 0usize..14) {
            const VOCAB: [&str; 6] = ["very", "likely", "not", "“", "”", "to"];
            let mut p = Phrases::default();
            for (i, ph) in ["very likely", "likely", "not likely", "likely to", "very", "not"].iter().enumerate() {
                p.add(ph, i);
            }
            let text: String = words.iter().map(|&w| VOCAB[w]).collect::<Vec<_>>().join(" ");
            let s = Sent { span: Span::new(0, text.len()), toks: crate::tokens::tokenize(&text, Span::new(0, text.len())), para: 0 };
            let b = (a + len).min(s.toks.len());
            prop_assert_eq!(p.find(&s, a, b), naive(&p, &s, a, b));
        }
    }
}
