//! Time expressions: detection and normalisation against the publication date.
//!
//! Word tables come from `knowledge/time_words.toml` ([`lexicon`]); one regex per kind of
//! expression is compiled once at load ([`rules`]); each match becomes an [`resolve::Expr`],
//! which [`resolve::resolve`] anchors to `doc.published` (never the clock) using the tense
//! of the surrounding clause ([`tense`]) for weekdays and bare months: "On Friday, Putin will
//! meet" is the coming Friday, "told ... on Tuesday" the past one. Overlapping matches are
//! settled leftmost-longest. Output: `doc.times` with TIMEX3 value, precision, type and rule.

mod lexicon;
mod resolve;
mod rules;
mod tense;

#[cfg(test)]
mod tests;

use std::path::Path;

use jiff::civil::Date;
use sitrep_model::{Document, Span, Time};

use crate::KnowledgeError;
use lexicon::Lexicon;
use resolve::{resolve, Expr};
use rules::{interpret, Kind, Rule};

pub(crate) struct TemporalKnowledge {
    lex: Lexicon,
    rules: Vec<Rule>,
    cues: tense::Cues,
}

impl TemporalKnowledge {
    pub(crate) fn load(dir: Option<&Path>) -> Result<Self, KnowledgeError> {
        let lex = Lexicon::load(dir)?;
        let rules = rules::build(&lex)
            .map_err(|e| KnowledgeError { file: "time_words.toml".into(), message: format!("pattern: {e}") })?;
        let cues = tense::Cues::new(&lex);
        Ok(TemporalKnowledge { lex, rules, cues })
    }
}

/// One accepted match before normalisation.
struct Found {
    span: Span,
    kind: Kind,
    expr: Expr,
}

/// Every time expression in `text`, leftmost-longest, ties to the earlier rule.
fn find(text: &str, k: &TemporalKnowledge) -> Vec<Found> {
    let mut cands: Vec<(usize, Found)> = Vec::new();
    for (order, rule) in k.rules.iter().enumerate() {
        for c in rule.re.captures_iter(text) {
            let Some(m) = c.get(0) else { continue };
            if m.is_empty() {
                continue;
            }
            if let Some(expr) = interpret(rule.kind, &c, text, &k.lex) {
                cands.push((order, Found { span: Span::new(m.start(), m.end()), kind: rule.kind, expr }));
            }
        }
    }
    cands.sort_by_key(|(order, f)| (f.span.start, std::cmp::Reverse(f.span.end), *order));
    let mut out: Vec<Found> = Vec::new();
    for (_, f) in cands {
        if out.last().is_none_or(|l| l.span.end <= f.span.start) {
            out.push(f);
        }
    }
    out
}

/// The reference date: `published` (first ten characters, `YYYY-MM-DD`).
pub(crate) fn reference(doc: &Document) -> Option<Date> {
    doc.published_date().and_then(|d| d.parse::<Date>().ok())
}

/// Trailing sentence punctuation a pattern may have swallowed ("Jan." at a sentence end is fine).
fn trim_span(text: &str, span: Span) -> Span {
    let s = text.get(span.start..span.end).unwrap_or("");
    let t = s.trim_end_matches([' ', ',', '\n']);
    Span::new(span.start, span.start + t.len())
}

pub(crate) fn annotate(doc: &mut Document, k: &TemporalKnowledge) {
    let r = reference(doc);
    let found = find(&doc.text, k);
    let mut times = Vec::with_capacity(found.len());
    for f in found {
        let span = trim_span(&doc.text, f.span);
        let Some(text) = doc.text.get(span.start..span.end) else { continue };
        let t = if needs_tense(&f.expr) { tense::tense_at(&doc.text, &doc.sentences, span, &k.cues) } else { resolve::Tense::Unknown };
        let x = resolve(&f.expr, r, t);
        times.push(Time {
            span,
            text: text.to_string(),
            value: x.value,
            precision: x.precision.to_string(),
            timex_type: x.timex_type.to_string(),
            range: x.range,
            rule: Some(format!("time:{:?}", f.kind).to_lowercase()),
        });
    }
    doc.times = times;
}

fn needs_tense(e: &Expr) -> bool {
    matches!(e, Expr::Weekday { .. } | Expr::Date { year: None, .. } | Expr::Quarter { year: None, year_offset: None, .. } | Expr::Clock { .. })
}
