//! `export --format parquet` (feature `parquet`): the file reads back with one row per event
//! and the documented columns.
#![cfg(feature = "parquet")]

use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::RowAccessor;
use sitrep_model::{Document, Event};
use sitrep_store::{Filter, Format, Prepared};

fn event(id: &str, kind: &str, date: &str, text: &str) -> Event {
    serde_json::from_value(serde_json::json!({
        "id": id, "type": kind, "mode": null, "context": [], "cameo": null, "acled": null, "modality": "asserted",
        "actor1": {"entity": null, "name": "Russian forces", "country": "RUS", "sector": "MIL", "span": null},
        "actor2": null, "place": {"name": "Kharkiv", "country": "UKR", "lat": 49.99, "lon": 36.23, "precision": "city", "span": null},
        "date": {"value": date, "precision": "day", "span": null, "unresolved": false},
        "fatalities": null, "weapons": [], "trigger": null,
        "evidence": {"span": [0, text.len()], "text": text},
        "attribution": {"source": null, "cue": null, "content": null, "quote": false, "certainty": {"label": "reported", "low": 0.95, "high": 1.0}},
        "rules": []
    }))
    .expect("event JSON matches the v1 model")
}

#[test]
fn parquet_export_reads_back() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = sitrep_store::open(tmp.path().join("p.db").to_str().unwrap()).unwrap();
    let mut batch = Vec::new();
    for (i, body) in ["Russian forces struck Kharkiv on Tuesday.", "Protesters marched in Kharkiv on Friday, police said.", "Troops shelled the outskirts of Kharkiv overnight."].iter().enumerate() {
        let mut d = Document::new(format!("d{i}"), format!("d{i}.txt"), body.to_string());
        d.published = Some(format!("2024-10-0{}", i + 1));
        d.events = vec![event("ev1", if i == 1 { "PROTEST" } else { "ASSAULT" }, &format!("2024-10-0{}", i + 1), body)];
        batch.push(Prepared::new(d, sitrep_model::content_hash(body.as_bytes())));
    }
    store.write_batch(&batch).unwrap();
    let mut out = Vec::new();
    let n = sitrep_store::export(store.as_mut(), Format::Parquet, &Filter::default(), &mut out).unwrap();
    assert_eq!(n, 3);
    assert!(out.starts_with(b"PAR1") && out.ends_with(b"PAR1"));
    let reader = SerializedFileReader::new(bytes::Bytes::from(out)).unwrap();
    let meta = reader.metadata().file_metadata();
    assert_eq!(meta.num_rows(), 3);
    let names: Vec<&str> = meta.schema_descr().columns().iter().map(|c| c.name()).collect();
    for c in ["id", "type", "actor1_country", "lat", "corroboration", "contradicted", "extracted"] {
        assert!(names.contains(&c), "column {c} in {names:?}");
    }
    let kinds: Vec<String> = reader
        .get_row_iter(None)
        .unwrap()
        .map(|r| r.unwrap().get_string(2).unwrap().clone())
        .collect();
    assert_eq!(kinds.iter().filter(|k| *k == "ASSAULT").count(), 2);
}
