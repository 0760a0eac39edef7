//! Property tests: time and quantity annotation is total (no panic) on arbitrary Unicode,
//! spans are valid char-boundary slices, and normalised values are well-formed TIMEX3 for
//! reference dates across years 1-9999.

use proptest::prelude::*;
use sitrep_model::Document;
use sitrep_nlp::{annotate, Knowledge};
use std::sync::OnceLock;

fn knowledge() -> &'static Knowledge {
    static K: OnceLock<Knowledge> = OnceLock::new();
    K.get_or_init(|| Knowledge::load(None).expect("default knowledge loads"))
}

/// A TIMEX3-style value as we emit it: dates (with X placeholders), weeks, quarters,
/// seasons, parts of day, times, durations, references.
fn well_formed(v: &str) -> bool {
    let date = regex_lite(v);
    date || matches!(v, "PRESENT_REF" | "PAST_REF" | "FUTURE_REF")
}

fn regex_lite(v: &str) -> bool {
    use std::sync::OnceLock;
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(concat!(
            r"^(?:[0-9X]{2,4}",
            r"(?:-(?:[0-9X]{2}(?:-[0-9X]{2})?|W[0-9X]{2}(?:-WE)?|Q[1-4X]|SP|SU|FA|WI))?",
            r"(?:T(?:[0-9X]{2}:[0-9X]{2}|MO|AF|EV|NI))?",
            r"|P(?:T)?(?:[0-9]+|X)(?:Y|M|W|D|H))$"
        ))
        .expect("pattern compiles")
    });
    re.is_match(v)
}

const PHRASES: &[&str] = &[
    "on Friday, he will", "told them on Tuesday", "last week", "in June", "In March", "in recent months",
    "yesterday", "today", "tomorrow night", "next month", "two days ago", "earlier this year", "Oct. 9",
    "9 October 2024", "October 2024", "the 1990s", "last fall", "the third quarter", "three years",
    "at 2 p.m. Monday", "every week", "the past five months", "a decade ago", "the 21st century",
    "next Friday", "June last year", "last February", "the following year", "this weekend", "noon Sunday",
];

fn run(text: String, published: Option<String>) -> Document {
    let mut doc = Document::new("p", "prop", text);
    doc.published = published;
    annotate(&mut doc, knowledge());
    doc
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn times_normalise_for_any_reference_year(year in 1i16..=9999, month in 1i8..=12, day in 1i8..=28,
                                              picks in proptest::collection::vec(0usize..PHRASES.len(), 1..6)) {
        let text = picks.iter().map(|i| PHRASES[*i]).collect::<Vec<_>>().join(". ");
        let doc = run(text, Some(format!("{year:04}-{month:02}-{day:02}")));
        prop_assert!(!doc.times.is_empty());
        for t in &doc.times {
            prop_assert!(well_formed(&t.value), "{:?} -> {}", t.text, t.value);
            prop_assert_eq!(doc.get(t.span), Some(t.text.as_str()));
        }
    }

    #[test]
    fn arbitrary_unicode_gives_valid_spans(text in "\\PC{0,300}", with_date in any::<bool>()) {
        let doc = run(text, with_date.then(|| "2024-10-09".to_string()));
        for t in &doc.times {
            prop_assert!(doc.text.is_char_boundary(t.span.start) && doc.text.is_char_boundary(t.span.end));
            prop_assert!(well_formed(&t.value), "{:?} -> {}", t.text, t.value);
        }
        for q in &doc.quantities {
            prop_assert_eq!(doc.get(q.span), Some(q.text.as_str()));
            prop_assert!(!doc.times.iter().any(|t| t.span.overlaps(q.span)));
        }
    }

    #[test]
    fn numbers_and_dates_mixed_with_noise(parts in proptest::collection::vec(
        prop_oneof![
            Just("around 70 miles".to_string()), Just("at least 12 people were killed".to_string()),
            Just("$1.13bn".to_string()), Just("10-15".to_string()), Just("2024".to_string()),
            Just("Fath-360".to_string()), "[0-9,.]{1,12}".prop_map(|s| s), "\\PC{0,12}".prop_map(|s| s),
            Just("Friday".to_string()), Just("May".to_string()), Just("twenty four hours".to_string()),
        ], 0..12)) {
        let doc = run(parts.join(" "), Some("0001-01-01".to_string()));
        for q in &doc.quantities {
            prop_assert_eq!(doc.get(q.span), Some(q.text.as_str()));
            if let (Some(lo), Some(hi)) = (q.low, q.high) { prop_assert!(lo <= hi); }
        }
        for t in &doc.times {
            prop_assert!(well_formed(&t.value), "{:?} -> {}", t.text, t.value);
        }
    }
}
