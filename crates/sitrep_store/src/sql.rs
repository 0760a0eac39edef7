//! The little SQL layer both backends implement, so the write, query and stats code is
//! written once. Statements use numbered `?N` placeholders (PostgreSQL gets `$N`).

use crate::StoreError;

/// A parameter or a result cell.
#[derive(Debug, Clone, PartialEq)]
pub enum V {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

impl V {
    pub fn int(&self) -> Option<i64> {
        match self {
            V::Int(i) => Some(*i),
            V::Real(r) => Some(*r as i64),
            _ => None,
        }
    }
    pub fn real(&self) -> Option<f64> {
        match self {
            V::Real(r) => Some(*r),
            V::Int(i) => Some(*i as f64),
            _ => None,
        }
    }
    pub fn text(&self) -> Option<String> {
        match self {
            V::Text(s) => Some(s.clone()),
            V::Int(i) => Some(i.to_string()),
            _ => None,
        }
    }
    pub fn blob(&self) -> Option<&[u8]> {
        match self {
            V::Blob(b) => Some(b),
            _ => None,
        }
    }
}

impl From<&str> for V {
    fn from(s: &str) -> V {
        V::Text(s.to_string())
    }
}
impl From<String> for V {
    fn from(s: String) -> V {
        V::Text(s)
    }
}
impl From<i64> for V {
    fn from(i: i64) -> V {
        V::Int(i)
    }
}
impl From<f64> for V {
    fn from(r: f64) -> V {
        V::Real(r)
    }
}
impl<T: Into<V>> From<Option<T>> for V {
    fn from(o: Option<T>) -> V {
        o.map_or(V::Null, Into::into)
    }
}
impl From<&Option<String>> for V {
    fn from(o: &Option<String>) -> V {
        o.clone().map_or(V::Null, V::Text)
    }
}

/// Which SQL dialect: the few places the backends differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// One connection of either backend.
pub trait Db {
    fn dialect(&self) -> Dialect;
    /// Runs a statement; returns the rows it changed.
    fn exec(&mut self, sql: &str, params: &[V]) -> Result<u64, StoreError>;
    /// Runs a query; returns every row.
    fn rows(&mut self, sql: &str, params: &[V]) -> Result<Vec<Vec<V>>, StoreError> {
        let mut out = Vec::new();
        self.each(sql, params, &mut |r| {
            out.push(r);
            Ok(())
        })?;
        Ok(out)
    }
    /// Runs a query and hands each row to `f` without collecting (exports).
    fn each(&mut self, sql: &str, params: &[V], f: &mut dyn FnMut(Vec<V>) -> Result<(), StoreError>) -> Result<(), StoreError>;
    /// Several statements without parameters (DDL, BEGIN, COMMIT).
    fn batch(&mut self, sql: &str) -> Result<(), StoreError>;

    fn one(&mut self, sql: &str, params: &[V]) -> Result<Option<Vec<V>>, StoreError> {
        Ok(self.rows(sql, params)?.into_iter().next())
    }
    fn scalar(&mut self, sql: &str, params: &[V]) -> Result<V, StoreError> {
        Ok(self.one(sql, params)?.and_then(|r| r.into_iter().next()).unwrap_or(V::Null))
    }

    /// Inserts rows (each one value per column) in few statements: multi-row `INSERT`s of up
    /// to 500 rows here; PostgreSQL overrides this with `COPY`. Statement savepoints, index
    /// and FTS bookkeeping are paid per statement, so one statement per 500 rows is the
    /// bulk path's main saving.
    fn insert_many(&mut self, table: &str, cols: &[&str], rows: Vec<Vec<V>>) -> Result<(), StoreError> {
        let per = (30_000 / cols.len().max(1)).clamp(1, 500);
        // Every chunk but the last has `per` rows: its SQL text (tens of kilobytes) is made once.
        let full = (rows.len() >= per).then(|| multi_insert(table, cols, per));
        let mut it = rows.into_iter();
        loop {
            let chunk: Vec<Vec<V>> = it.by_ref().take(per).collect();
            if chunk.is_empty() {
                return Ok(());
            }
            let sql = match &full {
                Some(sql) if chunk.len() == per => std::borrow::Cow::Borrowed(sql.as_str()),
                _ => std::borrow::Cow::Owned(multi_insert(table, cols, chunk.len())),
            };
            let params: Vec<V> = chunk.into_iter().flatten().collect();
            self.exec(&sql, &params)?;
        }
    }

    /// `n` fresh values for the integer key `col` of `table`, so a batch can name its rows
    /// before writing them. Only valid inside the write transaction.
    fn reserve_ids(&mut self, table: &str, col: &str, n: usize) -> Result<Vec<i64>, StoreError>;
}

/// `INSERT INTO table (cols) VALUES (?1,..),(..)` for `rows` rows.
pub fn multi_insert(table: &str, cols: &[&str], rows: usize) -> String {
    use std::fmt::Write;
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", cols.join(", "));
    let mut n = 0;
    for i in 0..rows {
        sql.push_str(if i == 0 { "(" } else { ",(" });
        for j in 0..cols.len() {
            n += 1;
            let _ = write!(sql, "{}?{n}", if j == 0 { "" } else { "," });
        }
        sql.push(')');
    }
    sql
}

/// `?1,?2,...,?n`: the placeholders of an `IN (...)` list.
pub fn marks(n: usize) -> String {
    (1..=n).map(|i| format!("?{i}")).collect::<Vec<_>>().join(",")
}

/// `?N` placeholders as `$N`.
pub fn to_dollar(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '?' && chars.peek().is_some_and(|n| n.is_ascii_digit()) {
            out.push('$');
        } else {
            out.push(c);
        }
    }
    out
}
