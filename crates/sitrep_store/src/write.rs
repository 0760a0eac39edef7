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

pub use crate::derived::{add_phase, backfill_parties, cell, cells, day_of, fill_fts, party_keys, phase, write_phases, Pre, PARTY_COLS};

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

/// What linking needs of everything stored, kept in memory between the batches of a bulk
/// load so each batch need not read it back (the band hits and event clusters a batch could
/// join grow with the database; reading them per batch made a load quadratic). Valid only
/// while the database holds exactly what this writer wrote: `marks` are the highest document
/// and cluster ids after its last commit, checked under the write lock before each batch.
pub struct LinkCache {
    stories: Stories,
    clusters: Clusters,
    marks: (i64, i64),
}

/// The writer's link cache: `enabled` by a bulk load into an empty SQLite file.
#[derive(Default)]
pub struct Linker {
    pub enabled: bool,
    cache: Option<LinkCache>,
    /// Events a bulk load wrote since it last made full-text rows.
    unindexed: usize,
}

impl Linker {
    pub fn new(enabled: bool) -> Linker {
        Linker { enabled, cache: None, unindexed: 0 }
    }
}

/// Documents plus event clusters the link cache may hold (about 1.5 KB each): 4 million,
/// or `SITREP_LINK_CACHE_MAX`.
fn cache_limit() -> usize {
    std::env::var("SITREP_LINK_CACHE_MAX").ok().and_then(|v| v.parse().ok()).unwrap_or(4_000_000)
}

/// Events between the full-text fills of a bulk load: 250,000, or `SITREP_FTS_EVERY`.
fn fts_every() -> usize {
    std::env::var("SITREP_FTS_EVERY").ok().and_then(|v| v.parse().ok()).unwrap_or(250_000)
}

fn high_marks(db: &mut dyn Db) -> Result<(i64, i64), StoreError> {
    let d = db.scalar("SELECT coalesce(max(rid), 0) FROM documents", &[])?.int().unwrap_or(0);
    let c = db.scalar("SELECT coalesce(max(id), 0) FROM event_clusters", &[])?.int().unwrap_or(0);
    Ok((d, c))
}

/// Writes `docs` in one transaction; a document whose content hash is stored already (or
/// came earlier in the batch) is skipped.
pub fn write_batch(db: &mut dyn Db, docs: &[Prepared], linker: &mut Linker) -> Result<Vec<Outcome>, StoreError> {
    // IMMEDIATE takes SQLite's write lock now: the ids reserved below must stay free.
    db.batch(if db.dialect() == Dialect::Sqlite { "BEGIN IMMEDIATE" } else { "BEGIN" })?;
    // Taken out for the batch: a failed batch (rolled back) leaves no cache behind.
    let cache = linker.cache.take();
    let result = (|| {
        let now = high_marks(db)?;
        let cache = match cache {
            Some(c) if c.marks == now => Some(c),
            // Another writer (or a failed batch) changed the database: read it again.
            Some(_) => None,
            None if linker.enabled && db.dialect() == Dialect::Sqlite && now == (0, 0) => {
                Some(LinkCache { stories: Stories::default(), clusters: Clusters::default(), marks: now })
            }
            None => None,
        };
        let (out, cache) = write_all(db, docs, cache)?;
        // A bulk load makes full-text rows every `fts_every()` events, in the same one
        // statement per table, while the pipeline threads produce the next batches (the
        // writer has slack there; at the end it has none).
        linker.unindexed += docs.iter().map(|p| p.doc.events.len()).sum::<usize>();
        if !linker.enabled || linker.unindexed >= fts_every() {
            phase("fill_fts", || fill_fts(db))?;
            linker.unindexed = 0;
        }
        let cache = match cache {
            Some(mut c) => {
                c.marks = high_marks(db)?;
                Some(c)
            }
            None => None,
        };
        Ok((out, cache))
    })();
    match result {
        Ok((out, cache)) => {
            phase("commit", || db.batch("COMMIT"))?;
            linker.cache = cache;
            if linker.cache.as_ref().is_some_and(|c| c.stories.len() + c.clusters.len() > cache_limit()) {
                // Memory stays bounded on a very large first load: from here on linking
                // reads the file, through the two indexes it needs (the rest wait for the end).
                linker.cache = None;
                linker.enabled = false;
                crate::schema::link_indexes(db)?;
            }
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
/// Where `day` is in an [`event_row`] (`EVENT_COLS` without the leading `rid`).
const EVENT_DAY: usize = 22;
const EVENT_COLS: [&str; 38] = [
    "rid", "id", "doc", "kind", "mode", "modality", "actor1_name", "actor1_lc", "actor1_country", "actor1_sector",
    "actor1_entity", "actor2_name", "actor2_lc", "actor2_country", "actor2_sector", "actor2_entity", "place_name",
    "place_lc", "place_country", "lat", "lon", "date", "date_precision", "day", "fatalities_low", "fatalities_high",
    "certainty_label", "certainty_low", "certainty_high", "source_name", "source_lc", "site_lc", "evidence",
    "evidence_start", "evidence_end", "cluster", "cell", "party_names",
];

/// Rows of one batch, per table.
#[derive(Default)]
struct Rows {
    documents: Vec<Vec<V>>,
    bands: Vec<Vec<V>>,
    /// PostgreSQL only: SQLite makes band rows from the stored signatures (`fill_bands`).
    want_bands: bool,
    entities: Vec<Vec<V>>,
    claims: Vec<Vec<V>>,
    events: Vec<Vec<V>>,
    event_json: Vec<Vec<V>>,
    parties: Vec<Vec<V>>,
    revisions: Vec<RevisionRow>,
}

fn write_all(db: &mut dyn Db, docs: &[Prepared], cache: Option<LinkCache>) -> Result<(Vec<Outcome>, Option<LinkCache>), StoreError> {
    let keys: Vec<&str> = docs.iter().map(|p| p.key.as_str()).collect();
    let have = phase("known", || stored(db, "content_hash", &keys))?;
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
        return Ok((out, cache));
    }
    let ids: Vec<&str> = fresh.iter().map(|p| p.doc.id.as_str()).collect();
    let mut taken = phase("taken", || stored(db, "id", &ids))?;
    let rids = phase("reserve", || db.reserve_ids("documents", "rid", fresh.len()))?;
    let sigs: Vec<_> = fresh.iter().map(|p| &p.signature).collect();
    let cached = cache.is_some();
    let (mut stories, cached_clusters, marks) = match cache {
        Some(c) => (c.stories, Some(c.clusters), c.marks),
        None => {
            // Band keys of documents a bulk load left behind its mark (a dropped cache, a kill).
            phase("bands_fill", || crate::derived::fill_bands(db))?;
            (phase("stories_load", || Stories::load(db, &sigs))?, None, (0, 0))
        }
    };
    let pres = fresh.iter().map(|p| p.pre.for_doc(&p.doc)).collect::<Result<Vec<_>, _>>()?;
    let all_keys: Vec<&EventKey> = pres.iter().flat_map(|p| p.keys.iter()).collect();
    let mut clusters = match cached_clusters {
        Some(mut c) => {
            c.begin(db, all_keys.len())?;
            c
        }
        None => phase("clusters_load", || Clusters::load(db, &all_keys))?,
    };
    let t_rows = std::time::Instant::now();
    let mut event_rids = db.reserve_ids("events", "rid", all_keys.len())?.into_iter();
    let mut rows = Rows { want_bands: db.dialect() == Dialect::Postgres, ..Rows::default() };
    for ((p, rid), pre) in fresh.iter().zip(rids).zip(&pres) {
        // Two inputs may carry the same id (e.g. a JSONL `id` reused); the content hash keeps them apart.
        let mut id = p.doc.id.clone();
        if taken.contains(&id) {
            id = format!("{}-{}", p.doc.id, p.key.get(..12).unwrap_or(&p.key));
        }
        taken.insert(id.clone());
        let story = stories.assign(&p.signature, rid);
        doc_rows(&mut rows, p, pre, &id, rid, story)?;
        let seen = p.doc.published_date().map(str::to_string);
        for ((ev, key), json) in p.doc.events.iter().zip(&pre.keys).zip(&pre.events) {
            let cluster = clusters.link(key, seen.as_deref(), story, rid, &mut rows.revisions)?;
            let erid = event_rids.next().ok_or_else(|| StoreError::Schema("ran out of reserved event ids".into()))?;
            let mut row = event_row(&p.doc, &id, rid, ev, key, cluster);
            rows.event_json.push(vec![V::Int(erid), V::Text(json.clone())]);
            for (role, k) in party_keys(ev) {
                rows.parties.push(vec![V::Int(erid), V::Int(role), V::Text(k), row[EVENT_DAY].clone()]);
            }
            row.insert(0, V::Int(erid));
            rows.events.push(row);
        }
    }
    add_phase("link_rows", t_rows.elapsed().as_secs_f64());
    phase("clusters_flush", || clusters.flush(db))?;
    phase("ins_documents", || db.insert_many("documents", &DOC_COLS, rows.documents))?;
    match db.dialect() {
        Dialect::Postgres => phase("ins_bands", || db.insert_many("doc_bands", &["band", "doc"], rows.bands))?,
        // SQLite: from the stored signatures behind the mark; a bulk load's at its end.
        Dialect::Sqlite if !cached => phase("ins_bands", || crate::derived::fill_bands(db))?,
        Dialect::Sqlite => {}
    }
    phase("ins_entities", || db.insert_many("entities", &ENTITY_COLS, rows.entities))?;
    phase("ins_claims", || db.insert_many("claims", &CLAIM_COLS, rows.claims))?;
    phase("ins_events", || db.insert_many("events", &EVENT_COLS, rows.events))?;
    phase("ins_event_json", || db.insert_many("event_json", &["rid", "json"], rows.event_json))?;
    phase("ins_parties", || db.insert_many("parties", &PARTY_COLS, rows.parties))?;
    phase("ins_revisions", || db.insert_many("revisions", &["cluster", "doc", "field", "old", "new"], rows.revisions))?;
    Ok((out, cached.then_some(LinkCache { stories, clusters, marks })))
}
/// The document's own rows: itself, its band keys, entities and claims.
fn doc_rows(rows: &mut Rows, p: &Prepared, pre: &Pre, id: &str, rid: i64, story: i64) -> Result<(), StoreError> {
    let doc = &p.doc;
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
        V::Text(pre.meta.clone()),
        V::Int(story),
        V::Blob(p.signature.to_bytes()),
        V::Int(now()),
    ]);
    if rows.want_bands {
        let mut bands = p.signature.bands();
        bands.sort_unstable();
        bands.dedup();
        rows.bands.extend(bands.into_iter().map(|b| vec![V::Int(b), V::Int(rid)]));
    }
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
    for (c, json) in doc.claims.iter().zip(&pre.claims) {
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
            V::Text(json.clone()),
        ]);
    }
    Ok(())
}

fn event_row(doc: &Document, doc_id: &str, rid: i64, ev: &Event, key: &EventKey, cluster: i64) -> Vec<V> {
    let a1 = ev.actor1.as_ref();
    let a2 = ev.actor2.as_ref();
    let pl = ev.place.as_ref();
    let source = ev.attribution.source.as_ref().map(|s| s.name.clone());
    let date = ev.date.as_ref().map(|d| d.value.clone()).or_else(|| key.facts.date.clone());
    let day = date.as_deref().and_then(day_of);
    vec![
        V::Text(format!("{doc_id}:{}", ev.id)),
        V::Int(rid),
        V::from(ev.kind.as_str()),
        V::from(ev.mode.clone()),
        V::from(modality(ev.modality)),
        V::from(a1.map(|a| a.name.clone())),
        // actor1_lc/actor2_lc (schema 1-2) are left empty: `parties` holds every name.
        V::Null,
        V::from(a1.and_then(|a| a.country.clone())),
        V::from(a1.and_then(|a| a.sector.clone())),
        V::from(a1.and_then(|a| a.entity.clone())),
        V::from(a2.map(|a| a.name.clone())),
        V::Null,
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
        V::from(pl.and_then(|p| cell(p.lat?, p.lon?))),
        V::from(crate::derived::party_names(ev)),
    ]
}
