//! The word tables behind the time resolver, read from `knowledge/time_words.toml` and
//! turned into regex alternations once at load time.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::KnowledgeError;

const FILE: &str = "time_words.toml";
const DEFAULT: &str = include_str!("../../../../knowledge/time_words.toml");

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Cues {
    pub future: Vec<String>,
    pub past: Vec<String>,
    pub not_past: Vec<String>,
}

/// Every table in `time_words.toml`. Keys of case-insensitive tables are stored lower-case.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Lexicon {
    pub months: BTreeMap<String, u8>,
    pub weekdays: BTreeMap<String, u8>,
    pub seasons: BTreeMap<String, String>,
    pub parts_of_day: BTreeMap<String, String>,
    pub units: BTreeMap<String, String>,
    pub numbers: BTreeMap<String, String>,
    pub ordinals: BTreeMap<String, u32>,
    pub deictic: BTreeMap<String, i32>,
    pub references: BTreeMap<String, String>,
    pub sets: BTreeMap<String, String>,
    pub holidays: BTreeMap<String, String>,
    pub cues: Cues,
}

fn parse(text: &str, origin: &str) -> Result<Lexicon, KnowledgeError> {
    toml::from_str(text).map_err(|e| KnowledgeError { file: origin.to_string(), message: e.to_string() })
}

impl Lexicon {
    /// The embedded tables, extended entry by entry by `DIR/time_words.toml` when present.
    pub(crate) fn load(dir: Option<&Path>) -> Result<Self, KnowledgeError> {
        let mut lex = parse(DEFAULT, FILE)?;
        if let Some(path) = dir.map(|d| d.join(FILE)).filter(|p| p.is_file()) {
            let shown = path.display().to_string();
            let text = std::fs::read_to_string(&path)
                .map_err(|e| KnowledgeError { file: shown.clone(), message: e.to_string() })?;
            lex.extend(parse(&text, &shown)?);
        }
        lex.normalise();
        Ok(lex)
    }

    fn extend(&mut self, o: Lexicon) {
        self.months.extend(o.months);
        self.weekdays.extend(o.weekdays);
        self.seasons.extend(o.seasons);
        self.parts_of_day.extend(o.parts_of_day);
        self.units.extend(o.units);
        self.numbers.extend(o.numbers);
        self.ordinals.extend(o.ordinals);
        self.deictic.extend(o.deictic);
        self.references.extend(o.references);
        self.sets.extend(o.sets);
        self.holidays.extend(o.holidays);
        self.cues.future.extend(o.cues.future);
        self.cues.past.extend(o.cues.past);
        self.cues.not_past.extend(o.cues.not_past);
    }

    /// Lower-case the keys of the case-insensitive tables (months and weekdays keep case).
    fn normalise(&mut self) {
        fn lower<V>(m: &mut BTreeMap<String, V>) {
            *m = std::mem::take(m).into_iter().map(|(k, v)| (k.to_lowercase(), v)).collect();
        }
        lower(&mut self.seasons);
        lower(&mut self.parts_of_day);
        lower(&mut self.units);
        lower(&mut self.numbers);
        lower(&mut self.ordinals);
        lower(&mut self.deictic);
        lower(&mut self.references);
        lower(&mut self.sets);
        lower(&mut self.holidays);
        for v in [&mut self.cues.future, &mut self.cues.past, &mut self.cues.not_past] {
            v.iter_mut().for_each(|w| *w = w.to_lowercase());
        }
    }

    /// Month number for a surface form (case as written, or all capitals).
    pub(crate) fn month(&self, s: &str) -> Option<u8> {
        self.months.get(s).copied().or_else(|| {
            self.months.iter().find(|(k, _)| k.to_uppercase() == s).map(|(_, v)| *v)
        })
    }

    pub(crate) fn weekday(&self, s: &str) -> Option<u8> {
        self.weekdays.get(s).copied().or_else(|| {
            self.weekdays.iter().find(|(k, _)| k.to_uppercase() == s).map(|(_, v)| *v)
        })
    }

    /// Numeric value of a number phrase: digits, a table entry, or words summed ("twenty four").
    /// `None` when it is not a number; `Some(None)` for an unspecified amount ("several").
    pub(crate) fn number(&self, s: &str) -> Option<Option<f64>> {
        let s = s.trim().to_lowercase();
        // "2 1/2"
        if let Some(whole) = s.strip_suffix("1/2").map(str::trim_end).and_then(|w| w.parse::<f64>().ok()) {
            return Some(Some(whole + 0.5));
        }
        if let Ok(v) = s.replace(',', "").parse::<f64>() {
            return Some(Some(v));
        }
        if let Some(v) = self.numbers.get(&s) {
            return Some(v.parse::<f64>().ok());
        }
        let mut total = 0.0;
        let mut any = false;
        for w in s.split([' ', '-']).filter(|w| !w.is_empty() && *w != "and") {
            let v = self.numbers.get(w)?.parse::<f64>().ok()?;
            if v == 100.0 && total > 0.0 {
                total *= 100.0;
            } else {
                total += v;
            }
            any = true;
        }
        any.then_some(Some(total))
    }
}

/// A regex alternation of `keys`, longest first so that "Sept." wins over "Sep".
pub(crate) fn alternation<'a>(keys: impl Iterator<Item = &'a String>, with_caps: bool) -> String {
    let mut forms: Vec<String> = Vec::new();
    for k in keys {
        forms.push(regex::escape(k));
        if with_caps {
            forms.push(regex::escape(&k.to_uppercase()));
        }
    }
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    forms.dedup();
    forms.join("|")
}
