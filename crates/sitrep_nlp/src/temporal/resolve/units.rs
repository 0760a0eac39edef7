//! Arithmetic on whole calendar units: the day, week, month, quarter, year, decade or century
//! around the reference moved by `n` units, the ranges of PAST_REF / FUTURE_REF, and ISO 8601
//! durations.

use jiff::civil::Date;

use super::{add_days, fmt_day, fmt_month, fmt_week, fmt_year, or_unknown, quarter_of, res, unknown, Resolved, Unit};

/// The unit that contains `r` moved by `n` units.
pub(super) fn deictic(r: Option<Date>, unit: Unit, n: i64) -> Resolved {
    let Some(r) = r else {
        let p = precision_of(unit);
        return res(unknown(p), p);
    };
    let y = i64::from(r.year());
    let clamp = |v: i64| i32::try_from(v.clamp(-100_000, 100_000)).unwrap_or(0);
    match unit {
        Unit::Minute | Unit::Hour | Unit::Day => or_unknown(add_days(r, n.clamp(-10_000_000, 10_000_000)).and_then(fmt_day), "day"),
        Unit::Week | Unit::Fortnight => or_unknown(add_days(r, 7 * n.clamp(-1_000_000, 1_000_000)).and_then(fmt_week), "week"),
        Unit::Month => or_unknown(fmt_month(clamp(y), clamp(i64::from(r.month()) + n)), "month"),
        Unit::Quarter => {
            let q = i64::from(quarter_of(r)) - 1 + n;
            let (qy, qq) = (y + q.div_euclid(4), q.rem_euclid(4) + 1);
            or_unknown(fmt_year(clamp(qy)).map(|s| format!("{s}-Q{qq}")), "quarter")
        }
        Unit::Year => or_unknown(fmt_year(clamp(y + n)), "year"),
        Unit::Decade => {
            let d = clamp(y.div_euclid(10) + n);
            res(if (0..=999).contains(&d) { format!("{d:03}") } else { unknown("decade") }, "decade")
        }
        Unit::Century => {
            let c = clamp(y.div_euclid(100) + n);
            res(if (0..=99).contains(&c) { format!("{c:02}") } else { unknown("century") }, "century")
        }
    }
}

fn precision_of(unit: Unit) -> &'static str {
    match unit {
        Unit::Minute | Unit::Hour | Unit::Day => "day",
        Unit::Week | Unit::Fortnight => "week",
        Unit::Month => "month",
        Unit::Quarter => "quarter",
        Unit::Year => "year",
        Unit::Decade => "decade",
        Unit::Century => "century",
    }
}

/// PAST_REF / FUTURE_REF with the range a reader would give it ("recent months": ~6 months).
pub(super) fn fuzzy(r: Option<Date>, unit: Unit, sign: i32) -> Resolved {
    let value = if sign < 0 { "PAST_REF" } else { "FUTURE_REF" };
    let days: i64 = match unit {
        Unit::Minute | Unit::Hour => 1,
        Unit::Day => 7,
        Unit::Week | Unit::Fortnight => 28,
        Unit::Month | Unit::Quarter => 183,
        Unit::Year => 5 * 365,
        Unit::Decade => 30 * 365,
        Unit::Century => 300 * 365,
    };
    let range = r.and_then(|r| {
        let other = add_days(r, days * i64::from(sign.signum()))?;
        let (a, b) = if sign < 0 { (other, r) } else { (r, other) };
        Some([fmt_day(a)?, fmt_day(b)?])
    });
    Resolved { value: value.into(), precision: "fuzzy", timex_type: "DATE", range }
}

/// ISO 8601 duration: P3D, P2Y, PT5H; fractions move to the next smaller unit (P30M).
pub(crate) fn duration(n: Option<f64>, unit: Unit) -> String {
    let (n, code, time) = match unit {
        Unit::Minute => (n, "M", true),
        Unit::Hour => (n, "H", true),
        Unit::Day => (n, "D", false),
        Unit::Week => (n, "W", false),
        Unit::Fortnight => (n.map(|v| v * 2.0), "W", false),
        Unit::Month => (n, "M", false),
        Unit::Quarter => (n, "Q", false),
        Unit::Year => (n, "Y", false),
        Unit::Decade => (n.map(|v| v * 10.0), "Y", false),
        Unit::Century => (n.map(|v| v * 100.0), "Y", false),
    };
    if let Some(v) = n.filter(|v| v.fract() != 0.0 && v.is_finite() && *v > 0.0 && *v < 1e9) {
        // A fraction goes to the next smaller unit: "2 1/2 years" P2Y6M, "5 1/2 hours" PT5H30M.
        let (whole, frac) = (v.trunc() as u64, v.fract());
        let (small, small_code, small_time) = match (code, time) {
            ("Y", false) => ((frac * 12.0).round() as u64, "M", false),
            ("M", false) => ((frac * 30.0).round() as u64, "D", false),
            ("W", false) => return format!("P{}D", (v * 7.0).round() as u64),
            ("D", false) => ((frac * 24.0).round() as u64, "H", true),
            ("H", true) => ((frac * 60.0).round() as u64, "M", true),
            _ => ((frac * 60.0).round() as u64, "S", true),
        };
        let head = if whole > 0 { format!("{whole}{code}") } else { String::new() };
        let t = if small_time && !time { "T" } else { "" };
        return format!("P{}{head}{t}{small}{small_code}", if time { "T" } else { "" });
    }
    let amount = match n {
        Some(v) if (0.0..1e9).contains(&v) => format!("{}", v.round() as u64),
        _ => "X".into(),
    };
    format!("P{}{amount}{code}", if time { "T" } else { "" })
}
