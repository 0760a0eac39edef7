//! The seed walkthrough, tables 2 (who is who) and 4 (weapons), on the seed page's body.
//! The body is read from the seed text directly (stage crates do not import each other): body
//! paragraphs are the lines that read as prose (lower-case letters, sentence punctuation, 8+ words).

use sitrep_model::{Document, EntityKind};
use sitrep_nlp::{annotate, Knowledge};

fn seed_doc() -> Option<Document> {
    sitrep_testkit::seed_prose_document()
}

fn annotated() -> Option<Document> {
    let mut doc = seed_doc()?;
    let k = Knowledge::load(None).expect("default knowledge loads");
    annotate(&mut doc, &k);
    Some(doc)
}

/// The entity behind the mention whose text is `text` (the `nth` such mention).
fn entity_of<'a>(doc: &'a Document, text: &str, nth: usize) -> &'a sitrep_model::Entity {
    let m = doc
        .mentions
        .iter()
        .filter(|m| m.text == text)
        .nth(nth)
        .unwrap_or_else(|| panic!("no mention #{nth} {text:?}; mentions: {:#?}", doc.mentions.iter().map(|m| (&m.text, &m.entity, &m.rule)).collect::<Vec<_>>()));
    doc.entities.iter().find(|e| e.id == m.entity).expect("mention points at an entity")
}

fn sector_of(doc: &Document, text: &str) -> Option<String> {
    doc.mentions.iter().find(|m| m.text == text).and_then(|m| m.sector.clone())
}

fn check(doc: &Document, text: &str, nth: usize, name: &str, country: &str) {
    let e = entity_of(doc, text, nth);
    assert_eq!((e.name.as_str(), e.country.as_deref()), (name, Some(country)), "mention #{nth} {text:?}");
}

#[test]
fn table2_countries_metonyms_and_groups() {
    let Some(doc) = annotated() else { return eprintln!("shared seed absent; skipped") };
    check(&doc, "South Korea", 0, "South Korea", "KOR");
    check(&doc, "South Korean politicians", 0, "South Korea", "KOR");
    assert_eq!(sector_of(&doc, "South Korean politicians").as_deref(), Some("GOV"));
    check(&doc, "Pyongyang", 0, "North Korea", "PRK");
    check(&doc, "Pyongyang", 1, "North Korea", "PRK");
    assert_eq!(sector_of(&doc, "Pyongyang").as_deref(), Some("GOV"));
    for t in ["North Korea", "North Korean officers", "North Korean troops"] {
        check(&doc, t, 0, "North Korea", "PRK");
    }
    assert_eq!(sector_of(&doc, "North Korean troops").as_deref(), Some("MIL"));
    check(&doc, "Moscow", 0, "Russia", "RUS");
    check(&doc, "Russian soldiers", 0, "Russia", "RUS");
    assert_eq!(sector_of(&doc, "Russian soldiers").as_deref(), Some("MIL"));
    check(&doc, "Ukrainian military", 0, "Ukraine", "UKR");
    assert_eq!(sector_of(&doc, "Ukrainian military").as_deref(), Some("MIL"));
    check(&doc, "Iran", 0, "Iran", "IRN");
    check(&doc, "U.S. defense officials", 0, "United States", "USA");
    assert_eq!(sector_of(&doc, "U.S. defense officials").as_deref(), Some("GOV"));
    check(&doc, "United Nations", 0, "United Nations", "UN");
    // Capitals used as governments are actors, never places.
    assert!(!doc.places.iter().any(|p| p.name == "Pyongyang" || p.name == "Moscow"));
}

#[test]
fn table2_people_roles_and_coreference() {
    let Some(doc) = annotated() else { return eprintln!("shared seed absent; skipped") };
    let kyh = entity_of(&doc, "Kim Yong-hyun", 0);
    assert_eq!(kyh.kind, EntityKind::Person);
    assert_eq!(kyh.role.as_deref(), Some("defense minister"));
    assert_eq!(kyh.country.as_deref(), Some("KOR"));
    assert_eq!(kyh.sector.as_deref(), Some("GOV"));
    assert_eq!(entity_of(&doc, "Seoul’s defense minister", 0).id, kyh.id);
    // "Kim told", "Kim said" early on, and "The defense chief" are the defense minister.
    assert_eq!(entity_of(&doc, "Kim", 0).id, kyh.id);
    assert_eq!(entity_of(&doc, "Kim", 1).id, kyh.id);
    assert_eq!(entity_of(&doc, "The defense chief", 0).id, kyh.id);
    let kju = entity_of(&doc, "North Korean leader Kim Jong Un", 0);
    assert_eq!((kju.name.as_str(), kju.country.as_deref(), kju.role.as_deref()), ("Kim Jong Un", Some("PRK"), Some("leader")));
    // The late "Kim said Putin would lead" is Kim Jong Un: the nearer full name wins.
    assert_eq!(entity_of(&doc, "Kim", 2).id, kju.id);
    let putin = entity_of(&doc, "Russian President Vladimir Putin", 0);
    assert_eq!((putin.name.as_str(), putin.country.as_deref(), putin.role.as_deref()), ("Vladimir Putin", Some("RUS"), Some("president")));
    for n in 0..3 {
        assert_eq!(entity_of(&doc, "Putin", n).id, putin.id);
    }
    let pz = entity_of(&doc, "Iranian President Masoud Pezeshkian", 0);
    assert_eq!((pz.name.as_str(), pz.country.as_deref(), pz.role.as_deref()), ("Masoud Pezeshkian", Some("IRN"), Some("president")));
    assert_ne!(kyh.id, kju.id);
}

#[test]
fn spans_are_valid_and_entities_hold_their_mentions() {
    let Some(doc) = annotated() else { return eprintln!("shared seed absent; skipped") };
    assert!(doc.invalid_spans().is_empty(), "{:?}", doc.invalid_spans());
    for m in &doc.mentions {
        assert_eq!(doc.slice(m.span), m.text);
        let e = doc.entities.iter().find(|e| e.id == m.entity).expect("entity");
        assert!(e.mentions.contains(&m.span));
    }
    assert!(doc.sentences.len() >= 18, "{} sentences", doc.sentences.len());
}

#[test]
fn table4_weapons() {
    let Some(doc) = annotated() else { return eprintln!("shared seed absent; skipped") };
    let names: Vec<(&str, &str)> = doc.weapons.iter().map(|w| (w.name.as_str(), w.class.as_str())).collect();
    for want in [
        ("artillery", "artillery"),
        ("cruise missile", "cruise_missile"),
        ("glide bomb", "bomb"),
        ("ammunition", "ammunition"),
        ("Fath-360", "ballistic_missile"),
        ("ballistic missile", "ballistic_missile"),
        ("missile", "missile"),
        ("drone", "drone"),
        ("weapons", "weapons"),
    ] {
        assert!(names.contains(&want), "missing {want:?} in {names:?}");
    }
    for w in &doc.weapons {
        assert_eq!(doc.slice(w.span), w.text);
    }
}

#[test]
fn places_in_the_seed() {
    let Some(doc) = annotated() else { return eprintln!("shared seed absent; skipped") };
    let donetsk = doc.places.iter().find(|p| doc.slice(p.span) == "Donetsk").expect("Donetsk is a place");
    assert_eq!(donetsk.country.as_deref(), Some("UKR"));
    let (lat, lon) = (donetsk.lat.unwrap(), donetsk.lon.unwrap());
    assert!((47.0..49.5).contains(&lat) && (36.5..39.0).contains(&lon), "{lat},{lon}");
}
