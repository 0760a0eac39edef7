//! The quantity tables: `knowledge/quantity_words.toml` (modifiers, vague amounts, number
//! words, scales, currencies, counted nouns, casualty words) and `knowledge/units.tsv`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::KnowledgeError;

const WORDS_FILE: &str = "quantity_words.toml";
const UNITS_FILE: &str = "units.tsv";
const WORDS: &str = include_str!("../../../../knowledge/quantity_words.toml");
const UNITS: &str = include_str!("../../../../knowledge/units.tsv");

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Counted {
    pub people: Vec<String>,
    pub things: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Words {
    pub modifiers: BTreeMap<String, String>,
    pub vague: BTreeMap<String, [f64; 2]>,
    pub numbers: BTreeMap<String, f64>,
    pub scales: BTreeMap<String, f64>,
    pub currencies: BTreeMap<String, String>,
    pub counted: Counted,
    pub casualty_after: BTreeMap<String, String>,
    pub casualty_before: BTreeMap<String, String>,
    pub toll: Toll,
}

/// A toll and the verbs that bring it to a count ("the death toll from Monday's attack rose
/// to 31"): the count is of the dead however many words part the two.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Toll {
    pub nouns: Vec<String>,
    pub verbs: Vec<String>,
}

impl Words {
    fn extend(&mut self, o: Words) {
        self.modifiers.extend(o.modifiers);
        self.vague.extend(o.vague);
        self.numbers.extend(o.numbers);
        self.scales.extend(o.scales);
        self.currencies.extend(o.currencies);
        self.counted.people.extend(o.counted.people);
        self.counted.things.extend(o.counted.things);
        self.casualty_after.extend(o.casualty_after);
        self.casualty_before.extend(o.casualty_before);
        self.toll.nouns.extend(o.toll.nouns);
        self.toll.verbs.extend(o.toll.verbs);
    }
}

/// One row of `units.tsv`: a surface form, its unit, the canonical unit and the factor to it.
#[derive(Debug, Clone)]
pub(crate) struct UnitRow {
    pub unit: String,
    pub canonical: String,
    pub factor: f64,
}

fn err(file: &str, message: impl ToString) -> KnowledgeError {
    KnowledgeError { file: file.to_string(), message: message.to_string() }
}

fn read_override(dir: Option<&Path>, name: &str) -> Result<Option<(String, String)>, KnowledgeError> {
    let Some(path) = dir.map(|d| d.join(name)).filter(|p| p.is_file()) else { return Ok(None) };
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(&path).map_err(|e| err(&shown, e))?;
    Ok(Some((text, shown)))
}

pub(crate) fn load_words(dir: Option<&Path>) -> Result<Words, KnowledgeError> {
    let mut w: Words = toml::from_str(WORDS).map_err(|e| err(WORDS_FILE, e))?;
    if let Some((text, shown)) = read_override(dir, WORDS_FILE)? {
        w.extend(toml::from_str(&text).map_err(|e| err(&shown, e))?);
    }
    Ok(w)
}

fn parse_units(text: &str, file: &str, into: &mut BTreeMap<String, UnitRow>) -> Result<(), KnowledgeError> {
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [surface, unit, canonical, factor] = cols[..] else {
            return Err(err(file, format!("line {}: expected 4 tab-separated columns", i + 1)));
        };
        let factor = factor.parse::<f64>().map_err(|e| err(file, format!("line {}: {e}", i + 1)))?;
        into.insert(surface.to_lowercase(), UnitRow { unit: unit.into(), canonical: canonical.into(), factor });
    }
    Ok(())
}

/// Surface form (lower-case) -> unit row.
pub(crate) fn load_units(dir: Option<&Path>) -> Result<BTreeMap<String, UnitRow>, KnowledgeError> {
    let mut units = BTreeMap::new();
    parse_units(UNITS, UNITS_FILE, &mut units)?;
    if let Some((text, shown)) = read_override(dir, UNITS_FILE)? {
        parse_units(&text, &shown, &mut units)?;
    }
    Ok(units)
}

/// Regex alternation of phrases, longest first, spaces matching any run of whitespace.
pub(crate) fn alt<'a>(keys: impl Iterator<Item = &'a String>) -> String {
    let mut v: Vec<String> = keys.map(|k| regex::escape(k).replace(' ', r"\s+")).collect();
    v.sort_by_key(|s| std::cmp::Reverse(s.len()));
    v.dedup();
    v.join("|")
}
