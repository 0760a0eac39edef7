//! Date normalisation: the many ways pages write a publication date, to `YYYY-MM-DD`.
//! ISO 8601 and RFC 2822 stamps, `2024/10/09`, `09.10.2024`, `October 9, 2024`,
//! `9 Oct 2024`, German month names, and dates in URL paths.

use std::sync::LazyLock;

use regex::Regex;

fn re(p: &str) -> Regex {
    Regex::new(p).unwrap_or_else(|e| panic!("bad date pattern {p}: {e}"))
}

static ISO: LazyLock<Regex> = LazyLock::new(|| re(r"\b((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})(?:\b|T)"));
static DMY: LazyLock<Regex> = LazyLock::new(|| re(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d\d)\b"));
static COMPACT: LazyLock<Regex> = LazyLock::new(|| re(r"^((?:19|20)\d\d)(\d\d)(\d\d)(?:$|T|\d)"));
static MONTH_FIRST: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b([a-zäé]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b"));
static DAY_FIRST: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?([a-zäé]{3,9})\.?,?\s+((?:19|20)\d\d)\b"));
static URL_DATE: LazyLock<Regex> =
    LazyLock::new(|| re(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:/|-|_|\.|$)|/((?:19|20)\d\d)(\d\d)(\d\d)/"));

fn month(name: &str) -> Option<u32> {
    let n = name.to_lowercase();
    let n = n.trim_end_matches('.');
    const MONTHS: [&[&str]; 12] = [
        &["jan", "january", "januar", "jänner", "janvier", "enero"],
        &["feb", "february", "februar", "février", "febrero"],
        &["mar", "march", "märz", "mär", "mars", "marzo"],
        &["apr", "april", "avril", "abril"],
        &["may", "mai", "mayo"],
        &["jun", "june", "juni", "juin", "junio"],
        &["jul", "july", "juli", "juillet", "julio"],
        &["aug", "august", "août", "agosto"],
        &["sep", "sept", "september", "septembre", "septiembre"],
        &["oct", "october", "oktober", "okt", "octobre", "octubre"],
        &["nov", "november", "novembre", "noviembre"],
        &["dec", "december", "dezember", "dez", "décembre", "diciembre"],
    ];
    MONTHS.iter().position(|names| names.contains(&n)).map(|i| i as u32 + 1)
}

fn ymd(y: &str, m: u32, d: &str) -> Option<String> {
    let y: i16 = y.parse().ok()?;
    let d: i8 = d.parse().ok()?;
    let date = jiff::civil::Date::new(y, i8::try_from(m).ok()?, d).ok()?;
    (1990..=2100).contains(&y).then(|| date.to_string())
}

/// The first date in `s`, as `YYYY-MM-DD`.
pub fn normalize(s: &str) -> Option<String> {
    let s = s.trim();
    if let Some(c) = ISO.captures(s) {
        if let Some(d) = ymd(&c[1], c[2].parse().ok()?, &c[3]) {
            return Some(d);
        }
    }
    if let Some(c) = COMPACT.captures(s) {
        if let Some(d) = ymd(&c[1], c[2].parse().ok()?, &c[3]) {
            return Some(d);
        }
    }
    if let Ok(ts) = jiff::fmt::rfc2822::parse(s) {
        return Some(ts.date().to_string());
    }
    let mut best: Option<(usize, String)> = None;
    let mut consider = |pos: usize, d: Option<String>| {
        if let Some(d) = d {
            if best.as_ref().is_none_or(|(p, _)| pos < *p) {
                best = Some((pos, d));
            }
        }
    };
    if let Some(c) = DMY.captures(s) {
        consider(c.get(0).map_or(0, |m| m.start()), c[2].parse().ok().and_then(|m| ymd(&c[3], m, &c[1])));
    }
    for c in MONTH_FIRST.captures_iter(s).take(3) {
        consider(c.get(0).map_or(0, |m| m.start()), month(&c[1]).and_then(|m| ymd(&c[3], m, &c[2])));
    }
    for c in DAY_FIRST.captures_iter(s).take(3) {
        consider(c.get(0).map_or(0, |m| m.start()), month(&c[2]).and_then(|m| ymd(&c[3], m, &c[1])));
    }
    best.map(|(_, d)| d)
}

/// A date written into a URL path (`/2024/10/09/slug`).
pub fn from_url(url: &str) -> Option<String> {
    let c = URL_DATE.captures(url)?;
    let (y, m, d) = match c.get(1) {
        Some(y) => (y.as_str(), c.get(2)?.as_str(), c.get(3)?.as_str()),
        None => (c.get(4)?.as_str(), c.get(5)?.as_str(), c.get(6)?.as_str()),
    };
    ymd(y, m.parse().ok()?, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formats() {
        assert_eq!(normalize("2024-10-09T08:15:00+02:00").as_deref(), Some("2024-10-09"));
        assert_eq!(normalize("Wed, 09 Oct 2024 08:15:00 GMT").as_deref(), Some("2024-10-09"));
        assert_eq!(normalize("Published October 9, 2024 at 5pm").as_deref(), Some("2024-10-09"));
        assert_eq!(normalize("9. Oktober 2024").as_deref(), Some("2024-10-09"));
        assert_eq!(normalize("09.10.2024, 14:00 Uhr").as_deref(), Some("2024-10-09"));
        assert_eq!(normalize("20241009").as_deref(), Some("2024-10-09"));
        assert_eq!(normalize("2024-02-30"), None);
        assert_eq!(normalize("no date here"), None);
        assert_eq!(from_url("https://x.org/2024/10/09/story").as_deref(), Some("2024-10-09"));
        assert_eq!(from_url("https://x.org/news/story-123"), None);
    }

    proptest! {
        #[test]
        fn iso_dates_round_trip(y in 1990i16..2100, m in 1i8..=12, d in 1i8..=28) {
            let s = format!("{y:04}-{m:02}-{d:02}");
            prop_assert_eq!(normalize(&s), Some(s.clone()));
        }

        #[test]
        fn never_panics(s in ".{0,200}") {
            let _ = normalize(&s);
            let _ = from_url(&s);
        }
    }
}
