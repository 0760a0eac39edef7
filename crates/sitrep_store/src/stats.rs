//! `sitrep stats` figures and the consistency check PostgreSQL uses in place of an integrity pragma.

use serde::Serialize;

use crate::sql::{Db, Dialect};
use crate::StoreError;

/// What `sitrep stats` prints.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub backend: String,
    pub schema_version: i64,
    pub documents: i64,
    pub story_clusters: i64,
    pub events: i64,
    pub event_clusters: i64,
    pub corroborated_clusters: i64,
    pub contradicted_clusters: i64,
    pub revisions: i64,
    pub claims: i64,
    pub entities: i64,
    /// Indexes in the schema (fewer than usual while a bulk load runs).
    pub indexes: i64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub events_by_type: Vec<(String, i64)>,
    pub top_actors: Vec<(String, i64)>,
    pub top_sites: Vec<(String, i64)>,
}

fn count(db: &mut dyn Db, sql: &str) -> Result<i64, StoreError> {
    Ok(db.scalar(sql, &[])?.int().unwrap_or(0))
}

fn pairs(db: &mut dyn Db, sql: &str) -> Result<Vec<(String, i64)>, StoreError> {
    Ok(db.rows(sql, &[])?.into_iter().map(|r| (r[0].text().unwrap_or_default(), r[1].int().unwrap_or(0))).collect())
}

/// The calendar part (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) of a stored event date, which is a
/// TIMEX value and may go on with a time or part of day (`2024-06-12TEV`). Events with a `day`
/// start with a calendar date (see `derived::day_of`), and a suffix only ever follows a full
/// day, so trimming after the text min/max picks the same day as trimming before it.
fn calendar_date(value: String) -> String {
    match value.get(..10) {
        Some(day) if value.len() > 10 => day.to_string(),
        _ => value,
    }
}

pub fn stats(db: &mut dyn Db, backend: &str) -> Result<Stats, StoreError> {
    let index_sql = if db.dialect() == Dialect::Sqlite {
        "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
    } else {
        "SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema()"
    };
    Ok(Stats {
        backend: backend.to_string(),
        schema_version: db.scalar("SELECT value FROM meta WHERE key = 'schema_version'", &[])?.text().and_then(|v| v.parse().ok()).unwrap_or(0),
        documents: count(db, "SELECT count(*) FROM documents")?,
        story_clusters: count(db, "SELECT count(DISTINCT story_cluster) FROM documents")?,
        events: count(db, "SELECT count(*) FROM events")?,
        event_clusters: count(db, "SELECT count(*) FROM event_clusters")?,
        corroborated_clusters: count(db, "SELECT count(*) FROM event_clusters WHERE corroboration >= 2")?,
        contradicted_clusters: count(db, "SELECT count(*) FROM event_clusters WHERE asserts > 0 AND denies > 0")?,
        revisions: count(db, "SELECT count(*) FROM revisions")?,
        claims: count(db, "SELECT count(*) FROM claims")?,
        entities: count(db, "SELECT count(*) FROM entities")?,
        indexes: count(db, index_sql)?,
        first_date: db.scalar("SELECT min(date) FROM events WHERE day IS NOT NULL", &[])?.text().map(calendar_date),
        last_date: db.scalar("SELECT max(date) FROM events WHERE day IS NOT NULL", &[])?.text().map(calendar_date),
        events_by_type: pairs(db, "SELECT kind, count(*) FROM events GROUP BY kind ORDER BY 2 DESC, 1")?,
        top_actors: pairs(
            db,
            "SELECT a, count(*) FROM (SELECT coalesce(actor1_country, actor1_name) AS a FROM events \
             UNION ALL SELECT coalesce(actor2_country, actor2_name) AS a FROM events) x WHERE a IS NOT NULL \
             GROUP BY a ORDER BY 2 DESC, 1 LIMIT 10",
        )?,
        top_sites: pairs(db, "SELECT site, count(*) FROM documents WHERE site IS NOT NULL GROUP BY site ORDER BY 2 DESC, 1 LIMIT 10")?,
    })
}

/// What sitrep guarantees beyond the backend's own constraints: no orphan rows, every event
/// in an existing cluster. `ok` or a description of the first problem found.
pub fn consistency(db: &mut dyn Db) -> Result<String, StoreError> {
    let checks = [
        ("events without a document", "SELECT count(*) FROM events e LEFT JOIN documents d ON d.rid = e.doc WHERE d.rid IS NULL"),
        ("events without a cluster", "SELECT count(*) FROM events e LEFT JOIN event_clusters c ON c.id = e.cluster WHERE c.id IS NULL"),
        ("claims without a document", "SELECT count(*) FROM claims x LEFT JOIN documents d ON d.rid = x.doc WHERE d.rid IS NULL"),
        ("documents without a story cluster", "SELECT count(*) FROM documents WHERE story_cluster IS NULL"),
        ("parties without an event", "SELECT count(*) FROM parties p LEFT JOIN events e ON e.rid = p.event WHERE e.rid IS NULL"),
    ];
    for (what, sql) in checks {
        let n = count(db, sql)?;
        if n > 0 {
            return Ok(format!("{n} {what}"));
        }
    }
    Ok("ok".to_string())
}
