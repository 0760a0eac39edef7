//! The flat event row that `query`, `show` and the exports read: its columns, the joins
//! that produce them, and the decoding of one result row.

use serde::Serialize;

use crate::sql::V;

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

pub(super) const ROW_COLS: &str = "e.id, d.id, e.kind, e.mode, e.modality, e.actor1_name, e.actor1_country, e.actor1_sector, \
e.actor1_entity, e.actor2_name, e.actor2_country, e.actor2_sector, e.actor2_entity, e.place_name, e.place_country, \
e.lat, e.lon, e.date, e.date_precision, e.fatalities_low, e.fatalities_high, e.certainty_label, e.certainty_low, \
e.certainty_high, e.source_name, e.evidence, e.evidence_start, e.evidence_end, e.cluster, c.reports, c.corroboration, \
c.asserts, c.denies, c.first_seen, c.last_seen, d.url, d.site, d.published, d.title, d.story_cluster, j.json";

pub(super) const FROM: &str = "FROM events e JOIN documents d ON d.rid = e.doc JOIN event_clusters c ON c.id = e.cluster \
LEFT JOIN event_json j ON j.rid = e.rid";

pub(super) fn row(r: Vec<V>) -> EventRow {
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
