//! Exports: JSONL (flat row plus the extracted event), PLOVER-style JSON lines, and CSV with
//! ACLED-like and GDELT-like columns. Column meanings are documented in `docs/store.md`.

use std::io::Write;

use serde_json::json;
use sitrep_model::Event;

use crate::read::{EventRow, Filter};
use crate::{Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Plover,
    AcledCsv,
    GdeltCsv,
    /// Needs the `parquet` cargo feature; without it the export fails with a message.
    Parquet,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "jsonl" => Ok(Format::Jsonl),
            "plover" => Ok(Format::Plover),
            "acled-csv" | "acled" => Ok(Format::AcledCsv),
            "gdelt-csv" | "gdelt" => Ok(Format::GdeltCsv),
            "parquet" => Ok(Format::Parquet),
            other => Err(format!("unknown export format {other:?}; use jsonl, plover, acled-csv, gdelt-csv or parquet")),
        }
    }
}

pub const ACLED_COLUMNS: &[&str] = &[
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "plover_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "iso3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_url", "notes", "fatalities", "certainty", "corroboration", "reports", "cluster",
];

pub const GDELT_COLUMNS: &[&str] = &[
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "Actor1Code", "Actor1Name", "Actor1CountryCode",
    "Actor1Type1Code", "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "EventCode",
    "EventBaseCode", "EventRootCode", "QuadClass", "NumMentions", "NumSources", "NumArticles",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long",
    "DATEADDED", "SOURCEURL", "PloverType", "Certainty",
];

/// One CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn num(v: Option<f64>) -> String {
    match v {
        Some(x) if x.fract() == 0.0 => format!("{x:.0}"),
        Some(x) => format!("{x}"),
        None => String::new(),
    }
}

fn write_csv(out: &mut dyn Write, fields: &[String]) -> std::io::Result<()> {
    let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    writeln!(out, "{}", line.join(","))
}

fn event_of(r: &EventRow) -> Option<Event> {
    serde_json::from_str(&r.json).ok()
}

/// The parties after the first one (`actor1` / `actor2`) of an event with several actors or
/// recipients: ACLED's associated actors, the extra names of a PLOVER record.
fn extra_parties(ev: Option<&Event>) -> (Vec<String>, Vec<String>) {
    ev.map(|e| (after_first(&e.actors), after_first(&e.recipients))).unwrap_or_default()
}

fn after_first(parties: &[sitrep_model::ActorRef]) -> Vec<String> {
    parties.iter().skip(1).map(|a| a.name.clone()).collect()
}

/// ACLED time precision: 1 day, 2 week, 3 month or coarser.
fn time_precision(p: Option<&str>) -> &'static str {
    match p {
        Some("day" | "time") => "1",
        Some("week") => "2",
        Some(_) => "3",
        None => "",
    }
}

/// ACLED geo precision: 1 town, 2 region, 3 country.
fn geo_precision(p: Option<&str>) -> &'static str {
    match p {
        Some("city" | "capital" | "feature") => "1",
        Some("admin1" | "region") => "2",
        Some("country") => "3",
        _ => "",
    }
}

/// CAMEO root code to GDELT's quad class.
fn quad_class(root: Option<&str>) -> String {
    match root.and_then(|r| r.get(..2)).and_then(|r| r.parse::<u8>().ok()) {
        Some(1..=5) => "1".into(),
        Some(6..=8) => "2".into(),
        Some(9..=13) => "3".into(),
        Some(14..=20) => "4".into(),
        _ => String::new(),
    }
}

fn acled(r: &EventRow) -> Vec<String> {
    let ev = event_of(r);
    let a = ev.as_ref().and_then(|e| e.acled.clone());
    let place_precision = ev.as_ref().and_then(|e| e.place.as_ref()).and_then(|p| p.precision.clone());
    let notes = r.evidence.clone().unwrap_or_default().replace(['\n', '\r'], " ");
    let (assoc1, assoc2) = extra_parties(ev.as_ref());
    vec![
        r.id.clone(),
        opt(&r.date),
        r.date.as_deref().and_then(|d| d.get(..4)).unwrap_or_default().to_string(),
        time_precision(r.date_precision.as_deref()).into(),
        a.as_ref().map(|a| a.event_type.clone()).unwrap_or_default(),
        a.and_then(|a| a.sub_event_type).unwrap_or_default(),
        r.kind.clone(),
        opt(&r.actor1),
        assoc1.join("; "),
        opt(&r.actor1_sector),
        opt(&r.actor2),
        assoc2.join("; "),
        opt(&r.actor2_sector),
        opt(&r.place_country),
        opt(&r.place),
        num(r.lat),
        num(r.lon),
        geo_precision(place_precision.as_deref()).into(),
        r.site.clone().or_else(|| r.source.clone()).unwrap_or_default(),
        opt(&r.url),
        notes,
        num(r.fatalities_high.or(r.fatalities_low)),
        opt(&r.certainty),
        r.corroboration.to_string(),
        r.reports.to_string(),
        r.cluster.to_string(),
    ]
}

fn gdelt(r: &EventRow, n: usize) -> Vec<String> {
    let ev = event_of(r);
    let cameo = ev.as_ref().and_then(|e| e.cameo.clone());
    let ymd: String = r.date.as_deref().unwrap_or_default().chars().filter(char::is_ascii_digit).take(8).collect();
    let code = |c: &Option<String>, s: &Option<String>| format!("{}{}", opt(c), opt(s));
    let published: String = r.published.as_deref().unwrap_or_default().chars().filter(char::is_ascii_digit).take(8).collect();
    vec![
        n.to_string(),
        ymd.clone(),
        ymd.get(..6).unwrap_or_default().to_string(),
        ymd.get(..4).unwrap_or_default().to_string(),
        code(&r.actor1_country, &r.actor1_sector),
        opt(&r.actor1),
        opt(&r.actor1_country),
        opt(&r.actor1_sector),
        code(&r.actor2_country, &r.actor2_sector),
        opt(&r.actor2),
        opt(&r.actor2_country),
        opt(&r.actor2_sector),
        opt(&cameo),
        opt(&cameo),
        cameo.as_deref().and_then(|c| c.get(..2)).unwrap_or_default().to_string(),
        quad_class(cameo.as_deref()),
        r.reports.to_string(),
        r.corroboration.to_string(),
        r.reports.to_string(),
        match (r.lat.is_some(), r.place.is_some()) {
            (true, _) => "4".into(),
            (false, true) => "1".into(),
            _ => String::new(),
        },
        opt(&r.place),
        opt(&r.place_country),
        num(r.lat),
        num(r.lon),
        published,
        opt(&r.url),
        r.kind.clone(),
        opt(&r.certainty),
    ]
}

fn plover(r: &EventRow) -> serde_json::Value {
    let ev = event_of(r);
    let (more_sources, more_targets) = extra_parties(ev.as_ref());
    json!({
        "id": r.id,
        "date": r.date,
        "event_type": r.kind,
        "mode": r.mode,
        "context": ev.as_ref().map(|e| e.context.clone()).unwrap_or_default(),
        "modality": r.modality,
        "source_actor": r.actor1, "source_country": r.actor1_country, "source_agent": r.actor1_sector,
        "target_actor": r.actor2, "target_country": r.actor2_country, "target_agent": r.actor2_sector,
        "other_source_actors": more_sources, "other_target_actors": more_targets,
        "location": {"name": r.place, "country": r.place_country, "lat": r.lat, "lon": r.lon},
        "fatalities": r.fatalities_high.or(r.fatalities_low),
        "certainty": {"label": r.certainty, "low": r.certainty_low, "high": r.certainty_high},
        "attributed_to": r.source,
        "text": r.evidence,
        "doc": {"id": r.document, "url": r.url, "site": r.site, "published": r.published, "title": r.title},
        "cluster": {"id": r.cluster, "reports": r.reports, "corroboration": r.corroboration, "contradicted": r.contradicted},
    })
}

/// Writes every event matching `filter` in `format`; returns how many.
pub fn export(store: &mut dyn Store, format: Format, filter: &Filter, out: &mut dyn Write) -> Result<usize, StoreError> {
    match format {
        #[cfg(feature = "parquet")]
        Format::Parquet => return crate::parquet_export::export(store, filter, out),
        #[cfg(not(feature = "parquet"))]
        Format::Parquet => {
            return Err(StoreError::Invalid(
                "this sitrep was built without Parquet export; rebuild with the default features (or `--features sitrep_store/parquet`)".into(),
            ))
        }
        Format::AcledCsv => write_csv(out, &ACLED_COLUMNS.iter().map(|s| s.to_string()).collect::<Vec<_>>())?,
        Format::GdeltCsv => write_csv(out, &GDELT_COLUMNS.iter().map(|s| s.to_string()).collect::<Vec<_>>())?,
        _ => {}
    }
    let mut n = 0usize;
    store.for_each(filter, &mut |r| {
        n += 1;
        match format {
            Format::Jsonl => {
                let mut v = serde_json::to_value(&r)?;
                if let Some(o) = v.as_object_mut() {
                    o.insert("extracted".into(), serde_json::from_str(&r.json).unwrap_or(serde_json::Value::Null));
                }
                serde_json::to_writer(&mut *out, &v)?;
                writeln!(out)?;
            }
            Format::Plover => {
                serde_json::to_writer(&mut *out, &plover(&r))?;
                writeln!(out)?;
            }
            Format::AcledCsv => write_csv(out, &acled(&r))?,
            Format::GdeltCsv => write_csv(out, &gdelt(&r, n))?,
            Format::Parquet => {}
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn quad_classes_follow_cameo_roots() {
        assert_eq!(quad_class(Some("19")), "4");
        assert_eq!(quad_class(Some("04")), "1");
        assert_eq!(quad_class(Some("x")), "");
        assert_eq!(quad_class(None), "");
    }

    #[test]
    fn extra_parties_skip_the_first_of_each_side() {
        let party = |name: &str| -> sitrep_model::ActorRef {
            serde_json::from_value(serde_json::json!({"entity": null, "name": name, "country": null, "sector": null, "span": null}))
                .expect("actor JSON matches the v1 model")
        };
        let recipients = [party("Kharkiv"), party("Odesa"), party("Dnipro")];
        assert_eq!(after_first(&recipients), ["Odesa", "Dnipro"]);
        assert!(after_first(&recipients[..1]).is_empty());
        assert_eq!(extra_parties(None), (vec![], vec![]));
    }
}
