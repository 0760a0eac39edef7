//! Full-text search over document bodies (title and text), indexed lazily so ingest never
//! pays for it: the index is caught up by the first search after new documents arrive.
//!
//! SQLite: the contentless FTS5 table `documents_fts` holds every document with rid up to
//! the `docs_fts_upto` mark in `meta`. A search that finds documents above the mark takes the
//! write lock (`BEGIN IMMEDIATE`), indexes them with one `INSERT ... SELECT` and moves the
//! mark in the same transaction, so a killed search leaves the index and mark as they were.
//! SQLite writers commit row ids in order (one writer at a time, ids from `max + 1`), so
//! nothing below the mark can appear later.
//!
//! PostgreSQL: several writers take ids from a sequence and may commit out of order, so a
//! mark could skip a document; the side table `documents_search(rid, fts)` is caught up with
//! an anti-join (every stored document not in it), one statement, idempotent.

use serde::Serialize;

use crate::sql::{Db, Dialect, V};
use crate::StoreError;

/// One document found by [`crate::Store::search_documents`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocHit {
    pub id: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub site: Option<String>,
    pub published: Option<String>,
    /// Events extracted from the document.
    pub events: i64,
}

/// Brings the document index up to date (see the module docs). Returns how many documents
/// it indexed.
pub fn catch_up(db: &mut dyn Db) -> Result<u64, StoreError> {
    match db.dialect() {
        Dialect::Sqlite => {
            let mark = |db: &mut dyn Db| -> Result<i64, StoreError> {
                Ok(db.scalar("SELECT value FROM meta WHERE key = 'docs_fts_upto'", &[])?.text().and_then(|v| v.parse().ok()).unwrap_or(0))
            };
            let max = |db: &mut dyn Db| -> Result<i64, StoreError> { Ok(db.scalar("SELECT coalesce(max(rid), 0) FROM documents", &[])?.int().unwrap_or(0)) };
            // Read-only check first: an up-to-date index needs no write lock.
            if max(db)? <= mark(db)? {
                return Ok(0);
            }
            db.batch("BEGIN IMMEDIATE")?;
            let step = (|| {
                let (from, to) = (mark(db)?, max(db)?);
                if to <= from {
                    return Ok(0);
                }
                let n = db.exec(
                    "INSERT INTO documents_fts (rowid, title, text) SELECT rid, coalesce(title, ''), text FROM documents WHERE rid > ?1 AND rid <= ?2",
                    &[V::Int(from), V::Int(to)],
                )?;
                db.exec("DELETE FROM meta WHERE key = 'docs_fts_upto'", &[])?;
                db.exec("INSERT INTO meta (key, value) VALUES ('docs_fts_upto', ?1)", &[V::Text(to.to_string())])?;
                Ok::<_, StoreError>(n)
            })();
            match step {
                Ok(n) => {
                    db.batch("COMMIT")?;
                    Ok(n)
                }
                Err(e) => {
                    let _ = db.batch("ROLLBACK");
                    Err(e)
                }
            }
        }
        Dialect::Postgres => {
            // Nothing deletes documents, so equal counts mean every one is indexed: two
            // index-only scans, a quarter of the anti-join's cost (143k documents: ~30 vs 120 ms).
            let behind = db
                .scalar("SELECT (SELECT count(*) FROM documents) - (SELECT count(*) FROM documents_search)", &[])?
                .int()
                .unwrap_or(1);
            if behind == 0 {
                return Ok(0);
            }
            db.exec(
                "INSERT INTO documents_search (rid, fts) SELECT d.rid, to_tsvector('simple', coalesce(d.title, '') || ' ' || d.text) \
                 FROM documents d WHERE NOT EXISTS (SELECT 1 FROM documents_search s WHERE s.rid = d.rid) ON CONFLICT (rid) DO NOTHING",
                &[],
            )
        }
    }
}

/// Documents whose title or text holds every word of `text`, most recently stored first.
pub fn search(db: &mut dyn Db, text: &str, limit: usize) -> Result<Vec<DocHit>, StoreError> {
    let words = sitrep_link::minhash::words(text);
    let none = || StoreError::Invalid(format!("search {text:?} has no words to search for"));
    let (inner, q) = match db.dialect() {
        Dialect::Sqlite => {
            let tokens = crate::read::fts5_tokens(&words);
            if tokens.is_empty() {
                return Err(none());
            }
            let q = tokens.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(" ");
            ("SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2", q)
        }
        Dialect::Postgres => {
            if words.is_empty() {
                return Err(none());
            }
            ("SELECT rid FROM documents_search WHERE fts @@ plainto_tsquery('simple', ?1) ORDER BY rid DESC LIMIT ?2", words.join(" "))
        }
    };
    catch_up(db)?;
    let sql = format!(
        "SELECT d.id, d.title, d.url, d.site, d.published, (SELECT count(*) FROM events e WHERE e.doc = d.rid) \
         FROM documents d WHERE d.rid IN ({inner}) ORDER BY d.rid DESC"
    );
    let rows = db.rows(&sql, &[V::Text(q), V::Int(limit as i64)])?;
    Ok(rows
        .into_iter()
        .map(|r| DocHit {
            id: r[0].text().unwrap_or_default(),
            title: r[1].text(),
            url: r[2].text(),
            site: r[3].text(),
            published: r[4].text(),
            events: r[5].int().unwrap_or(0),
        })
        .collect())
}
