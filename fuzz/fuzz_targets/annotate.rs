//! Arbitrary UTF-8 as a clean document through the whole language layer: annotate must
//! never panic, and every span it writes must slice back to its text on char boundaries.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sitrep_model::{Document, Span};
use sitrep_nlp::{annotate, Knowledge};

fn knowledge() -> &'static Knowledge {
    static K: OnceLock<Knowledge> = OnceLock::new();
    K.get_or_init(|| Knowledge::load(None).expect("embedded knowledge loads"))
}

fn check(text: &str, s: Span) {
    assert!(s.start <= s.end && s.end <= text.len(), "span {s:?} out of {}", text.len());
    assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "span {s:?} splits a char");
}

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let mut doc = Document::new("fuzz", "fuzz", s.to_string());
    // The first bytes pick a publication date so that the resolver runs with a reference too.
    if data.len() > 2 && data[0] % 2 == 0 {
        let y = 1 + (u16::from(data[1]) * 39) % 9999;
        doc.published = Some(format!("{y:04}-{:02}-{:02}", 1 + data[2] % 12, 1 + data[2] % 28));
    }
    annotate(&mut doc, knowledge());
    let t = &doc.text;
    doc.sentences.iter().for_each(|s| check(t, *s));
    doc.times.iter().for_each(|x| check(t, x.span));
    doc.quantities.iter().for_each(|x| check(t, x.span));
    doc.places.iter().for_each(|x| check(t, x.span));
    doc.mentions.iter().for_each(|x| check(t, x.span));
    doc.weapons.iter().for_each(|x| check(t, x.span));
    doc.entities.iter().flat_map(|e| e.mentions.iter()).for_each(|s| check(t, *s));
});
