//! The seed walkthrough, table 3 (when, normalised against 2024-10-09) and the quantities of
//! section 4, on the seed page's body. The body is read from the seed text directly: prose
//! lines (8+ words, lower-case letters, ending in sentence punctuation).

use sitrep_model::{Document, Quantity, Time};
use sitrep_nlp::{annotate, Knowledge};

fn annotated() -> Option<Document> {
    let mut doc = sitrep_testkit::seed_prose_document()?;
    let k = Knowledge::load(None).expect("default knowledge loads");
    annotate(&mut doc, &k);
    Some(doc)
}

/// The time inside the passage `context` whose text is `text`.
fn time_in<'a>(doc: &'a Document, context: &str, text: &str) -> &'a Time {
    let at = doc.text.find(context).unwrap_or_else(|| panic!("seed text lacks {context:?}"));
    let end = at + context.len();
    doc.times
        .iter()
        .find(|t| t.span.start >= at && t.span.end <= end && t.text.eq_ignore_ascii_case(text))
        .unwrap_or_else(|| panic!("no time {text:?} in {context:?}; times: {:#?}", doc.times))
}

fn quantity_in<'a>(doc: &'a Document, context: &str) -> &'a Quantity {
    let at = doc.text.find(context).unwrap_or_else(|| panic!("seed text lacks {context:?}"));
    let end = at + context.len();
    doc.quantities
        .iter()
        .find(|q| q.span.start >= at && q.span.end <= end)
        .unwrap_or_else(|| panic!("no quantity in {context:?}; quantities: {:#?}", doc.quantities))
}

#[test]
fn table_3_every_row() {
    let Some(doc) = annotated() else { return };
    let rows = [
        ("told South Korean politicians on Tuesday it was", "Tuesday", "2024-10-08", "day"),
        ("missile strike on Donetsk last week", "last week", "2024-W40", "week"),
        ("signed a defense pact in June when", "June", "2024-06", "month"),
        ("the Ukrainian military said Wednesday", "Wednesday", "2024-10-09", "day"),
        ("In March, Russia used its veto", "March", "2024-03", "month"),
        ("On Friday, Putin will meet", "Friday", "2024-10-11", "day"),
        ("On Monday, North Korean leader Kim Jong Un wished", "Monday", "2024-10-07", "day"),
    ];
    for (context, text, value, precision) in rows {
        let t = time_in(&doc, context, text);
        assert_eq!((t.value.as_str(), t.precision.as_str()), (value, precision), "{context}");
        assert_eq!(t.timex_type, "DATE");
        assert_eq!(doc.get(t.span), Some(t.text.as_str()));
    }
}

#[test]
fn table_3_recent_months_is_vague_and_before_publication() {
    let Some(doc) = annotated() else { return };
    let t = time_in(&doc, "to Russia in recent months, according", "recent months");
    assert_eq!((t.value.as_str(), t.precision.as_str()), ("PAST_REF", "fuzzy"));
    let [from, to] = t.range.clone().expect("a fuzzy time carries its range");
    assert!(from.as_str() < "2024-10-09" && to == "2024-10-09", "{from}..{to}");
}

#[test]
fn section_4_casualties() {
    let Some(doc) = annotated() else { return };
    let q = quantity_in(&doc, "six North Korean officers were killed");
    assert_eq!(q.value, Some(6.0));
    assert_eq!(q.casualty.as_deref(), Some("killed"));
    assert_eq!(q.counted.as_deref(), Some("officers"));
    assert!(!q.approx);
}

#[test]
fn section_4_distances() {
    let Some(doc) = annotated() else { return };
    let around = quantity_in(&doc, "around 70 miles from the border");
    assert!(around.approx && around.value == Some(70.0) && around.unit.as_deref() == Some("mi"));
    let c = around.converted.as_ref().expect("miles convert to km");
    assert_eq!((c.value.round(), c.unit.as_str()), (113.0, "km"));

    let arsenal = quantity_in(&doc, "115 kilometers (70 miles)");
    assert_eq!(arsenal.text, "115 kilometers (70 miles)", "one distance, not two");
    assert!(arsenal.approx);
    assert_eq!(arsenal.converted.as_ref().map(|c| (c.value, c.unit.as_str())), Some((115.0, "km")));

    let range = quantity_in(&doc, "maximum range of 75 miles");
    assert_eq!(range.converted.as_ref().map(|c| (c.value.round(), c.unit.as_str())), Some((121.0, "km")));
}

#[test]
fn no_quantity_inside_a_time_or_a_weapon_name() {
    let Some(doc) = annotated() else { return };
    for q in &doc.quantities {
        assert!(!doc.times.iter().any(|t| t.span.overlaps(q.span)), "{q:?} overlaps a time");
        assert_ne!(q.value, Some(360.0), "Fath-360 is a name, not a number");
    }
}
