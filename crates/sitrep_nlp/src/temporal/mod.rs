//! Time expressions: detection and normalisation against the publication date.
//!
//! Word tables come from `knowledge/time_words.toml` ([`lexicon`]); one regex per kind of
//! expression is compiled once at load ([`rules`]); each match becomes an [`resolve::Expr`],
//! which [`resolve::resolve`] anchors to `doc.published` (never the clock) using the tense
//! of the surrounding clause ([`tense`]) for weekdays and bare months: "On Friday, Putin will
//! meet" is the coming Friday, "told ... on Tuesday" the past one. Overlapping matches are
//! settled leftmost-longest. Output: `doc.times` with TIMEX3 value, precision, type and rule.

mod calendar;
mod lexicon;
mod resolve;
mod rules;
mod tense;
mod window;

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
    anchors: window::Anchors,
}

impl TemporalKnowledge {
    pub(crate) fn load(dir: Option<&Path>) -> Result<Self, KnowledgeError> {
        let lex = Lexicon::load(dir)?;
        let rules = rules::build(&lex)
            .map_err(|e| KnowledgeError { file: "time_words.toml".into(), message: format!("pattern: {e}") })?;
        let cues = tense::Cues::new(&lex);
        let anchors = window::Anchors::new(&lex)
            .map_err(|e| KnowledgeError { file: "time_words.toml".into(), message: format!("anchor words: {e}") })?;
        Ok(TemporalKnowledge { lex, rules, cues, anchors })
    }
}

/// One accepted match before normalisation.
struct Found {
    span: Span,
    kind: Kind,
    expr: Expr,
}

/// Every time expression in `text`, leftmost-longest, ties to the earlier rule. The rules
/// run only on windows around anchor words ([`window`]), not over the whole text.
fn find(text: &str, k: &TemporalKnowledge) -> Vec<Found> {
    let mut cands: Vec<(usize, Found)> = Vec::new();
    for (ws, we, classes) in k.anchors.windows(text) {
        let Some(piece) = text.get(ws..we) else { continue };
        for (order, rule) in k.rules.iter().enumerate().filter(|(_, r)| window::needs(r.kind) & classes != 0) {
            for c in rule.re.captures_iter(piece) {
                let Some(m) = c.name("core").or_else(|| c.get(0)) else { continue };
                if m.is_empty() {
                    continue;
                }
                if let Some(expr) = interpret(rule.kind, &c, piece, &k.lex) {
                    cands.push((order, Found { span: Span::new(ws + m.start(), ws + m.end()), kind: rule.kind, expr }));
                }
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
    // The last quarter named ("1989-Q3"): "the quarter" and, in a quarterly report, "a year
    // earlier" are read against it, as an analyst reads an earnings story.
    let mut last_quarter: Option<(i32, u8)> = None;
    // The last calendar point the story named (a date, month or year), for "that day",
    // "the following year".
    let mut last_point: Option<(Date, u8)> = None;
    for f in found {
        let span = trim_span(&doc.text, f.span);
        let Some(text) = doc.text.get(span.start..span.end) else { continue };
        let t = if needs_tense(&f.expr) { tense::tense_at(&doc.text, &doc.sentences, span, &k.cues) } else { resolve::Tense::Unknown };
        let anchor = match &f.expr {
            // "that day" needs a day named before it, "that month" a month: a year alone
            // cannot say which day.
            Expr::Anaphor { unit, .. } => match last_point {
                Some((d, level)) if level >= anaphor_level(*unit) => Some(d),
                Some(_) => continue,
                None => r,
            },
            _ => r,
        };
        let mut x = resolve(&f.expr, anchor, t);
        let quarter = |y: i32, q: i32| format!("{:04}-Q{q}", y.clamp(1, 9999));
        match (&f.expr, last_quarter, r) {
            (Expr::QuarterRef { end_month: Some(m), .. }, _, Some(r)) => {
                let y = i32::from(r.year()) - i32::from(*m > r.month() as u8);
                x.value = quarter(y, (i32::from(*m) - 1) / 3 + 1);
            }
            // The latest quarter reported is the one before the publication's.
            (Expr::QuarterRef { latest: true, year: None, year_offset: 0, .. }, _, Some(r)) => {
                let q = (i32::from(r.month()) - 1) / 3;
                x.value = if q == 0 { quarter(i32::from(r.year()) - 1, 4) } else { quarter(i32::from(r.year()), q) };
            }
            (Expr::QuarterRef { year: Some(y), .. }, Some((_, q)), _) => x.value = quarter(*y, i32::from(q)),
            (Expr::QuarterRef { year: Some(y), .. }, None, _) => (x.value, x.precision) = (format!("{y:04}"), "year"),
            (Expr::QuarterRef { .. }, None, _) => continue,
            (Expr::QuarterRef { year_offset, .. }, Some((y, q)), _) => x.value = quarter(y + year_offset, i32::from(q)),
            (Expr::Shifted { n: Some(n), unit: resolve::Unit::Year, sign: -1 }, Some((y, q)), _) if *n == 1.0 => {
                x.value = quarter(y - 1, i32::from(q));
                x.precision = "quarter";
            }
            _ => {}
        }
        if !matches!(f.expr, Expr::Duration { .. } | Expr::Set(_) | Expr::Ref(_) | Expr::Fuzzy { .. }) {
            if let Some(d) = point_value(&x.value) {
                last_point = Some(d);
            }
        }
        // Only a quarter named outright becomes the anchor; "a year earlier" and "the year-ago
        // quarter" derive from it and must not move it.
        let named = matches!(f.expr, Expr::Quarter { year_offset: None | Some(0..), .. } | Expr::Deictic { unit: resolve::Unit::Quarter, .. } | Expr::QuarterRef { year_offset: 0, year: None, .. });
        if let Some(q) = quarter_value(&x.value).filter(|_| named) {
            last_quarter = Some(q);
        }
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

/// How fine an anchor "that <unit>" needs: 3 a day, 2 a month, 1 a year.
fn anaphor_level(u: resolve::Unit) -> u8 {
    match u {
        resolve::Unit::Year | resolve::Unit::Decade | resolve::Unit::Century | resolve::Unit::Quarter => 1,
        resolve::Unit::Month => 2,
        _ => 3,
    }
}

/// The first day of a value "YYYY-MM-DD...", "YYYY-MM" or "YYYY", with its level (3 day,
/// 2 month, 1 year).
fn point_value(v: &str) -> Option<(Date, u8)> {
    let y: i16 = v.get(..4)?.parse().ok()?;
    let rest = v.get(4..).unwrap_or("");
    let m: i8 = if rest.len() >= 3 && rest.starts_with('-') { rest.get(1..3)?.parse().ok()? } else if rest.is_empty() { 1 } else { return None };
    let d: Option<i8> = if rest.len() >= 6 && rest.get(3..4) == Some("-") { Some(rest.get(4..6)?.parse().ok()?) } else { None };
    let level = if d.is_some() { 3 } else if rest.is_empty() { 1 } else { 2 };
    Some((Date::new(y, m, d.unwrap_or(1)).ok()?, level))
}

/// `(year, quarter)` of a value like "1989-Q3".
fn quarter_value(v: &str) -> Option<(i32, u8)> {
    let (y, q) = v.split_once("-Q")?;
    let q: u8 = q.parse().ok()?;
    (y.len() == 4 && (1..=4).contains(&q)).then_some(())?;
    Some((y.parse().ok()?, q))
}

fn needs_tense(e: &Expr) -> bool {
    matches!(e, Expr::Weekday { .. } | Expr::Weekend { offset: i32::MIN } | Expr::Holiday { year: None, .. } | Expr::Date { year: None, .. } | Expr::Quarter { year: None, year_offset: None, .. } | Expr::Clock { .. })
}
