//! Tense cues: the nearest past- or future-marking word in the expression's clause decides
//! which way a weekday or a bare month points.

use std::collections::HashSet;

use sitrep_model::Span;

use super::lexicon::Lexicon;
use super::resolve::Tense;

pub(crate) struct Cues {
    future: HashSet<String>,
    past: HashSet<String>,
    not_past: HashSet<String>,
}

impl Cues {
    pub(crate) fn new(lex: &Lexicon) -> Self {
        let set = |v: &Vec<String>| v.iter().cloned().collect::<HashSet<_>>();
        Cues { future: set(&lex.cues.future), past: set(&lex.cues.past), not_past: set(&lex.cues.not_past) }
    }

    fn classify(&self, w: &str) -> Option<Tense> {
        if self.future.contains(w) || w.ends_with("'ll") || w.ends_with("’ll") {
            Some(Tense::Future)
        } else if self.past.contains(w) || (w.len() >= 4 && w.ends_with("ed") && !self.not_past.contains(w)) {
            Some(Tense::Past)
        } else {
            None
        }
    }
}

const WINDOW: usize = 240;

/// The clause around `span`: its sentence when sentences are known, else up to the nearest
/// sentence punctuation or line break within a window.
fn clause(text: &str, sentences: &[Span], span: Span) -> (usize, usize) {
    if let Some(s) = sentences.iter().find(|s| s.start <= span.start && span.end <= s.end) {
        return (s.start, s.end);
    }
    let mut lo = span.start.saturating_sub(WINDOW);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (span.end + WINDOW).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let before = text.get(lo..span.start).unwrap_or("");
    let start = before.rfind(['.', '!', '?', '\n']).map_or(lo, |i| lo + i + 1);
    let after = text.get(span.end..hi).unwrap_or("");
    let end = after.find(['.', '!', '?', '\n']).map_or(hi, |i| span.end + i);
    (start, end)
}

/// How far (bytes) a cue on the left may be and still win over a nearer one on the right:
/// the verb before a time phrase usually governs it ("will meet Bush on Thursday in
/// Kennebunkport"), while words after it belong to the next phrase ("untouched by").
const LEFT_REACH: usize = 80;

/// Tense of the clause around `span`: the nearest cue on its left within reach, else the
/// nearest cue on either side.
pub(crate) fn tense_at(text: &str, sentences: &[Span], span: Span, cues: &Cues) -> Tense {
    let (start, end) = clause(text, sentences, span);
    let nearest = |piece: &str, base: usize| {
        let mut best: Option<(usize, Tense)> = None;
        for (off, w) in words(piece) {
            let at = base + off;
            let dist = if at < span.start { span.start - at } else { at.saturating_sub(span.end) };
            if let Some(t) = cues.classify(&w.to_lowercase()) {
                if best.is_none_or(|(d, _)| dist < d) {
                    best = Some((dist, t));
                }
            }
        }
        best
    };
    let left = nearest(text.get(start..span.start).unwrap_or(""), start);
    let right = nearest(text.get(span.end..end.max(span.end)).unwrap_or(""), span.end);
    let pick = match (left, right) {
        (Some(l), _) if l.0 <= LEFT_REACH => Some(l),
        (Some(l), Some(r)) => Some(if r.0 < l.0 { r } else { l }),
        (l, r) => l.or(r),
    };
    pick.map_or(Tense::Unknown, |(_, t)| t)
}

/// Words (letters and inner apostrophes) with their byte offsets.
fn words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split_inclusive(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .scan(0usize, |pos, piece| {
            let at = *pos;
            *pos += piece.len();
            let w = piece.trim_end_matches(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'));
            Some((at, w))
        })
        .filter(|(_, w)| !w.is_empty())
}
