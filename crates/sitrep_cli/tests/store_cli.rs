//! `sitrep ingest` then `query`, `show`, `stats`, `export` through the built binary.

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_sitrep");

fn run(args: &[&str], db: &Path) -> (bool, String) {
    let out = Command::new(BIN).args(args).arg("--db").arg(db).output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn ingest_query_show_export_round_trip() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("pages");
    std::fs::create_dir(&corpus).unwrap();
    let story = "Russian forces struck the city of Kharkiv with glide bombs on Monday, killing three people, Ukrainian officials said.\n\n\
The regional governor said a residential building was hit and rescue teams were searching the rubble.";
    std::fs::write(corpus.join("a.txt"), story).unwrap();
    std::fs::write(corpus.join("b.txt"), format!("{story}\n\nShare this article.")).unwrap();
    std::fs::write(corpus.join("c.txt"), "The foreign ministers of France and Germany met in Paris on Tuesday to discuss aid to Ukraine.").unwrap();
    let db = tmp.path().join("t.db");

    let (ok, out) = run(&["ingest", "--published", "2024-10-07", "--json", corpus.to_str().unwrap()], &db);
    let s: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert!(ok, "{out}");
    assert_eq!(s["new"], 3);
    assert_eq!(s["database"]["documents"], 3);
    assert_eq!(s["database"]["story_clusters"], 2, "b is a copy of a");

    let (_, again) = run(&["ingest", "--published", "2024-10-07", "--json", corpus.to_str().unwrap()], &db);
    let again: serde_json::Value = serde_json::from_str(again.trim()).unwrap();
    assert_eq!((again["new"].as_u64(), again["already_stored"].as_u64()), (Some(0), Some(3)));

    let (ok, stats) = run(&["stats", "--json", "--check"], &db);
    assert!(ok);
    let stats: serde_json::Value = serde_json::from_str(stats.trim()).unwrap();
    assert_eq!(stats["integrity"], "ok");
    let events = stats["events"].as_u64().unwrap();

    let (ok, all) = run(&["query", "--json", "--limit", "1000"], &db);
    assert!(ok);
    let rows: Vec<serde_json::Value> = all.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len() as u64, events);
    for r in &rows {
        let id = r["id"].as_str().unwrap();
        assert!(r["extracted"].is_object());
        let (ok, shown) = run(&["show", id, "--json"], &db);
        assert!(ok, "show {id}");
        let shown: serde_json::Value = serde_json::from_str(&shown).unwrap();
        assert_eq!(shown["event"]["id"], id);
        assert!(!shown["reports"].as_array().unwrap().is_empty());
    }
    let (ok, missing) = run(&["show", "nope:ev1"], &db);
    assert!(!ok && missing.is_empty());

    let (ok, csv) = run(&["export", "--format", "acled-csv"], &db);
    assert!(ok);
    assert_eq!(csv.lines().count() as u64, events + 1);
    assert!(csv.starts_with("event_id_cnty,event_date,"));
    #[cfg(feature = "parquet")]
    {
        let pq = tmp.path().join("events.parquet");
        let (ok, _) = run(&["export", "--format", "parquet", "--out", pq.to_str().unwrap()], &db);
        assert!(ok, "parquet export");
        let bytes = std::fs::read(&pq).unwrap();
        assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"), "a parquet file");
    }
    let (ok, table) = run(&["query", "--type", "NO_SUCH_TYPE"], &db);
    assert!(ok && table.contains("no events match"));
    let (ok, _) = run(&["query", "--bbox", "1,2,3"], &db);
    assert!(!ok, "a malformed box is an error");
}

#[test]
fn search_finds_documents_by_body_words_and_catches_up() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("pages");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(
        corpus.join("a.txt"),
        "Russian forces struck Kharkiv on Monday, officials said.\n\nVolunteers from a beekeeping cooperative handed out water.",
    )
    .unwrap();
    let db = tmp.path().join("s.db");
    assert!(run(&["ingest", corpus.to_str().unwrap()], &db).0);
    let (ok, out) = run(&["search", "Beekeeping", "cooperative", "--json"], &db);
    assert!(ok, "{out}");
    let hits: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(hits.len(), 1);
    assert!(hits[0]["id"].is_string() && hits[0]["events"].is_u64());
    // A document ingested after that search is found by the next one.
    std::fs::write(corpus.join("b.txt"), "The beekeeping cooperative reopened its market in Kharkiv on Friday.").unwrap();
    assert!(run(&["ingest", corpus.to_str().unwrap()], &db).0);
    let (ok, csv) = run(&["search", "beekeeping", "--csv"], &db);
    assert!(ok);
    assert_eq!(csv.lines().next(), Some("id,published,site,events,title,url"));
    assert_eq!(csv.lines().count(), 3, "{csv}");
    let (ok, table) = run(&["search", "submarine"], &db);
    assert!(ok && table.contains("no documents match"));
    assert!(!run(&["search", ",;"], &db).0);
}
