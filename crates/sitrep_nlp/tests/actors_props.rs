//! Property tests: annotate never panics on arbitrary Unicode and every span it writes is
//! in bounds and on character boundaries; knowledge overrides from a directory take effect.

use proptest::prelude::*;
use sitrep_model::Document;
use sitrep_nlp::{annotate, Knowledge};

fn knowledge() -> &'static Knowledge {
    static K: std::sync::OnceLock<Knowledge> = std::sync::OnceLock::new();
    K.get_or_init(|| Knowledge::load(None).expect("default knowledge loads"))
}

fn check(text: String) {
    let mut doc = Document::new("p", "p", text);
    doc.published = Some("2024-10-09".into());
    annotate(&mut doc, knowledge());
    assert!(doc.invalid_spans().is_empty(), "{:?}", doc.invalid_spans());
    for m in &doc.mentions {
        assert_eq!(doc.slice(m.span), m.text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn arbitrary_unicode_gives_valid_spans(text in "\\PC{0,300}") {
        check(text);
    }

    #[test]
    fn newsy_text_gives_valid_spans(parts in proptest::collection::vec(prop_oneof![
        Just("North Korean troops "), Just("Seoul’s defense minister, "), Just("Kim Yong-hyun"),
        Just(" said. "), Just("President "), Just("Kim"), Just("\n\n"), Just("in Ukraine"),
        Just("é"), Just("U.S."), Just(" the defense chief "), Just("’s "), Just(", the head of the IAEA"),
        Just("Fath-360 "), Just("glide bombs"), Just("Paris, Texas"), Just("日本"), Just("he "),
    ], 0..40)) {
        check(parts.concat());
    }
}

#[test]
fn user_knowledge_extends_the_defaults() {
    let dir = std::env::temp_dir().join(format!("sitrep-nlp-k-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("organisations.tsv"), "Zorblax Front|ZF\tZBX\tREB\tUKR\n").unwrap();
    std::fs::write(dir.join("weapons.tsv"), "Thunderclap-9\tThunderclap-9\tcruise_missile\n").unwrap();
    let k = Knowledge::load(Some(&dir)).expect("loads with overrides");
    let mut doc = Document::new("k", "k", "The Zorblax Front fired a Thunderclap-9 at Russia.".into());
    annotate(&mut doc, &k);
    let org = doc.entities.iter().find(|e| e.name == "Zorblax Front").expect("user organisation found");
    assert_eq!((org.country.as_deref(), org.sector.as_deref()), (Some("UKR"), Some("REB")));
    let w = doc.weapons.iter().find(|w| w.name == "Thunderclap-9").expect("user weapon found");
    assert_eq!(w.class, "cruise_missile");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn capital_is_actor_as_subject_and_place_after_preposition() {
    let mut doc = Document::new("c", "c", "Moscow said it would respond. Protesters gathered in Moscow on Sunday.".into());
    annotate(&mut doc, knowledge());
    let actor: Vec<_> = doc.mentions.iter().filter(|m| m.text == "Moscow").collect();
    assert_eq!(actor.len(), 1, "{:?}", doc.mentions);
    assert_eq!((actor[0].country.as_deref(), actor[0].sector.as_deref()), (Some("RUS"), Some("GOV")));
    assert_eq!(actor[0].span.start, 0);
    let place = doc.places.iter().find(|p| p.name == "Moscow").expect("Moscow as a place");
    assert!(place.span.start > 30);
    assert_eq!(place.precision, "capital");
}

#[test]
fn name_then_role_of_organisation() {
    let mut doc = Document::new("o", "o", "Rafael Grossi, the head of the IAEA, said on Monday that Grossi would visit.".into());
    annotate(&mut doc, knowledge());
    let p = doc.entities.iter().find(|e| e.name == "Rafael Grossi").expect("person from appositive");
    assert_eq!((p.role.as_deref(), p.country.as_deref(), p.sector.as_deref()), (Some("head"), Some("IAEA"), Some("IGO")));
    assert_eq!(p.mentions.len(), 3, "{:?}", doc.mentions);
}
