//! Reading: filtered event queries, `show`, stats. One SQL text serves both backends except
//! for full-text search and NULL ordering.

use serde::Serialize;

use crate::sql::{Db, Dialect, V};
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

/// One event as the query and export commands see it: flat columns plus its cluster.
#[derive(Debug, Clone, Serialize)]
pub struct EventRow {
    pub id: String,
    pub document: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub mode: Option<String>,
    pub modality: String,
    pub actor1: Option<String>,
    pub actor1_country: Option<String>,
    pub actor1_sector: Option<String>,
    pub actor1_entity: Option<String>,
    pub actor2: Option<String>,
    pub actor2_country: Option<String>,
    pub actor2_sector: Option<String>,
    pub actor2_entity: Option<String>,
    pub place: Option<String>,
    pub place_country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub date: Option<String>,
    pub date_precision: Option<String>,
    pub fatalities_low: Option<f64>,
    pub fatalities_high: Option<f64>,
    pub certainty: Option<String>,
    pub certainty_low: Option<f64>,
    pub certainty_high: Option<f64>,
    pub source: Option<String>,
    pub evidence: Option<String>,
    pub evidence_span: [i64; 2],
    pub cluster: i64,
    pub reports: i64,
    pub corroboration: i64,
    pub contradicted: bool,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    pub url: Option<String>,
    pub site: Option<String>,
    pub published: Option<String>,
    pub title: Option<String>,
    pub story_cluster: Option<i64>,
    /// The full event as extracted (v1 schema).
    #[serde(skip)]
    pub json: String,
}

const ROW_COLS: &str = "e.id, d.id, e.kind, e.mode, e.modality, e.actor1_name, e.actor1_country, e.actor1_sector, \
e.actor1_entity, e.actor2_name, e.actor2_country, e.actor2_sector, e.actor2_entity, e.place_name, e.place_country, \
e.lat, e.lon, e.date, e.date_precision, e.fatalities_low, e.fatalities_high, e.certainty_label, e.certainty_low, \
e.certainty_high, e.source_name, e.evidence, e.evidence_start, e.evidence_end, e.cluster, c.reports, c.corroboration, \
c.asserts, c.denies, c.first_seen, c.last_seen, d.url, d.site, d.published, d.title, d.story_cluster, j.json";

const FROM: &str = "FROM events e JOIN documents d ON d.rid = e.doc JOIN event_clusters c ON c.id = e.cluster \
LEFT JOIN event_json j ON j.rid = e.rid";

fn row(r: Vec<V>) -> EventRow {
    let t = |i: usize| r[i].text();
    let f = |i: usize| r[i].real();
    EventRow {
        id: t(0).unwrap_or_default(),
        document: t(1).unwrap_or_default(),
        kind: t(2).unwrap_or_default(),
        mode: t(3),
        modality: t(4).unwrap_or_default(),
        actor1: t(5),
        actor1_country: t(6),
        actor1_sector: t(7),
        actor1_entity: t(8),
        actor2: t(9),
        actor2_country: t(10),
        actor2_sector: t(11),
        actor2_entity: t(12),
        place: t(13),
        place_country: t(14),
        lat: f(15),
        lon: f(16),
        date: t(17),
        date_precision: t(18),
        fatalities_low: f(19),
        fatalities_high: f(20),
        certainty: t(21),
        certainty_low: f(22),
        certainty_high: f(23),
        source: t(24),
        evidence: t(25),
        evidence_span: [r[26].int().unwrap_or(0), r[27].int().unwrap_or(0)],
        cluster: r[28].int().unwrap_or(0),
        reports: r[29].int().unwrap_or(0),
        corroboration: r[30].int().unwrap_or(0),
        contradicted: r[31].int().unwrap_or(0) > 0 && r[32].int().unwrap_or(0) > 0,
        first_seen: t(33),
        last_seen: t(34),
        url: t(35),
        site: t(36),
        published: t(37),
        title: t(38),
        story_cluster: r[39].int(),
        json: t(40).unwrap_or_default(),
    }
}

/// One alternative of an OR filter: a condition on `events`, or a (role, key) of `parties`
/// (the key's placeholder).
#[derive(Debug, Clone)]
enum Alt {
    Clause(String),
    Party(i64, String),
}

impl Alt {
    /// As a condition on `e`.
    fn clause(&self) -> String {
        match self {
            Alt::Clause(c) => c.clone(),
            Alt::Party(role, k) => format!("e.rid IN (SELECT p.event FROM parties p WHERE p.role = {role} AND p.key = {k})"),
        }
    }
}

struct Where {
    clauses: Vec<String>,
    params: Vec<V>,
    /// One OR filter kept as its alternatives, so a limited query can run each alternative
    /// on its own index (see [`events`]).
    split: Option<Vec<Alt>>,
    /// The placeholder of the SQLite full-text query, when there is one.
    fts: Option<String>,
}

impl Where {
    fn bind(&mut self, v: V) -> String {
        self.params.push(v);
        format!("?{}", self.params.len())
    }
}

fn build(filter: &Filter, dialect: Dialect) -> Result<Where, StoreError> {
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

/// One report of an event cluster.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub event: String,
    pub document: String,
    pub title: Option<String>,
    pub site: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub story_cluster: Option<i64>,
    pub modality: String,
    pub source: Option<String>,
    pub certainty: Option<String>,
    pub evidence: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RevisionRow {
    pub document: String,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// What `sitrep show` prints.
#[derive(Debug, Clone, Serialize)]
pub struct EventDetail {
    pub event: EventRow,
    /// The event as extracted (v1 schema).
    pub extracted: serde_json::Value,
    pub reports: Vec<Report>,
    pub revisions: Vec<RevisionRow>,
}

pub fn show(db: &mut dyn Db, id: &str) -> Result<Option<EventDetail>, StoreError> {
    let sql = format!("SELECT {ROW_COLS} {FROM} WHERE e.id = ?1");
    let Some(r) = db.one(&sql, &[V::from(id)])? else { return Ok(None) };
    let event = row(r);
    let reports = db
        .rows(
            "SELECT e.id, d.id, d.title, d.site, d.url, d.published, d.story_cluster, e.modality, e.source_name, \
             e.certainty_label, e.evidence FROM events e JOIN documents d ON d.rid = e.doc WHERE e.cluster = ?1 \
             ORDER BY d.published, e.rid LIMIT 200",
            &[V::Int(event.cluster)],
        )?
        .into_iter()
        .map(|r| Report {
            event: r[0].text().unwrap_or_default(),
            document: r[1].text().unwrap_or_default(),
            title: r[2].text(),
            site: r[3].text(),
            url: r[4].text(),
            published: r[5].text(),
            story_cluster: r[6].int(),
            modality: r[7].text().unwrap_or_default(),
            source: r[8].text(),
            certainty: r[9].text(),
            evidence: r[10].text(),
        })
        .collect();
    let revisions = db
        .rows(
            "SELECT d.id, r.field, r.old, r.new FROM revisions r JOIN documents d ON d.rid = r.doc WHERE r.cluster = ?1 ORDER BY r.rid",
            &[V::Int(event.cluster)],
        )?
        .into_iter()
        .map(|r| RevisionRow { document: r[0].text().unwrap_or_default(), field: r[1].text().unwrap_or_default(), old: r[2].text(), new: r[3].text() })
        .collect();
    let extracted = serde_json::from_str(&event.json).unwrap_or(serde_json::Value::Null);
    Ok(Some(EventDetail { event, extracted, reports, revisions }))
}

/// The query words as single FTS5 tokens. The FTS tables (schema 1 as created now) use
/// `detail=none`, which rejects a quoted phrase of two or more tokens, and a tokenizer whose
/// token characters (letters, numbers, marks) match `minhash::words` except for a few
/// symbols Unicode counts as alphabetic (circled and squared letters): split at those too.
pub(crate) fn fts5_tokens(words: &[String]) -> Vec<String> {
    let symbol = |c: char| matches!(c, '\u{24B6}'..='\u{24E9}' | '\u{1F130}'..='\u{1F189}');
    words.iter().flat_map(|w| w.split(symbol)).filter(|w| !w.is_empty()).map(str::to_string).collect()
}
