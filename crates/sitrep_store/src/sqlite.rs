//! SQLite backend: one file, WAL, FTS5; the embedded default.

use std::path::Path;

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, ToSql};

use crate::sql::{Db, Dialect, V};
use crate::StoreError;

pub struct Sqlite {
    conn: Connection,
}

fn err(e: rusqlite::Error) -> StoreError {
    StoreError::Sqlite(e)
}

/// Binds without copying text and blobs (a batch binds hundreds of megabytes).
impl ToSql for V {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            V::Null => ValueRef::Null,
            V::Int(i) => ValueRef::Integer(*i),
            V::Real(r) => ValueRef::Real(*r),
            V::Text(s) => ValueRef::Text(s.as_bytes()),
            V::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

fn from_ref(r: ValueRef<'_>) -> V {
    match r {
        ValueRef::Null => V::Null,
        ValueRef::Integer(i) => V::Int(i),
        ValueRef::Real(f) => V::Real(f),
        ValueRef::Text(t) => V::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => V::Blob(b.to_vec()),
    }
}

impl Sqlite {
    pub fn open(path: &Path) -> Result<Sqlite, StoreError> {
        let conn = Connection::open(path).map_err(err)?;
        // WAL lets readers (query, a server) work while an ingest writes; NORMAL sync is
        // durable at each commit point in WAL mode except on power loss, which is the
        // trade-off SQLite documents for WAL. mmap lets reads of a large file skip the page
        // cache copy; a larger autocheckpoint rewrites hot index pages into the file less often;
        // `threads` lets CREATE INDEX (bulk loads end with it) sort on a helper thread.
        // 8 KiB pages for a new file (the page size is fixed once the file is in WAL mode):
        // event rows are about 1 KB, and a bulk load writes fewer, fuller pages.
        conn.execute_batch("PRAGMA page_size=8192;").map_err(err)?;
        conn.execute_batch(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; \
             PRAGMA busy_timeout=10000; PRAGMA cache_size=-131072; PRAGMA temp_store=MEMORY; \
             PRAGMA mmap_size=1073741824; PRAGMA wal_autocheckpoint=8192; PRAGMA journal_size_limit=67108864; \
             PRAGMA threads=2;",
        )
        .map_err(err)?;
        conn.set_prepared_statement_cache_capacity(128);
        Ok(Sqlite { conn })
    }

    pub fn integrity_check(&mut self) -> Result<String, StoreError> {
        self.conn.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0)).map_err(err)
    }
}

impl Db for Sqlite {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn exec(&mut self, sql: &str, params: &[V]) -> Result<u64, StoreError> {
        let mut st = self.conn.prepare_cached(sql).map_err(err)?;
        let n = st.execute(rusqlite::params_from_iter(params.iter())).map_err(err)?;
        Ok(n as u64)
    }

    fn each(&mut self, sql: &str, params: &[V], f: &mut dyn FnMut(Vec<V>) -> Result<(), StoreError>) -> Result<(), StoreError> {
        let mut st = self.conn.prepare_cached(sql).map_err(err)?;
        let n = st.column_count();
        let mut rows = st.query(rusqlite::params_from_iter(params.iter())).map_err(err)?;
        while let Some(row) = rows.next().map_err(err)? {
            let mut r = Vec::with_capacity(n);
            for i in 0..n {
                r.push(from_ref(row.get_ref(i).map_err(err)?));
            }
            f(r)?;
        }
        Ok(())
    }

    fn batch(&mut self, sql: &str) -> Result<(), StoreError> {
        self.conn.execute_batch(sql).map_err(err)
    }

    fn reserve_ids(&mut self, table: &str, col: &str, n: usize) -> Result<Vec<i64>, StoreError> {
        // One writer at a time (the batch holds the write lock), so max + 1 onwards is free.
        let max: i64 = self.conn.query_row(&format!("SELECT coalesce(max({col}), 0) FROM {table}"), [], |r| r.get(0)).map_err(err)?;
        Ok((max + 1..=max + n as i64).collect())
    }
}
