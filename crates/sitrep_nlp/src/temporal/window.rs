//! Where to look: every time pattern needs at least one anchor (a digit, or a word from the
//! tables: month, weekday, unit, season, part of day, reference, frequency, holiday, or one
//! of a few fixed words), so one Aho-Corasick pass finds the anchors and the regexes run
//! only on windows around them. Windows reach [`REACH`] bytes either side (enough for
//! "more than a couple of years ago" left of "years"), are widened to whitespace so that
//! word boundaries and the context read by `interpret` are the same as in the whole text,
//! and overlapping windows are merged. Each window also records which classes of anchor it
//! holds, and a rule runs on it only if the window holds a class the rule cannot match
//! without ([`needs`]): a window around a bare number never runs the weekday rules.

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::lexicon::Lexicon;
use super::rules::Kind;

const DIGIT: u16 = 1;
const MONTH: u16 = 2;
const WEEKDAY: u16 = 4;
const UNIT: u16 = 8;
const SEASON: u16 = 16;
const POD: u16 = 32;
const REF: u16 = 64;
const SET: u16 = 128;
const HOLIDAY: u16 = 256;
const WORD: u16 = 512;

/// The anchor classes of which every match of `kind` contains at least one.
pub(crate) fn needs(kind: Kind) -> u16 {
    match kind {
        Kind::Iso | Kind::Clock | Kind::QuarterShort | Kind::Decade | Kind::Year => DIGIT,
        Kind::MonthDay | Kind::DayMonth | Kind::MonthYear => MONTH,
        Kind::ClockWord | Kind::Quarter | Kind::Century | Kind::RelDay | Kind::Half | Kind::YearWords | Kind::QuarterRef => WORD,
        Kind::PastN | Kind::Ago | Kind::AgoBare | Kind::Fuzzy | Kind::SetEvery | Kind::Duration | Kind::YearAgoAdj | Kind::BareUnits | Kind::Anaphor => UNIT,
        Kind::TheWeekend => WORD,
        Kind::Deictic => UNIT | WORD,
        Kind::Reference => REF,
        Kind::Set => SET,
        Kind::RelPart => POD,
        Kind::Weekday => WEEKDAY,
        Kind::SetDay => WEEKDAY | MONTH,
        Kind::Season => SEASON,
        Kind::Holiday => HOLIDAY,
    }
}

const REACH: usize = 72;

/// Anchor words that are not table keys (see each pattern in `rules` and `calendar`).
const FIXED: &[&str] = &[
    "today", "tonight", "yesterday", "tomorrow", "noon", "midnight", "midday", "quarter", "century", "decade", "weekend",
    "half", "nineteen", "twenty", "thousand", "period", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
];

pub(crate) struct Anchors {
    ac: AhoCorasick,
    /// Anchor classes of each automaton pattern.
    class: Vec<u16>,
}

impl Anchors {
    pub(crate) fn new(lex: &Lexicon) -> Result<Self, aho_corasick::BuildError> {
        let mut classes: BTreeMap<String, u16> = BTreeMap::new();
        let mut add = |keys: &mut dyn Iterator<Item = &String>, c: u16| {
            for k in keys {
                // A multi-word key is anchored by its last word ("the past" by "past"), which
                // keeps the automaton small; the window covers the rest.
                if let Some(w) = k.split_whitespace().last().map(|l| l.trim_end_matches('.').to_lowercase()).filter(|w| !w.is_empty()) {
                    *classes.entry(w).or_default() |= c;
                }
            }
        };
        let fixed: Vec<String> = FIXED.iter().map(|w| w.to_string()).collect();
        add(&mut fixed.iter().filter(|w| !w.as_bytes()[0].is_ascii_digit()), WORD);
        add(&mut fixed.iter().filter(|w| w.as_bytes()[0].is_ascii_digit()), DIGIT);
        add(&mut lex.units.keys(), UNIT);
        add(&mut lex.seasons.keys(), SEASON);
        add(&mut lex.parts_of_day.keys(), POD);
        add(&mut lex.references.keys(), REF);
        add(&mut lex.sets.keys(), SET);
        add(&mut lex.holidays.keys(), HOLIDAY);
        add(&mut lex.months.keys(), MONTH);
        add(&mut lex.weekdays.keys(), WEEKDAY);
        let (words, class): (Vec<String>, Vec<u16>) = classes.into_iter().unzip();
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&words)?;
        Ok(Anchors { ac, class })
    }

    /// Byte ranges of `text` to search with the anchor classes in each, sorted, disjoint,
    /// on whitespace or text ends.
    pub(crate) fn windows(&self, text: &str) -> Vec<(usize, usize, u16)> {
        let bytes = text.as_bytes();
        let mut out: Vec<(usize, usize, u16)> = Vec::new();
        for m in self.ac.find_iter(text) {
            let c = self.class.get(m.pattern().as_usize()).copied().unwrap_or(u16::MAX);
            let lo = m.start().saturating_sub(REACH);
            if out.last().is_some_and(|l| lo <= l.1) {
                // Overlaps the previous window: extend it.
                let hi = widen_right(bytes, (m.end() + REACH).min(bytes.len()));
                if let Some(l) = out.last_mut() {
                    l.1 = l.1.max(hi);
                    l.2 |= c;
                }
                continue;
            }
            let lo = widen_left(bytes, lo);
            let hi = widen_right(bytes, (m.end() + REACH).min(bytes.len()));
            match out.last_mut() {
                Some(l) if lo <= l.1 => {
                    l.1 = l.1.max(hi);
                    l.2 |= c;
                }
                _ => out.push((lo, hi, c)),
            }
        }
        out
    }
}

/// Move left to just after an ASCII whitespace byte (or to 0): always a char boundary.
fn widen_left(b: &[u8], mut i: usize) -> usize {
    while i > 0 && !b[i - 1].is_ascii_whitespace() {
        i -= 1;
    }
    i
}

/// Move right to an ASCII whitespace byte (or the end): always a char boundary.
fn widen_right(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && !b[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}
