//! Query filters and their translation to SQL: the `WHERE` clauses with their parameters,
//! the one OR filter kept apart so a limited query can read each alternative's own index,
//! and the full-text condition of each backend.

use crate::sql::{Dialect, V};
use crate::StoreError;

/// Query filters; every one given must hold.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Any actor (`Event::actors`, or actor 1): ISO3 country code or exact name (any case).
    pub actor: Option<String>,
    /// Any recipient (`Event::recipients`, or actor 2): ISO3 country code or exact name.
    pub recipient: Option<String>,
    /// Any actor's or recipient's country, or the place's country (ISO3).
    pub country: Option<String>,
    /// PLOVER event type.
    pub kind: Option<String>,
    pub mode: Option<String>,
    /// Event date bounds, `YYYY-MM-DD`, inclusive (coarser dates count from their first day).
    pub since: Option<String>,
    pub until: Option<String>,
    /// Place name (any case) or place country code.
    pub place: Option<String>,
    /// `[min_lon, min_lat, max_lon, max_lat]`.
    pub bbox: Option<[f64; 4]>,
    /// Attributed source name or the site that published the report.
    pub source: Option<String>,
    /// Lower bound of the certainty band at least this.
    pub min_certainty: Option<f64>,
    /// Independent story clusters reporting the event's cluster at least this.
    pub min_corroboration: Option<i64>,
    /// Full-text search over evidence, actor and place names (every word must occur).
    pub text: Option<String>,
    /// Only events of this document id.
    pub document: Option<String>,
    pub limit: Option<usize>,
}

/// One alternative of an OR filter: a condition on `events`, or a (role, key) of `parties`
/// (the key's placeholder).
#[derive(Debug, Clone)]
pub(super) enum Alt {
    Clause(String),
    Party(i64, String),
}

impl Alt {
    /// As a condition on `e`.
    pub(super) fn clause(&self) -> String {
        match self {
            Alt::Clause(c) => c.clone(),
            Alt::Party(role, k) => format!("e.rid IN (SELECT p.event FROM parties p WHERE p.role = {role} AND p.key = {k})"),
        }
    }
}

pub(super) struct Where {
    pub(super) clauses: Vec<String>,
    pub(super) params: Vec<V>,
    /// One OR filter kept as its alternatives, so a limited query can run each alternative
    /// on its own index (see [`super::events`]).
    pub(super) split: Option<Vec<Alt>>,
    /// The placeholder of the SQLite full-text query, when there is one.
    pub(super) fts: Option<String>,
}

impl Where {
    pub(super) fn bind(&mut self, v: V) -> String {
        self.params.push(v);
        format!("?{}", self.params.len())
    }
}

pub(super) fn build(filter: &Filter, dialect: Dialect) -> Result<Where, StoreError> {
    let mut w = Where { clauses: vec![], params: vec![], split: None, fts: None };
    let up = |s: &str| V::Text(s.trim().to_uppercase());
    let low = |s: &str| V::Text(s.trim().to_lowercase());
    let mut alternatives: Vec<Vec<Alt>> = Vec::new();
    if let Some(c) = &filter.country {
        let p = w.bind(up(c));
        alternatives.push(vec![Alt::Party(1, p.clone()), Alt::Party(2, p.clone()), Alt::Clause(format!("e.place_country = {p}"))]);
    }
    // Any actor (role 1) or recipient (role 2), by country code or name: `parties` holds
    // every one of them, not only the first.
    for (val, role) in [(&filter.actor, 1), (&filter.recipient, 2)] {
        if let Some(a) = val {
            let (c, l) = (w.bind(up(a)), w.bind(low(a)));
            alternatives.push(vec![Alt::Party(role, c), Alt::Party(role, l)]);
        }
    }
    if let Some(pl) = &filter.place {
        let (l, c) = (w.bind(low(pl)), w.bind(up(pl)));
        alternatives.push(vec![Alt::Clause(format!("e.place_lc = {l}")), Alt::Clause(format!("e.place_country = {c}"))]);
    }
    // A box of up to 64 one-degree cells: one (cell, day) index read per cell, each stopping
    // after n (the exact bounds below still apply). Larger boxes use the (lat, lon, day) index.
    if let Some(cells) = filter.bbox.and_then(|[x0, y0, x1, y1]| crate::write::cells(x0, y0, x1, y1, 64)) {
        alternatives.push(cells.into_iter().map(|c| Alt::Clause(format!("e.cell = {}", w.bind(V::Int(c))))).collect());
    }
    for (i, alt) in alternatives.into_iter().enumerate() {
        if i == 0 {
            w.split = Some(alt);
        } else {
            w.clauses.push(format!("({})", alt.iter().map(Alt::clause).collect::<Vec<_>>().join(" OR ")));
        }
    }
    if let Some(k) = &filter.kind {
        let p = w.bind(up(k));
        w.clauses.push(format!("e.kind = {p}"));
    }
    if let Some(m) = &filter.mode {
        let p = w.bind(low(m));
        w.clauses.push(format!("e.mode = {p}"));
    }
    for (val, op) in [(&filter.since, ">="), (&filter.until, "<=")] {
        if let Some(d) = val {
            let day = crate::day_of(d.trim())
                .ok_or_else(|| StoreError::Invalid(format!("date {d:?} is not YYYY, YYYY-MM or YYYY-MM-DD")))?;
            let p = w.bind(V::Int(day));
            w.clauses.push(format!("e.day {op} {p}"));
        }
    }
    if let Some([x0, y0, x1, y1]) = filter.bbox {
        let ps: Vec<String> = [y0, y1, x0, x1].into_iter().map(|v| w.bind(V::Real(v))).collect();
        w.clauses.push(format!("e.lat BETWEEN {} AND {} AND e.lon BETWEEN {} AND {}", ps[0], ps[1], ps[2], ps[3]));
    }
    if let Some(s) = &filter.source {
        let p = w.bind(low(s));
        w.clauses.push(format!("(e.source_lc = {p} OR e.site_lc = {p})"));
    }
    if let Some(c) = filter.min_certainty {
        let p = w.bind(V::Real(c));
        w.clauses.push(format!("e.certainty_low >= {p}"));
    }
    if let Some(c) = filter.min_corroboration {
        let p = w.bind(V::Int(c));
        w.clauses.push(format!("c.corroboration >= {p}"));
    }
    if let Some(d) = &filter.document {
        let p = w.bind(V::from(d.as_str()));
        w.clauses.push(format!("e.doc = (SELECT rid FROM documents WHERE id = {p})"));
    }
    if let Some(t) = &filter.text {
        let words = sitrep_link::minhash::words(t);
        if words.is_empty() {
            return Err(StoreError::Invalid(format!("--text {t:?} has no words to search for")));
        }
        match dialect {
            Dialect::Sqlite => {
                let tokens = fts5_tokens(&words);
                if tokens.is_empty() {
                    return Err(StoreError::Invalid(format!("--text {t:?} has no words to search for")));
                }
                let q = tokens.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(" ");
                let p = w.bind(V::Text(q));
                w.clauses.push(format!("e.rid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH {p})"));
                w.fts = Some(p);
            }
            Dialect::Postgres => {
                let p = w.bind(V::Text(words.join(" ")));
                w.clauses.push(format!("e.fts @@ plainto_tsquery('simple', {p})"));
            }
        }
    }
    Ok(w)
}

/// The query words as single FTS5 tokens. The FTS tables (schema 1 as created now) use
/// `detail=none`, which rejects a quoted phrase of two or more tokens, and a tokenizer whose
/// token characters (letters, numbers, marks) match `minhash::words` except for a few
/// symbols Unicode counts as alphabetic (circled and squared letters): split at those too.
pub(crate) fn fts5_tokens(words: &[String]) -> Vec<String> {
    let symbol = |c: char| matches!(c, '\u{24B6}'..='\u{24E9}' | '\u{1F130}'..='\u{1F189}');
    words.iter().flat_map(|w| w.split(symbol)).filter(|w| !w.is_empty()).map(str::to_string).collect()
}
