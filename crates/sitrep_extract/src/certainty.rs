//! Certainty and modality: hedge phrases mapped to estimative-probability bands (ICD 203,
//! `hedges.toml`) and modality cues (`modality.toml`) found in the words before a trigger.

use sitrep_model::{Certainty, Modality};

use crate::knowledge::{Band, HedgeFile, ModalityFile};
use crate::sentence::Sent;

/// Lowercase word sequences, matched exactly on token boundaries.
#[derive(Debug)]
pub(crate) struct Phrases<T> {
    items: Vec<(Vec<String>, T)>,
}

impl<T> Default for Phrases<T> {
    fn default() -> Self {
        Phrases { items: Vec::new() }
    }
}

impl<T: Clone> Phrases<T> {
    pub fn add(&mut self, phrase: &str, v: T) {
        let words: Vec<String> = phrase
            .to_lowercase()
            .replace('’', "'")
            .split_whitespace()
            .map(String::from)
            .collect();
        if !words.is_empty() {
            self.items.push((words, v));
        }
    }

    /// Matches fully inside tokens `[a, b)`: (first token, last token, value), longest first
    /// at each position.
    pub fn find(&self, s: &Sent, a: usize, b: usize) -> Vec<(usize, usize, T)> {
        let words: Vec<&str> = s.toks.iter().filter(|t| t.lower != "“" && t.lower != "”").map(|t| t.lower.as_str()).collect();
        let idx: Vec<usize> = s.toks.iter().enumerate().filter(|(_, t)| t.lower != "“" && t.lower != "”").map(|(i, _)| i).collect();
        let mut out = Vec::new();
        let mut skip_to = 0;
        for (wi, &ti) in idx.iter().enumerate() {
            if ti < a || ti >= b || wi < skip_to {
                continue;
            }
            let best = self
                .items
                .iter()
                .filter(|(p, _)| p.len() + wi <= words.len() && p.iter().zip(&words[wi..]).all(|(x, y)| x == y))
                .max_by_key(|(p, _)| p.len());
            if let Some((p, v)) = best {
                let last = idx[wi + p.len() - 1];
                if last < b {
                    skip_to = wi + p.len();
                    out.push((ti, last, v.clone()));
                }
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
