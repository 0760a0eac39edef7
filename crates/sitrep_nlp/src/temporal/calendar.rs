//! Calendar expressions beyond plain dates, each one table- or pattern-driven: halves of a
//! year ("the second half of 2023"), years in words ("nineteen ninety-six", "the year two
//! thousand"), holidays from `[holidays]` in `time_words.toml` (fixed days, n-th weekdays,
//! Easter-relative days), frequencies on a weekday or month ("every Monday", "each July",
//! "on Mondays"), and anaphoric quarters ("the quarter", "the year-ago period") that take
//! their value from the last quarter named in the document (see [`super::annotate`]).

use jiff::civil::{Date, Weekday};
use regex::Captures;

use super::lexicon::{alternation, Lexicon};
use super::resolve::{Expr, Resolved, Tense};
use super::rules::{Kind, B};

const TENS: &str = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";
const ONES: &str = "one|two|three|four|five|six|seven|eight|nine";

/// The extra patterns, appended after the core ones (later = lower tie priority).
pub(crate) fn specs(lex: &Lexicon, wd: &str, mon: &str) -> Vec<(Kind, String)> {
    let hol = alternation(lex.holidays.keys(), false);
    let year_rel = r"(?:(?P<y>\d{4})\b|(?:the\s+)?(?P<rel>this|last|next|previous|current|same)\s+year\b|the\s+year\b)";
    let mut v = vec![
        (Kind::Half, format!(r"{B}(?:the\s+)?(?:(?P<ry>this|last|next)\s+year's\s+)?(?P<h>first|second|last|latter|1st|2nd)[\s-]+half{B}(?:\s+of\s+(?:fiscal\s+)?{year_rel})?(?:\s+(?P<y2>\d{{4}}){B})?")),
        (Kind::YearWords, format!(r"{B}(?P<the>the\s+year\s+)?(?:(?P<c>nineteen|twenty)[\s-]+(?P<t>(?:{TENS})(?:[\s-]+(?:{ONES}))?|oh[\s-]+(?:{ONES}))|two\s+thousand(?:(?:\s+and)?[\s-]+(?P<r>(?:{TENS})(?:[\s-]+(?:{ONES}))?|{ONES}))?){B}")),
        (Kind::SetDay, format!(r"{B}(?:(?:every|each)\s+(?:(?P<wd>{wd})|(?P<mon>{mon}))|(?-i:(?P<wds>Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays)){B})")),
        (Kind::QuarterRef, format!(r"{B}(?:the|that|same)\s+(?P<adj>(?:(?:latest|same|comparable|most\s+recent|recent|year-ago|year-earlier|year-before|prior-year|year\s+ago|fiscal)\s+)*)(?:(?P<y>\d{{4}})\s+)?(?P<u>quarter|period){B}")),
        (Kind::Anaphor, format!(r"{B}(?:(?:earlier|later)\s+)?(?P<det>that|the\s+same|the\s+following|the\s+next|the\s+previous|the\s+prior|the\s+preceding)\s+(?P<unit>day|week|month|year){B}")),
        (Kind::TheWeekend, format!(r"{B}the\s+weekend{B}")),
        // "for weeks", "within days": an unspecified number of units; the preposition is
        // left out of the span (group `core`).
        (Kind::BareUnits, format!(r"{B}(?:for|within|after|over)\s+(?P<core>(?P<unit>days|weeks|months|years|decades)){B}")),
        (Kind::YearAgoAdj, format!(r"{B}(?P<unit>year|month|week|day)-(?:ago|earlier){B}")),
    ];
    if !hol.is_empty() {
        v.push((Kind::Holiday, format!(r"{B}(?:(?P<shift>last|next|this)\s+)?(?P<h>{hol}){B}(?:,?\s+(?P<y>\d{{4}}){B})?")));
    }
    v
}

fn g<'t>(c: &Captures<'t>, name: &str) -> Option<&'t str> {
    c.name(name).map(|m| m.as_str())
}

fn rel(s: Option<&str>) -> Option<i32> {
    match s?.to_lowercase().as_str() {
        "last" | "previous" => Some(-1),
        "next" => Some(1),
        _ => Some(0),
    }
}

/// Parse a match of one of the kinds above; `None` rejects it.
pub(crate) fn interpret(kind: Kind, c: &Captures, text: &str, lex: &Lexicon) -> Option<Expr> {
    let whole = c.get(0)?;
    let after = text.get(whole.end()..).unwrap_or("");
    Some(match kind {
        Kind::Half => {
            let h = if matches!(g(c, "h")?.to_lowercase().as_str(), "first" | "1st") { 1 } else { 2 };
            let year = g(c, "y").or_else(|| g(c, "y2")).and_then(|y| y.parse().ok());
            let year_offset = rel(g(c, "rel")).or_else(|| rel(g(c, "ry")));
            let the_year = whole.as_str().to_lowercase().ends_with("the year");
            // "the first half" alone is as often a match or a film as a half-year.
            if year.is_none() && year_offset.is_none() && !the_year {
                return None;
            }
            Expr::Half { h, year, year_offset: year_offset.or(the_year.then_some(0)) }
        }
        Kind::YearWords => {
            let y = if let Some(cent) = g(c, "c") {
                let t = g(c, "t")?.to_lowercase();
                let t = t.trim_start_matches("oh").trim_start_matches(['-', ' ']);
                lex.number(cent)?? * 100.0 + lex.number(t)??
            } else {
                let rest = g(c, "r").map_or(Some(0.0), |r| lex.number(r).flatten())?;
                // A bare "two thousand" is a count unless it is named as a year.
                if rest == 0.0 && g(c, "the").is_none() {
                    return None;
                }
                2000.0 + rest
            };
            let next = after.trim_start().split(|ch: char| !ch.is_alphabetic()).next().unwrap_or("").to_lowercase();
            if g(c, "the").is_none() && super::rules::COUNT_NOUNS.contains(&next.as_str()) {
                return None;
            }
            Expr::Year(y as i32)
        }
        Kind::SetDay => {
            let v = if let Some(w) = g(c, "wd") {
                format!("XXXX-WXX-{}", lex.weekday(w)?)
            } else if let Some(m) = g(c, "mon") {
                format!("XXXX-{:02}", lex.month(m)?)
            } else {
                let w = g(c, "wds")?;
                format!("XXXX-WXX-{}", lex.weekday(w.strip_suffix('s')?)?)
            };
            Expr::Set(v)
        }
        Kind::QuarterRef => {
            let adj = g(c, "adj").unwrap_or("").to_lowercase();
            let period = g(c, "u")?.eq_ignore_ascii_case("period");
            // "the quarter of the population" is a fraction; a bare "the period" is anything.
            if after.trim_start().starts_with("of ") || after.starts_with(['-', '\'']) || (period && adj.trim().is_empty() && c.name("y").is_none()) {
                return None;
            }
            let back = ["year-ago", "year-earlier", "year-before", "prior-year", "year ago"].iter().any(|w| adj.contains(w));
            // "the quarter ended Sept. 30" names its quarter by its last month.
            let ended = after.trim_start().strip_prefix("ended ").or_else(|| after.trim_start().strip_prefix("ending "));
            let end_month = ended.and_then(|a| a.split(|ch: char| !(ch.is_alphabetic() || ch == '.')).next()).and_then(|m| lex.month(m));
            Expr::QuarterRef {
                year_offset: if back { -1 } else { 0 },
                year: g(c, "y").and_then(|y| y.parse().ok()),
                end_month: end_month.filter(|_| !period),
                latest: adj.contains("latest") || adj.contains("recent"),
            }
        }
        Kind::TheWeekend => Expr::Weekend { offset: i32::MIN },
        Kind::Anaphor => {
            let det = g(c, "det")?.to_lowercase();
            let offset = if det.ends_with("following") || det.ends_with("next") {
                1
            } else if det.ends_with("previous") || det.ends_with("prior") || det.ends_with("preceding") {
                -1
            } else {
                0
            };
            // "that day of ..." or "the next day's" are fine; "the same day care" is rare.
            Expr::Anaphor { unit: super::resolve::Unit::from_code(lex.units.get(&g(c, "unit")?.to_lowercase())?)?, offset }
        }
        Kind::BareUnits => {
            // "for years to come" and "over years of" are fine; "for days on end" too. A
            // following digit or "of" makes it a count ("for weeks of talks" is still a span).
            if after.trim_start().starts_with(|ch: char| ch.is_ascii_digit()) {
                return None;
            }
            Expr::Duration { n: None, unit: super::resolve::Unit::from_code(lex.units.get(&g(c, "unit")?.to_lowercase())?)? }
        }
        Kind::YearAgoAdj => Expr::Shifted { n: Some(1.0), unit: super::resolve::Unit::from_code(lex.units.get(&g(c, "unit")?.to_lowercase())?)?, sign: -1 },
        Kind::Holiday => {
            let spec = lex.holidays.get(&g(c, "h")?.to_lowercase())?.clone();
            let year = g(c, "y").and_then(|y| y.parse().ok());
            Expr::Holiday { spec, year, shift: rel(g(c, "shift")).unwrap_or(0) }
        }
        _ => return None,
    })
}

/// The date of a holiday `spec` in year `y`: "MM-DD", "MM/N/WD" (N-th weekday, -1 the
/// last) or "EASTER+N" / "EASTER-N" (days from Western Easter Sunday).
pub(crate) fn holiday_in(spec: &str, y: i16) -> Option<Date> {
    if let Some(off) = spec.strip_prefix("EASTER") {
        let n: i64 = if off.is_empty() { 0 } else { off.trim_start_matches('+').parse().ok()? };
        return easter(y)?.checked_add(jiff::Span::new().days(n)).ok();
    }
    if let Some((m, rest)) = spec.split_once('/') {
        let (n, wd) = rest.split_once('/')?;
        let (m, n, wd): (i8, i8, i8) = (m.parse().ok()?, n.parse().ok()?, wd.parse().ok()?);
        let wd = Weekday::from_monday_one_offset(wd).ok()?;
        return Date::new(y, m, 1).ok()?.nth_weekday_of_month(n, wd).ok();
    }
    let (m, d) = spec.split_once('-')?;
    Date::new(y, m.parse().ok()?, d.parse().ok()?).ok()
}

/// Western Easter Sunday (anonymous Gregorian algorithm).
fn easter(y: i16) -> Option<Date> {
    let y32 = i32::from(y);
    let (a, b, c) = (y32 % 19, y32 / 100, y32 % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(y, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// A holiday against the reference: explicit year, else shift, else the tense.
pub(crate) fn resolve_holiday(spec: &str, year: Option<i32>, shift: i32, r: Option<Date>, tense: Tense) -> Resolved {
    let fmt = |d: Date| format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
    let pick = || -> Option<Date> {
        if let Some(y) = year {
            return holiday_in(spec, i16::try_from(y).ok()?);
        }
        let r = r?;
        let cands: Vec<Date> = [-1i16, 0, 1].iter().filter_map(|o| holiday_in(spec, r.year().checked_add(*o)?)).collect();
        let past = cands.iter().rev().find(|d| **d <= r).copied();
        let strictly_past = cands.iter().rev().find(|d| **d < r).copied();
        let future = cands.iter().find(|d| **d >= r).copied();
        let strictly_future = cands.iter().find(|d| **d > r).copied();
        match (shift, tense) {
            (-1, _) => strictly_past,
            (1, _) => strictly_future,
            (_, Tense::Past) => past,
            (_, Tense::Future) => future,
            _ => cands.into_iter().min_by_key(|d| d.since(r).map_or(i64::MAX, |s| i64::from(s.get_days()).abs())),
        }
    };
    let value = pick().filter(|d| (1..=9999).contains(&d.year())).map_or_else(|| "XXXX-XX-XX".to_string(), fmt);
    Resolved { value, precision: "day", timex_type: "DATE", range: None }
}
