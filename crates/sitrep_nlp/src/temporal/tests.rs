//! Resolver and detector unit tests against a fixed reference (Wednesday 2024-10-09).

use jiff::civil::date;
use sitrep_model::Document;

use super::resolve::{resolve, Expr, Tense, Unit};
use super::*;

fn run(text: &str, published: Option<&str>) -> Vec<Time> {
    let k = TemporalKnowledge::load(None).expect("embedded knowledge loads");
    let mut doc = Document::new("t", "test", text.to_string());
    doc.published = published.map(str::to_string);
    annotate(&mut doc, &k);
    doc.times
}

fn values(text: &str) -> Vec<(String, String)> {
    run(text, Some("2024-10-09")).into_iter().map(|t| (t.text, t.value)).collect()
}

fn pair(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

#[test]
fn weekday_direction_follows_tense() {
    let r = Some(date(2024, 10, 9));
    let fri = Expr::Weekday { weekday: 5, shift: 0, part: None };
    assert_eq!(resolve(&fri, r, Tense::Future).value, "2024-10-11");
    assert_eq!(resolve(&fri, r, Tense::Past).value, "2024-10-04");
    let wed = Expr::Weekday { weekday: 3, shift: 0, part: None };
    assert_eq!(resolve(&wed, r, Tense::Past).value, "2024-10-09");
    assert_eq!(resolve(&Expr::Weekday { weekday: 3, shift: -1, part: None }, r, Tense::Unknown).value, "2024-10-02");
}

#[test]
fn deictic_units() {
    let r = Some(date(2024, 10, 9));
    let d = |unit, offset| resolve(&Expr::Deictic { unit, offset }, r, Tense::Unknown).value;
    assert_eq!(d(Unit::Week, -1), "2024-W40");
    assert_eq!(d(Unit::Month, 1), "2024-11");
    assert_eq!(d(Unit::Month, 3), "2025-01");
    assert_eq!(d(Unit::Year, -1), "2023");
    assert_eq!(d(Unit::Quarter, -1), "2024-Q3");
    assert_eq!(d(Unit::Decade, 0), "202");
}

#[test]
fn unknown_reference_gives_placeholders() {
    let e = Expr::Deictic { unit: Unit::Week, offset: -1 };
    assert_eq!(resolve(&e, None, Tense::Unknown).value, "XXXX-WXX");
    let t = run("He left yesterday, in June and on 9 October 2024.", None);
    let v: Vec<&str> = t.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(v, ["XXXX-XX-XX", "XXXX-06", "2024-10-09"]);
}

#[test]
fn absolute_formats() {
    let v = values("On Oct. 9, 2024 and 9 October 2024 and 2024-10-09 and October 2024, not 1998 or the 1990s.");
    assert_eq!(
        v,
        [
            pair("Oct. 9, 2024", "2024-10-09"),
            pair("9 October 2024", "2024-10-09"),
            pair("2024-10-09", "2024-10-09"),
            pair("October 2024", "2024-10"),
            pair("1998", "1998"),
            pair("the 1990s", "199"),
        ]
    );
}

#[test]
fn relative_words() {
    let v = values("Yesterday he said today that tomorrow, next month and two days ago mattered earlier this year.");
    assert_eq!(
        v,
        [
            pair("Yesterday", "2024-10-08"),
            pair("today", "2024-10-09"),
            pair("tomorrow", "2024-10-10"),
            pair("next month", "2024-11"),
            pair("two days ago", "2024-10-07"),
            pair("earlier this year", "2024"),
        ]
    );
}

#[test]
fn durations_sets_and_fuzzy() {
    let t = run("It lasted three years, meets daily, and in recent months grew for 18 months.", Some("2024-10-09"));
    let got: Vec<(&str, &str, &str)> = t.iter().map(|t| (t.value.as_str(), t.precision.as_str(), t.timex_type.as_str())).collect();
    assert_eq!(got, [("P3Y", "duration", "DURATION"), ("P1D", "duration", "SET"), ("PAST_REF", "fuzzy", "DATE"), ("P18M", "duration", "DURATION")]);
    assert_eq!(t[2].range, Some(["2024-04-09".to_string(), "2024-10-09".to_string()]));
}

#[test]
fn months_take_tense() {
    let v = |text: &str| run(text, Some("2024-06-09"))[0].value.clone();
    assert_eq!(v("They signed a pact in December."), "2023-12");
    // A past clause about a month just ahead reports what is coming.
    assert_eq!(v("They said the pact would be signed in July."), "2024-07");
    assert_eq!(values("They will sign a pact in December.")[0].1, "2024-12");
    assert!(values("You may go.").is_empty(), "modal may is no month");
}

#[test]
fn clock_times_and_quarters() {
    let v = values("It hit at 2 p.m. Tuesday; third-quarter profit rose; the summer of 2023 was hot.");
    assert_eq!(v, [pair("2 p.m. Tuesday", "2024-10-08T14:00"), pair("third-quarter", "2024-Q3"), pair("the summer of 2023", "2023-SU")]);
}

#[test]
fn seasons_and_shifted_months() {
    let s = |y, m, code: &str, offset| resolve(&Expr::Season { code: code.into(), year: None, offset: Some(offset) }, Some(date(y, m, 10)), Tense::Unknown).value;
    assert_eq!(s(1998, 2, "FA", -1), "1997-FA");
    assert_eq!(s(2024, 10, "SU", -1), "2024-SU");
    assert_eq!(s(2024, 10, "SP", 1), "2025-SP");
    let m = |month, shift| resolve(&Expr::MonthShift { month, shift }, Some(date(1998, 3, 5)), Tense::Unknown).value;
    assert_eq!(m(2, -1), "1997-02");
    assert_eq!(m(1, -1), "1998-01");
    assert_eq!(m(6, 1), "1998-06");
}

#[test]
fn calendar_expressions() {
    let v = values("Sales in the second half of 2023 and the first half of this year; elections in the year two thousand, and in nineteen ninety-six; Christmas 2023 and last Easter; markets close on Mondays and every July.");
    let got: Vec<&str> = v.iter().map(|(_, v)| v.as_str()).collect();
    assert_eq!(got, ["2023-H2", "2024-H1", "2000", "1996", "2023-12-25", "2024-03-31", "XXXX-WXX-1", "XXXX-07"]);
    assert!(values("He won the first half easily and two thousand people came.").is_empty());
}

#[test]
fn quarters_read_against_the_last_one_named() {
    let v = values("Profit rose in the third quarter from a year earlier. In the year-ago quarter it fell, and the quarter ended Sept. 30 was strong. The 2023 period was weak.");
    let got: Vec<(&str, &str)> = v.iter().map(|(t, v)| (t.as_str(), v.as_str())).collect();
    assert_eq!(got, [("the third quarter", "2024-Q3"), ("a year earlier", "2023-Q3"), ("the year-ago quarter", "2023-Q3"), ("the quarter", "2024-Q3"), ("Sept. 30", "2024-09-30"), ("The 2023 period", "2023-Q3")]);
    // Without a quarter named first, "the quarter" is not a time.
    assert!(values("He lives in the quarter near the port.").is_empty());
}

#[test]
fn anchor_windows_find_what_the_whole_text_does() {
    let k = TemporalKnowledge::load(None).expect("embedded knowledge loads");
    let filler = "word ".repeat(200);
    let text = format!("{filler}On Friday, more than a couple of years ago {filler}at 5 p.m. EST, Nov. 6 and in the 1990s {filler}");
    let found: Vec<&str> = find(&text, &k).iter().map(|f| &text[f.span.start..f.span.end]).collect();
    assert_eq!(found, ["Friday", "more than a couple of years ago", "5 p.m. EST, Nov. 6", "the 1990s"]);
}

#[test]
fn fractions_weekends_and_bare_units() {
    let v = values("It took 2 1/2 years and a minute and a half; talks went on for weeks over the weekend.");
    let got: Vec<(&str, &str)> = v.iter().map(|(t, v)| (t.as_str(), v.as_str())).collect();
    // 2024-10-09 is a Wednesday: the weekend just past is in ISO week 40.
    assert_eq!(got, [("2 1/2 years", "P2Y6M"), ("a minute and a half", "PT1M30S"), ("weeks", "PXW"), ("the weekend", "2024-W40-WE")]);
    assert_eq!(resolve::duration(Some(5.5), Unit::Hour), "PT5H30M");
    assert_eq!(resolve::duration(Some(1.5), Unit::Day), "P1DT12H");
}

#[test]
fn anaphors_count_from_the_story_time() {
    let v = values("He was promoted on May 22, 1995. Later that day he spoke, and the following year he left. In 1990 he moved; that day is forgotten.");
    let got: Vec<(&str, &str)> = v.iter().map(|(t, v)| (t.as_str(), v.as_str())).collect();
    // "that day" after a bare year names no day and is left out.
    assert_eq!(got, [("May 22, 1995", "1995-05-22"), ("Later that day", "1995-05-22"), ("the following year", "1996"), ("1990", "1990")]);
}
