//! Role nouns without a name ("Russia's foreign minister") code as the country's government,
//! and a PETRARCH `.agents.txt` dictionary in the knowledge directory refines the role code.

use sitrep_model::Document;
use sitrep_nlp::{annotate, Knowledge};

/// (mention text, country, sector) of every actor mention.
fn mentions(text: &str, k: &Knowledge) -> Vec<(String, Option<String>, Option<String>)> {
    let mut doc = Document::new("t", "t", text.to_string());
    doc.published = Some("2024-10-09".into());
    annotate(&mut doc, k);
    doc.mentions.iter().map(|m| (m.text.clone(), m.country.clone(), m.sector.clone())).collect()
}

#[test]
fn possessive_role_noun_is_the_government() {
    let k = Knowledge::load(None).expect("default knowledge");
    let m = mentions("Russia's foreign minister urged Ukraine to respond.", &k);
    assert!(m.contains(&("Russia's foreign minister".into(), Some("RUS".into()), Some("GOV".into()))), "{m:?}");
}

#[test]
fn agents_dictionary_refines_the_role_code() {
    let dir = std::env::temp_dir().join(format!("sitrep-agents-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("my.agents.txt"), "FOREIGN_MINISTER [~GOVFRM]\nHARBOUR_MASTER [~BUS]\n").expect("write");
    let k = Knowledge::load(Some(&dir)).expect("knowledge with agents");
    let m = mentions("The Russian foreign minister met the Turkish harbour master on Monday.", &k);
    std::fs::remove_dir_all(&dir).ok();
    assert!(m.contains(&("Russian foreign minister".into(), Some("RUS".into()), Some("GOVFRM".into()))), "{m:?}");
    assert!(m.contains(&("Turkish harbour master".into(), Some("TUR".into()), Some("BUS".into()))), "{m:?}");
}
