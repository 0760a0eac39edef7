//! Shared text helpers: word boundaries, dictionary matching with boundaries enforced,
//! capitalised-word tokens. All offsets are bytes into the document text.

use aho_corasick::AhoCorasick;

/// A dictionary hit: byte span and pattern index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// True when `start..end` is not glued to letters or digits on either side.
pub(crate) fn at_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back().is_none_or(|c| !is_word(c));
    let after = text[end..].chars().next().is_none_or(|c| !is_word(c));
    // A match ending in '.' ("U.S.") may be followed by anything; one starting a word must not
    // continue a word.
    before && after
}

/// Leftmost-longest non-overlapping hits that sit on word boundaries (the automaton must be
/// built with `MatchKind::LeftmostLongest`). When the longest match at a position fails the
/// boundary test, the search resumes one character later, so "Parisian" yields nothing and
/// the scan stays linear.
pub(crate) fn longest_hits(ac: &AhoCorasick, text: &str) -> Vec<Hit> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let Some(m) = ac.find(aho_corasick::Input::new(text).span(pos..text.len())) else { break };
        let ok = text.is_char_boundary(m.start()) && text.is_char_boundary(m.end()) && at_boundaries(text, m.start(), m.end());
        if ok && m.end() > m.start() {
            out.push(Hit { start: m.start(), end: m.end(), pattern: m.pattern().as_usize() });
            pos = m.end();
        } else {
            let step = text[m.start()..].chars().next().map_or(1, char::len_utf8);
            pos = m.start() + step;
            while pos < text.len() && !text.is_char_boundary(pos) {
                pos += 1;
            }
        }
    }
    out
}

/// The word ending right before `pos` (skipping spaces), as (start, word).
pub(crate) fn prev_word(text: &str, pos: usize) -> Option<(usize, &str)> {
    let head = text[..pos].trim_end_matches([' ', '\t']);
    let end = head.len();
    let start = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '.' || *c == '-')
        .last()
        .map(|(i, _)| i)?;
    Some((start, &text[start..end]))
}

/// The word starting after `pos` (skipping spaces), as (start, end).
pub(crate) fn next_word(text: &str, pos: usize) -> Option<(usize, usize)> {
    let rest = &text[pos..];
    let skip = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let start = pos + skip;
    let len: usize = text[start..]
        .char_indices()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '-' || *c == '\'' || *c == '’')
        .map(|(i, c)| i + c.len_utf8())
        .last()?;
    Some((start, start + len))
}

/// If `text[pos..]` starts with a possessive `'s` / `’s`, its end.
pub(crate) fn possessive(text: &str, pos: usize) -> Option<usize> {
    for p in ["'s", "’s"] {
        // Only the end is a boundary: the possessive is glued to its word by definition.
        let end = pos + p.len();
        if text[pos..].starts_with(p) && text[end..].chars().next().is_none_or(|c| !is_word(c)) {
            return Some(pos + p.len());
        }
    }
    None
}

/// Skip spaces (not newlines) from `pos`.
pub(crate) fn skip_spaces(text: &str, pos: usize) -> usize {
    let rest = &text[pos..];
    pos + (rest.len() - rest.trim_start_matches([' ', '\t']).len())
}

/// True for a capitalised word that can be part of a person's name.
pub(crate) fn is_name_word(w: &str) -> bool {
    let mut chars = w.chars();
    let Some(first) = chars.next() else { return false };
    first.is_uppercase()
        && w.chars().count() >= 2
        && w.chars().any(|c| c.is_lowercase())
        && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
        && !STOP_CAPS.contains(&w)
}

/// Capitalised words that start sentences or name dates, never names.
pub(crate) const STOP_CAPS: &[&str] = &[
    "The", "A", "An", "On", "In", "At", "For", "From", "By", "With", "And", "But", "Or", "Of",
    "To", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "I", "His", "Her",
    "Their", "Its", "Our", "My", "Your", "You", "According", "After", "Before", "When", "While",
    "As", "If", "Both", "Some", "Many", "More", "Most", "All", "Any", "No", "Not", "Yes", "So",
    "Then", "There", "Here", "What", "Who", "Why", "How", "Where", "Which", "Also", "Under",
    "Over", "Since", "Until", "During", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December", "Mr", "Mrs", "Ms", "Dr", "Sir",
    "President", "Minister", "General", "Leader", "Chief", "Secretary", "Prime", "Defense",
    "Defence", "Foreign", "Officials", "Police", "Army", "Government", "State", "Ministry",
];

