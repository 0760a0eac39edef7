//! `query --text` on SQLite: the FTS5 tables index positions of no kind (`detail=none`), so a
//! query word must reach FTS5 as one token. Words in scripts with combining marks (Hindi,
//! pointed Hebrew) and circled letters once split into phrases there; each must still find
//! its event, and nothing else.

use sitrep_model::Document;
use sitrep_store::{Filter, Prepared};
use sitrep_testkit::event_with_evidence as event;

fn doc(id: &str, text: &str) -> Prepared {
    let mut d = Document::new(id, format!("{id}.txt"), text.to_string());
    d.events = vec![event(text)];
    let key = sitrep_model::content_hash(format!("{id}\0{text}").as_bytes());
    Prepared::new(d, key)
}

#[test]
fn words_with_marks_and_symbols_find_their_event() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fts.db");
    let mut s = sitrep_store::open(path.to_str().unwrap()).unwrap();
    let texts = [
        ("hi", "हिंदी समाचार में हमला"),
        ("he", "הַתְקָפָה בְּעִיר"),
        ("circled", "Strike on kharⓚkiv depot"),
        ("latin", "Café bombed in Mosul"),
    ];
    let batch: Vec<Prepared> = texts.iter().map(|(id, t)| doc(id, t)).collect();
    s.write_batch(&batch).unwrap();
    for (query, want) in [("हिंदी", "hi:ev1"), ("הַתְקָפָה", "he:ev1"), ("kharⓚkiv", "circled:ev1"), ("CAFÉ mosul", "latin:ev1")] {
        let rows = s.query(&Filter { text: Some(query.into()), ..Default::default() }).unwrap();
        let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, vec![want], "query {query:?}");
    }
    assert!(s.query(&Filter { text: Some("ⓚ".into()), ..Default::default() }).is_err(), "a bare symbol has no token");
}
