//! Normalisation: a parsed time expression ([`Expr`]) plus the reference date (the
//! publication date) and the tense of its sentence become a TIMEX3-style value. Pure and
//! total: every input yields a value, with `X` placeholders when the reference is unknown
//! or the arithmetic leaves years 1-9999.
//!
//! Here: the anchoring itself ([`resolve`]) and the calendar helpers it shares with `units`;
//! `expr` holds what the rules parse into ([`Expr`], [`Unit`], [`Tense`]), `units` the
//! arithmetic on whole units (the week or quarter around a date, fuzzy ranges, durations).

mod expr;
mod units;

pub(crate) use expr::{Expr, Tense, Unit};
pub(crate) use units::duration;
use units::{deictic, fuzzy};

use jiff::civil::Date;
use jiff::ToSpan;

/// A normalised time: TIMEX3 value, precision, type and range for fuzzy expressions.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Resolved {
    pub value: String,
    pub precision: &'static str,
    pub timex_type: &'static str,
    pub range: Option<[String; 2]>,
}

fn res(value: String, precision: &'static str) -> Resolved {
    Resolved { value, precision, timex_type: "DATE", range: None }
}

fn valid_year(y: i32) -> bool {
    (1..=9999).contains(&y)
}

fn fmt_day(d: Date) -> Option<String> {
    valid_year(i32::from(d.year())).then(|| format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()))
}

fn fmt_week(d: Date) -> Option<String> {
    let w = d.iso_week_date();
    valid_year(i32::from(w.year())).then(|| format!("{:04}-W{:02}", w.year(), w.week()))
}

fn fmt_month(y: i32, m: i32) -> Option<String> {
    let (y, m) = (y + (m - 1).div_euclid(12), (m - 1).rem_euclid(12) + 1);
    valid_year(y).then(|| format!("{y:04}-{m:02}"))
}

fn fmt_year(y: i32) -> Option<String> {
    valid_year(y).then(|| format!("{y:04}"))
}

fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(n.days()).ok()
}

/// The unknown form of a value at a precision, used when there is no usable reference.
fn unknown(precision: &'static str) -> String {
    match precision {
        "week" => "XXXX-WXX".into(),
        "month" => "XXXX-XX".into(),
        "quarter" => "XXXX-QX".into(),
        "year" => "XXXX".into(),
        "decade" => "XXX".into(),
        "century" => "XX".into(),
        "time" => "XXXX-XX-XXTXX:XX".into(),
        _ => "XXXX-XX-XX".into(),
    }
}

fn or_unknown(v: Option<String>, precision: &'static str) -> Resolved {
    res(v.unwrap_or_else(|| unknown(precision)), precision)
}

/// Year of a month(-day) without a year: the nearest one in the direction of the tense.
fn infer_year(r: Date, month: u8, day: Option<u8>, tense: Tense) -> i32 {
    let y = i32::from(r.year());
    let here = (i32::from(r.month()), i32::from(r.day()));
    let there = (i32::from(month), day.map_or(0, i32::from));
    if let Some(d) = day {
        // A full date without a year: in a past clause the latest such date not after the
        // reference (unless only a season ahead: "said the vote is Dec. 5"), in a future clause
        // the next one, else the closest either side.
        let dist = |y: i32| -> i64 {
            let cand = i16::try_from(y).ok().and_then(|yy| Date::new(yy, month as i8, d as i8).ok());
            cand.and_then(|c| c.since(r).ok()).map_or(i64::MAX, |s| i64::from(s.get_days()))
        };
        let closest = [y, y - 1, y + 1].into_iter().min_by_key(|y| dist(*y).abs()).unwrap_or(y);
        return match tense {
            Tense::Past if dist(closest) > 100 => closest - 1,
            Tense::Future if dist(closest) < -100 => closest + 1,
            _ => closest,
        };
    }
    match tense {
        // A past clause about a month just ahead is mostly an announcement of it ("gave them
        // until mid-November", "told of a cutback in September").
        Tense::Past if there.0 > here.0 + 2 => y - 1,
        Tense::Future if there.0 < here.0 => y + 1,
        // News mostly reports the past: without a cue, a month far ahead is last year's.
        Tense::Unknown if there.0 - here.0 > 6 => y - 1,
        _ => y,
    }
}

/// Resolve `e` against the reference date `r` (None: publication date unknown).
pub(crate) fn resolve(e: &Expr, r: Option<Date>, tense: Tense) -> Resolved {
    match e {
        Expr::Date { year, month, day } => {
            let y = year.or_else(|| r.map(|r| infer_year(r, *month, *day, tense)));
            match (y, day) {
                (Some(y), Some(d)) => {
                    let date = i16::try_from(y).ok().and_then(|y| Date::new(y, *month as i8, *d as i8).ok());
                    or_unknown(date.and_then(fmt_day), "day")
                }
                (Some(y), None) => or_unknown(fmt_month(y, i32::from(*month)), "month"),
                (None, Some(d)) => res(format!("XXXX-{month:02}-{d:02}"), "day"),
                (None, None) => res(format!("XXXX-{month:02}"), "month"),
            }
        }
        Expr::MonthRel { month, year_offset } => {
            let y = r.map(|r| i32::from(r.year()) + year_offset);
            or_unknown(y.and_then(|y| fmt_month(y, i32::from(*month))), "month")
        }
        Expr::MonthShift { month, shift } => {
            let t = match shift { -1 => Tense::Past, 1 => Tense::Future, _ => Tense::Unknown };
            let y = r.map(|r| {
                let y = i32::from(r.year());
                match t {
                    // "last February" said in March is a year back; "last June" in October is not.
                    Tense::Past if i32::from(*month) + 1 >= i32::from(r.month()) => y - 1,
                    Tense::Future if *month <= r.month() as u8 => y + 1,
                    _ => y,
                }
            });
            or_unknown(y.and_then(|y| fmt_month(y, i32::from(*month))), "month")
        }
        Expr::Year(y) => or_unknown(fmt_year(*y), "year"),
        Expr::Decade(d) => res(if (0..=999).contains(d) { format!("{d:03}") } else { unknown("decade") }, "decade"),
        Expr::Century(c) => res(if (0..=99).contains(c) { format!("{c:02}") } else { unknown("century") }, "century"),
        Expr::Weekday { weekday, shift, part } => {
            let day = r.and_then(|r| weekday_date(r, *weekday, *shift, tense));
            with_part(or_unknown(day.and_then(fmt_day), "day"), part)
        }
        Expr::RelDay { days, part } => {
            let day = r.and_then(|r| add_days(r, i64::from(*days)));
            with_part(or_unknown(day.and_then(fmt_day), "day"), part)
        }
        Expr::Deictic { unit, offset } => deictic(r, *unit, i64::from(*offset)),
        Expr::Shifted { n: None, sign, unit } => fuzzy(r, *unit, *sign),
        Expr::Shifted { n: Some(n), unit, sign } => {
            let n = (n.round() as i64).clamp(0, 100_000) * i64::from(*sign);
            match unit {
                Unit::Minute | Unit::Hour => or_unknown(r.and_then(fmt_day), "day"),
                Unit::Day => or_unknown(r.and_then(|r| add_days(r, n)).and_then(fmt_day), "day"),
                Unit::Fortnight => deictic(r, Unit::Week, 2 * n),
                u => deictic(r, *u, n),
            }
        }
        Expr::Duration { n, unit } => Resolved {
            value: duration(*n, *unit),
            precision: "duration",
            timex_type: "DURATION",
            range: None,
        },
        Expr::Ref(v) => res(v.clone(), "fuzzy"),
        Expr::Fuzzy { unit, sign } => fuzzy(r, *unit, *sign),
        Expr::Quarter { q, year, year_offset } => {
            let y = year.or_else(|| {
                r.map(|r| {
                    let ry = i32::from(r.year());
                    match year_offset {
                        Some(o) => ry + o,
                        None if tense != Tense::Future && i32::from(*q) > quarter_of(r) => ry - 1,
                        None => ry,
                    }
                })
            });
            or_unknown(y.and_then(fmt_year).map(|y| format!("{y}-Q{q}")), "quarter")
        }
        Expr::Season { code, year, offset } => {
            let y = year.or_else(|| r.map(|r| season_year(r, code, offset.unwrap_or(0))));
            let v = y.and_then(fmt_year).map_or_else(|| format!("XXXX-{code}"), |y| format!("{y}-{code}"));
            res(v, "season")
        }
        Expr::Weekend { offset: i32::MIN } => {
            let sat = r.and_then(|r| weekday_date(r, 6, 0, if tense == Tense::Future { Tense::Future } else { Tense::Past }));
            let w = sat.and_then(fmt_week);
            res(w.map_or_else(|| "XXXX-WXX-WE".into(), |w| format!("{w}-WE")), "week")
        }
        Expr::Weekend { offset } => {
            let w = r.and_then(|r| add_days(r, 7 * i64::from(*offset))).and_then(fmt_week);
            res(w.map_or_else(|| "XXXX-WXX-WE".into(), |w| format!("{w}-WE")), "week")
        }
        Expr::Clock { hour, minute, day } => {
            let d = match day {
                Some(e) => resolve(e, r, tense).value,
                None => r.and_then(fmt_day).unwrap_or_else(|| unknown("day")),
            };
            let d: String = d.chars().take(10).collect();
            let d = if d.len() == 10 { d } else { unknown("day") };
            Resolved { value: format!("{d}T{hour:02}:{minute:02}"), precision: "time", timex_type: "TIME", range: None }
        }
        Expr::Set(v) => Resolved { value: v.clone(), precision: "duration", timex_type: "SET", range: None },
        Expr::Half { h, year, year_offset } => {
            let y = year.or_else(|| r.map(|r| i32::from(r.year()) + year_offset.unwrap_or(0)));
            let v = y.and_then(fmt_year).map_or_else(|| format!("XXXX-H{h}"), |y| format!("{y}-H{h}"));
            res(v, "half")
        }
        Expr::QuarterRef { .. } => res(unknown("quarter"), "quarter"),
        Expr::Anaphor { unit, offset } => deictic(r, *unit, i64::from(*offset)),
        Expr::Holiday { spec, year, shift } => super::calendar::resolve_holiday(spec, *year, *shift, r, tense),
    }
}

fn with_part(mut x: Resolved, part: &Option<String>) -> Resolved {
    if let Some(p) = part {
        x.value = format!("{}T{p}", x.value);
        x.timex_type = "TIME";
    }
    x
}

fn quarter_of(d: Date) -> i32 {
    (i32::from(d.month()) - 1) / 3 + 1
}

/// The date of a weekday relative to `r`: explicit shift first, else the tense.
fn weekday_date(r: Date, wd: u8, shift: i32, tense: Tense) -> Option<Date> {
    let here = i64::from(r.weekday().to_monday_one_offset());
    let back = (here - i64::from(wd)).rem_euclid(7); // days since the latest such weekday
    let fwd = (i64::from(wd) - here).rem_euclid(7);
    let off = match (shift, tense) {
        (-1, _) => -(if back == 0 { 7 } else { back }),
        (1, _) => if fwd == 0 { 7 } else { fwd },
        (_, Tense::Future) => fwd,
        _ => -back,
    };
    add_days(r, off)
}

fn season_year(r: Date, code: &str, offset: i32) -> i32 {
    let idx = |c: &str| match c {
        "SP" => 0,
        "SU" => 1,
        "FA" => 2,
        _ => 3,
    };
    // January and February sit in the winter that began the year before: every named
    // season of this year is still ahead.
    let now = match r.month() {
        1 | 2 => -1,
        3..=5 => 0,
        6..=8 => 1,
        9..=11 => 2,
        _ => 3,
    };
    let y = i32::from(r.year());
    match offset {
        o if o < 0 => if idx(code) < now { y } else { y - 1 },
        o if o > 0 => if idx(code) > now { y } else { y + 1 },
        _ => y,
    }
}
