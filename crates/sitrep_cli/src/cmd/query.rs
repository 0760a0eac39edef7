//! `sitrep query`: filtered events from the database as a table, JSONL or CSV.

use std::io::Write;
use std::process::ExitCode;

use sitrep_store::{EventRow, Filter};

use super::ingest::DbArgs;
use super::output::{cut, OutputArgs};

/// Filters shared by `query` and `export`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Any acting actor (an event may have several): ISO3 country code (RUS) or exact name ("Russian forces").
    #[arg(long)]
    pub actor: Option<String>,
    /// Any actor acted upon (an event may have several): ISO3 code or exact name.
    #[arg(long)]
    pub recipient: Option<String>,
    /// Any actor's or recipient's country, or the place's country (ISO3).
    #[arg(long)]
    pub country: Option<String>,
    /// PLOVER event type (ASSAULT, AID, AGREE...).
    #[arg(long = "type", value_name = "TYPE")]
    pub kind: Option<String>,
    /// PLOVER mode (aerial, drone, visit...).
    #[arg(long)]
    pub mode: Option<String>,
    /// Events on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Events on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Place name or place country code.
    #[arg(long)]
    pub place: Option<String>,
    /// Bounding box: MIN_LON,MIN_LAT,MAX_LON,MAX_LAT (west and south may be negative: --bbox -1,51,1,52).
    #[arg(long, value_name = "W,S,E,N", allow_hyphen_values = true)]
    pub bbox: Option<String>,
    /// Attributed source or publishing site.
    #[arg(long)]
    pub source: Option<String>,
    /// Lower bound of the certainty band at least this (0-1).
    #[arg(long, value_name = "P")]
    pub min_certainty: Option<f64>,
    /// At least this many independent story clusters report the event.
    #[arg(long, value_name = "N")]
    pub min_corroboration: Option<i64>,
    /// Full-text search over evidence sentences, actor and place names.
    #[arg(long)]
    pub text: Option<String>,
}

impl FilterArgs {
    pub fn filter(&self, limit: Option<usize>) -> anyhow::Result<Filter> {
        let bbox = match &self.bbox {
            Some(b) => {
                let v: Vec<f64> = b.split(',').map(|x| x.trim().parse::<f64>()).collect::<Result<_, _>>()
                    .map_err(|_| anyhow::anyhow!("--bbox {b:?}: expected four numbers MIN_LON,MIN_LAT,MAX_LON,MAX_LAT"))?;
                let [a, b2, c, d] = v[..] else { anyhow::bail!("--bbox {b:?}: expected four numbers MIN_LON,MIN_LAT,MAX_LON,MAX_LAT") };
                Some([a, b2, c, d])
            }
            None => None,
        };
        Ok(Filter {
            actor: self.actor.clone(),
            recipient: self.recipient.clone(),
            country: self.country.clone(),
            kind: self.kind.clone(),
            mode: self.mode.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            place: self.place.clone(),
            bbox,
            source: self.source.clone(),
            min_certainty: self.min_certainty,
            min_corroboration: self.min_corroboration,
            text: self.text.clone(),
            document: None,
            limit,
        })
    }
}

#[derive(clap::Args, Debug)]
#[command(after_help = "Results: a table of events, the latest event date first (undated events last).\n  \
--json fields: the stored row (id, date, type, actors, place, fatalities, certainty, reports, \
corroboration, cluster, site, url, evidence...) and the extracted v1 event under \"extracted\"\n  \
--csv columns: id,date,type,mode,modality,actor1,actor1_country,actor2,actor2_country,place,\
place_country,lat,lon,fatalities_low,fatalities_high,certainty,source,reports,corroboration,\
contradicted,cluster,site,url,evidence\n\n\
Examples:\n  sitrep query --type ASSAULT\n  \
sitrep query --actor RUS --recipient UKR --since 2024-10-01 --json\n  \
sitrep query --bbox 35,49,37,51 --min-corroboration 2 --csv\n  \
sitrep query --text \"glide bomb\" --limit 10")]
pub struct Args {
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub db: DbArgs,
    // Last: its help heading applies to the fields after it too.
    #[command(flatten)]
    pub output: OutputArgs,
}

pub const CSV_COLUMNS: &[&str] = &[
    "id", "date", "type", "mode", "modality", "actor1", "actor1_country", "actor2", "actor2_country", "place",
    "place_country", "lat", "lon", "fatalities_low", "fatalities_high", "certainty", "source", "reports",
    "corroboration", "contradicted", "cluster", "site", "url", "evidence",
];

fn num(v: Option<f64>) -> String {
    match v {
        Some(x) if x.fract() == 0.0 => format!("{x:.0}"),
        Some(x) => format!("{x}"),
        None => String::new(),
    }
}

pub fn csv_row(r: &EventRow) -> Vec<String> {
    let o = |s: &Option<String>| s.clone().unwrap_or_default();
    vec![
        r.id.clone(), o(&r.date), r.kind.clone(), o(&r.mode), r.modality.clone(), o(&r.actor1), o(&r.actor1_country),
        o(&r.actor2), o(&r.actor2_country), o(&r.place), o(&r.place_country), num(r.lat), num(r.lon),
        num(r.fatalities_low), num(r.fatalities_high), o(&r.certainty), o(&r.source), r.reports.to_string(),
        r.corroboration.to_string(), r.contradicted.to_string(), r.cluster.to_string(), o(&r.site), o(&r.url), o(&r.evidence),
    ]
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let filter = args.filters.filter(Some(args.output.limit))?;
    let mut store = args.db.open()?;
    let rows = store.query(&filter)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.output.json {
        for r in &rows {
            let mut v = serde_json::to_value(r)?;
            if let Some(o) = v.as_object_mut() {
                o.insert("extracted".into(), serde_json::from_str(&r.json).unwrap_or(serde_json::Value::Null));
            }
            writeln!(out, "{v}")?;
        }
    } else if args.output.csv {
        writeln!(out, "{}", CSV_COLUMNS.join(","))?;
        for r in &rows {
            let f: Vec<String> = csv_row(r).iter().map(|x| sitrep_store::export_csv_field(x)).collect();
            writeln!(out, "{}", f.join(","))?;
        }
    } else {
        writeln!(out, "{:<28} {:<10} {:<12} {:<18} {:<18} {:<16} {:>4} {:>4} {:<10}  evidence", "id", "date", "type", "actor1", "actor2", "place", "dead", "corr", "certainty")?;
        for r in &rows {
            let who = |n: &Option<String>, c: &Option<String>| cut(&c.clone().or_else(|| n.clone()).unwrap_or_else(|| "-".into()), 18);
            writeln!(
                out,
                "{:<28} {:<10} {:<12} {:<18} {:<18} {:<16} {:>4} {:>4} {:<10}  {}",
                cut(&r.id, 28),
                cut(r.date.as_deref().unwrap_or("-"), 10),
                cut(&r.kind, 12),
                who(&r.actor1, &r.actor1_country),
                who(&r.actor2, &r.actor2_country),
                cut(r.place.as_deref().unwrap_or("-"), 16),
                num(r.fatalities_high),
                r.corroboration,
                cut(r.certainty.as_deref().unwrap_or("-"), 10),
                cut(&r.evidence.clone().unwrap_or_default().replace('\n', " "), 80)
            )?;
        }
        if rows.is_empty() {
            writeln!(out, "(no events match; `sitrep stats --db {}` shows what the database holds)", args.db.db)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use clap::Args as _;

    #[test]
    fn help_lists_the_csv_columns_written() {
        let mut cmd = super::Args::augment_args(clap::Command::new("query"));
        let help = cmd.render_long_help().to_string().replace(['\n', ' '], "");
        assert!(help.contains(&super::CSV_COLUMNS.join(",")), "{help}");
        for flag in ["--limit", "--json", "--csv", "--db", "--text"] {
            assert!(help.contains(flag), "{flag} in help");
        }
    }
}
