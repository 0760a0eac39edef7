//! Detection: one regex per kind of time expression, built once from the word tables, and
//! the step from a regex match to a parsed [`Expr`]. Spans follow TIMEX3 practice: a leading
//! preposition ("on", "in") is left out; determiners and modifiers ("the", "last", "early")
//! are kept.

use regex::{Captures, Regex};

use super::lexicon::{alternation, Lexicon};
use super::resolve::{Expr, Unit};

/// Which pattern matched; the order is the tie-break between equally long matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Iso,
    MonthDay,
    DayMonth,
    Clock,
    ClockWord,
    Quarter,
    QuarterShort,
    Decade,
    Century,
    PastN,
    Ago,
    AgoBare,
    Fuzzy,
    Reference,
    Set,
    SetEvery,
    RelDay,
    RelPart,
    Weekday,
    Deictic,
    Season,
    MonthYear,
    Year,
    Duration,
    Half,
    YearWords,
    SetDay,
    QuarterRef,
    Holiday,
    YearAgoAdj,
    TheWeekend,
    BareUnits,
    Anaphor,
}

pub(crate) struct Rule {
    pub kind: Kind,
    pub re: Regex,
}

/// Word-boundary that the lazy DFA can use on any text (ASCII word characters).
pub(crate) const B: &str = r"(?-u:\b)";
const MODS: &str = "more than|less than|fewer than|no more than|at least|nearly|almost|about|over|some|up to|roughly|around|approximately|only|just|another|barely";

/// `(?:...)` of table keys: forms ending in a letter get a word boundary after them.
fn words(keys: Vec<&String>, caps: bool) -> String {
    let (dotted, plain): (Vec<&String>, Vec<&String>) = keys.into_iter().partition(|k| k.ends_with('.'));
    let plain = alternation(plain.into_iter(), caps);
    if dotted.is_empty() {
        return format!("(?:{plain}){B}");
    }
    format!("(?:(?:{})|(?:{plain}){B})", alternation(dotted.into_iter(), caps))
}

pub(crate) fn build(lex: &Lexicon) -> Result<Vec<Rule>, regex::Error> {
    let mon = format!("(?-i:{})", words(lex.months.keys().collect(), true));
    let wd = format!("(?-i:{})", words(lex.weekdays.keys().collect(), true));
    // "a"/"an" and phrases ("a few") stand alone; plain number words chain ("twenty four").
    let (phrases, plain): (Vec<&String>, Vec<&String>) = lex.numbers.keys().partition(|k| k.starts_with("a ") || *k == "a" || *k == "an");
    let (phrases, numw) = (alternation(phrases.into_iter(), false), alternation(plain.into_iter(), false));
    let num = format!(r"(?:\d{{1,3}}\s+1/2|\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?|(?:{numw})(?:[\s-]+(?:and\s+)?(?:{numw}))*|(?:{phrases}))");
    let unit = alternation(lex.units.keys(), false);
    let season = alternation(lex.seasons.keys(), false);
    let pod = alternation(lex.parts_of_day.keys(), false);
    let ord = alternation(lex.ordinals.keys(), false);
    let deic = alternation(lex.deictic.keys(), false);
    let refs = alternation(lex.references.keys(), false);
    let sets = alternation(lex.sets.keys(), false);
    let day = format!(r"(?:{wd}|today|yesterday|tomorrow|tonight)");
    let day_or_date = format!(r"(?:{day}|{mon}\s*\d{{1,2}}{B})");
    let specs: Vec<(Kind, String)> = vec![
        (Kind::Iso, format!(r"{B}(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}})(?:[T ](?P<h>\d{{2}}):(?P<mi>\d{{2}}))?{B}")),
        (Kind::MonthDay, format!(r"{B}(?:(?P<wd>{wd}),?\s+)?(?P<mon>{mon})\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?{B}(?:,?\s+(?P<y>\d{{4}}){B})?")),
        (Kind::DayMonth, format!(r"{B}(?:(?P<wd>{wd}),?\s+)?(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{mon})(?:,?\s+(?P<y>\d{{4}}){B})?")),
        (Kind::Clock, format!(r"{B}(?:(?:around|about)\s+)?(?P<h>\d{{1,2}})(?:[:.](?P<mi>\d{{2}}))?\s*(?P<ap>[ap]\.m\.|[ap]\.m{B}|[ap]m{B})(?:\s+(?:[A-Z]{{2,4}}T|GMT|UTC){B})?(?:,?\s+(?:on\s+)?(?P<day>{day_or_date}))?")),
        (Kind::ClockWord, format!(r"{B}(?P<w>noon|midnight|midday)(?:,?\s+(?:on\s+)?(?P<day>{day}))?{B}")),
        (Kind::Quarter, format!(r"{B}(?:(?P<ry>this|last|next)\s+year's\s+|the\s+)?(?:(?:latest|current|past|last|fiscal|comparable|same)\s+)*(?:(?P<ya>year-ago|year-earlier|year-before)\s+)?(?:(?P<y0>\d{{4}})\s+)?(?:fiscal\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter{B}(?:\s+of\s+(?:fiscal\s+)?(?:(?P<y>\d{{4}}){B}|(?:the\s+)?(?P<rel>this|last|next|previous|current)\s+year{B}))?(?:\s+(?P<y2>\d{{4}}){B})?")),
        (Kind::QuarterShort, format!(r"{B}(?-i:Q)(?P<q>[1-4])(?:\s+(?P<y>\d{{4}}))?{B}")),
        (Kind::Decade, format!(r"{B}(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?P<dec>1\d\d0|20\d0|'\d0|\d0)'?s{B}")),
        (Kind::Century, format!(r"{B}(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<ord>{ord}|\d{{1,2}}(?:st|nd|rd|th))[\s-]+century{B}")),
        (Kind::PastN, format!(r"{B}(?:(?:{MODS})\s+)?(?:the\s+)?(?P<det>past|last|next|previous|coming|first|final|following|remaining|latest)\s+(?P<n>{num})\s+(?P<unit>{unit}){B}")),
        (Kind::Ago, format!(r"{B}(?:(?:{MODS})\s+)?(?P<n>{num})[\s-]+(?P<unit>{unit})\s+(?P<dir>ago|earlier|from now|hence|later|before|after){B}")),
        (Kind::AgoBare, format!(r"{B}(?P<unit>days|weeks|months|years|decades)\s+(?P<dir>ago|from now){B}")),
        (Kind::Fuzzy, format!(r"{B}(?:the\s+)?(?P<w>recent|coming|past few|last few|next few|past several|last several|next several|upcoming|previous few|subsequent)\s+(?P<unit>days|weeks|months|years|decades){B}")),
        (Kind::Reference, format!(r"{B}(?P<w>{refs}){B}")),
        (Kind::Set, format!(r"{B}(?P<w>{sets}){B}")),
        (Kind::SetEvery, format!(r"{B}(?:every|each|per)\s+(?P<unit>day|week|month|year|quarter|hour|minute){B}")),
        (Kind::RelDay, format!(r"{B}(?P<w>today|tonight|yesterday|tomorrow)(?:\s+(?P<pod>{pod}))?{B}")),
        (Kind::RelPart, format!(r"{B}(?P<w>this|last|early this|late this|later this|earlier this)\s+(?P<pod>morning|afternoon|evening|night){B}")),
        (Kind::Weekday, format!(r"{B}(?:(?P<shift>this past|this coming|last|next|this|coming|past)\s+)?(?P<wd>{wd})(?:\s+(?P<pod>{pod}))?")),
        (Kind::Deictic, format!(r"{B}(?:(?P<mod>earlier|later|early|late|the end of|the beginning of|the start of|the middle of|the rest of|the remainder of|mid)[\s-]+)?(?:the\s+)?(?P<det>{deic})\s+(?P<unit>week|month|year|quarter|decade|century|weekend){B}")),
        (Kind::Season, format!(r"{B}(?P<det>(?:(?:this past|this coming|this|last|next|the|early|late|mid)[\s-]+)*)(?P<s>{season}){B}(?:,?\s+(?:of\s+)?(?P<y>\d{{4}}){B})?")),
        (Kind::MonthYear, format!(r"{B}(?:(?P<mod>early|mid|late|the end of|the beginning of|the start of)[\s-]+)?(?:(?P<shift>last|next|this|this past|this coming)\s+)?(?P<mon>{mon})(?:,?\s+(?:of\s+)?(?P<y>\d{{4}}){B}|\s+(?P<rel>this|last|next)\s+year{B})?")),
        (Kind::Year, format!(r"{B}(?:(?P<mod>early|mid|late)[\s-]+)?(?P<y>1[6-9]\d\d|20\d\d){B}")),
        (Kind::Duration, format!(r"{B}(?:(?:{MODS})\s+)?(?P<n>{num})[\s-]+(?P<unit>{unit})(?P<half>\s+and\s+a\s+half)?(?P<old>[\s-]+old)?{B}")),
    ];
    let specs = specs.into_iter().chain(super::calendar::specs(lex, &wd, &mon));
    specs
        .into_iter()
        .map(|(kind, p)| Ok(Rule { kind, re: Regex::new(&format!("(?i){p}"))? }))
        .collect()
}

fn g<'t>(c: &Captures<'t>, name: &str) -> Option<&'t str> {
    c.name(name).map(|m| m.as_str())
}

fn int<T: std::str::FromStr>(c: &Captures, name: &str) -> Option<T> {
    g(c, name).and_then(|s| s.parse().ok())
}

fn unit(lex: &Lexicon, c: &Captures) -> Option<Unit> {
    Unit::from_code(lex.units.get(&g(c, "unit")?.to_lowercase())?)
}

fn part(lex: &Lexicon, c: &Captures) -> Option<String> {
    g(c, "pod").and_then(|p| lex.parts_of_day.get(&p.to_lowercase()).cloned())
}

fn rel_offset(s: Option<&str>) -> Option<i32> {
    match s?.to_lowercase().as_str() {
        "last" | "previous" => Some(-1),
        "next" => Some(1),
        _ => Some(0),
    }
}

/// The word just before byte `at` in `text`, lower-cased.
fn word_before(text: &str, at: usize) -> String {
    let head = text.get(..at).unwrap_or("").trim_end();
    let w = head.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    w.to_lowercase()
}

const MONTH_PREPS: &[&str] = &["in", "since", "by", "until", "till", "from", "through", "during", "before", "after", "of", "last", "next", "this", "early", "late", "mid", "between", "and", "to", "on", "for", "around"];

/// The day an attached weekday or relative word names ("10 p.m. Wednesday").
fn day_word(lex: &Lexicon, w: &str) -> Option<Expr> {
    if let Some((m, d)) = w.rsplit_once([' ', '.']) {
        if let (Some(month), Ok(day)) = (lex.month(m.trim()).or_else(|| lex.month(&format!("{}.", m.trim()))), d.trim().parse::<u8>()) {
            return (1..=31).contains(&day).then_some(Expr::Date { year: None, month, day: Some(day) });
        }
    }
    match w.to_lowercase().as_str() {
        "today" | "tonight" => Some(Expr::RelDay { days: 0, part: None }),
        "yesterday" => Some(Expr::RelDay { days: -1, part: None }),
        "tomorrow" => Some(Expr::RelDay { days: 1, part: None }),
        _ => lex.weekday(w).map(|weekday| Expr::Weekday { weekday, shift: 0, part: None }),
    }
}

/// Parse a match; `None` rejects it (a bare "May", a year that is a count...).
pub(crate) fn interpret(kind: Kind, c: &Captures, text: &str, lex: &Lexicon) -> Option<Expr> {
    let whole = c.get(0)?;
    Some(match kind {
        Kind::Iso => {
            let (year, month, day) = (int(c, "y")?, int(c, "m")?, int(c, "d")?);
            if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
                return None;
            }
            let date = Expr::Date { year: Some(year), month, day: Some(day) };
            match (int::<u8>(c, "h"), int::<u8>(c, "mi")) {
                (Some(hour), Some(minute)) if hour < 24 && minute < 60 => Expr::Clock { hour, minute, day: Some(Box::new(date)) },
                _ => date,
            }
        }
        Kind::MonthDay | Kind::DayMonth => {
            let day: u8 = int(c, "d")?;
            if !(1..=31).contains(&day) {
                return None;
            }
            Expr::Date { year: int(c, "y"), month: lex.month(g(c, "mon")?)?, day: Some(day) }
        }
        Kind::Clock | Kind::ClockWord => {
            let (hour, minute) = match g(c, "w").map(str::to_lowercase).as_deref() {
                Some("midnight") => (0, 0),
                Some(_) => (12, 0),
                None => {
                    let h: u8 = int(c, "h")?;
                    let pm = g(c, "ap")?.to_lowercase().starts_with('p');
                    if !(1..=12).contains(&h) {
                        return None;
                    }
                    ((h % 12) + if pm { 12 } else { 0 }, int(c, "mi").unwrap_or(0))
                }
            };
            if minute > 59 {
                return None;
            }
            let day = g(c, "day").and_then(|w| day_word(lex, w)).map(Box::new);
            Expr::Clock { hour, minute, day }
        }
        Kind::Quarter | Kind::QuarterShort => {
            let q = match g(c, "q") {
                Some(q) => q.parse().ok()?,
                None => u8::try_from(*lex.ordinals.get(&g(c, "ord")?.to_lowercase())?).ok()?,
            };
            let year = int(c, "y").or_else(|| int(c, "y2")).or_else(|| int(c, "y0"));
            let ago = c.name("ya").map(|_| -1);
            Expr::Quarter { q, year, year_offset: ago.or_else(|| g(c, "rel").or_else(|| g(c, "ry")).and_then(|r| rel_offset(Some(r)))) }
        }
        Kind::Decade => {
            let d = g(c, "dec")?.trim_start_matches('\'');
            let n: i32 = d.parse().ok()?;
            Expr::Decade(match d.len() {
                2 if n >= 30 => 190 + n / 10,
                2 => 200 + n / 10,
                _ => n / 10,
            })
        }
        Kind::Century => {
            let o = g(c, "ord")?.to_lowercase();
            let n = lex.ordinals.get(&o).map(|v| *v as i32).or_else(|| o.trim_end_matches(char::is_alphabetic).parse().ok())?;
            Expr::Century(n - 1)
        }
        Kind::PastN => Expr::Duration { n: lex.number(g(c, "n")?)?, unit: unit(lex, c)? },
        Kind::Ago => {
            let n = lex.number(g(c, "n")?)?;
            let unit = unit(lex, c)?;
            match g(c, "dir")?.to_lowercase().as_str() {
                "ago" | "earlier" => Expr::Shifted { n, unit, sign: -1 },
                "from now" | "hence" => Expr::Shifted { n, unit, sign: 1 },
                _ => Expr::Duration { n, unit },
            }
        }
        Kind::AgoBare => {
            let sign = if g(c, "dir")?.eq_ignore_ascii_case("ago") { -1 } else { 1 };
            Expr::Shifted { n: None, unit: unit(lex, c)?, sign }
        }
        Kind::Fuzzy => {
            let w = g(c, "w")?.to_lowercase();
            let sign = if ["coming", "next few", "next several", "upcoming", "subsequent"].contains(&w.as_str()) { 1 } else { -1 };
            Expr::Fuzzy { unit: unit(lex, c)?, sign }
        }
        Kind::Reference => Expr::Ref(lex.references.get(&g(c, "w")?.to_lowercase())?.clone()),
        Kind::Set => Expr::Set(lex.sets.get(&g(c, "w")?.to_lowercase())?.clone()),
        Kind::SetEvery => Expr::Set(super::resolve::duration(Some(1.0), unit(lex, c)?)),
        Kind::RelDay => {
            let w = g(c, "w")?.to_lowercase();
            let days = match w.as_str() {
                "yesterday" => -1,
                "tomorrow" => 1,
                _ => 0,
            };
            let part = part(lex, c).or_else(|| (w == "tonight").then(|| "NI".to_string()));
            Expr::RelDay { days, part }
        }
        Kind::RelPart => {
            let days = if g(c, "w")?.eq_ignore_ascii_case("last") { -1 } else { 0 };
            Expr::RelDay { days, part: part(lex, c) }
        }
        Kind::Weekday => {
            let shift = match g(c, "shift").map(str::to_lowercase).as_deref() {
                Some("last" | "past" | "this past") => -1,
                Some("next" | "coming" | "this coming") => 1,
                _ => 0,
            };
            Expr::Weekday { weekday: lex.weekday(g(c, "wd")?)?, shift, part: part(lex, c) }
        }
        Kind::Deictic => {
            let det = g(c, "det")?.to_lowercase();
            // "the following year", "the previous day" count from the story's own time, not
            // from publication: the anaphor rule in `calendar` takes them.
            if matches!(det.as_str(), "following" | "previous") && whole.as_str().to_lowercase().starts_with("the ") {
                return None;
            }
            let offset = *lex.deictic.get(&det)?;
            let u = g(c, "unit")?.to_lowercase();
            if u == "weekend" {
                return Some(Expr::Weekend { offset });
            }
            Expr::Deictic { unit: Unit::from_code(lex.units.get(&u)?)?, offset }
        }
        Kind::Season => {
            let det = g(c, "det").unwrap_or("").to_lowercase();
            let s = g(c, "s")?.to_lowercase();
            let year = int(c, "y");
            let after = text.get(whole.end()..).unwrap_or("");
            // "fall" and "spring" are also verbs and nouns; a season needs a determiner or a year.
            if year.is_none() && (det.trim().is_empty() || (s == "fall" && after.trim_start().starts_with("of "))) {
                return None;
            }
            let offset = if det.contains("last") || det.contains("past") { Some(-1) } else if det.contains("next") || det.contains("coming") { Some(1) } else { None };
            Expr::Season { code: lex.seasons.get(&s)?.clone(), year, offset }
        }
        Kind::MonthYear => {
            let surface = g(c, "mon")?;
            let month = lex.month(surface)?;
            let year = int(c, "y");
            let rel = g(c, "rel");
            if let (None, Some(shift)) = (year, g(c, "shift")) {
                return Some(Expr::MonthShift { month, shift: if shift.to_lowercase().contains("next") || shift.to_lowercase().contains("coming") { 1 } else if shift.to_lowercase().contains("last") || shift.to_lowercase().contains("past") { -1 } else { 0 } });
            }
            if year.is_none() && rel.is_none() && g(c, "mod").is_none() {
                // A bare month must be a full name, and "May" needs a preposition before it.
                let full = lex.months.keys().any(|k| k.len() >= 4 && !k.ends_with('.') && k != "Sept" && k.eq_ignore_ascii_case(surface));
                if !full || (month == 5 && !MONTH_PREPS.contains(&word_before(text, whole.start()).as_str())) {
                    return None;
                }
            }
            match rel_offset(rel) {
                Some(year_offset) if year.is_none() => Expr::MonthRel { month, year_offset },
                _ => Expr::Date { year, month, day: None },
            }
        }
        Kind::Year => {
            let y: i32 = int(c, "y")?;
            let before = text.get(..whole.start()).unwrap_or("");
            let after = text.get(whole.end()..).unwrap_or("");
            // Money, decimals, thousands and "2000 people" are counts, not years.
            if before.ends_with(['$', '£', '€', '.', ',', '#']) || after.starts_with([',', '.', '%']) && after[1..].starts_with(|ch: char| ch.is_ascii_digit())
                || after.starts_with('%')
            {
                return None;
            }
            let next = after.trim_start().split(|ch: char| !ch.is_alphabetic()).next().unwrap_or("").to_lowercase();
            if COUNT_NOUNS.contains(&next.as_str()) {
                return None;
            }
            Expr::Year(y)
        }
        Kind::Duration => {
            // Ages ("37 years old") are not times in TIMEX3 practice.
            if c.name("old").is_some() {
                return None;
            }
            let n = lex.number(g(c, "n")?)?.map(|v| v + if c.name("half").is_some() { 0.5 } else { 0.0 });
            let unit = unit(lex, c)?;
            // A bare "a day"/"a week" after a number is a rate ("twice a day"); keep it anyway
            // as a duration, which TIMEX3 also does for "a year".
            Expr::Duration { n, unit }
        }
        Kind::Half | Kind::YearWords | Kind::SetDay | Kind::QuarterRef | Kind::Holiday | Kind::YearAgoAdj | Kind::TheWeekend | Kind::BareUnits | Kind::Anaphor => return super::calendar::interpret(kind, c, text, lex),
    })
}

/// Nouns after a four-digit number that make it a count rather than a year.
pub(crate) const COUNT_NOUNS: &[&str] = &["people", "troops", "soldiers", "men", "women", "children", "km", "miles", "kilometers", "kilometres", "metres", "meters", "feet", "tons", "tonnes", "dollars", "euros", "pounds", "yen", "shares", "jobs", "workers", "employees", "votes", "cases", "deaths", "homes", "houses", "units", "cars", "barrels", "points", "residents", "civilians", "refugees", "prisoners", "rounds", "missiles", "drones", "shells", "kg", "mw", "hectares", "acres"];

