//! The same behaviour checks on SQLite (always) and PostgreSQL (when SITREP_TEST_PG holds a
//! `postgres://` URL of a throwaway database, e.g. from scripts/pg_start.sh).

use sitrep_model::{Certainty, Document, Event, Modality};
use sitrep_store::{Filter, Outcome, Prepared, Store};

const BODY: &str = "Russian forces struck Kharkiv on Tuesday, killing three people, Ukrainian officials said.\n\n\
The strike hit a residential block near the city centre, the regional governor said on Telegram.\n\n\
Emergency crews worked through the night to clear the rubble and search for survivors.";

fn event(id: &str, modality: Modality, fat: f64, date: &str, text: &str) -> Event {
    let end = text.find('.').map_or(text.len(), |i| i + 1);
    // Built from JSON so fields the model adds later (with serde defaults) need no edit here.
    serde_json::from_value(serde_json::json!({
        "id": id, "type": "ASSAULT", "mode": "aerial", "context": ["military"], "cameo": "19", "acled": null,
        "modality": modality,
        "actor1": {"entity": null, "name": "Russian forces", "country": "RUS", "sector": "MIL", "span": null},
        "actor2": {"entity": null, "name": "Ukraine", "country": "UKR", "sector": null, "span": null},
        "place": {"name": "Kharkiv", "country": "UKR", "lat": 49.99, "lon": 36.23, "precision": "city", "span": null},
        "date": {"value": date, "precision": "day", "span": null, "unresolved": false},
        "fatalities": {"low": fat, "high": fat, "span": null, "text": null},
        "injuries": null, "weapons": [], "trigger": null,
        "evidence": {"span": [0, end], "text": &text[..end]},
        "attribution": {"source": null, "cue": null, "content": null, "quote": false, "certainty": Certainty::default()},
        "rules": []
    }))
    .expect("event JSON matches the v1 model")
}

fn doc(id: &str, site: &str, published: &str, body: &str, events: Vec<Event>) -> Prepared {
    let mut d = Document::new(id, format!("{id}.txt"), body.to_string());
    d.site = Some(site.into());
    d.published = Some(published.into());
    d.title = Some(format!("Strike on Kharkiv ({site})"));
    d.events = events;
    let key = sitrep_model::content_hash(format!("{id}\0{body}").as_bytes());
    Prepared::new(d, key)
}

fn other_body() -> String {
    "Officials in Moscow rejected the account and said no strike on Kharkiv took place on Tuesday at all.\n\n\
The defence ministry called the reports a provocation staged for foreign journalists and aid agencies."
        .to_string()
}

fn exercise(store: &mut dyn Store) {
    let syndicated = format!("{BODY}\n\nShare this story on social media.");
    let batch = vec![
        doc("a", "wire.example", "2024-10-08", BODY, vec![event("ev1", Modality::Asserted, 3.0, "2024-10-08", BODY)]),
        // A syndicated copy: same story cluster, so it adds a report but no corroboration.
        doc("b", "paper.example", "2024-10-08", &syndicated, vec![event("ev1", Modality::Asserted, 3.0, "2024-10-08", BODY)]),
    ];
    assert_eq!(store.write_batch(&batch).unwrap(), vec![Outcome::New, Outcome::New]);
    // Later, independent: revises fatalities; and a denial.
    let later = "Ukrainian officials said on Wednesday that seven people were killed in the Russian strike on Kharkiv.\n\n\
Rescue teams pulled four more bodies from the ruins of the building overnight, the mayor said.";
    let deny = other_body();
    let batch2 = vec![
        doc("c", "daily.example", "2024-10-09", later, vec![event("ev1", Modality::Asserted, 7.0, "2024-10-08", later)]),
        doc("d", "tass.example", "2024-10-09", &deny, vec![event("ev1", Modality::Denied, 0.0, "2024-10-08", &deny)]),
        // Unrelated event far away in time: its own cluster.
        doc("e", "wire.example", "2024-12-01", "Russian forces shelled Kharkiv again in December, officials said.", vec![event("ev1", Modality::Asserted, 1.0, "2024-12-01", "Russian forces shelled Kharkiv again in December.")]),
    ];
    assert_eq!(store.write_batch(&batch2).unwrap(), vec![Outcome::New; 3]);
    // Idempotent: the same documents again change nothing.
    assert_eq!(store.write_batch(&batch).unwrap(), vec![Outcome::Existing, Outcome::Existing]);
    assert_eq!(store.known(&[batch[0].key.clone(), "nope".into()]).unwrap().len(), 1);

    let st = store.stats().unwrap();
    assert_eq!((st.documents, st.events), (5, 5));
    assert_eq!(st.story_clusters, 4, "a and b are one story");
    assert_eq!(st.event_clusters, 2);
    assert_eq!(st.contradicted_clusters, 1);
    assert_eq!(st.events_by_type, vec![("ASSAULT".to_string(), 5)]);

    let all = store.query(&Filter { kind: Some("assault".into()), ..Default::default() }).unwrap();
    assert_eq!(all.len(), 5);
    assert_eq!(all[0].date.as_deref(), Some("2024-12-01"), "newest first");
    let a = all.iter().find(|r| r.id == "a:ev1").unwrap();
    assert_eq!((a.reports, a.corroboration, a.contradicted), (4, 3, true));
    assert_eq!(a.fatalities_high, Some(3.0), "the row keeps what its report said");

    let mut q = |f: Filter| store_query_len(store, f);
    assert_eq!(q(Filter { actor: Some("RUS".into()), since: Some("2024-11-01".into()), ..Default::default() }), 1);
    assert_eq!(q(Filter { recipient: Some("ukraine".into()), ..Default::default() }), 5);
    assert_eq!(q(Filter { country: Some("ukr".into()), until: Some("2024-10-31".into()), ..Default::default() }), 4);
    assert_eq!(q(Filter { min_corroboration: Some(2), ..Default::default() }), 4);
    assert_eq!(q(Filter { source: Some("TASS.example".into()), ..Default::default() }), 1);
    assert_eq!(q(Filter { bbox: Some([36.0, 49.0, 37.0, 50.5]), ..Default::default() }), 5);
    assert_eq!(q(Filter { bbox: Some([0.0, 0.0, 1.0, 1.0]), ..Default::default() }), 0);
    // A box of many grid cells takes the (lat, lon) index instead of one read per cell.
    assert_eq!(q(Filter { bbox: Some([-10.0, 20.0, 60.0, 70.0]), ..Default::default() }), 5);
    // Cell edges: a box ending just west of Kharkiv (36.23 E), and one starting on it.
    assert_eq!(q(Filter { bbox: Some([35.0, 49.0, 36.22, 50.5]), ..Default::default() }), 0);
    assert_eq!(q(Filter { bbox: Some([36.23, 49.99, 36.5, 49.99]), limit: Some(3), ..Default::default() }), 3);
    assert_eq!(q(Filter { text: Some("Rejected the ACCOUNT".into()), ..Default::default() }), 1);
    assert_eq!(q(Filter { text: Some("shelled".into()), place: Some("kharkiv".into()), ..Default::default() }), 1);
    assert_eq!(q(Filter { kind: Some("AID".into()), ..Default::default() }), 0);
    assert_eq!(q(Filter { limit: Some(2), ..Default::default() }), 2);

    let show = store.show("a:ev1").unwrap().unwrap();
    assert_eq!(show.reports.len(), 4);
    let fat: Vec<_> = show.revisions.iter().filter(|r| r.field == "fatalities_high").collect();
    assert_eq!(fat.len(), 1, "{:?}", show.revisions);
    assert_eq!((fat[0].old.as_deref(), fat[0].new.as_deref()), (Some("3"), Some("7")));
    assert_eq!(show.extracted["type"], "ASSAULT");
    assert!(store.show("missing:ev9").unwrap().is_none());
    assert_eq!(store.check().unwrap(), "ok");

    let mut out = Vec::new();
    for (fmt, lines) in [("jsonl", 5), ("plover", 5), ("acled-csv", 6), ("gdelt-csv", 6)] {
        out.clear();
        let n = sitrep_store::export(store, fmt.parse().unwrap(), &Filter::default(), &mut out).unwrap();
        assert_eq!(n, 5);
        assert_eq!(String::from_utf8(out.clone()).unwrap().lines().count(), lines, "{fmt}");
    }
    several_parties(store);
    stats_dates(store);
}

/// The earliest and latest event dates in `stats` are calendar dates, whatever TIMEX value
/// (a part of day, a time) the event's date carries.
fn stats_dates(store: &mut dyn Store) {
    let early = "Shelling hit Kharkiv on the evening of February 12, officials said.";
    let late = "Drones struck Odesa on the night of January 5, the governor said.";
    let month = "Officials said strikes on Sumy continued through February.";
    store
        .write_batch(&[
            doc("q", "wire.example", "2024-02-13", early, vec![event("ev1", Modality::Asserted, 0.0, "2024-02-12TEV", early)]),
            doc("r", "wire.example", "2025-01-06", late, vec![event("ev1", Modality::Asserted, 0.0, "2025-01-05T23:10", late)]),
        ])
        .unwrap();
    let st = store.stats().unwrap();
    assert_eq!((st.first_date.as_deref(), st.last_date.as_deref()), (Some("2024-02-12"), Some("2025-01-05")));
    // A month is all that is known: shown as the month, still the latest.
    store.write_batch(&[doc("s", "wire.example", "2025-03-01", month, vec![event("ev1", Modality::Asserted, 0.0, "2025-02", month)])]).unwrap();
    assert_eq!(store.stats().unwrap().last_date.as_deref(), Some("2025-02"));
}

/// `--actor`/`--recipient`/`--country` match every actor and recipient of an event, not only
/// the first (`Event::actors`, `Event::recipients`).
fn several_parties(store: &mut dyn Store) {
    let body = "Belarusian and Russian troops shelled Chernihiv and Sumy on Friday, officials said.";
    let mut ev = event("ev1", Modality::Asserted, 0.0, "2024-03-01", body);
    let actor = |name: &str, country: &str| serde_json::json!({"entity": null, "name": name, "country": country, "sector": "MIL", "span": null});
    let mut v = serde_json::to_value(&ev).unwrap();
    v["type"] = "COERCE".into();
    v["actor1"] = actor("Russian troops", "RUS");
    v["actors"] = serde_json::json!([actor("Russian troops", "RUS"), actor("Belarusian troops", "BLR")]);
    v["actor2"] = actor("Chernihiv", "UKR");
    v["recipients"] = serde_json::json!([actor("Chernihiv", "UKR"), actor("Sumy residents", "MDA"), actor("Okhtyrka garrison", "UKR")]);
    ev = serde_json::from_value(v).unwrap();
    store.write_batch(&[doc("p", "wire.example", "2024-03-01", body, vec![ev])]).unwrap();
    let mut q = |f: Filter| store.query(&f).unwrap().into_iter().map(|r| r.id).collect::<Vec<_>>();
    let only = vec!["p:ev1".to_string()];
    assert_eq!(q(Filter { actor: Some("BLR".into()), ..Default::default() }), only, "second actor by country");
    assert_eq!(q(Filter { actor: Some("belarusian TROOPS".into()), ..Default::default() }), only, "second actor by name");
    assert_eq!(q(Filter { recipient: Some("sumy residents".into()), ..Default::default() }), only, "second recipient by name");
    assert_eq!(q(Filter { recipient: Some("MDA".into()), kind: Some("COERCE".into()), ..Default::default() }), only);
    assert_eq!(q(Filter { country: Some("mda".into()), limit: None, ..Default::default() }), only, "any party's country");
    assert!(q(Filter { recipient: Some("BLR".into()), ..Default::default() }).is_empty(), "an actor is not a recipient");
    // Full text covers every party's name, not only the first actor and recipient.
    assert_eq!(q(Filter { text: Some("okhtyrka".into()), ..Default::default() }), only, "third recipient in full text");
    // Both roles together, and as the second OR filter of a query (not the one split per index).
    assert_eq!(q(Filter { country: Some("UKR".into()), actor: Some("BLR".into()), recipient: Some("Sumy residents".into()), ..Default::default() }), only);
    let rus = q(Filter { actor: Some("RUS".into()), limit: Some(100), ..Default::default() });
    assert_eq!(rus.iter().filter(|id| *id == "p:ev1").count(), 1, "listed once though two keys match: {rus:?}");
    assert_eq!(store.check().unwrap(), "ok");
}

fn store_query_len(store: &mut dyn Store, f: Filter) -> usize {
    store.query(&f).unwrap().len()
}

#[test]
fn sqlite_backend() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut s = sitrep_store::open(path.to_str().unwrap()).unwrap();
    exercise(s.as_mut());
    drop(s);
    // Reopening runs no migration twice and links against what is stored.
    let mut s = sitrep_store::open(path.to_str().unwrap()).unwrap();
    let again = doc("f", "x.example", "2024-10-10", "Russian forces struck Kharkiv on Tuesday, killing three people, a third outlet reported after checking.", vec![event("ev1", Modality::Asserted, 3.0, "2024-10-08", "Russian forces struck Kharkiv.")]);
    s.write_batch(&[again]).unwrap();
    let r = s.show("f:ev1").unwrap().unwrap();
    assert_eq!((r.event.reports, r.event.corroboration), (5, 4));
}

#[test]
fn postgres_backend() {
    let Ok(url) = std::env::var("SITREP_TEST_PG") else {
        eprintln!("SITREP_TEST_PG not set; skipping the PostgreSQL backend test (see scripts/pg_start.sh)");
        return;
    };
    // A fresh schema per run so reruns start empty.
    let schema = format!("t{}", std::process::id());
    let mut c = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}")).unwrap();
    let sep = if url.contains('?') { '&' } else { '?' };
    let scoped = format!("{url}{sep}options=-csearch_path%3D{schema}");
    let mut s = sitrep_store::open(&scoped).unwrap();
    assert_eq!(s.backend(), "postgres");
    exercise(s.as_mut());
    drop(s);
    c.batch_execute(&format!("DROP SCHEMA {schema} CASCADE")).unwrap();
}
