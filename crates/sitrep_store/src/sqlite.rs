//! SQLite backend: one file, WAL, FTS5; the embedded default.

use std::path::Path;

use rusqlite::types::{Value, ValueRef};
use rusqlite::Connection;

use crate::sql::{Db, Dialect, V};
use crate::StoreError;

pub struct Sqlite {
    conn: Connection,
}

fn err(e: rusqlite::Error) -> StoreError {
    StoreError::Sqlite(e)
}

fn to_value(v: &V) -> Value {
    match v {
        V::Null => Value::Null,
        V::Int(i) => Value::Integer(*i),
        V::Real(r) => Value::Real(*r),
        V::Text(s) => Value::Text(s.clone()),
        V::Blob(b) => Value::Blob(b.clone()),
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
        // trade-off SQLite documents for WAL.
        conn.execute_batch(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; \
             PRAGMA busy_timeout=10000; PRAGMA cache_size=-131072; PRAGMA temp_store=MEMORY;",
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
        let n = st.execute(rusqlite::params_from_iter(params.iter().map(to_value))).map_err(err)?;
        Ok(n as u64)
    }

    fn each(&mut self, sql: &str, params: &[V], f: &mut dyn FnMut(Vec<V>) -> Result<(), StoreError>) -> Result<(), StoreError> {
        let mut st = self.conn.prepare_cached(sql).map_err(err)?;
        let n = st.column_count();
        let mut rows = st.query(rusqlite::params_from_iter(params.iter().map(to_value))).map_err(err)?;
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
}
