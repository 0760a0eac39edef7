//! A time expression as the rules parse it, before it is anchored to a reference date: the
//! [`Expr`] variants, the calendar [`Unit`]s they count in and the [`Tense`] of their clause.

/// Direction suggested by the verbs around an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Future,
    Unknown,
}

/// A calendar unit as written in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Minute,
    Hour,
    Day,
    Week,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    pub(crate) fn from_code(code: &str) -> Option<Unit> {
        Some(match code {
            "MIN" => Unit::Minute,
            "H" => Unit::Hour,
            "D" => Unit::Day,
            "W" => Unit::Week,
            "FN" => Unit::Fortnight,
            "M" => Unit::Month,
            "Q" => Unit::Quarter,
            "Y" => Unit::Year,
            "DE" => Unit::Decade,
            "CE" => Unit::Century,
            _ => return None,
        })
    }
}

/// A time expression as parsed, before it is anchored.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    /// A calendar date or month; a missing year comes from the reference and the tense.
    Date { year: Option<i32>, month: u8, day: Option<u8> },
    /// "June last year": a month in the year `year_offset` from the reference year.
    MonthRel { month: u8, year_offset: i32 },
    /// "last February" (-1), "next June" (1), "this September" (0).
    MonthShift { month: u8, shift: i32 },
    Year(i32),
    /// First three digits of the decade's first year (199 for the 1990s).
    Decade(i32),
    /// Two digits of the century's years (19 for the 20th century).
    Century(i32),
    /// A weekday; `shift` -1 for "last Friday", 1 for "next Friday", 0 otherwise.
    Weekday { weekday: u8, shift: i32, part: Option<String> },
    /// today (0), yesterday (-1), tomorrow (1), with an optional part of the day.
    RelDay { days: i32, part: Option<String> },
    /// "last week", "this year", "next month": the unit containing reference + offset.
    Deictic { unit: Unit, offset: i32 },
    /// "two days ago" (sign -1), "three weeks from now" (sign 1); `n` None for "years ago".
    Shifted { n: Option<f64>, unit: Unit, sign: i32 },
    /// "three years"; `n` None for "several years".
    Duration { n: Option<f64>, unit: Unit },
    /// Fixed values: PRESENT_REF, PAST_REF, FUTURE_REF.
    Ref(String),
    /// "in recent months" (sign -1), "in the coming weeks" (sign 1).
    Fuzzy { unit: Unit, sign: i32 },
    /// A quarter; year explicit, or relative to the reference year (`year_offset`).
    Quarter { q: u8, year: Option<i32>, year_offset: Option<i32> },
    /// A season code (SP, SU, FA, WI) with explicit year or deictic offset.
    Season { code: String, year: Option<i32>, offset: Option<i32> },
    /// A weekend: `offset` weeks from the reference's, or `i32::MIN` for "the weekend",
    /// the one just past or (future tense) the coming one.
    Weekend { offset: i32 },
    /// A clock time, on the day of `day` (the reference day when absent).
    Clock { hour: u8, minute: u8, day: Option<Box<Expr>> },
    /// A frequency: daily (P1D), every week (P1W), every Monday (XXXX-WXX-1).
    Set(String),
    /// A half-year (1 or 2), like [`Expr::Quarter`].
    Half { h: u8, year: Option<i32>, year_offset: Option<i32> },
    /// "the quarter", "the year-ago period": the last quarter named, moved by `year_offset`
    /// years; filled in by the document pass, unknown here.
    QuarterRef { year_offset: i32, year: Option<i32>, end_month: Option<u8>, latest: bool },
    /// "that day", "the following year", "the previous week": the unit around the last time
    /// the story named, moved by `offset`; the document pass supplies that time, the
    /// publication date stands in here.
    Anaphor { unit: Unit, offset: i32 },
    /// A holiday by its `[holidays]` spec, explicit year or shift (-1 last, 1 next).
    Holiday { spec: String, year: Option<i32>, shift: i32 },
}
