//! `sitrep show`: one event with every report of its cluster and the cluster's revisions.

use serde::Serialize;

use super::row::{row, EventRow, FROM, ROW_COLS};
use crate::sql::{Db, V};
use crate::StoreError;

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
