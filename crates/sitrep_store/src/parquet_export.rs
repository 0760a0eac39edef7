//! `export --format parquet` (cargo feature `parquet`): one row per event, the flat columns of
//! [`EventRow`] plus the extracted event as JSON, in row groups of 64k events. Written with
//! parquet's column writers (no arrow), every column OPTIONAL; see docs/store.md for the table.

use std::io::Write;
use std::sync::Arc;

use parquet::column::writer::ColumnWriter;
use parquet::data_type::ByteArray;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

use crate::read::{EventRow, Filter};
use crate::{Store, StoreError};

const ROW_GROUP: usize = 65_536;

enum Get {
    Str(fn(&EventRow) -> Option<&str>),
    F64(fn(&EventRow) -> Option<f64>),
    I64(fn(&EventRow) -> Option<i64>),
    Bool(fn(&EventRow) -> Option<bool>),
}

/// Column name and how to read it from a row, in file order.
fn columns() -> Vec<(&'static str, Get)> {
    use Get::*;
    vec![
        ("id", Str(|r| Some(&r.id))),
        ("document", Str(|r| Some(&r.document))),
        ("type", Str(|r| Some(&r.kind))),
        ("mode", Str(|r| r.mode.as_deref())),
        ("modality", Str(|r| Some(&r.modality))),
        ("actor1", Str(|r| r.actor1.as_deref())),
        ("actor1_country", Str(|r| r.actor1_country.as_deref())),
        ("actor1_sector", Str(|r| r.actor1_sector.as_deref())),
        ("actor1_entity", Str(|r| r.actor1_entity.as_deref())),
        ("actor2", Str(|r| r.actor2.as_deref())),
        ("actor2_country", Str(|r| r.actor2_country.as_deref())),
        ("actor2_sector", Str(|r| r.actor2_sector.as_deref())),
        ("actor2_entity", Str(|r| r.actor2_entity.as_deref())),
        ("place", Str(|r| r.place.as_deref())),
        ("place_country", Str(|r| r.place_country.as_deref())),
        ("lat", F64(|r| r.lat)),
        ("lon", F64(|r| r.lon)),
        ("date", Str(|r| r.date.as_deref())),
        ("date_precision", Str(|r| r.date_precision.as_deref())),
        ("fatalities_low", F64(|r| r.fatalities_low)),
        ("fatalities_high", F64(|r| r.fatalities_high)),
        ("certainty", Str(|r| r.certainty.as_deref())),
        ("certainty_low", F64(|r| r.certainty_low)),
        ("certainty_high", F64(|r| r.certainty_high)),
        ("source", Str(|r| r.source.as_deref())),
        ("evidence", Str(|r| r.evidence.as_deref())),
        ("evidence_start", I64(|r| Some(r.evidence_span[0]))),
        ("evidence_end", I64(|r| Some(r.evidence_span[1]))),
        ("cluster", I64(|r| Some(r.cluster))),
        ("reports", I64(|r| Some(r.reports))),
        ("corroboration", I64(|r| Some(r.corroboration))),
        ("contradicted", Bool(|r| Some(r.contradicted))),
        ("first_seen", Str(|r| r.first_seen.as_deref())),
        ("last_seen", Str(|r| r.last_seen.as_deref())),
        ("url", Str(|r| r.url.as_deref())),
        ("site", Str(|r| r.site.as_deref())),
        ("published", Str(|r| r.published.as_deref())),
        ("title", Str(|r| r.title.as_deref())),
        ("story_cluster", I64(|r| r.story_cluster)),
        ("extracted", Str(|r| Some(&r.json))),
    ]
}

fn perr(e: parquet::errors::ParquetError) -> StoreError {
    StoreError::Invalid(format!("parquet: {e}"))
}

/// Values present and definition levels (1 present, 0 null) of one column.
fn levels<T>(rows: &[EventRow], get: impl Fn(&EventRow) -> Option<T>) -> (Vec<T>, Vec<i16>) {
    let mut vals = Vec::with_capacity(rows.len());
    let mut defs = Vec::with_capacity(rows.len());
    for r in rows {
        match get(r) {
            Some(v) => {
                vals.push(v);
                defs.push(1);
            }
            None => defs.push(0),
        }
    }
    (vals, defs)
}

fn row_group(w: &mut SerializedFileWriter<Vec<u8>>, rows: &[EventRow]) -> Result<(), StoreError> {
    let cols = columns();
    let mut rg = w.next_row_group().map_err(perr)?;
    let mut i = 0;
    while let Some(mut col) = rg.next_column().map_err(perr)? {
        let Some((_, get)) = cols.get(i) else { return Err(StoreError::Schema("parquet column count".into())) };
        let res = match (col.untyped(), get) {
            (ColumnWriter::ByteArrayColumnWriter(c), Get::Str(g)) => {
                let (v, d) = levels(rows, |r| g(r).map(|s| ByteArray::from(s.as_bytes().to_vec())));
                c.write_batch(&v, Some(&d), None)
            }
            (ColumnWriter::DoubleColumnWriter(c), Get::F64(g)) => {
                let (v, d) = levels(rows, g);
                c.write_batch(&v, Some(&d), None)
            }
            (ColumnWriter::Int64ColumnWriter(c), Get::I64(g)) => {
                let (v, d) = levels(rows, g);
                c.write_batch(&v, Some(&d), None)
            }
            (ColumnWriter::BoolColumnWriter(c), Get::Bool(g)) => {
                let (v, d) = levels(rows, g);
                c.write_batch(&v, Some(&d), None)
            }
            _ => return Err(StoreError::Schema("parquet column type mismatch".into())),
        };
        res.map_err(perr)?;
        col.close().map_err(perr)?;
        i += 1;
    }
    rg.close().map_err(perr)?;
    Ok(())
}

/// Streams the matching events into a Parquet file on `out`; returns how many.
pub fn export(store: &mut dyn Store, filter: &Filter, out: &mut dyn Write) -> Result<usize, StoreError> {
    let fields: Vec<String> = columns()
        .iter()
        .map(|(name, g)| match g {
            Get::Str(_) => format!("OPTIONAL BYTE_ARRAY {name} (UTF8);"),
            Get::F64(_) => format!("OPTIONAL DOUBLE {name};"),
            Get::I64(_) => format!("OPTIONAL INT64 {name};"),
            Get::Bool(_) => format!("OPTIONAL BOOLEAN {name};"),
        })
        .collect();
    let schema = Arc::new(parse_message_type(&format!("message event {{ {} }}", fields.join(" "))).map_err(perr)?);
    // The writer needs a Send sink; it fills a Vec that is drained to `out` after each row group.
    let mut w = SerializedFileWriter::new(Vec::new(), schema, Arc::new(WriterProperties::builder().build())).map_err(perr)?;
    let mut rows = Vec::with_capacity(ROW_GROUP);
    let mut n = 0usize;
    store.for_each(filter, &mut |r| {
        n += 1;
        rows.push(r);
        if rows.len() == ROW_GROUP {
            row_group(&mut w, &rows)?;
            rows.clear();
            out.write_all(&std::mem::take(w.inner_mut()))?;
        }
        Ok(())
    })?;
    if !rows.is_empty() {
        row_group(&mut w, &rows)?;
    }
    out.write_all(&std::mem::take(w.inner_mut()))?;
    let rest = w.into_inner().map_err(perr)?;
    out.write_all(&rest)?;
    out.flush()?;
    Ok(n)
}
