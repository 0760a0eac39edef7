//! Group and affiliation patterns of the actor layer: a people after a demonym keeps the
//! demonym's country, a title after a demonym's institution takes that country, "[Title] Name of
//! [Country]", "the [title] of [Country]", one modifier between affiliation and title, and
//! "they" resolving to the nearest plural group.

use sitrep_model::Document;
use sitrep_nlp::{annotate, Knowledge};

fn knowledge() -> &'static Knowledge {
    static K: std::sync::OnceLock<Knowledge> = std::sync::OnceLock::new();
    K.get_or_init(|| Knowledge::load(None).expect("default knowledge"))
}

type M = (String, Option<String>, Option<String>, String);

/// (mention text, country, sector, rule) of every actor mention.
fn mentions(text: &str) -> Vec<M> {
    let mut doc = Document::new("t", "t", text.to_string());
    doc.published = Some("2024-10-09".into());
    annotate(&mut doc, knowledge());
    doc.mentions.iter().map(|m| (m.text.clone(), m.country.clone(), m.sector.clone(), m.rule.clone())).collect()
}

fn country_of(m: &[M], text: &str) -> Option<String> {
    m.iter().find(|x| x.0 == text).unwrap_or_else(|| panic!("no mention {text:?} in {m:?}")).1.clone()
}

#[test]
fn a_people_after_a_demonym_keeps_the_first_country() {
    let m = mentions("Iraqi Kurds fled north while Bosnian Croat forces shelled the valley.");
    assert_eq!(country_of(&m, "Iraqi Kurds"), Some("IRQ".into()), "{m:?}");
    let forces = m.iter().find(|x| x.0 == "Bosnian Croat forces").unwrap_or_else(|| panic!("{m:?}"));
    assert_eq!((forces.1.as_deref(), forces.2.as_deref()), (Some("BIH"), Some("MIL")), "{m:?}");
    // no separate mention for the second demonym
    assert!(!m.iter().any(|x| x.0 == "Croat"), "{m:?}");
}

#[test]
fn demonyms_news_uses() {
    for (text, code) in [("Kyrgyz", "KGZ"), ("Kazakh", "KAZ"), ("Uzbek", "UZB"), ("Serb", "SRB"), ("Azeri", "AZE")] {
        let m = mentions(&format!("{text} troops crossed the river."));
        assert_eq!(country_of(&m, &format!("{text} troops")), Some(code.into()), "{m:?}");
    }
}

#[test]
fn title_after_a_demonyms_institution_takes_its_country() {
    let m = mentions("Dutch Senate speaker Anna Visser met the Kenyan army spokesman Peter Otieno.");
    assert_eq!(country_of(&m, "Dutch Senate speaker Anna Visser"), Some("NLD".into()), "{m:?}");
    assert_eq!(country_of(&m, "Kenyan army spokesman Peter Otieno"), Some("KEN".into()), "{m:?}");
    // a title with no demonym before the institution stays without a country
    let m = mentions("Senate speaker Anna Visser met reporters.");
    assert!(m.iter().all(|x| x.1.is_none()), "{m:?}");
}

#[test]
fn country_after_a_titled_name_and_after_a_role_noun() {
    let m = mentions("Queen Maria of Denmark spoke with the president of Chile on Monday.");
    assert_eq!(country_of(&m, "Queen Maria of Denmark"), Some("DNK".into()), "{m:?}");
    assert_eq!(country_of(&m, "the president of Chile"), Some("CHL".into()), "{m:?}");
}

#[test]
fn one_modifier_between_affiliation_and_title() {
    let m = mentions("Egypt's new ambassador Omar Said presented his credentials.");
    assert_eq!(country_of(&m, "Egypt's new ambassador Omar Said"), Some("EGY".into()), "{m:?}");
    // a verb between is not a modifier
    let m = mentions("Egypt said ambassador Omar Said would return.");
    assert!(!m.iter().any(|x| x.0.contains("Omar Said") && x.1.is_some()), "{m:?}");
}

#[test]
fn they_resolves_to_the_nearest_plural_group() {
    let m = mentions("Chadian rebel leaders said on Friday they would attend the talks.");
    let they = m.iter().find(|x| x.0 == "they").unwrap_or_else(|| panic!("{m:?}"));
    assert_eq!((they.1.as_deref(), they.2.as_deref(), they.3.as_str()), (Some("TCD"), Some("REB"), "coref:they"), "{m:?}");
    // a singular collective is no antecedent for "they"
    let m = mentions("The Chadian army said they would attend.");
    assert!(!m.iter().any(|x| x.0 == "they"), "{m:?}");
    // nor a group inside a quotation for a "they" outside it (the speaker's side)
    let m = mentions("“Chadian rebel leaders will not come,” the minister said, adding that they would wait.");
    assert!(!m.iter().any(|x| x.0 == "they"), "{m:?}");
}

#[test]
fn its_troops_in_a_subject_slot_are_the_owners_agents() {
    let m = mentions("Chile said its troops had left the border.");
    let own = m.iter().find(|x| x.0 == "its troops").unwrap_or_else(|| panic!("{m:?}"));
    assert_eq!((own.1.as_deref(), own.2.as_deref()), (Some("CHL"), Some("MIL")), "{m:?}");
    // an object ("offered its troops") and a civilian noun ("its residents") are left alone
    let m = mentions("Chile offered its troops to Peru and its residents cheered.");
    assert!(!m.iter().any(|x| x.0.starts_with("its ")), "{m:?}");
}
