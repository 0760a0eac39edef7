//! A bulk load (in-memory link cache, indexes and full-text rows built at the end) stores
//! exactly what batch-by-batch writing stores, also when another writer interleaves; and a
//! schema 2 file (written with the old layout) migrates to the current schema (3: parties,
//! plain band table; 4: event JSON in its own table) with its rows intact.

use sitrep_model::{Document, Event};
use sitrep_store::{Filter, Prepared, Store};

const KINDS: [&str; 3] = ["ASSAULT", "PROTEST", "AID"];
const ACTORS: [(&str, &str); 4] = [("Russian forces", "RUS"), ("Ukrainian army", "UKR"), ("Hamas", "PSE"), ("Israeli army", "ISR")];
const PLACES: [(&str, &str, f64, f64); 3] = [("Kharkiv", "UKR", 49.99, 36.23), ("Gaza", "PSE", 31.5, 34.47), ("Kyiv", "UKR", 50.45, 30.52)];
const SENTENCES: [&str; 6] = [
    "Forces shelled the northern district overnight, officials said.",
    "Protesters gathered outside the parliament for a second day.",
    "An aid convoy reached the city after weeks of talks.",
    "The strike destroyed a school and damaged two hospitals nearby.",
    "Witnesses described heavy gunfire near the central market.",
    "The ministry denied that any attack had taken place.",
];

struct Rng(u64);
impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn event(rng: &mut Rng, i: usize, text: &str) -> Event {
    let (a, ac) = ACTORS[rng.below(ACTORS.len())];
    let (b, bc) = ACTORS[rng.below(ACTORS.len())];
    let (p, pc, lat, lon) = PLACES[rng.below(PLACES.len())];
    let modality = if rng.below(6) == 0 { "denied" } else { "asserted" };
    // Few blocks and a narrow date range: reports join clusters across batches, and later
    // ones revise dates and fatalities (which moves clusters within the cache's day index).
    let day = 1 + rng.below(9);
    serde_json::from_value(serde_json::json!({
        "id": format!("ev{i}"), "type": KINDS[rng.below(KINDS.len())], "mode": null, "context": [], "cameo": null, "acled": null,
        "modality": modality,
        "actor1": {"entity": null, "name": a, "country": ac, "sector": null, "span": null},
        "actor2": {"entity": null, "name": b, "country": bc, "sector": null, "span": null},
        "place": {"name": p, "country": pc, "lat": lat, "lon": lon, "precision": "city", "span": null},
        "date": {"value": format!("2024-05-{day:02}"), "precision": "day", "span": null, "unresolved": false},
        "fatalities": {"low": rng.below(5) as f64, "high": rng.below(5) as f64, "span": null, "text": null},
        "weapons": [], "trigger": null,
        "evidence": {"span": [0, text.len()], "text": text},
        "attribution": {"source": null, "cue": null, "content": null, "quote": false, "certainty": {"label": "reported", "low": 0.6, "high": 0.8}},
        "rules": []
    }))
    .expect("event JSON matches the v1 model")
}

/// `n` documents, one in four a syndicated copy of an earlier one.
fn corpus(n: usize) -> Vec<Prepared> {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut out: Vec<Prepared> = Vec::new();
    for i in 0..n {
        let (text, events) = if i > 3 && rng.below(4) == 0 {
            let src = &out[rng.below(out.len())].doc;
            (format!("{}\n\nShare this story.", src.text), src.events.clone())
        } else {
            let mut text = String::new();
            for _ in 0..3 {
                text.push_str(SENTENCES[rng.below(SENTENCES.len())]);
                text.push_str(&format!(" Report {i}-{}.\n\n", rng.below(1000)));
            }
            let first = text.split("\n\n").next().unwrap_or_default().to_string();
            (text, (1..=2).map(|k| event(&mut rng, k, &first)).collect())
        };
        let mut d = Document::new(format!("d{i}"), format!("d{i}.txt"), text);
        d.site = Some(format!("site{}.example", i % 5));
        d.published = Some(format!("2024-05-{:02}", 1 + i % 12));
        d.title = Some(format!("Report {i}"));
        d.events = events;
        out.push(Prepared::new(d, sitrep_model::content_hash(format!("doc {i}").as_bytes())));
    }
    out
}

/// Everything a query returns, as JSON lines, plus the stats and some show/text results.
fn snapshot(store: &mut dyn Store) -> Vec<String> {
    let mut out: Vec<String> = store
        .query(&Filter { limit: None, ..Default::default() })
        .unwrap()
        .into_iter()
        .map(|r| serde_json::to_string(&r).unwrap())
        .collect();
    let st = store.stats().unwrap();
    out.push(format!(
        "{} docs {} stories {} events {} clusters {} corroborated {} contradicted {} revisions",
        st.documents, st.story_clusters, st.events, st.event_clusters, st.corroborated_clusters, st.contradicted_clusters, st.revisions
    ));
    for w in ["shelled", "convoy", "denied"] {
        let n = store.query(&Filter { text: Some(w.into()), limit: None, ..Default::default() }).unwrap().len();
        out.push(format!("text {w}: {n}"));
    }
    let show = store.show("d0:ev1").unwrap().unwrap();
    out.push(format!("show d0:ev1: {} reports {} revisions", show.reports.len(), show.revisions.len()));
    assert_eq!(store.check().unwrap(), "ok");
    out
}

fn open(dir: &tempfile::TempDir, name: &str) -> Box<dyn Store> {
    sitrep_store::open(dir.path().join(name).to_str().unwrap()).unwrap()
}

#[test]
fn bulk_load_stores_what_batch_writing_stores() {
    let docs = corpus(90);
    let dir = tempfile::tempdir().unwrap();
    let mut plain = open(&dir, "plain.db");
    for b in docs.chunks(7) {
        plain.write_batch(b).unwrap();
    }
    let mut bulk = open(&dir, "bulk.db");
    bulk.bulk_load(true).unwrap();
    for b in docs.chunks(7) {
        bulk.write_batch(b).unwrap();
    }
    bulk.bulk_load(false).unwrap();
    let want = snapshot(plain.as_mut());
    assert!(want.iter().any(|l| l.contains("revisions") && !l.ends_with(" 0 revisions")), "the corpus exercises revisions: {want:?}");
    assert_eq!(snapshot(bulk.as_mut()), want);
    assert_eq!(bulk.stats().unwrap().indexes, plain.stats().unwrap().indexes, "every index rebuilt");

    // Another writer in the middle of a bulk load: the cache notices and links from the file.
    let mut mixed = open(&dir, "mixed.db");
    mixed.bulk_load(true).unwrap();
    for (i, b) in docs.chunks(7).enumerate() {
        if i == 5 {
            let mut other = open(&dir, "mixed.db");
            other.write_batch(b).unwrap();
        } else {
            mixed.write_batch(b).unwrap();
        }
    }
    mixed.bulk_load(false).unwrap();
    assert_eq!(snapshot(mixed.as_mut()), want);

    // A cache over its size limit is dropped mid-load; linking goes on from the file.
    std::env::set_var("SITREP_LINK_CACHE_MAX", "60");
    let mut capped = open(&dir, "capped.db");
    capped.bulk_load(true).unwrap();
    for b in docs.chunks(7) {
        capped.write_batch(b).unwrap();
    }
    std::env::remove_var("SITREP_LINK_CACHE_MAX");
    assert!(capped.stats().unwrap().indexes < plain.stats().unwrap().indexes, "still loading in bulk");
    capped.bulk_load(false).unwrap();
    assert_eq!(snapshot(capped.as_mut()), want);
}

#[test]
fn schema_2_file_migrates_to_current() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.db");
    let p = path.to_str().unwrap();
    sitrep_store::create_sqlite_at_version(p, 2).unwrap();

    // One document with one event, as sitrep 0.x with schema 2 wrote them (raw SQL: this
    // build no longer writes that layout).
    let body = "Russian and Belarusian troops shelled Chernihiv on Friday, the governor said.\n\nFive people were hurt.";
    let mut old = corpus(1).remove(0).doc;
    old.text = body.to_string();
    let mut ev = old.events[0].clone();
    ev.evidence.text = body[..body.find('.').unwrap() + 1].to_string();
    let mut v = serde_json::to_value(&ev).unwrap();
    let actor = |name: &str, c: &str| serde_json::json!({"entity": null, "name": name, "country": c, "sector": null, "span": null});
    v["actor1"] = actor("Russian troops", "RUS");
    v["actors"] = serde_json::json!([actor("Russian troops", "RUS"), actor("Belarusian troops", "BLR")]);
    let ev: Event = serde_json::from_value(v).unwrap();
    old.events = vec![ev.clone()];
    let sig = sitrep_link::Signature::of_text(body);
    let key = sitrep_link::EventKey::of(&ev, &old);
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute(
            "INSERT INTO documents (rid, id, content_hash, source, site, published, title, text, metadata, story_cluster, minhash) \
             VALUES (1, 'old', 'h-old', 'old.txt', 'wire.example', ?1, 'Old report', ?2, '{}', 1, ?3)",
            rusqlite::params![old.published, body, sig.to_bytes()],
        )
        .unwrap();
        for b in sig.bands() {
            c.execute("INSERT OR IGNORE INTO doc_bands (band, doc) VALUES (?1, 1)", [b]).unwrap();
        }
        c.execute(
            "INSERT INTO event_clusters (id, block, kind, day, date, place_country, reports, corroboration, asserts, denies, first_seen, last_seen) \
             VALUES (1, ?1, ?2, ?3, ?4, ?5, 1, 1, 1, 0, ?6, ?6)",
            rusqlite::params![key.block(), key.facts.kind, key.facts.day, key.facts.date, key.facts.place_country, old.published],
        )
        .unwrap();
        c.execute("INSERT INTO cluster_stories (cluster, story) VALUES (1, 1)", []).unwrap();
        c.execute(
            "INSERT INTO events (rid, id, doc, kind, modality, actor1_name, actor1_lc, actor1_country, place_name, place_lc, place_country, \
             lat, lon, date, day, certainty_label, certainty_low, certainty_high, evidence, evidence_start, evidence_end, cluster, json) \
             VALUES (1, 'old:ev1', 1, ?1, 'asserted', 'Russian troops', 'russian troops', 'RUS', 'Kharkiv', 'kharkiv', ?2, -33.9, -18.4, ?3, ?4, \
             'reported', 0.6, 0.8, ?5, 0, 10, 1, ?6)",
            rusqlite::params![ev.kind, key.facts.place_country, key.facts.date, key.facts.day, ev.evidence.text, serde_json::to_string(&ev).unwrap()],
        )
        .unwrap();
        c.execute("INSERT INTO events_fts (rowid, evidence, actors, place, title) VALUES (1, ?1, 'Russian troops', 'Kharkiv', 'Old report')", [&ev.evidence.text])
            .unwrap();
        c.execute("INSERT INTO documents_fts (rowid, title, text) VALUES (1, 'Old report', ?1)", [body]).unwrap();
    }

    let mut s = sitrep_store::open(p).unwrap();
    let st = s.stats().unwrap();
    assert_eq!((st.schema_version, st.documents, st.events), (sitrep_store::SCHEMA_VERSION, 1, 1));
    let shown = s.show("old:ev1").unwrap().unwrap();
    assert_eq!(shown.extracted["actors"].as_array().map(Vec::len), Some(2), "the event JSON moved to event_json intact");
    assert_eq!(s.check().unwrap(), "ok");
    let ids = |s: &mut Box<dyn Store>, f: Filter| s.query(&f).unwrap().into_iter().map(|r| r.id).collect::<Vec<_>>();
    assert_eq!(ids(&mut s, Filter { actor: Some("BLR".into()), ..Default::default() }), ["old:ev1"], "parties backfilled from the JSON");
    assert_eq!(ids(&mut s, Filter { actor: Some("russian troops".into()), ..Default::default() }), ["old:ev1"]);
    assert_eq!(ids(&mut s, Filter { text: Some("belarusian".into()), ..Default::default() }), ["old:ev1"], "full-text rows kept");
    // Grid cells backfilled (negative coordinates: the cell is the floor, not the truncation).
    assert_eq!(ids(&mut s, Filter { bbox: Some([-18.5, -34.0, -18.3, -33.8]), ..Default::default() }), ["old:ev1"]);
    assert!(ids(&mut s, Filter { bbox: Some([-18.0, -33.0, -17.5, -32.5]), ..Default::default() }).is_empty());

    // A syndicated copy finds the old document through the migrated band table, and its
    // event joins the old cluster (a report, not corroboration: same story).
    let mut copy = old.clone();
    copy.id = "copy".into();
    copy.text = format!("{body}\n\nShare this story.");
    copy.site = Some("paper.example".into());
    let copy = Prepared::new(copy, "h-copy".into());
    s.write_batch(&[copy]).unwrap();
    let shown = s.show("copy:ev1").unwrap().unwrap();
    assert_eq!((shown.event.cluster, shown.event.reports, shown.event.corroboration), (1, 2, 1));
    assert_eq!(shown.event.story_cluster, Some(1));
    assert_eq!(ids(&mut s, Filter { text: Some("belarusian".into()), ..Default::default() }).len(), 2, "the new event is searchable");
    // Document search (schema 6) indexes the documents stored before it on its first search.
    let docs: Vec<String> = s.search_documents("five hurt", 10).unwrap().into_iter().map(|h| h.id).collect();
    assert_eq!(docs, ["copy", "old"]);
    assert_eq!(s.check().unwrap(), "ok");
    drop(s);
    // Reopening migrates nothing twice.
    let mut s = sitrep_store::open(p).unwrap();
    assert_eq!(s.stats().unwrap().schema_version, sitrep_store::SCHEMA_VERSION);
}
