//! Reading: filtered event queries (here), their filters (`filter`), the flat event row
//! (`row`) and one event in full for `sitrep show` (`show`). One SQL text serves both
//! backends except for full-text search and NULL ordering.

mod filter;
mod row;
mod show;

pub(crate) use filter::fts5_tokens;
pub use filter::Filter;
pub use row::EventRow;
pub use show::{show, EventDetail, Report, RevisionRow};

use filter::{build, Alt};
use row::{row, FROM, ROW_COLS};

use crate::sql::{Db, Dialect, V};
use crate::StoreError;

/// Streams matching events: newest first with the limit (`query`), or oldest first (`export`).
///
/// With a limit and full-text search as the only filter, the limit keeps the most recently
/// stored matches (highest row ids, read backwards from the full-text index, which stops
/// after n): sorting every match of a common word by date would read them all.
///
/// With a limit, the filters, order and limit run on `events` alone (joining the cluster only
/// for `min_corroboration`) and only the chosen rows are joined to their document and
/// cluster: joining before the sort would fetch two more rows for every match.
pub fn events(db: &mut dyn Db, filter: &Filter, newest_first: bool, f: &mut dyn FnMut(EventRow) -> Result<(), StoreError>) -> Result<(), StoreError> {
    let mut w = build(filter, db.dialect())?;
    let where_with = |extra: Option<&str>, clauses: &[String]| {
        let all: Vec<&str> = extra.into_iter().chain(clauses.iter().map(String::as_str)).collect();
        if all.is_empty() { String::new() } else { format!(" WHERE {}", all.join(" AND ")) }
    };
    let nulls = if db.dialect() == Dialect::Postgres { " NULLS LAST" } else { "" };
    let order = if newest_first { format!(" ORDER BY e.day DESC{nulls}, e.rid DESC") } else { " ORDER BY e.rid".to_string() };
    let sql = match (filter.limit, &w.split) {
        // Top-n of a union is the top-n of each part's top-n: each alternative of the OR
        // filter reads only n entries of its own (column, day) index instead of every match.
        (Some(n), Some(alts)) => {
            let alts = alts.clone();
            let p = w.bind(V::Int(n as i64));
            let join = if filter.min_corroboration.is_some() { " JOIN event_clusters c ON c.id = e.cluster" } else { "" };
            // A party alternative reads its (role, key, day, event) index backwards, joining
            // each entry to its event, until n pass the other filters.
            let parts: Vec<String> = alts
                .iter()
                .enumerate()
                .map(|(i, a)| match a {
                    Alt::Clause(c) => format!("SELECT * FROM (SELECT e.rid, e.day FROM events e{join}{}{order} LIMIT {p}) b{i}", where_with(Some(c), &w.clauses)),
                    Alt::Party(role, k) => format!(
                        "SELECT * FROM (SELECT e.rid, e.day FROM parties p JOIN events e ON e.rid = p.event{join}{} ORDER BY p.day DESC{nulls}, p.event DESC LIMIT {p}) b{i}",
                        where_with(Some(&format!("p.role = {role} AND p.key = {k}")), &w.clauses)
                    ),
                })
                .collect();
            format!(
                "SELECT {ROW_COLS} {FROM} WHERE e.rid IN (SELECT u.rid FROM ({}) u ORDER BY u.day DESC{nulls}, u.rid DESC LIMIT {p}){order}",
                parts.join(" UNION ")
            )
        }
        (Some(n), None) if filter.text.is_some() && w.clauses.len() == 1 && filter.min_corroboration.is_none() => {
            let p = w.bind(V::Int(n as i64));
            let inner = match &w.fts {
                Some(q) => format!("SELECT rowid FROM events_fts WHERE events_fts MATCH {q} ORDER BY rowid DESC LIMIT {p}"),
                None => format!("SELECT e.rid FROM events e{} ORDER BY e.rid DESC LIMIT {p}", where_with(None, &w.clauses)),
            };
            format!("SELECT {ROW_COLS} {FROM} WHERE e.rid IN ({inner}){order}")
        }
        (Some(n), None) => {
            let p = w.bind(V::Int(n as i64));
            let join = if filter.min_corroboration.is_some() { " JOIN event_clusters c ON c.id = e.cluster" } else { "" };
            format!("SELECT {ROW_COLS} {FROM} WHERE e.rid IN (SELECT e.rid FROM events e{join}{}{order} LIMIT {p}){order}", where_with(None, &w.clauses))
        }
        (None, split) => {
            let or = split.as_ref().map(|a| format!("({})", a.iter().map(Alt::clause).collect::<Vec<_>>().join(" OR ")));
            format!("SELECT {ROW_COLS} {FROM}{}{order}", where_with(or.as_deref(), &w.clauses))
        }
    };
    db.each(&sql, &w.params, &mut |r| f(row(r)))
}
