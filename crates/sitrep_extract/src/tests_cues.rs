//! Tests of the attitude, quotation, colon-label, poll and passive attribution rules.

use crate::tests::doc;
use crate::{extract, ExtractKnowledge};

/// (cue text, source text, content text) of every attribution, events and claims alike.
fn attrs(text: &str) -> Vec<(String, String, String)> {
    let mut d = doc(text, &[]);
    let k = ExtractKnowledge::load(None).unwrap();
    extract(&mut d, &k);
    let all = d.events.iter().map(|e| &e.attribution).chain(d.claims.iter().map(|c| &c.attribution));
    let get = |s: Option<sitrep_model::Span>| s.map_or(String::new(), |s| d.text[s.start..s.end].to_string());
    let mut out: Vec<(String, String, String)> = all
        .filter_map(|a| {
            let c = a.cue.as_ref()?;
            Some((c.text.clone(), get(a.source.as_ref().and_then(|s| s.span)), get(a.content)))
        })
        .collect();
    out.dedup();
    out
}

#[test]
fn attitude_verbs_attribute_beliefs_of_third_parties() {
    let a = attrs("Most voters think the economy is weak.");
    assert!(a.iter().any(|(c, s, x)| c == "think" && s.contains("voters") && x.starts_with("the economy")), "{a:?}");
}

#[test]
fn attitudes_need_a_holder_and_not_the_quoted_speaker() {
    let a = attrs("He pledged strong support for the plan.");
    assert!(!a.iter().any(|(c, ..)| c == "support"), "{a:?}");
    let a = attrs("“I think we will win,” Smith said.");
    assert!(!a.iter().any(|(c, ..)| c == "think"), "{a:?}");
    assert!(a.iter().any(|(c, s, _)| c == "said" && s == "Smith"), "{a:?}");
}

#[test]
fn speaker_label_before_a_colon() {
    let a = attrs("Paul Ryan: The decision defies explanation.");
    assert!(a.iter().any(|(c, s, x)| c == ":" && s == "Paul Ryan" && x.starts_with("The decision")), "{a:?}");
    let a = attrs("Update: The story was changed.");
    assert!(!a.iter().any(|(c, ..)| c == ":"), "{a:?}");
}

#[test]
fn a_particular_poll_is_the_source_of_its_finding() {
    let a = attrs("Trump leads by 24 points in a CNN national poll.");
    assert!(a.iter().any(|(c, s, x)| c == "in" && s == "a CNN national poll" && x.starts_with("Trump leads")), "{a:?}");
    let a = attrs("Bush sits at single digits in the polls.");
    assert!(!a.iter().any(|(c, ..)| c == "in"), "{a:?}");
}

#[test]
fn agentless_passive_is_a_cue() {
    let a = attrs("Clinton is expected to win the primary.");
    assert!(a.iter().any(|(c, ..)| c == "is expected"), "{a:?}");
}
