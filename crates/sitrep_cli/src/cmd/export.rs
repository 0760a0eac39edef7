//! `sitrep export`: the database (or a filtered part) as JSONL, PLOVER JSON lines, or CSV
//! with ACLED-like or GDELT-like columns (see docs/store.md for the columns).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

use super::ingest::DbArgs;
use super::query::FilterArgs;

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  sitrep export --format jsonl --out events.jsonl\n  \
sitrep export --format acled-csv --country UKR --since 2024-01-01 > ukraine.csv\n  \
sitrep export --format gdelt-csv --min-corroboration 2\n  \
sitrep export --format parquet --out events.parquet")]
pub struct Args {
    /// jsonl, plover, acled-csv, gdelt-csv or parquet (write parquet with --out; it is
    /// left out of builds with `--no-default-features`).
    #[arg(long, default_value = "jsonl")]
    pub format: sitrep_store::Format,
    /// Write here instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub db: DbArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let filter = args.filters.filter(None)?;
    let mut store = args.db.open()?;
    let mut out: Box<dyn Write> = match &args.out {
        Some(p) => Box::new(std::io::BufWriter::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?)),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let n = sitrep_store::export(store.as_mut(), args.format, &filter, &mut out)?;
    drop(out);
    if let Some(p) = &args.out {
        eprintln!("{n} events written to {}", p.display());
    }
    Ok(ExitCode::SUCCESS)
}
