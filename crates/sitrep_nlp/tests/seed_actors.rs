//! The seed walkthrough, tables 2 (who is who) and 4 (weapons), on the seed page's body.
//! The body is read from the seed text directly (stage crates do not import each other): body
//! paragraphs are the lines that read as prose (lower-case letters, sentence punctuation, 8+ words).

use sitrep_model::{Document, EntityKind};
use sitrep_nlp::{annotate, Knowledge};

fn seed_doc() -> Option<Document> {
    let path = sitrep_testkit::seed_path()?;
    let raw = std::fs::read_to_string(path).ok()?;
    let body: Vec<&str> = raw
        .lines()
        .skip(1)
        .map(str::trim)
        .filter(|l| l.split_whitespace().count() >= 8 && l.chars().any(char::is_lowercase))
        .filter(|l| l.ends_with(['.', '!', '?', '”', '"']))
        .collect();
    let mut doc = Document::new("seed", "seed", body.join("\n\n"));
    doc.published = Some("2024-10-09".into());
    Some(doc)
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

#[test]
fn dump() {
    let Some(doc) = annotated() else { return };
    for m in &doc.mentions {
        eprintln!("{:?} {} {:?} {:?} {}", m.text, m.entity, m.country, m.sector, m.rule);
    }
    for e in &doc.entities {
        eprintln!("{} {} {:?} {:?} {:?} {:?} {}", e.id, e.name, e.kind, e.country, e.sector, e.role, e.mentions.len());
    }
}
