//! The event database: a [`Store`] trait with SQLite (embedded default, one file, WAL, FTS5)
//! and PostgreSQL (shared, multi-writer) backends, schema migrations, filtered queries,
//! `show`, stats and exports.
//!
//! Never imports a pipeline stage: it stores [`sitrep_model::Document`]s and links them with
//! `sitrep_link` (which itself depends only on the model) inside its write transactions, so
//! linking is incremental: a later ingest links against everything stored before.
//!
//! Idempotence and resumability: documents are keyed by a content hash chosen by the caller
//! ([`Prepared::key`]); [`Store::write_batch`] writes a batch in one transaction with every row
//! of each document, and skips documents whose key is stored. A killed writer loses at most
//! the batch in flight, which the next run writes again.

use std::collections::HashSet;

mod derived;
mod docsearch;
mod export;
mod linking;
#[cfg(feature = "parquet")]
mod parquet_export;
mod postgres;
mod read;
mod schema;
mod sql;
mod sqlite;
mod stats;
mod write;

pub use docsearch::DocHit;
pub use export::{csv_field as export_csv_field, export, Format, ACLED_COLUMNS, GDELT_COLUMNS};
pub use read::{EventDetail, EventRow, Filter, Report, RevisionRow};
pub use stats::Stats;
pub use schema::SCHEMA_VERSION;
pub use write::{day_of, write_phases};

use sitrep_link::Signature;
use sitrep_model::Document;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("postgres: {0}")]
    Postgres(#[from] ::postgres::Error),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    #[error("schema: {0}")]
    Schema(String),
    #[error("{0}")]
    Invalid(String),
}

/// A document ready to store: the key it is deduplicated by, its MinHash signature and the
/// JSON the store keeps of it, all made by [`Prepared::new`] on the caller's threads (in
/// parallel), so the single writer only writes. Change `doc` before `new`, not after: the
/// writer uses the JSON made here (it redoes it only when the event or claim count changed).
#[derive(Debug, Clone)]
pub struct Prepared {
    pub doc: Document,
    /// Content hash (hex BLAKE3) of what was ingested.
    pub key: String,
    pub signature: Signature,
    pub(crate) pre: write::Pre,
}

impl Prepared {
    pub fn new(doc: Document, key: String) -> Prepared {
        let signature = Signature::of_text(&doc.text);
        let pre = write::Pre::of(&doc).unwrap_or_default();
        Prepared { doc, key, signature, pre }
    }
}

/// What happened to one document of a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    New,
    /// Its content hash was stored already; nothing written.
    Existing,
}

/// The event database, whichever backend holds it.
pub trait Store {
    /// `sqlite` or `postgres`.
    fn backend(&self) -> &'static str;
    /// Which of these content hashes are stored already (to skip the pipeline for them).
    fn known(&mut self, keys: &[String]) -> Result<HashSet<String>, StoreError>;
    /// Writes documents (and their entities, claims, events, links) in one transaction.
    fn write_batch(&mut self, docs: &[Prepared]) -> Result<Vec<Outcome>, StoreError>;
    /// Events matching a filter, newest first.
    fn query(&mut self, filter: &Filter) -> Result<Vec<EventRow>, StoreError>;
    /// Streams every event matching a filter (exports), oldest first.
    fn for_each(&mut self, filter: &Filter, f: &mut dyn FnMut(EventRow) -> Result<(), StoreError>) -> Result<(), StoreError>;
    /// One event with its cluster, the other reports of it and the revision log.
    fn show(&mut self, id: &str) -> Result<Option<EventDetail>, StoreError>;
    fn stats(&mut self) -> Result<Stats, StoreError>;
    /// Backend consistency check (`PRAGMA integrity_check` for SQLite): `ok` when sound.
    fn check(&mut self) -> Result<String, StoreError>;
    /// True when no document is stored yet.
    fn is_empty(&mut self) -> Result<bool, StoreError>;
    /// Bulk mode for a large first load: `true` drops secondary indexes (queries stay correct,
    /// only slower, until `false` rebuilds them). `false` also recreates any index a killed
    /// bulk load left missing, so callers run it at start when not loading in bulk.
    fn bulk_load(&mut self, on: bool) -> Result<(), StoreError>;
    /// Refresh planner statistics after a large write (`ANALYZE`), so filters pick the right index.
    fn optimize(&mut self) -> Result<(), StoreError>;
    /// Documents whose title or body holds every word of `text`, most recently stored first.
    /// Indexes the documents stored since the last search first (ingest does not index
    /// bodies), so the first search after a large load takes longer.
    fn search_documents(&mut self, text: &str, limit: usize) -> Result<Vec<DocHit>, StoreError>;
}

/// Opens (creating and migrating if needed) `postgres://...` / `postgresql://...` URLs on
/// PostgreSQL, anything else as a SQLite file path (`sqlite:` prefix optional).
pub fn open(url: &str) -> Result<Box<dyn Store>, StoreError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let mut db = postgres::Postgres::connect(url)?;
        schema::migrate(&mut db)?;
        return Ok(Box::new(SqlStore { db, name: "postgres", linker: write::Linker::default() }));
    }
    let path = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url);
    let mut db = sqlite::Sqlite::open(std::path::Path::new(path))?;
    schema::migrate(&mut db)?;
    Ok(Box::new(SqlStore { db, name: "sqlite", linker: write::Linker::default() }))
}

/// Creates a SQLite file at an older schema version, empty, for migration tests.
#[doc(hidden)]
pub fn create_sqlite_at_version(path: &str, version: i64) -> Result<(), StoreError> {
    let mut db = sqlite::Sqlite::open(std::path::Path::new(path))?;
    schema::migrate_to(&mut db, version)?;
    Ok(())
}

struct SqlStore<D> {
    db: D,
    name: &'static str,
    linker: write::Linker,
}

trait Checked: sql::Db {
    fn check(&mut self) -> Result<String, StoreError>;
}
impl Checked for sqlite::Sqlite {
    fn check(&mut self) -> Result<String, StoreError> {
        let r = self.integrity_check()?;
        if r != "ok" {
            return Ok(r);
        }
        stats::consistency(self)
    }
}
impl Checked for postgres::Postgres {
    fn check(&mut self) -> Result<String, StoreError> {
        // PostgreSQL has no single integrity pragma; check what sitrep itself guarantees.
        stats::consistency(self)
    }
}

impl<D: Checked> Store for SqlStore<D> {
    fn backend(&self) -> &'static str {
        self.name
    }
    fn known(&mut self, keys: &[String]) -> Result<HashSet<String>, StoreError> {
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        write::stored(&mut self.db, "content_hash", &keys)
    }
    fn write_batch(&mut self, docs: &[Prepared]) -> Result<Vec<Outcome>, StoreError> {
        write::write_batch(&mut self.db, docs, &mut self.linker)
    }
    fn query(&mut self, filter: &Filter) -> Result<Vec<EventRow>, StoreError> {
        let mut out = Vec::new();
        read::events(&mut self.db, filter, true, &mut |r| {
            out.push(r);
            Ok(())
        })?;
        Ok(out)
    }
    fn for_each(&mut self, filter: &Filter, f: &mut dyn FnMut(EventRow) -> Result<(), StoreError>) -> Result<(), StoreError> {
        read::events(&mut self.db, filter, false, f)
    }
    fn show(&mut self, id: &str) -> Result<Option<EventDetail>, StoreError> {
        read::show(&mut self.db, id)
    }
    fn stats(&mut self) -> Result<Stats, StoreError> {
        stats::stats(&mut self.db, self.name)
    }
    fn check(&mut self) -> Result<String, StoreError> {
        Checked::check(&mut self.db)
    }
    fn is_empty(&mut self) -> Result<bool, StoreError> {
        Ok(sql::Db::one(&mut self.db, "SELECT 1 FROM documents LIMIT 1", &[])?.is_none())
    }
    fn bulk_load(&mut self, on: bool) -> Result<(), StoreError> {
        self.linker = write::Linker::new(on);
        if !on {
            // Indexes and full-text rows are built while the bulk settings still hold.
            schema::bulk_indexes(&mut self.db, false)?;
        }
        if sql::Db::dialect(&self.db) == sql::Dialect::Sqlite {
            // A first load skips fsync: a killed process loses nothing it handed the OS, so
            // kill -9 stays safe (WAL, one transaction per batch); an OS crash or power loss
            // during the load could damage the file, which a first load can simply redo.
            // It keeps its working set in a 512 MiB cache so a batch does not spill pages
            // mid-transaction, and checkpoints every 256 MiB of WAL.
            // It also leaves WAL for a rollback journal: a load appends pages past the end of
            // the file, which a rollback journal does not copy, so each is written once
            // instead of to the WAL and again by a checkpoint. A kill leaves a hot journal
            // that the next open rolls back (the OS holds both files' writes). Readers wait
            // for each commit meanwhile (busy_timeout); the end of the load returns to WAL.
            // SQLite keeps WAL when another connection has the file open: correct, slower.
            sql::Db::batch(
                &mut self.db,
                if on {
                    "PRAGMA synchronous=OFF; PRAGMA cache_size=-524288; PRAGMA wal_autocheckpoint=65536; PRAGMA journal_mode=TRUNCATE;"
                } else {
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-131072; PRAGMA wal_autocheckpoint=8192;"
                },
            )?;
        }
        if on {
            schema::bulk_indexes(&mut self.db, true)?;
        }
        Ok(())
    }
    fn search_documents(&mut self, text: &str, limit: usize) -> Result<Vec<DocHit>, StoreError> {
        docsearch::search(&mut self.db, text, limit)
    }
    fn optimize(&mut self) -> Result<(), StoreError> {
        // SQLite samples at most 4000 rows per index (a full ANALYZE of a million-event file
        // reads every index: seconds, for the same plans).
        let sql = if sql::Db::dialect(&self.db) == sql::Dialect::Sqlite { "PRAGMA analysis_limit=4000; ANALYZE" } else { "ANALYZE" };
        sql::Db::batch(&mut self.db, sql)
    }
}
