//! Quantity unit tests on short sentences.

use sitrep_model::{Document, Quantity};

use super::*;

fn run(text: &str) -> Vec<Quantity> {
    let k = QuantityKnowledge::load(None).expect("embedded knowledge loads");
    let mut doc = Document::new("q", "test", text.to_string());
    annotate(&mut doc, &k);
    doc.quantities
}

#[test]
fn digits_words_and_scales() {
    let q = run("He paid $1.13bn and £600m for 1,200 tanks, 3.5 tonnes and two hundred rifles.");
    let v: Vec<(Option<f64>, Option<&str>)> = q.iter().map(|q| (q.value, q.unit.as_deref())).collect();
    assert_eq!(v, [(Some(1.13e9), Some("USD")), (Some(6e8), Some("GBP")), (Some(1200.0), None), (Some(3.5), Some("t")), (Some(200.0), None)]);
    assert_eq!(q[2].counted.as_deref(), Some("tanks"));
}

#[test]
fn bounds_ranges_and_vague() {
    let q = run("At least 12 people died; up to 30 were hurt; 10 to 15 houses and dozens of cars burned.");
    assert_eq!((q[0].low, q[0].high, q[0].approx), (Some(12.0), None, true));
    assert_eq!(q[0].casualty.as_deref(), Some("killed"));
    assert_eq!((q[1].low, q[1].high), (None, Some(30.0)));
    assert_eq!(q[1].casualty.as_deref(), Some("wounded"));
    assert_eq!((q[2].value, q[2].low, q[2].high), (None, Some(10.0), Some(15.0)));
    assert_eq!((q[3].value, q[3].low, q[3].approx), (None, Some(24.0), true));
}

#[test]
fn casualties_before_and_after() {
    let q = run("The blast, killing at least 12 people, left 3 dead. Six North Korean officers were killed.");
    let c: Vec<(Option<f64>, Option<&str>, Option<&str>)> = q.iter().map(|q| (q.low, q.casualty.as_deref(), q.counted.as_deref())).collect();
    assert_eq!(c, [(Some(12.0), Some("killed"), Some("people")), (Some(3.0), Some("killed"), None), (Some(6.0), Some("killed"), Some("officers"))]);
}

#[test]
fn conversions_and_equivalents() {
    let q = run("It lies 115 kilometers (70 miles) away, about 75 miles from the border, and up 40%.");
    assert_eq!(q.len(), 3, "{q:?}");
    assert!(q[0].approx && q[0].text == "115 kilometers (70 miles)");
    assert_eq!(q[1].converted.as_ref().map(|c| (c.value.round(), c.unit.as_str())), Some((121.0, "km")));
    assert_eq!(q[2].unit.as_deref(), Some("percent"));
}

#[test]
fn not_quantities() {
    assert!(run("The Fath-360 and F-16 flew in 1998 at 14:00.").is_empty());
    assert!(run("No one came.").is_empty());
}

#[test]
fn casualty_words_stay_with_their_own_count() {
    // the casualty word past "and" is the next count's ("and wounded more than 20")
    let q = run("A car bomb killed at least 5 people and wounded more than 20 in Baghdad.");
    let c: Vec<Option<&str>> = q.iter().map(|q| q.casualty.as_deref()).collect();
    assert_eq!(c, [Some("killed"), Some("wounded")]);
    let q = run("Suicide bomber kills 12, wounds 30 in Kabul; by night the toll rose to 31.");
    let c: Vec<(Option<f64>, Option<&str>)> = q.iter().map(|q| (q.value, q.casualty.as_deref())).collect();
    assert_eq!(c, [(Some(12.0), Some("killed")), (Some(30.0), Some("wounded")), (Some(31.0), Some("killed"))]);
    // a count before "killed and wounded" keeps its casualty word (the event layer splits it)
    let q = run("30 killed and wounded in the city.");
    assert_eq!(q[0].casualty.as_deref(), Some("killed"));
}

#[test]
fn a_toll_counts_the_dead_across_words() {
    let q = run("The death toll from Monday's attack on the market rose to 31, officials said.");
    assert_eq!((q[0].value, q[0].casualty.as_deref()), (Some(31.0), Some("killed")));
    // no toll, or a toll past a clause break: no casualty
    let q = run("Prices rose to 31 and the toll, which was low, then fell; numbers reached 12.");
    assert!(q.iter().all(|q| q.casualty.is_none()), "{q:?}");
}
