//! Writing a batch of documents: one transaction per batch, every row of a document inside
//! it, so a killed ingest leaves either the whole document or none of it. Linking happens in
//! the same transaction against everything stored before (see [`crate::linking`]): syndication
//! (story) clusters from MinHash band keys, then each event joins or starts an event cluster.
//!
//! The batch is written in bulk: a few set queries read what it needs, rows are built in
//! memory with ids reserved up front, and each table gets multi-row inserts (SQLite) or one
//! `COPY` (PostgreSQL) instead of a statement per row.

use std::collections::HashSet;

use sitrep_link::EventKey;
use sitrep_model::{Document, Event, Modality};

use crate::linking::{Clusters, RevisionRow, Stories};
use crate::sql::{marks, Db, Dialect, V};
use crate::{Outcome, Prepared, StoreError};

fn modality(m: Modality) -> &'static str {
    match m {
        Modality::Asserted => "asserted",
        Modality::Expected => "expected",
        Modality::Planned => "planned",
        Modality::Possible => "possible",
        Modality::Negated => "negated",
        Modality::Denied => "denied",
        Modality::Historical => "historical",
    }
}

fn lc(s: Option<&str>) -> V {
    s.map(|s| V::Text(s.trim().to_lowercase())).unwrap_or(V::Null)
}

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// Writes `docs` in one transaction; a document whose content hash is stored already (or
/// came earlier in the batch) is skipped.
pub fn write_batch(db: &mut dyn Db, docs: &[Prepared]) -> Result<Vec<Outcome>, StoreError> {
    // IMMEDIATE takes SQLite's write lock now: the ids reserved below must stay free.
    db.batch(if db.dialect() == Dialect::Sqlite { "BEGIN IMMEDIATE" } else { "BEGIN" })?;
    let result = (|| {
        let marks = fts_marks(db)?;
        let out = write_all(db, docs)?;
        fill_fts(db, marks)?;
        Ok(out)
    })();
    match result {
        Ok(out) => {
            db.batch("COMMIT")?;
            Ok(out)
        }
        Err(e) => {
            let _ = db.batch("ROLLBACK");
            Err(e)
        }
    }
}

/// Which of `values` the documents table holds in `col` (a UNIQUE column).
pub fn stored(db: &mut dyn Db, col: &str, values: &[&str]) -> Result<HashSet<String>, StoreError> {
    let mut out = HashSet::new();
    for chunk in values.chunks(500) {
        let sql = format!("SELECT {col} FROM documents WHERE {col} IN ({})", marks(chunk.len()));
        let params: Vec<V> = chunk.iter().map(|v| V::from(*v)).collect();
        for r in db.rows(&sql, &params)? {
            if let Some(t) = r[0].text() {
                out.insert(t);
            }
        }
    }
    Ok(out)
}

const DOC_COLS: [&str; 13] = [
    "rid", "id", "content_hash", "source", "url", "site", "published", "title", "text", "metadata", "story_cluster",
    "minhash", "ingested_at",
];
const ENTITY_COLS: [&str; 8] = ["doc", "ent_id", "name", "kind", "country", "sector", "role", "mentions"];
const CLAIM_COLS: [&str; 11] = [
    "id", "doc", "modality", "text", "span_start", "span_end", "source_name", "certainty_label", "certainty_low",
    "certainty_high", "json",
];
const EVENT_COLS: [&str; 36] = [
    "id", "doc", "kind", "mode", "modality", "actor1_name", "actor1_lc", "actor1_country", "actor1_sector",
    "actor1_entity", "actor2_name", "actor2_lc", "actor2_country", "actor2_sector", "actor2_entity", "place_name",
    "place_lc", "place_country", "lat", "lon", "date", "date_precision", "day", "fatalities_low", "fatalities_high",
    "certainty_label", "certainty_low", "certainty_high", "source_name", "source_lc", "site_lc", "evidence",
    "evidence_start", "evidence_end", "cluster", "json",
];

/// Rows of one batch, per table.
#[derive(Default)]
struct Rows {
    documents: Vec<Vec<V>>,
    bands: Vec<Vec<V>>,
    entities: Vec<Vec<V>>,
    claims: Vec<Vec<V>>,
    events: Vec<Vec<V>>,
    revisions: Vec<RevisionRow>,
}

fn write_all(db: &mut dyn Db, docs: &[Prepared]) -> Result<Vec<Outcome>, StoreError> {
    let keys: Vec<&str> = docs.iter().map(|p| p.key.as_str()).collect();
    let have = stored(db, "content_hash", &keys)?;
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(docs.len());
    let mut fresh = Vec::new();
    for p in docs {
        if have.contains(&p.key) || !seen.insert(p.key.as_str()) {
            out.push(Outcome::Existing);
        } else {
            out.push(Outcome::New);
            fresh.push(p);
        }
    }
    if fresh.is_empty() {
        return Ok(out);
    }
    let ids: Vec<&str> = fresh.iter().map(|p| p.doc.id.as_str()).collect();
    let mut taken = stored(db, "id", &ids)?;
    let rids = db.reserve_ids("documents", "rid", fresh.len())?;
    let sigs: Vec<_> = fresh.iter().map(|p| &p.signature).collect();
    let mut stories = Stories::load(db, &sigs)?;
    let event_keys: Vec<Vec<EventKey>> = fresh.iter().map(|p| p.doc.events.iter().map(|e| EventKey::of(e, &p.doc)).collect()).collect();
    let all_keys: Vec<&EventKey> = event_keys.iter().flatten().collect();
    let mut clusters = Clusters::load(db, &all_keys)?;
    let mut rows = Rows::default();
    for ((p, rid), keys) in fresh.iter().zip(rids).zip(&event_keys) {
        // Two inputs may carry the same id (e.g. a JSONL `id` reused); the content hash keeps them apart.
        let mut id = p.doc.id.clone();
        if taken.contains(&id) {
            id = format!("{}-{}", p.doc.id, p.key.get(..12).unwrap_or(&p.key));
        }
        taken.insert(id.clone());
        let story = stories.assign(&p.signature, rid);
        doc_rows(&mut rows, p, &id, rid, story)?;
        let seen = p.doc.published_date().map(str::to_string);
        for (ev, key) in p.doc.events.iter().zip(keys) {
            let cluster = clusters.link(key, seen.as_deref(), story, rid, &mut rows.revisions)?;
            rows.events.push(event_row(&p.doc, &id, rid, ev, key, cluster)?);
        }
    }
    clusters.flush(db)?;
    db.insert_many("documents", &DOC_COLS, rows.documents)?;
    db.insert_many("doc_bands", &["band", "doc"], rows.bands)?;
    db.insert_many("entities", &ENTITY_COLS, rows.entities)?;
    db.insert_many("claims", &CLAIM_COLS, rows.claims)?;
    db.insert_many("events", &EVENT_COLS, rows.events)?;
    db.insert_many("revisions", &["cluster", "doc", "field", "old", "new"], rows.revisions)?;
    Ok(out)
}
/// Highest row ids before the batch (SQLite only: PostgreSQL indexes generated columns).
fn fts_marks(db: &mut dyn Db) -> Result<Option<[i64; 3]>, StoreError> {
    if db.dialect() != Dialect::Sqlite {
        return Ok(None);
    }
    let mut m = [0i64; 3];
    for (i, t) in ["documents", "events", "claims"].iter().enumerate() {
        m[i] = db.scalar(&format!("SELECT coalesce(max(rid), 0) FROM {t}"), &[])?.int().unwrap_or(0);
    }
    Ok(Some(m))
}

/// Full-text rows for everything the batch added, one statement per table: FTS5 flushes its
/// pending terms at every statement savepoint, so row-by-row inserts cost far more.
fn fill_fts(db: &mut dyn Db, marks: Option<[i64; 3]>) -> Result<(), StoreError> {
    let Some([d, e, c]) = marks else { return Ok(()) };
    db.exec("INSERT INTO documents_fts (rowid, title, text) SELECT rid, title, text FROM documents WHERE rid > ?1", &[V::Int(d)])?;
    db.exec(
        "INSERT INTO events_fts (rowid, evidence, actors, place, title) SELECT e.rid, e.evidence, \
         coalesce(e.actor1_name, '') || ' ' || coalesce(e.actor2_name, ''), e.place_name, d.title \
         FROM events e JOIN documents d ON d.rid = e.doc WHERE e.rid > ?1",
        &[V::Int(e)],
    )?;
    db.exec("INSERT INTO claims_fts (rowid, text) SELECT rid, text FROM claims WHERE rid > ?1", &[V::Int(c)])?;
    Ok(())
}

/// The document's own rows: itself, its band keys, entities and claims.
fn doc_rows(rows: &mut Rows, p: &Prepared, id: &str, rid: i64, story: i64) -> Result<(), StoreError> {
    let doc = &p.doc;
    let mut meta = serde_json::to_value(doc)?;
    // Text, events and claims have their own columns and rows; the rest is metadata.
    if let Some(o) = meta.as_object_mut() {
        for k in ["text", "events", "claims"] {
            o.remove(k);
        }
    }
    rows.documents.push(vec![
        V::Int(rid),
        V::from(id),
        V::from(p.key.as_str()),
        V::from(doc.source.as_str()),
        V::from(&doc.url),
        V::from(&doc.site),
        V::from(&doc.published),
        V::from(&doc.title),
        V::from(doc.text.as_str()),
        V::Text(meta.to_string()),
        V::Int(story),
        V::Blob(p.signature.to_bytes()),
        V::Int(now()),
    ]);
    let mut bands = p.signature.bands();
    bands.sort_unstable();
    bands.dedup();
    rows.bands.extend(bands.into_iter().map(|b| vec![V::Int(b), V::Int(rid)]));
    for e in &doc.entities {
        rows.entities.push(vec![
            V::Int(rid),
            V::from(e.id.as_str()),
            V::from(e.name.as_str()),
            V::Text(serde_json::to_value(e.kind)?.as_str().unwrap_or("other").to_string()),
            V::from(&e.country),
            V::from(&e.sector),
            V::from(&e.role),
            V::Int(e.mentions.len() as i64),
        ]);
    }
    for c in &doc.claims {
        rows.claims.push(vec![
            V::Text(format!("{id}:{}", c.id)),
            V::Int(rid),
            V::from(modality(c.modality)),
            V::from(c.text.as_str()),
            V::Int(c.span.start as i64),
            V::Int(c.span.end as i64),
            V::from(c.attribution.source.as_ref().map(|s| s.name.clone())),
            V::from(c.attribution.certainty.label.as_str()),
            V::Real(c.attribution.certainty.low),
            V::Real(c.attribution.certainty.high),
            V::Text(serde_json::to_string(c)?),
        ]);
    }
    Ok(())
}

fn event_row(doc: &Document, doc_id: &str, rid: i64, ev: &Event, key: &EventKey, cluster: i64) -> Result<Vec<V>, StoreError> {
    let a1 = ev.actor1.as_ref();
    let a2 = ev.actor2.as_ref();
    let pl = ev.place.as_ref();
    let source = ev.attribution.source.as_ref().map(|s| s.name.clone());
    let date = ev.date.as_ref().map(|d| d.value.clone()).or_else(|| key.facts.date.clone());
    let day = date.as_deref().and_then(day_of);
    Ok(vec![
        V::Text(format!("{doc_id}:{}", ev.id)),
        V::Int(rid),
        V::from(ev.kind.as_str()),
        V::from(ev.mode.clone()),
        V::from(modality(ev.modality)),
        V::from(a1.map(|a| a.name.clone())),
        lc(a1.map(|a| a.name.as_str())),
        V::from(a1.and_then(|a| a.country.clone())),
        V::from(a1.and_then(|a| a.sector.clone())),
        V::from(a1.and_then(|a| a.entity.clone())),
        V::from(a2.map(|a| a.name.clone())),
        lc(a2.map(|a| a.name.as_str())),
        V::from(a2.and_then(|a| a.country.clone())),
        V::from(a2.and_then(|a| a.sector.clone())),
        V::from(a2.and_then(|a| a.entity.clone())),
        V::from(pl.map(|p| p.name.clone())),
        lc(pl.map(|p| p.name.as_str())),
        V::from(pl.and_then(|p| p.country.clone())),
        V::from(pl.and_then(|p| p.lat)),
        V::from(pl.and_then(|p| p.lon)),
        V::from(date),
        V::from(ev.date.as_ref().map(|d| d.precision.clone()).or_else(|| doc.published.as_ref().map(|_| "day".to_string()))),
        V::from(day),
        V::from(ev.fatalities.as_ref().map(|f| f.low)),
        V::from(ev.fatalities.as_ref().map(|f| f.high)),
        V::from(ev.attribution.certainty.label.as_str()),
        V::Real(ev.attribution.certainty.low),
        V::Real(ev.attribution.certainty.high),
        V::from(source.clone()),
        lc(source.as_deref()),
        lc(doc.site.as_deref()),
        V::from(ev.evidence.text.as_str()),
        V::Int(ev.evidence.span.start as i64),
        V::Int(ev.evidence.span.end as i64),
        V::Int(cluster),
        V::Text(serde_json::to_string(ev)?),
    ])
}

/// First day of a `YYYY`, `YYYY-MM` or `YYYY-MM-DD...` value, as days since 1970-01-01.
pub fn day_of(date: &str) -> Option<i64> {
    match date.len() {
        4 => sitrep_link::events::days_from_iso(&format!("{date}-01-01")),
        7 => sitrep_link::events::days_from_iso(&format!("{date}-01")),
        _ => sitrep_link::events::days_from_iso(date),
    }
}
