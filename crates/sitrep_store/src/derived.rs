//! What the store derives from a document besides its own columns: the JSON made ahead of
//! time on the caller's threads ([`Pre`]), the `parties` keys of an event, the grid cell of
//! a place, day numbers, and full-text rows behind the `fts_upto` mark; plus the write
//! phase timers the scale benchmark prints.

use sitrep_link::EventKey;
use sitrep_model::{Document, Event};

use crate::sql::{Db, Dialect, V};
use crate::StoreError;

pub const PARTY_COLS: [&str; 4] = ["event", "role", "key", "day"];

/// Accumulated seconds per write phase (bench diagnostics: `sitrep_store::write_phases`).
static PHASES: std::sync::Mutex<Vec<(&'static str, f64)>> = std::sync::Mutex::new(Vec::new());

pub fn phase<T>(name: &'static str, f: impl FnOnce() -> T) -> T {
    let t = std::time::Instant::now();
    let out = f();
    add_phase(name, t.elapsed().as_secs_f64());
    out
}

pub fn add_phase(name: &'static str, dt: f64) {
    if let Ok(mut v) = PHASES.lock() {
        match v.iter_mut().find(|(n, _)| *n == name) {
            Some(e) => e.1 += dt,
            None => v.push((name, dt)),
        }
    }
}

/// Wall seconds spent in each phase of `write_batch` so far in this process.
pub fn write_phases() -> Vec<(&'static str, f64)> {
    PHASES.lock().map(|v| v.clone()).unwrap_or_default()
}

/// What the writer stores of a document besides its columns, serialized ahead of time.
#[derive(Debug, Clone, Default)]
pub struct Pre {
    valid: bool,
    pub(crate) meta: String,
    pub(crate) events: Vec<String>,
    pub(crate) claims: Vec<String>,
    pub(crate) keys: Vec<EventKey>,
}

impl Pre {
    pub fn of(doc: &Document) -> Result<Pre, StoreError> {
        let mut meta = serde_json::to_value(doc)?;
        // Text, events and claims have their own columns and rows; the rest is metadata.
        if let Some(o) = meta.as_object_mut() {
            for k in ["text", "events", "claims"] {
                o.remove(k);
            }
        }
        Ok(Pre {
            valid: true,
            meta: meta.to_string(),
            events: doc.events.iter().map(serde_json::to_string).collect::<Result<_, _>>()?,
            claims: doc.claims.iter().map(serde_json::to_string).collect::<Result<_, _>>()?,
            keys: doc.events.iter().map(|e| EventKey::of(e, doc)).collect(),
        })
    }

    /// This, or made again when the document no longer fits it.
    pub(crate) fn for_doc<'a>(&'a self, doc: &Document) -> Result<std::borrow::Cow<'a, Pre>, StoreError> {
        if self.valid && self.events.len() == doc.events.len() && self.claims.len() == doc.claims.len() {
            Ok(std::borrow::Cow::Borrowed(self))
        } else {
            Ok(std::borrow::Cow::Owned(Pre::of(doc)?))
        }
    }
}

/// Full-text rows for every event and claim stored after the `fts_upto` mark
/// (`meta`: the highest row ids already indexed), one statement per table (FTS5 flushes its
/// pending terms at every statement, so row-by-row inserts cost far more); then moves the
/// mark. Runs in the caller's transaction, so rows and mark commit together. A batch calls
/// it for what it added; a bulk load skips it per batch and indexes the whole load once at
/// the end (and a killed bulk load is indexed by the next run's `bulk_load(false)`).
pub fn fill_fts(db: &mut dyn Db) -> Result<(), StoreError> {
    if db.dialect() != Dialect::Sqlite {
        return Ok(());
    }
    let upto = db.scalar("SELECT value FROM meta WHERE key = 'fts_upto'", &[])?.text().unwrap_or_default();
    let mut m = upto.split_whitespace().map(|v| v.parse::<i64>().unwrap_or(0));
    // (The first mark is the documents', kept for when their bodies are indexed again.)
    let (d, e, c) = (m.next().unwrap_or(0), m.next().unwrap_or(0), m.next().unwrap_or(0));
    let mut max = [0i64; 3];
    for (i, t) in ["documents", "events", "claims"].iter().enumerate() {
        max[i] = db.scalar(&format!("SELECT coalesce(max(rid), 0) FROM {t}"), &[])?.int().unwrap_or(0);
    }
    if max == [d, e, c] {
        return Ok(());
    }
    db.exec(
        "INSERT INTO events_fts (rowid, evidence, actors, place, title) SELECT e.rid, e.evidence, \
         coalesce(e.actor1_name, '') || ' ' || coalesce(e.actor2_name, '') || coalesce(' ' || e.party_names, ''), e.place_name, d.title \
         FROM events e JOIN documents d ON d.rid = e.doc WHERE e.rid > ?1",
        &[V::Int(e)],
    )?;
    db.exec("INSERT INTO claims_fts (rowid, text) SELECT rid, text FROM claims WHERE rid > ?1", &[V::Int(c)])?;
    db.exec("DELETE FROM meta WHERE key = 'fts_upto'", &[])?;
    db.exec(
        "INSERT INTO meta (key, value) VALUES ('fts_upto', ?1)",
        &[V::Text(format!("{} {} {}", max[0], max[1], max[2]))],
    )?;
    Ok(())
}

/// The `parties` keys of an event, (role, key): role 1 for each actor, 2 for each recipient
/// (`actors`/`recipients`, or `actor1`/`actor2` when those lists are empty); the key is the
/// upper-cased country code and, as another row, the lower-cased name, so `--actor X`
/// matches any actor by code or by name. Deduplicated, so a top-n read of one key sees each
/// event once.
pub fn party_keys(ev: &Event) -> Vec<(i64, String)> {
    let mut out = Vec::new();
    for (role, first, all) in [(1, &ev.actor1, &ev.actors), (2, &ev.actor2, &ev.recipients)] {
        for a in first.iter().chain(all.iter()) {
            if let Some(c) = a.country.as_deref().map(|c| c.trim().to_uppercase()).filter(|c| !c.is_empty()) {
                out.push((role, c));
            }
            let n = a.name.trim().to_lowercase();
            if !n.is_empty() {
                out.push((role, n));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Schema 3 migration: `parties` rows for the events stored before it, from their JSON (the
/// first actor and recipient columns when the JSON does not parse).
pub fn backfill_parties(db: &mut dyn Db) -> Result<(), StoreError> {
    let mut after = 0i64;
    loop {
        let rows = db.rows(
            "SELECT rid, day, json, actor1_lc, actor1_country, actor2_lc, actor2_country FROM events WHERE rid > ?1 ORDER BY rid LIMIT 5000",
            &[V::Int(after)],
        )?;
        let Some(last) = rows.last().and_then(|r| r[0].int()) else { return Ok(()) };
        after = last;
        let mut out = Vec::new();
        for r in rows {
            let keys = match r[2].text().and_then(|j| serde_json::from_str::<Event>(&j).ok()) {
                Some(ev) => party_keys(&ev),
                None => {
                    let mut k: Vec<(i64, String)> = [(1, 4), (1, 3), (2, 6), (2, 5)]
                        .into_iter()
                        .filter_map(|(role, i)| r[i].text().map(|t| (role, if i % 2 == 0 { t.to_uppercase() } else { t })))
                        .collect();
                    k.sort_unstable();
                    k.dedup();
                    k
                }
            };
            for (role, key) in keys {
                out.push(vec![r[0].clone(), V::Int(role), V::Text(key), r[1].clone()]);
            }
        }
        db.insert_many("parties", &PARTY_COLS, out)?;
    }
}

/// The one-degree grid cell of a point (bounding-box queries read one index range per cell).
pub fn cell(lat: f64, lon: f64) -> Option<i64> {
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return None;
    }
    Some((lat + 90.0).floor() as i64 * 361 + (lon + 180.0).floor() as i64)
}

/// The cells a `[min_lon, min_lat, max_lon, max_lat]` box covers, when at most `max`.
pub fn cells(x0: f64, y0: f64, x1: f64, y1: f64, max: usize) -> Option<Vec<i64>> {
    let (x0, x1, y0, y1) = (x0.max(-180.0), x1.min(180.0), y0.max(-90.0), y1.min(90.0));
    if !(x0 <= x1 && y0 <= y1) {
        return None;
    }
    let (r0, r1) = ((y0 + 90.0).floor() as i64, (y1 + 90.0).floor() as i64);
    let (c0, c1) = ((x0 + 180.0).floor() as i64, (x1 + 180.0).floor() as i64);
    if ((r1 - r0 + 1) * (c1 - c0 + 1)) as usize > max {
        return None;
    }
    Some((r0..=r1).flat_map(|r| (c0..=c1).map(move |c| r * 361 + c)).collect())
}

/// First day of a `YYYY`, `YYYY-MM` or `YYYY-MM-DD...` value, as days since 1970-01-01.
pub fn day_of(date: &str) -> Option<i64> {
    match date.len() {
        4 => sitrep_link::events::days_from_iso(&format!("{date}-01-01")),
        7 => sitrep_link::events::days_from_iso(&format!("{date}-01")),
        _ => sitrep_link::events::days_from_iso(date),
    }
}

/// SQLite: the LSH band keys (`doc_bands`) of every document stored after the `bands_upto`
/// mark, computed from `documents.minhash` and appended sorted by (band, doc), then the mark
/// moves. Runs in the caller's transaction. A bulk load calls it once at the end (its link
/// cache holds the bands meanwhile); any batch that links by reading the file calls it first
/// (so a killed bulk load's documents are found) and after writing its documents.
pub fn fill_bands(db: &mut dyn Db) -> Result<(), StoreError> {
    if db.dialect() != Dialect::Sqlite {
        return Ok(());
    }
    let upto = db.scalar("SELECT value FROM meta WHERE key = 'bands_upto'", &[])?.text().and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let max = db.scalar("SELECT coalesce(max(rid), 0) FROM documents", &[])?.int().unwrap_or(0);
    if max <= upto {
        return Ok(());
    }
    let mut keys: Vec<(i64, i64)> = Vec::new();
    db.each("SELECT rid, minhash FROM documents WHERE rid > ?1", &[V::Int(upto)], &mut |r| {
        if let (Some(rid), Some(b)) = (r[0].int(), r[1].blob()) {
            let sig = sitrep_link::minhash::Signature::from_bytes(b);
            keys.extend(sig.bands().into_iter().map(|band| (band, rid)));
        }
        Ok(())
    })?;
    keys.sort_unstable();
    keys.dedup();
    for chunk in keys.chunks(100_000) {
        let rows = chunk.iter().map(|&(b, d)| vec![V::Int(b), V::Int(d)]).collect();
        db.insert_many("doc_bands", &["band", "doc"], rows)?;
    }
    db.exec("DELETE FROM meta WHERE key = 'bands_upto'", &[])?;
    db.exec("INSERT INTO meta (key, value) VALUES ('bands_upto', ?1)", &[V::Text(max.to_string())])?;
    Ok(())
}

/// Names of an event's actors and recipients other than `actor1`/`actor2`, space-joined
/// (`events.party_names`, which full-text search indexes); None when there are none.
pub fn party_names(ev: &Event) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for (first, all) in [(&ev.actor1, &ev.actors), (&ev.actor2, &ev.recipients)] {
        let first = first.as_ref().map(|a| a.name.trim());
        for a in all {
            let n = a.name.trim();
            if !n.is_empty() && Some(n) != first && !out.contains(&n) {
                out.push(n);
            }
        }
    }
    (!out.is_empty()).then(|| out.join(" "))
}
