//! PETRARCH coding on hand-built documents: compound actors distributed, paired codes,
//! possessors, uncoded subjects of reporting verbs, discards; and no effect without a
//! verbs dictionary.

use sitrep_model::{Document, EntityKind::Country};

use crate::tests::doc;
use crate::{extract, ExtractKnowledge};

const VERBS: &str = "--- WELCOME [041] ---\nWELCOME\n\n--- LEAVE [032:033] ---\nLEAVE {LEFT}\n\n--- SAID [023] ---\nSAID\n\n--- RESTORE [064] ---\nRESTORE\n\n--- PRAISE [051] ---\nPRAISE\n\n--- VISIT [042] ---\nVISIT\n\n--- AGREE [081] ---\nAGREE\n- % * [030:030]\n";

fn knowledge(discards: Option<&str>) -> ExtractKnowledge {
    let dir = std::env::temp_dir().join(format!("sitrep-petr-recode-{}-{}", std::process::id(), discards.is_some()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("t.verbs.txt"), VERBS).unwrap();
    std::fs::write(dir.join("t.agents.txt"), "SOLDIER [~MIL]\nPRIME_MINISTER [~GOV]\nMSF {} [NGO~]\n").unwrap();
    if let Some(d) = discards {
        std::fs::write(dir.join("t.discards.txt"), d).unwrap();
    }
    let k = ExtractKnowledge::load(Some(&dir)).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    k
}

/// extract, then the PETRARCH pass (a second call is a no-op, should extract already run it)
fn code(mut d: Document, k: &ExtractKnowledge) -> Vec<(String, String, String)> {
    extract(&mut d, k);
    let sents = crate::sentence::sentences(&d);
    super::recode(&mut d, &sents, k);
    super::recode(&mut d, &sents, k);
    let c = |a: &Option<sitrep_model::ActorRef>| a.as_ref().and_then(|a| a.country.clone()).unwrap_or_else(|| "---".into());
    let mut v: Vec<_> = d.events.iter().map(|e| (c(&e.actor1), c(&e.actor2), e.cameo.clone().unwrap_or_default())).collect();
    v.sort();
    v
}

fn t(a: &str, b: &str, c: &str) -> (String, String, String) {
    (a.into(), b.into(), c.into())
}

#[test]
fn compound_subjects_act_each_on_every_target() {
    let k = knowledge(None);
    let d = doc(
        "Mordor, Rohan and the evil Bree welcomed ties between Gondor and Osgiliath.",
        &[("Mordor", "e1", "Mordor", Country, "MOR", None), ("Rohan", "e2", "Rohan", Country, "ROH", None), ("Bree", "e3", "Bree", Country, "BRE", None), ("Gondor", "e4", "Gondor", Country, "GON", None), ("Osgiliath", "e5", "Osgiliath", Country, "OSG", None)],
    );
    let got = code(d, &k);
    let mut want = vec![];
    for s in ["BRE", "MOR", "ROH"] {
        for o in ["GON", "OSG"] {
            want.push(t(s, o, "04"));
        }
    }
    assert_eq!(got, want);
}

#[test]
fn paired_code_adds_the_reverse_event_and_possessor_is_the_source() {
    let k = knowledge(None);
    let d = doc(
        "Dagolath's new minister Telemar left for Gondor on Wednesday.",
        &[("Dagolath", "e1", "Dagolath", Country, "DAG", None), ("Telemar", "e2", "Telemar", Country, "CAL", None), ("Gondor", "e3", "Gondor", Country, "GON", None)],
    );
    assert_eq!(code(d, &k), vec![t("DAG", "GON", "03"), t("GON", "DAG", "03")]);
}

#[test]
fn an_uncoded_speaker_codes_nothing() {
    let k = knowledge(None);
    let d = doc(
        "Arnor restored ties with Gondor on Monday, a senior official said.",
        &[("Arnor", "e1", "Arnor", Country, "ARN", None), ("Gondor", "e2", "Gondor", Country, "GON", None), ("Ithilen", "e3", "Ithilen", Country, "ITH", None)],
    );
    assert_eq!(code(d, &k), vec![t("ARN", "GON", "06")]);
}

#[test]
fn a_verb_used_as_a_noun_codes_nothing() {
    let k = knowledge(None);
    let d = doc("Arnor welcomed Gondor during a private visit to Rohan.", &[("Arnor", "e1", "Arnor", Country, "ARN", None), ("Gondor", "e2", "Gondor", Country, "GON", None), ("Rohan", "e3", "Rohan", Country, "ROH", None)]);
    assert_eq!(code(d, &k), vec![t("ARN", "GON", "04")]);
}

#[test]
fn discards_drop_the_sentence_or_the_story() {
    let actors = [("Arnor", "e1", "Arnor", Country, "ARN", None), ("Gondor", "e2", "Gondor", Country, "GON", None)];
    let k = knowledge(Some("BASEBALL\n+TYPHOON # story\n"));
    let two = "Arnor welcomed baseball with Gondor. Gondor welcomed Arnor.";
    assert_eq!(code(doc(two, &actors), &k), vec![t("GON", "ARN", "04")]);
    let story = "Arnor welcomed Gondor. A typhoon hit Gondor.";
    assert!(code(doc(story, &actors), &k).is_empty());
}

#[test]
fn without_a_verbs_dictionary_events_are_untouched() {
    let k = ExtractKnowledge::load(None).unwrap();
    let mut d = doc("Russia and Iran attacked Ukraine and Poland.", &[("Russia", "e1", "Russia", Country, "RUS", None), ("Iran", "e2", "Iran", Country, "IRN", None), ("Ukraine", "e3", "Ukraine", Country, "UKR", None), ("Poland", "e4", "Poland", Country, "POL", None)]);
    extract(&mut d, &k);
    let before = serde_json::to_string(&d.events).unwrap();
    let sents = crate::sentence::sentences(&d);
    super::recode(&mut d, &sents, &k);
    assert_eq!(serde_json::to_string(&d.events).unwrap(), before);
}



#[test]
fn a_compound_subject_pattern_codes_its_members_on_each_other() {
    let k = knowledge(None);
    let actors = [("Rohan", "e1", "Rohan", Country, "ROH", None), ("Gondor", "e2", "Gondor", Country, "GON", None), ("Arnor", "e3", "Arnor", Country, "ARN", None)];
    let d = doc("Rohan and Gondor agree that disputes should be settled.", &actors);
    assert_eq!(code(d, &k), vec![t("GON", "ROH", "03"), t("ROH", "GON", "03")]);
    // one subject: the verb's own code
    let d = doc("Rohan agreed to sell grain to Arnor.", &actors);
    assert_eq!(code(d, &k), vec![t("ROH", "ARN", "08")]);
}

#[test]
fn the_agent_noun_beside_the_name_gives_the_role() {
    let k = knowledge(None);
    let actors = [("Gondor", "e1", "Gondor", Country, "GON", None), ("Rohan", "e2", "Rohan", Country, "ROH", None), ("Arnor", "e3", "Arnor", Country, "ARN", None), ("Bree", "e4", "Bree", Country, "BRE", None)];
    let mut d = doc("Soldiers from Gondor and Rohan welcomed Bree Prime Minister Telemar in Arnor.", &actors);
    extract(&mut d, &k);
    let sents = crate::sentence::sentences(&d);
    super::recode(&mut d, &sents, &k);
    let mut v: Vec<String> = d
        .events
        .iter()
        .map(|e| {
            let c = |a: &Option<sitrep_model::ActorRef>| a.as_ref().map(|a| format!("{}{}", a.country.as_deref().unwrap_or("---"), a.sector.as_deref().unwrap_or(""))).unwrap_or_default();
            format!("{}>{}", c(&e.actor1), c(&e.actor2))
        })
        .collect();
    v.sort();
    assert_eq!(v, ["GONMIL>BREGOV", "ROHMIL>BREGOV"]);
}
