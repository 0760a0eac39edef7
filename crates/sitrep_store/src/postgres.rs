//! PostgreSQL backend: the shared, multi-writer store. Same tables as SQLite; full-text search
//! through generated `tsvector` columns. Concurrent writers are safe because every document
//! key is UNIQUE: a writer that loses a race on a content hash gets a constraint error for its
//! batch and the next run skips what the other stored.

use std::collections::HashMap;

use postgres::fallible_iterator::FallibleIterator;
use postgres::types::{IsNull, ToSql, Type};
use postgres::{Client, NoTls, Statement};

use crate::sql::{to_dollar, Db, Dialect, V};
use crate::StoreError;

pub struct Postgres {
    client: Client,
    statements: HashMap<String, Statement>,
}

/// A NULL that binds to a parameter of any type.
#[derive(Debug)]
struct AnyNull;

impl ToSql for AnyNull {
    fn to_sql(&self, _: &Type, _: &mut bytes::BytesMut) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        Ok(IsNull::Yes)
    }
    fn accepts(_: &Type) -> bool {
        true
    }
    postgres::types::to_sql_checked!();
}

fn boxed(v: &V) -> Box<dyn ToSql + Sync> {
    match v {
        V::Null => Box::new(AnyNull),
        V::Int(i) => Box::new(*i),
        V::Real(r) => Box::new(*r),
        V::Text(s) => Box::new(s.clone()),
        V::Blob(b) => Box::new(b.clone()),
    }
}

fn cell(row: &postgres::Row, i: usize) -> Result<V, StoreError> {
    let ty = row.columns()[i].type_().clone();
    Ok(if ty == Type::INT8 {
        row.try_get::<_, Option<i64>>(i)?.map_or(V::Null, V::Int)
    } else if ty == Type::INT4 {
        row.try_get::<_, Option<i32>>(i)?.map_or(V::Null, |x| V::Int(i64::from(x)))
    } else if ty == Type::INT2 {
        row.try_get::<_, Option<i16>>(i)?.map_or(V::Null, |x| V::Int(i64::from(x)))
    } else if ty == Type::FLOAT8 {
        row.try_get::<_, Option<f64>>(i)?.map_or(V::Null, V::Real)
    } else if ty == Type::FLOAT4 {
        row.try_get::<_, Option<f32>>(i)?.map_or(V::Null, |x| V::Real(f64::from(x)))
    } else if ty == Type::BOOL {
        row.try_get::<_, Option<bool>>(i)?.map_or(V::Null, |b| V::Int(i64::from(b)))
    } else if ty == Type::BYTEA {
        row.try_get::<_, Option<Vec<u8>>>(i)?.map_or(V::Null, V::Blob)
    } else {
        row.try_get::<_, Option<String>>(i)?.map_or(V::Null, V::Text)
    })
}

impl Postgres {
    pub fn connect(url: &str) -> Result<Postgres, StoreError> {
        let mut client = Client::connect(url, NoTls)?;
        // Schema creation by two first writers at once would race; a session-level advisory
        // lock is not needed later because every write is keyed by UNIQUE columns.
        client.batch_execute("SET client_min_messages = warning")?;
        Ok(Postgres { client, statements: HashMap::new() })
    }

    fn prepare(&mut self, sql: &str) -> Result<Statement, StoreError> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let st = self.client.prepare(&to_dollar(sql))?;
        self.statements.insert(sql.to_string(), st.clone());
        Ok(st)
    }
}

impl Db for Postgres {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn exec(&mut self, sql: &str, params: &[V]) -> Result<u64, StoreError> {
        let st = self.prepare(sql)?;
        let b: Vec<Box<dyn ToSql + Sync>> = params.iter().map(boxed).collect();
        let refs: Vec<&(dyn ToSql + Sync)> = b.iter().map(|x| x.as_ref()).collect();
        Ok(self.client.execute(&st, &refs)?)
    }

    fn each(&mut self, sql: &str, params: &[V], f: &mut dyn FnMut(Vec<V>) -> Result<(), StoreError>) -> Result<(), StoreError> {
        let st = self.prepare(sql)?;
        let b: Vec<Box<dyn ToSql + Sync>> = params.iter().map(boxed).collect();
        let refs = b.iter().map(|x| x.as_ref() as &dyn ToSql);
        let mut it = self.client.query_raw(&st, refs)?;
        while let Some(row) = it.next()? {
            let mut r = Vec::with_capacity(row.len());
            for i in 0..row.len() {
                r.push(cell(&row, i)?);
            }
            f(r)?;
        }
        Ok(())
    }

    fn batch(&mut self, sql: &str) -> Result<(), StoreError> {
        Ok(self.client.batch_execute(sql)?)
    }

    /// `COPY ... FROM STDIN` in text format: one round trip for the whole batch of a table.
    fn insert_many(&mut self, table: &str, cols: &[&str], rows: Vec<Vec<V>>) -> Result<(), StoreError> {
        use std::io::Write;
        if rows.is_empty() {
            return Ok(());
        }
        let mut w = self.client.copy_in(&format!("COPY {table} ({}) FROM STDIN", cols.join(", ")))?;
        let mut buf = Vec::with_capacity(1 << 16);
        for r in &rows {
            for (i, v) in r.iter().enumerate() {
                if i > 0 {
                    buf.push(b'\t');
                }
                copy_text(&mut buf, v);
            }
            buf.push(b'\n');
            if buf.len() > 1 << 20 {
                w.write_all(&buf)?;
                buf.clear();
            }
        }
        w.write_all(&buf)?;
        w.finish()?;
        Ok(())
    }

    fn reserve_ids(&mut self, table: &str, col: &str, n: usize) -> Result<Vec<i64>, StoreError> {
        // From the column's own sequence, so concurrent writers never collide.
        let sql = format!("SELECT nextval(pg_get_serial_sequence('{table}', '{col}')) FROM generate_series(1::bigint, $1::bigint)");
        let rows = self.client.query(&sql, &[&(n as i64)])?;
        rows.iter().map(|r| r.try_get::<_, i64>(0).map_err(StoreError::from)).collect()
    }
}

/// One value in COPY's text format: `\N` for NULL, backslash escapes for the separators.
fn copy_text(buf: &mut Vec<u8>, v: &V) {
    use std::io::Write;
    match v {
        V::Null => buf.extend_from_slice(b"\\N"),
        V::Int(i) => {
            let _ = write!(buf, "{i}");
        }
        V::Real(r) => {
            let _ = write!(buf, "{r}");
        }
        V::Text(s) => {
            for &b in s.as_bytes() {
                match b {
                    b'\\' => buf.extend_from_slice(b"\\\\"),
                    b'\n' => buf.extend_from_slice(b"\\n"),
                    b'\r' => buf.extend_from_slice(b"\\r"),
                    b'\t' => buf.extend_from_slice(b"\\t"),
                    _ => buf.push(b),
                }
            }
        }
        V::Blob(b) => {
            // bytea hex input `\x..`, its backslash escaped for COPY.
            buf.extend_from_slice(b"\\\\x");
            for x in b {
                let _ = write!(buf, "{x:02x}");
            }
        }
    }
}
