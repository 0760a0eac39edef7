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

/// A search word and its other number form, so "drone" finds "drones" and "casualties"
/// finds "casualty" (English plurals by rule; the index itself keeps words as written).
fn forms(w: &str) -> Vec<String> {
    let mut out = vec![w.to_string()];
    let cons_y = |stem: &str| stem.len() > 1 && !stem.ends_with(['a', 'e', 'i', 'o', 'u']);
    if w.chars().any(|c| c.is_ascii_digit()) || w.chars().count() < 3 {
        return out;
    }
    if let Some(stem) = w.strip_suffix("ies") {
        out.push(format!("{stem}y"));
    } else if let Some(stem) = w.strip_suffix("es").filter(|s| s.ends_with(['s', 'x', 'z']) || s.ends_with("ch") || s.ends_with("sh")) {
        out.push(stem.to_string());
    } else if let Some(stem) = w.strip_suffix('s').filter(|_| !w.ends_with("ss") && !w.ends_with("us")) {
        out.push(stem.to_string());
    } else if let Some(stem) = w.strip_suffix('y').filter(|s| cons_y(s)) {
        out.push(format!("{stem}ies"));
    } else if w.ends_with(['s', 'x', 'z']) || w.ends_with("ch") || w.ends_with("sh") {
        out.push(format!("{w}es"));
    } else {
        out.push(format!("{w}s"));
    }
    out
}

/// Documents whose title or text holds every word of `text` (singular or plural), most
/// recently stored first.
pub fn search(db: &mut dyn Db, text: &str, limit: usize) -> Result<Vec<DocHit>, StoreError> {
    let words = sitrep_link::minhash::words(text);
    let none = || StoreError::Invalid(format!("search {text:?} has no words to search for"));
    let (inner, q) = match db.dialect() {
        Dialect::Sqlite => {
            let tokens = crate::read::fts5_tokens(&words);
            if tokens.is_empty() {
                return Err(none());
            }
            // every word, in any of its number forms: ("drone" OR "drones") AND ...
            let q = tokens.iter().map(|w| format!("({})", forms(w).iter().map(|f| format!("\"{f}\"")).collect::<Vec<_>>().join(" OR "))).collect::<Vec<_>>().join(" AND ");
            ("SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2", q)
        }
        Dialect::Postgres => {
            if words.is_empty() {
                return Err(none());
            }
            let lexeme = |f: &str| format!("'{}'", f.replace('\'', "''").replace('\\', ""));
            let q = words.iter().map(|w| format!("({})", forms(w).iter().map(|f| lexeme(f)).collect::<Vec<_>>().join(" | "))).collect::<Vec<_>>().join(" & ");
            ("SELECT rid FROM documents_search WHERE fts @@ to_tsquery('simple', ?1) ORDER BY rid DESC LIMIT ?2", q)
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

#[cfg(test)]
mod tests {
    use super::forms;

    #[test]
    fn number_forms() {
        assert_eq!(forms("drone"), ["drone", "drones"]);
        assert_eq!(forms("drones"), ["drones", "drone"]);
        assert_eq!(forms("casualties"), ["casualties", "casualty"]);
        assert_eq!(forms("casualty"), ["casualty", "casualties"]);
        assert_eq!(forms("boxes"), ["boxes", "box"]);
        assert_eq!(forms("press"), ["press", "presses"]);
        assert_eq!(forms("virus"), ["virus", "viruses"]);
        assert_eq!(forms("day"), ["day", "days"]);
        assert_eq!(forms("2024"), ["2024"]);
    }
}
