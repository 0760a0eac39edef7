//! Writing a batch of documents: one transaction per batch, every row of a document inside
//! it, so a killed ingest leaves either the whole document or none of it. Linking happens in
//! the same transaction against everything stored before: syndication (story) clusters from
//! MinHash band keys, then each event joins or starts an event cluster.

use sitrep_link::{ClusterState, EventKey, Signature};
use sitrep_model::{Document, Event, Modality};

use crate::sql::{Db, Dialect, V};
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

/// Writes `docs` in one transaction; a document whose content hash is stored already is skipped.
pub fn write_batch(db: &mut dyn Db, docs: &[Prepared]) -> Result<Vec<Outcome>, StoreError> {
    db.batch("BEGIN")?;
    let result = (|| {
        let marks = fts_marks(db)?;
        let mut out = Vec::with_capacity(docs.len());
        for p in docs {
            out.push(write_doc(db, p)?);
        }
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

fn write_doc(db: &mut dyn Db, p: &Prepared) -> Result<Outcome, StoreError> {
    let doc = &p.doc;
    if db.one("SELECT 1 FROM documents WHERE content_hash = ?1", &[V::from(p.key.as_str())])?.is_some() {
        return Ok(Outcome::Existing);
    }
    // Two inputs may carry the same id (e.g. a JSONL `id` reused); the content hash keeps them apart.
    let mut id = doc.id.clone();
    if db.one("SELECT 1 FROM documents WHERE id = ?1", &[V::from(id.as_str())])?.is_some() {
        id = format!("{}-{}", doc.id, p.key.get(..12).unwrap_or(&p.key));
    }
    let story = find_story(db, &p.signature)?;
    let mut meta = serde_json::to_value(doc)?;
    // Text, events and claims have their own columns and rows; the rest is metadata.
    if let Some(o) = meta.as_object_mut() {
        for k in ["text", "events", "claims"] {
            o.remove(k);
        }
    }
    let rid = db
        .scalar(
            "INSERT INTO documents (id, content_hash, source, url, site, published, title, text, metadata, \
             story_cluster, minhash, ingested_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12) RETURNING rid",
            &[
                V::from(id.as_str()),
                V::from(p.key.as_str()),
                V::from(doc.source.as_str()),
                V::from(&doc.url),
                V::from(&doc.site),
                V::from(&doc.published),
                V::from(&doc.title),
                V::from(doc.text.as_str()),
                V::Text(meta.to_string()),
                V::from(story),
                V::Blob(p.signature.to_bytes()),
                V::Int(now()),
            ],
        )?
        .int()
        .ok_or_else(|| StoreError::Schema("document insert returned no id".into()))?;
    let story = match story {
        Some(s) => s,
        None => {
            db.exec("UPDATE documents SET story_cluster = ?1 WHERE rid = ?1", &[V::Int(rid)])?;
            rid
        }
    };
    for band in p.signature.bands() {
        db.exec("INSERT INTO doc_bands (band, doc) VALUES (?1, ?2) ON CONFLICT DO NOTHING", &[V::Int(band), V::Int(rid)])?;
    }
    for e in &doc.entities {
        db.exec(
            "INSERT INTO entities (doc, ent_id, name, kind, country, sector, role, mentions) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
            &[
                V::Int(rid),
                V::from(e.id.as_str()),
                V::from(e.name.as_str()),
                V::Text(serde_json::to_value(e.kind)?.as_str().unwrap_or("other").to_string()),
                V::from(&e.country),
                V::from(&e.sector),
                V::from(&e.role),
                V::Int(e.mentions.len() as i64),
            ],
        )?;
    }
    for c in &doc.claims {
        db.exec(
                "INSERT INTO claims (id, doc, modality, text, span_start, span_end, source_name, certainty_label, \
                 certainty_low, certainty_high, json) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
                &[
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
                ],
        )?;
    }
    let seen = doc.published_date().map(str::to_string);
    for ev in &doc.events {
        let key = EventKey::of(ev, doc);
        let cluster = link_event(db, &key, seen.as_deref(), story, rid)?;
        write_event(db, doc, &id, rid, ev, &key, cluster)?;
    }
    Ok(Outcome::New)
}

/// The story cluster of the most similar stored document that is a near-duplicate, if any.
fn find_story(db: &mut dyn Db, sig: &Signature) -> Result<Option<i64>, StoreError> {
    let bands = sig.bands();
    if bands.is_empty() {
        return Ok(None);
    }
    let marks: Vec<String> = (1..=bands.len()).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "SELECT d.story_cluster, d.minhash FROM documents d WHERE d.rid IN \
         (SELECT doc FROM doc_bands WHERE band IN ({}))",
        marks.join(",")
    );
    let params: Vec<V> = bands.into_iter().map(V::Int).collect();
    let mut best: Option<(f64, i64)> = None;
    for row in db.rows(&sql, &params)? {
        let (Some(story), Some(bytes)) = (row[0].int(), row[1].blob()) else { continue };
        let other = Signature::from_bytes(bytes);
        let s = other.similarity(sig);
        if other.is_duplicate_of(sig) && best.is_none_or(|(b, _)| s > b) {
            best = Some((s, story));
        }
    }
    Ok(best.map(|(_, s)| s))
}

const CLUSTER_COLS: &str = "id, kind, day, date, place_name, place_country, lat, lon, fatalities_low, \
fatalities_high, reports, corroboration, asserts, denies, first_seen, last_seen";

fn cluster_from_row(r: &[V]) -> ClusterState {
    ClusterState {
        id: r[0].int().unwrap_or(0),
        kind: r[1].text().unwrap_or_default(),
        day: r[2].int(),
        date: r[3].text(),
        place_name: r[4].text(),
        place_country: r[5].text(),
        lat: r[6].real(),
        lon: r[7].real(),
        fatalities_low: r[8].real(),
        fatalities_high: r[9].real(),
        reports: r[10].int().unwrap_or(0),
        corroboration: r[11].int().unwrap_or(0),
        asserts: r[12].int().unwrap_or(0),
        denies: r[13].int().unwrap_or(0),
        first_seen: r[14].text(),
        last_seen: r[15].text(),
    }
}

fn cluster_params(c: &ClusterState) -> Vec<V> {
    vec![
        V::from(c.kind.as_str()),
        V::from(c.day),
        V::from(&c.date),
        V::from(&c.place_name),
        V::from(&c.place_country),
        V::from(c.lat),
        V::from(c.lon),
        V::from(c.fatalities_low),
        V::from(c.fatalities_high),
        V::Int(c.reports),
        V::Int(c.corroboration),
        V::Int(c.asserts),
        V::Int(c.denies),
        V::from(&c.first_seen),
        V::from(&c.last_seen),
    ]
}

/// Joins the event to a matching cluster (closest date first) or starts one; returns its id.
fn link_event(db: &mut dyn Db, key: &EventKey, seen: Option<&str>, story: i64, doc: i64) -> Result<i64, StoreError> {
    let block = key.block();
    let mut candidates: Vec<ClusterState> = match (&block, key.day) {
        (Some(b), Some(day)) => db
            .rows(
                &format!("SELECT {CLUSTER_COLS} FROM event_clusters WHERE block = ?1 AND day BETWEEN ?2 AND ?3"),
                &[V::from(b.as_str()), V::Int(day - sitrep_link::events::DATE_WINDOW_DAYS), V::Int(day + sitrep_link::events::DATE_WINDOW_DAYS)],
            )?
            .iter()
            .map(|r| cluster_from_row(r))
            .collect(),
        (Some(b), None) => db
            .rows(&format!("SELECT {CLUSTER_COLS} FROM event_clusters WHERE block = ?1 AND day IS NULL"), &[V::from(b.as_str())])?
            .iter()
            .map(|r| cluster_from_row(r))
            .collect(),
        (None, _) => vec![],
    };
    candidates.retain(|c| c.matches(key));
    candidates.sort_by_key(|c| (c.day.zip(key.day).map(|(a, b)| (a - b).abs()).unwrap_or(0), c.id));
    if let Some(mut c) = candidates.into_iter().next() {
        let new_story = db.exec(
            "INSERT INTO cluster_stories (cluster, story) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            &[V::Int(c.id), V::Int(story)],
        )? > 0;
        let revs = c.merge(key, seen, new_story);
        let mut params = cluster_params(&c);
        params.push(V::Int(c.id));
        db.exec(
            "UPDATE event_clusters SET kind=?1, day=?2, date=?3, place_name=?4, place_country=?5, lat=?6, lon=?7, \
             fatalities_low=?8, fatalities_high=?9, reports=?10, corroboration=?11, asserts=?12, denies=?13, \
             first_seen=?14, last_seen=?15 WHERE id=?16",
            &params,
        )?;
        for r in revs {
            db.exec(
                "INSERT INTO revisions (cluster, doc, field, old, new) VALUES (?1,?2,?3,?4,?5)",
                &[V::Int(c.id), V::Int(doc), V::from(r.field), V::from(r.old), V::from(r.new)],
            )?;
        }
        return Ok(c.id);
    }
    let c = ClusterState::start(key, seen);
    let mut params = vec![V::from(block)];
    params.extend(cluster_params(&c));
    let id = db
        .scalar(
            &format!(
                "INSERT INTO event_clusters (block, {}) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16) RETURNING id",
                &CLUSTER_COLS[4..]
            ),
            &params,
        )?
        .int()
        .ok_or_else(|| StoreError::Schema("cluster insert returned no id".into()))?;
    db.exec("INSERT INTO cluster_stories (cluster, story) VALUES (?1, ?2) ON CONFLICT DO NOTHING", &[V::Int(id), V::Int(story)])?;
    Ok(id)
}

#[allow(clippy::too_many_arguments)]
fn write_event(db: &mut dyn Db, doc: &Document, doc_id: &str, rid: i64, ev: &Event, key: &EventKey, cluster: i64) -> Result<(), StoreError> {
    let a1 = ev.actor1.as_ref();
    let a2 = ev.actor2.as_ref();
    let pl = ev.place.as_ref();
    let source = ev.attribution.source.as_ref().map(|s| s.name.clone());
    let date = ev.date.as_ref().map(|d| d.value.clone()).or_else(|| key.date.clone());
    let day = date.as_deref().and_then(day_of);
    let params = vec![
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
    ];
    db.exec(
        "INSERT INTO events (id, doc, kind, mode, modality, actor1_name, actor1_lc, actor1_country, actor1_sector, \
         actor1_entity, actor2_name, actor2_lc, actor2_country, actor2_sector, actor2_entity, place_name, place_lc, \
         place_country, lat, lon, date, date_precision, day, fatalities_low, fatalities_high, certainty_label, \
         certainty_low, certainty_high, source_name, source_lc, site_lc, evidence, evidence_start, evidence_end, \
         cluster, json) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,\
         ?24,?25,?26,?27,?28,?29,?30,?31,?32,?33,?34,?35,?36)",
        &params,
    )?;
    Ok(())
}

/// First day of a `YYYY`, `YYYY-MM` or `YYYY-MM-DD...` value, as days since 1970-01-01.
pub fn day_of(date: &str) -> Option<i64> {
    match date.len() {
        4 => sitrep_link::events::days_from_iso(&format!("{date}-01-01")),
        7 => sitrep_link::events::days_from_iso(&format!("{date}-01")),
        _ => sitrep_link::events::days_from_iso(date),
    }
}
