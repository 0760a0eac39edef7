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

#[test]
fn mixed_straight_and_curly_quotes_close_the_quotation() {
    // opened with a straight mark, closed with a curly one: the cue after it is outside
    let a = attrs("\"I don’t think it is getting attention,” Grassley said.");
    assert!(a.iter().any(|(c, s, _)| c == "said" && s == "Grassley"), "{a:?}");
    // still inside an unclosed quotation: no cue
    let a = attrs("He said: “They say the plan will fail and we agree.");
    assert!(!a.iter().any(|(c, ..)| c == "say"), "{a:?}");
}

#[test]
fn title_case_headline_cue() {
    let a = attrs("Glenn Beck Says Trump Poses A Threat To Democracy");
    assert!(a.iter().any(|(c, s, _)| c == "Says" && s == "Glenn Beck"), "{a:?}");
    let a = attrs("The meeting with the Secretary of State Says nothing new.");
    assert!(!a.iter().any(|(c, ..)| c == "Says"), "{a:?}");
}

#[test]
fn said_of_and_appositive_chains() {
    let a = attrs("“His behavior was deplorable,” Sanders said of Bill Clinton.");
    assert!(a.iter().any(|(c, s, x)| c == "said" && s == "Sanders" && x.starts_with("His behavior")), "{a:?}");
    let a = attrs("Ari Fleischer, a former official who sits on the board of the coalition, said the plan would fail.");
    assert!(a.iter().any(|(c, s, _)| c == "said" && s.starts_with("Ari Fleischer")), "{a:?}");
}

#[test]
fn bare_noun_forms_are_not_cues() {
    let a = attrs("It was a short but emotional phone call with the family.");
    assert!(!a.iter().any(|(c, ..)| c == "call"), "{a:?}");
    let a = attrs("Most voters support the new plan.");
    assert!(a.iter().any(|(c, ..)| c == "support"), "{a:?}");
}

#[test]
fn participle_subject_and_when_asked() {
    let a = attrs("Fiorina was upfront about her distaste for the front-runner, saying conservatives need to band together.");
    assert!(a.iter().any(|(c, s, x)| c == "saying" && s == "Fiorina" && x.starts_with("conservatives")), "{a:?}");
    let a = attrs("Sanders said he would wait when asked whether he would endorse her, aides recalled.");
    assert!(a.iter().any(|(c, _, x)| c == "asked" && x.starts_with("whether")), "{a:?}");
}

#[test]
fn polls_and_polling_hold_findings_but_not_every_noun_agrees() {
    let a = attrs("For the first time, a poll shows Sanders leading Clinton nationally.");
    assert!(a.iter().any(|(c, s, _)| c == "shows" && s.ends_with("poll")), "{a:?}");
    let a = attrs("Exit polling showed that Clinton won every demographic.");
    assert!(a.iter().any(|(c, s, _)| c == "showed" && s == "Exit polling"), "{a:?}");
    // "the president agrees": a speech verb needs a name or pronoun before a plural-like form
    let a = attrs("The party has said it will boycott the elections unless the president agrees to step down.");
    assert!(!a.iter().any(|(c, s, _)| c == "agrees" && s.contains("boycott")), "{a:?}");
}

/// Attributions straight from `attribution::find` (rules and learned cues, with their rule notes).
fn found(text: &str, k: &ExtractKnowledge) -> Vec<(String, Option<String>, String, Vec<String>)> {
    let d = doc(text, &[]);
    let sents = crate::sentence::sentences(&d);
    let get = |s: sitrep_model::Span| d.text[s.start..s.end].to_string();
    crate::attribution::find(&d, &sents, k).into_iter().map(|f| (f.cue_text, f.source_span.map(get), get(f.content), f.rules)).collect()
}

/// A knowledge directory holding only `cue_model.tsv` with `body`.
fn model_dir(name: &str, body: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("sitrep-cue-model-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("cue_model.tsv"), body).unwrap();
    dir
}

#[test]
fn shipped_cue_model_finds_noun_cues_and_explains_them() {
    let k = ExtractKnowledge::load(None).unwrap();
    assert!(!k.cue_model.is_empty());
    let a = found("Sanders renewed his sharp criticism of the trade deal on Tuesday.", &k);
    let learned: Vec<_> = a.iter().filter(|f| f.3.iter().any(|r| r.contains("learned model"))).collect();
    assert!(learned.iter().any(|f| f.0.contains("criticism")), "{a:?}");
    // the note names the model file and its top features with their weights
    assert!(learned.iter().all(|f| f.3[0].contains("cue_model.tsv") && f.3[0].contains("score") && f.3[0].contains("=") && f.3[0].contains(" +")), "{a:?}");
}

#[test]
fn a_cue_model_in_the_knowledge_dir_replaces_the_shipped_one() {
    let dir = model_dir("override", "threshold\t\t\t0\nbias\t\t\t-10\nw\tfrobnicated\t\t20\n");
    let k = ExtractKnowledge::load(Some(&dir)).unwrap();
    let a = found("Officials frobnicated that taxes would rise.", &k);
    assert!(a.iter().any(|f| f.0 == "frobnicated" && f.1.as_deref() == Some("Officials") && f.2.starts_with("taxes")), "{a:?}");
    // a learned cue's content stops before an event trigger, so the event keeps its clause
    let a = found("Officials frobnicated that the rebels in the north attacked the town.", &k);
    assert!(a.iter().any(|f| f.0 == "frobnicated" && f.2.contains("the rebels") && !f.2.contains("attacked")), "{a:?}");
    // an empty model: the rules alone
    let empty = model_dir("empty", "threshold\t\t\t0\n");
    let k = ExtractKnowledge::load(Some(&empty)).unwrap();
    let a = found("Officials frobnicated that taxes would rise.", &k);
    assert!(a.is_empty(), "{a:?}");
    let bad = model_dir("bad", "w\tsaid\n");
    assert!(ExtractKnowledge::load(Some(&bad)).is_err());
    for d in [dir, empty, bad] {
        let _ = std::fs::remove_dir_all(d);
    }
}

#[test]
fn learned_runs_of_function_words_are_no_cues() {
    let dir = model_dir("function", "threshold\t\t\t0\nbias\t\t\t-10\nw\thas\t\t20\nw\talso\t\t20\n");
    let k = ExtractKnowledge::load(Some(&dir)).unwrap();
    let a = found("The senator has also been on the sidelines.", &k);
    assert!(a.is_empty(), "{a:?}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn learned_cues_leave_events_their_own_clause_and_source() {
    let dir = model_dir("events", "threshold\t\t\t0\nbias\t\t\t-10\nw\tused\t\t20\n");
    let k = ExtractKnowledge::load(Some(&dir)).unwrap();
    // an event right after the cue ("veto") is the statement itself: no learned cue
    let a = found("In March, Russia used its veto power at the United Nations.", &k);
    assert!(!a.iter().any(|f| f.0 == "used"), "{a:?}");
    // further on, the content stops before the trigger, so the event keeps its clause
    let a = found("Russia used the occasion of the summit to veto the plan.", &k);
    assert!(a.iter().any(|f| f.0 == "used" && f.2.starts_with("the occasion") && !f.2.contains("veto")), "{a:?}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_speech_verb_opening_a_quotation_is_a_cue_wherever_its_subject_is() {
    let empty = model_dir("quote-open", "threshold\t\t\t0\n");
    let k = ExtractKnowledge::load(Some(&empty)).unwrap();
    let a = found("Protesters marched past the stadium - while chanting, \"Hands up, don't shoot.\"", &k);
    assert!(a.iter().any(|f| f.0 == "chanting" && f.2.contains("Hands up")), "{a:?}");
    // without a quotation after it, no subject: no cue
    let a = found("Protesters marched past the stadium while chanting slogans.", &k);
    assert!(!a.iter().any(|f| f.0 == "chanting"), "{a:?}");
    let _ = std::fs::remove_dir_all(empty);
}

#[test]
fn one_function_word_joins_two_learned_words_into_one_cue() {
    let dir = model_dir("join", "threshold\t\t\t0\nbias\t\t\t-10\nw\tbegan\t\t20\nw\tsaying\t\t30\n");
    let k = ExtractKnowledge::load(Some(&dir)).unwrap();
    let a = found("Dean then began by saying he would never diagnose anyone.", &k);
    assert!(a.iter().any(|f| f.0 == "began by saying" && f.2.starts_with("he would")), "{a:?}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_second_cue_in_a_sentence_needs_the_extra_margin_and_a_lone_one_less() {
    let body = "threshold\t\t\t0\nextra\t\t\t15\nlone\t\t\t-8\nbias\t\t\t-10\nw\tfrobnicated\t\t20\nw\tglimmered\t\t20\nw\tdemurred\t\t5\n";
    let dir = model_dir("extra", body);
    let k = ExtractKnowledge::load(Some(&dir)).unwrap();
    // "glimmered" (10) clears the threshold but not threshold + extra after "frobnicated"
    let a = found("Officials frobnicated that voters glimmered about the rise in taxes.", &k);
    assert!(a.iter().any(|f| f.0 == "frobnicated") && !a.iter().any(|f| f.0 == "glimmered"), "{a:?}");
    // "demurred" (-5) is below the threshold but above `lone` in a sentence with no cue
    let a = found("The governor demurred on the question of new taxes.", &k);
    assert!(a.iter().any(|f| f.0 == "demurred"), "{a:?}");
    let _ = std::fs::remove_dir_all(dir);
}
