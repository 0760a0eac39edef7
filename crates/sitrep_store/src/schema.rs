//! Schema and migrations. Migration N brings a database from version N-1 to N; the version
//! lives in `meta.schema_version`. Both backends share the table definitions (written for
//! SQLite, mapped to PostgreSQL types) and differ in full-text search: FTS5 tables keyed by
//! rowid in SQLite, generated `tsvector` columns with GIN indexes in PostgreSQL.

use crate::sql::{Db, Dialect, V};
use crate::StoreError;

const TABLES_V1: &str = "
CREATE TABLE documents (
  rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, content_hash TEXT NOT NULL UNIQUE,
  source TEXT, url TEXT, site TEXT, published TEXT, title TEXT, text TEXT NOT NULL,
  metadata TEXT, story_cluster INTEGER, minhash BLOB, ingested_at INTEGER);
CREATE INDEX documents_story ON documents(story_cluster);
CREATE TABLE doc_bands (band INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (band, doc)) WITHOUT ROWID;
CREATE TABLE entities (
  rid INTEGER PRIMARY KEY, doc INTEGER NOT NULL, ent_id TEXT, name TEXT, kind TEXT,
  country TEXT, sector TEXT, role TEXT, mentions INTEGER);
CREATE INDEX entities_doc ON entities(doc);
CREATE TABLE claims (
  rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, doc INTEGER NOT NULL, modality TEXT, text TEXT,
  span_start INTEGER, span_end INTEGER, source_name TEXT, certainty_label TEXT,
  certainty_low REAL, certainty_high REAL, json TEXT);
CREATE INDEX claims_doc ON claims(doc);
CREATE TABLE event_clusters (
  id INTEGER PRIMARY KEY, block TEXT, kind TEXT, day INTEGER, date TEXT, place_name TEXT,
  place_country TEXT, lat REAL, lon REAL, fatalities_low REAL, fatalities_high REAL,
  reports INTEGER NOT NULL, corroboration INTEGER NOT NULL, asserts INTEGER NOT NULL,
  denies INTEGER NOT NULL, first_seen TEXT, last_seen TEXT);
CREATE INDEX event_clusters_block ON event_clusters(block, day);
CREATE TABLE cluster_stories (cluster INTEGER NOT NULL, story INTEGER NOT NULL, PRIMARY KEY (cluster, story)) WITHOUT ROWID;
CREATE TABLE revisions (
  rid INTEGER PRIMARY KEY, cluster INTEGER NOT NULL, doc INTEGER NOT NULL, field TEXT, old TEXT, new TEXT);
CREATE INDEX revisions_cluster ON revisions(cluster);
CREATE TABLE events (
  rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, doc INTEGER NOT NULL, kind TEXT, mode TEXT,
  modality TEXT,
  actor1_name TEXT, actor1_lc TEXT, actor1_country TEXT, actor1_sector TEXT, actor1_entity TEXT,
  actor2_name TEXT, actor2_lc TEXT, actor2_country TEXT, actor2_sector TEXT, actor2_entity TEXT,
  place_name TEXT, place_lc TEXT, place_country TEXT, lat REAL, lon REAL,
  date TEXT, date_precision TEXT, day INTEGER,
  fatalities_low REAL, fatalities_high REAL,
  certainty_label TEXT, certainty_low REAL, certainty_high REAL,
  source_name TEXT, source_lc TEXT, site_lc TEXT,
  evidence TEXT, evidence_start INTEGER, evidence_end INTEGER, cluster INTEGER, json TEXT);
CREATE INDEX events_kind_day ON events(kind, day);
CREATE INDEX events_a1c_day ON events(actor1_country, day);
CREATE INDEX events_a2c_day ON events(actor2_country, day);
CREATE INDEX events_pc_day ON events(place_country, day);
CREATE INDEX events_day ON events(day);
CREATE INDEX events_a1lc ON events(actor1_lc, day);
CREATE INDEX events_a2lc ON events(actor2_lc, day);
CREATE INDEX events_place_lc ON events(place_lc, day);
CREATE INDEX events_source_lc ON events(source_lc, day);
CREATE INDEX events_site_lc ON events(site_lc);
CREATE INDEX events_lat ON events(lat, lon, day);
CREATE INDEX events_mode ON events(mode);
CREATE INDEX events_cluster ON events(cluster);
CREATE INDEX events_doc ON events(doc);
";

const FTS_SQLITE_V1: &str = "
CREATE VIRTUAL TABLE events_fts USING fts5(evidence, actors, place, title, content='', detail=none, columnsize=0, tokenize=\"unicode61 categories 'L* N* Co M*'\");
CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='', detail=none, columnsize=0, tokenize=\"unicode61 categories 'L* N* Co M*'\");
CREATE VIRTUAL TABLE claims_fts USING fts5(text, content='', detail=none, columnsize=0, tokenize=\"unicode61 categories 'L* N* Co M*'\");
";

const FTS_POSTGRES_V1: &str = "
ALTER TABLE events ADD COLUMN fts tsvector GENERATED ALWAYS AS (to_tsvector('simple',
  coalesce(evidence,'') || ' ' || coalesce(actor1_name,'') || ' ' || coalesce(actor2_name,'') || ' ' || coalesce(place_name,''))) STORED;
CREATE INDEX events_fts ON events USING GIN (fts);
ALTER TABLE documents ADD COLUMN fts tsvector GENERATED ALWAYS AS (to_tsvector('simple',
  coalesce(title,'') || ' ' || text)) STORED;
CREATE INDEX documents_fts ON documents USING GIN (fts);
ALTER TABLE claims ADD COLUMN fts tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(text,''))) STORED;
CREATE INDEX claims_fts ON claims USING GIN (fts);
";

/// Version 3: every actor and recipient of an event (`Event::actors`/`recipients`, not only
/// the first) as rows of `parties`, keyed by lower-cased name and by country code, which
/// replace the four per-actor indexes of `events`; `doc_bands` becomes a plain table with a
/// (band, doc) index, so a bulk load appends band keys and sorts them once at the end
/// instead of inserting millions of random keys into a clustered B-tree.
const TABLES_V3: &str = "
CREATE TABLE parties (event INTEGER NOT NULL, role INTEGER NOT NULL, key TEXT NOT NULL, day INTEGER);
CREATE INDEX parties_key ON parties(role, key, day, event);
CREATE INDEX doc_bands_band ON doc_bands(band, doc);
";

const DOC_BANDS_V3_SQLITE: &str = "
CREATE TABLE doc_bands_v3 (band INTEGER NOT NULL, doc INTEGER NOT NULL);
INSERT INTO doc_bands_v3 (band, doc) SELECT band, doc FROM doc_bands ORDER BY doc;
DROP TABLE doc_bands;
ALTER TABLE doc_bands_v3 RENAME TO doc_bands;
";

/// Full-text search in v3 (SQLite): document bodies are no longer indexed on their own (no
/// query read `documents_fts`, and the event sentences `--text` searches are indexed in
/// `events_fts`: indexing the same text twice cost a quarter of a bulk load). FTS5 keeps up
/// to 64 MiB of terms in memory before writing a segment (default 1 MiB), so the one
/// statement that indexes a bulk load merges far fewer segments.
const FTS_SQLITE_V3: &str = "
DROP TABLE IF EXISTS documents_fts;
INSERT INTO events_fts(events_fts, rank) VALUES('hashsize', 67108864);
INSERT INTO claims_fts(claims_fts, rank) VALUES('hashsize', 67108864);
";

/// Indexes of v1 that v3 replaces with `parties`.
const DROPPED_V3: [&str; 4] = ["events_a1c_day", "events_a2c_day", "events_a1lc", "events_a2lc"];

/// Version 4: the event JSON (half of an event row) moves to its own table, so the scans
/// that build each `events` index, fill full-text rows and run filters read half the bytes;
/// and each event with coordinates gets its one-degree grid cell (lat + 90, lon + 180, both
/// floored; `write::cell`), so a bounding box reads one short (cell, day) range per cell
/// (with lat and lon in the index, a cell the box cuts is filtered without reading rows).
const TABLES_V4: &str = "
CREATE TABLE event_json (rid INTEGER NOT NULL PRIMARY KEY, json TEXT);
INSERT INTO event_json (rid, json) SELECT rid, json FROM events;
ALTER TABLE events DROP COLUMN json;
ALTER TABLE events ADD COLUMN cell INTEGER;
UPDATE events SET cell = CAST(lat + 90 AS INTEGER) * 361 + CAST(lon + 180 AS INTEGER)
  WHERE lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180;
CREATE INDEX events_cell ON events(cell, day, lat, lon);
";

/// Version 5: the `--mode` and `--source` indexes become partial `(column, day)` indexes
/// over the rows that have a value (80% and 70% of events have none), a third of the build
/// cost each, read in day order; and in SQLite `doc_bands` is a `WITHOUT ROWID` table keyed
/// (band, doc) again, filled from `documents.minhash` behind the `bands_upto` mark
/// (`derived::fill_bands`): a bulk load appends every band key once, sorted, at the end,
/// instead of a row per key per batch plus an index build over 6 million rows.
const DROPPED_V5: [&str; 2] = ["events_mode", "events_source_lc"];
const TABLES_V5: &str = "
CREATE INDEX events_mode_day ON events(mode, day) WHERE mode IS NOT NULL;
CREATE INDEX events_source_day ON events(source_lc, day) WHERE source_lc IS NOT NULL;
";

/// Also in 5: `events.party_names`, the names of actors and recipients after the first ones
/// (NULL when there are none), so full-text search finds every party of an event (events
/// stored before it keep their first actor and recipient in the index).
const EVENTS_V5_SQLITE: &str = "ALTER TABLE events ADD COLUMN party_names TEXT;\n";
const EVENTS_V5_POSTGRES: &str = "
ALTER TABLE events ADD COLUMN party_names TEXT;
ALTER TABLE events DROP COLUMN fts;
ALTER TABLE events ADD COLUMN fts tsvector GENERATED ALWAYS AS (to_tsvector('simple',
  coalesce(evidence,'') || ' ' || coalesce(actor1_name,'') || ' ' || coalesce(actor2_name,'') || ' ' || coalesce(party_names,'') || ' ' || coalesce(place_name,''))) STORED;
CREATE INDEX IF NOT EXISTS events_fts ON events USING GIN (fts);
";

const DOC_BANDS_V5_SQLITE: &str = "
CREATE TABLE doc_bands_v5 (band INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (band, doc)) WITHOUT ROWID;
INSERT OR IGNORE INTO doc_bands_v5 (band, doc) SELECT band, doc FROM doc_bands ORDER BY band, doc;
DROP TABLE doc_bands;
ALTER TABLE doc_bands_v5 RENAME TO doc_bands;
INSERT INTO meta (key, value) SELECT 'bands_upto', coalesce(max(rid), 0) FROM documents;
";

/// Version 6: document bodies are searchable again (`sitrep search`), indexed lazily by the
/// first search after new documents arrive (`docsearch::catch_up`), never by ingest: SQLite's
/// contentless `documents_fts` behind the `docs_fts_upto` mark, PostgreSQL's side table
/// `documents_search` (a generated column would be computed by every insert).
const DOCS_V6_SQLITE: &str = "
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(title, text, content='', detail=none, columnsize=0, tokenize=\"unicode61 categories 'L* N* Co M*'\");
INSERT INTO documents_fts(documents_fts, rank) VALUES('hashsize', 67108864);
DELETE FROM meta WHERE key = 'docs_fts_upto';
INSERT INTO meta (key, value) VALUES ('docs_fts_upto', '0');
";
const DOCS_V6_POSTGRES: &str = "
CREATE TABLE IF NOT EXISTS documents_search (rid BIGINT PRIMARY KEY, fts tsvector NOT NULL);
CREATE INDEX IF NOT EXISTS documents_search_fts ON documents_search USING GIN (fts);
";

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 6;

fn postgres_types(sql: &str) -> String {
    sql.replace("INTEGER PRIMARY KEY", "BIGSERIAL PRIMARY KEY")
        .replace("INTEGER", "BIGINT")
        .replace("REAL", "DOUBLE PRECISION")
        .replace("BLOB", "BYTEA")
        .replace(" WITHOUT ROWID", "")
}

fn migration(d: Dialect, version: i64) -> Option<String> {
    match (version, d) {
        (1, Dialect::Sqlite) => Some(format!("{TABLES_V1}{FTS_SQLITE_V1}")),
        (1, Dialect::Postgres) => Some(format!("{}{FTS_POSTGRES_V1}", postgres_types(TABLES_V1))),
        // Queries sort `day DESC NULLS LAST` (undated events last). SQLite's ascending
        // (column, day) indexes read backwards give exactly that; PostgreSQL's give NULLS
        // FIRST, so it sorted every match instead of reading the first n: rebuild them.
        (2, Dialect::Sqlite) => Some(String::new()),
        (2, Dialect::Postgres) => Some(
            index_defs(TABLES_V1, Dialect::Postgres)
                .into_iter()
                .filter(|(_, create)| create.contains("day"))
                .map(|(name, create)| format!("DROP INDEX IF EXISTS {name}; {create};\n"))
                .collect(),
        ),
        (3, d) => {
            let bands = match d {
                Dialect::Sqlite => format!("{DOC_BANDS_V3_SQLITE}{FTS_SQLITE_V3}"),
                Dialect::Postgres => "ALTER TABLE doc_bands DROP CONSTRAINT IF EXISTS doc_bands_pkey;\n\
                    ALTER TABLE documents DROP COLUMN IF EXISTS fts;\n"
                    .to_string(),
            };
            let drops: String = DROPPED_V3.iter().map(|n| format!("DROP INDEX IF EXISTS {n};\n")).collect();
            let tables = if d == Dialect::Postgres { postgres_types(TABLES_V3) } else { TABLES_V3.to_string() };
            let tables: String = tables
                .lines()
                .map(|l| if d == Dialect::Postgres && l.starts_with("CREATE INDEX") { pg_day_order(l) } else { l.to_string() })
                .collect::<Vec<_>>()
                .join("\n");
            Some(format!("{bands}{drops}{tables}"))
        }
        (4, Dialect::Sqlite) => Some(TABLES_V4.to_string()),
        // SQLite's CAST truncates (the floor, for these non-negative values; its bundled
        // build has no floor()); PostgreSQL's rounds, so it gets floor().
        (4, Dialect::Postgres) => Some(
            postgres_types(TABLES_V4)
                .replace(", day, lat, lon)", ", day DESC NULLS LAST, lat, lon)")
                .replace("CAST(lat + 90 AS BIGINT)", "CAST(floor(lat + 90) AS BIGINT)")
                .replace("CAST(lon + 180 AS BIGINT)", "CAST(floor(lon + 180) AS BIGINT)"),
        ),
        (5, d) => {
            let drops: String = DROPPED_V5.iter().map(|n| format!("DROP INDEX IF EXISTS {n};\n")).collect();
            let creates: String = index_defs(TABLES_V5, d).into_iter().map(|(_, c)| format!("{c};\n")).collect();
            Some(if d == Dialect::Sqlite {
                format!("{drops}{creates}{EVENTS_V5_SQLITE}{DOC_BANDS_V5_SQLITE}")
            } else {
                format!("{drops}{creates}{EVENTS_V5_POSTGRES}")
            })
        }
        (6, Dialect::Sqlite) => Some(DOCS_V6_SQLITE.to_string()),
        (6, Dialect::Postgres) => Some(DOCS_V6_POSTGRES.to_string()),
        _ => None,
    }
}

/// PostgreSQL index definitions keep `day` in the order queries read it.
fn pg_day_order(def: &str) -> String {
    def.replace(", day)", ", day DESC NULLS LAST)")
        .replace("(day)", "(day DESC NULLS LAST)")
        .replace(", day, event)", ", day DESC NULLS LAST, event DESC)")
        .replace(", day, lat, lon)", ", day DESC NULLS LAST, lat, lon)")
}

/// The `CREATE INDEX` statements of a schema text, by name.
fn index_defs(sql: &str, d: Dialect) -> Vec<(String, String)> {
    sql.lines()
        .filter_map(|l| l.trim().strip_prefix("CREATE INDEX "))
        .filter_map(|rest| {
            let name = rest.split_whitespace().next()?.to_string();
            let def = rest.trim_end_matches(';');
            let def = if d == Dialect::Postgres { pg_day_order(def) } else { def.to_string() };
            Some((name, format!("CREATE INDEX IF NOT EXISTS {def}")))
        })
        .collect()
}

/// Secondary indexes a bulk load may drop and rebuild: every index of the current schema
/// except UNIQUE and primary keys (which deduplicate documents while loading). A SQLite bulk
/// load links against its in-memory cache, so it needs neither the band nor the cluster-block
/// index until it ends (a writer that finds the cache stale still links correctly, by scans).
fn secondary_indexes(d: Dialect) -> Vec<(String, String)> {
    let fts = if d == Dialect::Postgres { FTS_POSTGRES_V1 } else { "" };
    let mut all = index_defs(TABLES_V1, d);
    all.retain(|(name, _)| !DROPPED_V3.contains(&name.as_str()) && !DROPPED_V5.contains(&name.as_str()));
    all.extend(index_defs(TABLES_V3, d));
    all.extend(index_defs(TABLES_V4, d));
    all.extend(index_defs(TABLES_V5, d));
    all.extend(index_defs(fts, d).into_iter().filter(|(name, _)| name != "documents_fts"));
    if d == Dialect::Sqlite {
        // Schema 5: SQLite's doc_bands is keyed (band, doc) itself.
        all.retain(|(name, _)| name != "doc_bands_band");
    }
    if d == Dialect::Postgres {
        // PostgreSQL writers keep no link cache (several may write at once): linking reads
        // these two in every batch.
        all.retain(|(name, _)| name != "doc_bands_band" && name != "event_clusters_block");
    }
    all
}

/// Bulk mode on: drops the secondary indexes, so a large load appends rows without keeping
/// 15 B-trees in step (rebuilding an index from sorted rows once is far cheaper). Off:
/// creates whichever are missing, which also heals a bulk load killed half way.
pub fn bulk_indexes(db: &mut dyn Db, on: bool) -> Result<(), StoreError> {
    if !on && db.dialect() == Dialect::Sqlite {
        // Full-text rows of a bulk load (or of one a kill interrupted) are made here.
        db.batch("BEGIN IMMEDIATE")?;
        let fill = |db: &mut dyn Db| {
            crate::write::phase("end_bands", || crate::derived::fill_bands(db))?;
            crate::write::phase("end_fts", || crate::write::fill_fts(db))
        };
        match fill(db) {
            Ok(()) => db.batch("COMMIT")?,
            Err(e) => {
                let _ = db.batch("ROLLBACK");
                return Err(e);
            }
        }
    }
    for (name, create) in secondary_indexes(db.dialect()) {
        if on {
            db.batch(&format!("DROP INDEX IF EXISTS {name}"))?;
        } else {
            // One timer per index (leaked names: a process builds each at most a few times).
            let label: &'static str = Box::leak(format!("idx {name}").into_boxed_str());
            crate::write::phase(label, || db.batch(&create))?;
        }
    }
    Ok(())
}

/// Creates the indexes linking reads (a bulk load that gives up its link cache needs them).
pub fn link_indexes(db: &mut dyn Db) -> Result<(), StoreError> {
    crate::derived::fill_bands(db)?;
    for (name, create) in secondary_indexes(db.dialect()) {
        if name == "doc_bands_band" || name == "event_clusters_block" {
            db.batch(&create)?;
        }
    }
    Ok(())
}

/// Creates or upgrades the schema; refuses a database written by a newer sitrep.
pub fn migrate(db: &mut dyn Db) -> Result<i64, StoreError> {
    migrate_to(db, SCHEMA_VERSION)
}

/// Creates or upgrades the schema up to `target` (tests build older versions with it).
pub fn migrate_to(db: &mut dyn Db, target: i64) -> Result<i64, StoreError> {
    db.batch("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")?;
    let current = db
        .scalar("SELECT value FROM meta WHERE key = 'schema_version'", &[])?
        .text()
        .and_then(|v| v.parse::<i64>().ok())
        .unwrap_or(0);
    if current > SCHEMA_VERSION {
        return Err(StoreError::Schema(format!(
            "database schema version {current} is newer than this sitrep ({SCHEMA_VERSION}); upgrade sitrep"
        )));
    }
    for v in current + 1..=target.min(SCHEMA_VERSION) {
        let Some(sql) = migration(db.dialect(), v) else { continue };
        db.batch("BEGIN")?;
        let step = (|| {
            db.batch(&sql)?;
            if v == 3 {
                crate::write::backfill_parties(db)?;
                // Everything stored so far was indexed batch by batch: start the mark there.
                if db.dialect() == Dialect::Sqlite {
                    db.exec(
                        "INSERT INTO meta (key, value) SELECT 'fts_upto', (SELECT coalesce(max(rid), 0) FROM documents) || ' ' || \
                         (SELECT coalesce(max(rid), 0) FROM events) || ' ' || (SELECT coalesce(max(rid), 0) FROM claims)",
                        &[],
                    )?;
                }
            }
            db.exec("DELETE FROM meta WHERE key = 'schema_version'", &[])?;
            db.exec("INSERT INTO meta (key, value) VALUES ('schema_version', ?1)", &[V::Text(v.to_string())])?;
            Ok::<_, StoreError>(())
        })();
        match step {
            Ok(()) => db.batch("COMMIT")?,
            Err(e) => {
                let _ = db.batch("ROLLBACK");
                return Err(e);
            }
        }
    }
    Ok(SCHEMA_VERSION)
}
