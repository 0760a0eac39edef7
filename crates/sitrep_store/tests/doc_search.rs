//! Document search (`Store::search_documents`) on SQLite (always) and PostgreSQL (when
//! SITREP_TEST_PG holds a `postgres://` URL): a word only in a body, not in any event's
//! evidence, finds its document; the index catches up with documents stored after a search;
//! every word must occur.

use sitrep_model::Document;
use sitrep_store::{Filter, Prepared, Store};
use sitrep_testkit::event_with_evidence as event;

/// A document whose only event's evidence is its first sentence; `tail` is body text no
/// event quotes.
fn doc(id: &str, title: &str, tail: &str) -> Prepared {
    let first = format!("Shelling hit the town of {id} overnight.");
    let mut d = Document::new(id, format!("{id}.txt"), format!("{first}\n\n{tail}"));
    d.title = Some(title.to_string());
    d.site = Some("wire.example".into());
    d.events = vec![event(&first)];
    let key = sitrep_model::content_hash(format!("{id}\0{tail}").as_bytes());
    Prepared::new(d, key)
}

fn ids(s: &mut dyn Store, q: &str) -> Vec<String> {
    s.search_documents(q, 10).unwrap().into_iter().map(|h| h.id).collect()
}

fn exercise(s: &mut dyn Store) {
    s.write_batch(&[
        doc("alpha", "Night of shelling", "Volunteers from the beekeeping cooperative handed out water."),
        doc("beta", "Aftermath", "The cooperative said its orchards burned."),
    ])
    .unwrap();
    // Only in a body: the event search cannot see it, the document search can.
    assert!(s.query(&Filter { text: Some("beekeeping".into()), limit: Some(10), ..Default::default() }).unwrap().is_empty());
    assert_eq!(ids(s, "beekeeping"), vec!["alpha"]);
    let hit = &s.search_documents("Beekeeping", 10).unwrap()[0];
    assert_eq!((hit.title.as_deref(), hit.site.as_deref(), hit.events), (Some("Night of shelling"), Some("wire.example"), 1));
    // Every word must occur; titles are searched too; newest stored first.
    assert_eq!(ids(s, "cooperative"), vec!["beta", "alpha"]);
    assert_eq!(ids(s, "cooperative orchards"), vec!["beta"]);
    assert_eq!(ids(s, "aftermath"), vec!["beta"]);
    assert!(ids(s, "cooperative submarine").is_empty());
    // Either number form finds the other: "orchards" is in beta, "volunteers" in alpha.
    assert_eq!(ids(s, "orchard"), vec!["beta"]);
    assert_eq!(ids(s, "volunteer cooperatives"), vec!["alpha"]);
    assert!(s.search_documents("  ,; ", 10).is_err());
    // Stored after the index was caught up: the next search indexes them.
    s.write_batch(&[doc("gamma", "Later", "A second beekeeping group arrived with generators.")]).unwrap();
    assert_eq!(ids(s, "beekeeping"), vec!["gamma", "alpha"]);
    assert_eq!(ids(s, "generators"), vec!["gamma"]);
    assert_eq!(s.search_documents("cooperative", 1).unwrap().len(), 1);
    // Searching indexed nothing twice and broke nothing the checks see.
    assert_eq!(s.check().unwrap(), "ok");
}

#[test]
fn sqlite_document_search() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("docs.db");
    let mut s = sitrep_store::open(path.to_str().unwrap()).unwrap();
    exercise(s.as_mut());
    drop(s);
    // Reopened, the index is still there and caught up.
    let mut s = sitrep_store::open(path.to_str().unwrap()).unwrap();
    assert_eq!(ids(s.as_mut(), "beekeeping"), vec!["gamma", "alpha"]);
}

#[test]
fn postgres_document_search() {
    let Ok(url) = std::env::var("SITREP_TEST_PG") else {
        eprintln!("SITREP_TEST_PG not set; skipping the PostgreSQL document search test (see scripts/pg_start.sh)");
        return;
    };
    let schema = format!("ds{}", std::process::id());
    let mut c = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}")).unwrap();
    let sep = if url.contains('?') { '&' } else { '?' };
    let mut s = sitrep_store::open(&format!("{url}{sep}options=-csearch_path%3D{schema}")).unwrap();
    exercise(s.as_mut());
    drop(s);
    c.batch_execute(&format!("DROP SCHEMA {schema} CASCADE")).unwrap();
}
