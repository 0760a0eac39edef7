//! `sitrep`: news pages in, verifiable event data out.
//!
//! Each subcommand lives in `cmd/<name>.rs` with its own clap `Args` and `run`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;
mod common;

// mimalloc, also for SQLite's own allocations (`override`): the store writer spends a fifth of
// its CPU in glibc malloc/free; with mimalloc it takes 22% less CPU (docs/store.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "sitrep",
    version,
    about = "News pages in, verifiable event data out.",
    long_about = "sitrep turns raw news pages (HTML, text, JSONL, WARC) into event data: who did what \
to whom, when, where, with what and how many, who says so and how sure, every fact linked to the \
sentence it came from.\n\nStart with:\n  sitrep extract examples/            print events as JSONL\n  \
sitrep ingest examples/             build ./sitrep.db\n  sitrep query --type ASSAULT         ask it",
    propagate_version = true
)]
struct Cli {
    /// More log output on stderr (-v info, -vv debug). RUST_LOG overrides.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the pipeline on pages and print one JSON document per line (v1 schema).
    Extract(cmd::extract::Args),
    /// Show which rule produced each field of the events in a page.
    Explain(cmd::explain::Args),
    /// Run the pipeline on pages and store the results in the event database.
    Ingest(cmd::ingest::Args),
    /// Query events in the database with filters.
    Query(cmd::query::Args),
    /// Find documents whose title or body holds every word.
    Search(cmd::search::Args),
    /// Show one event with its evidence, sources, certainty and cluster.
    Show(cmd::show::Args),
    /// Summarise the database.
    Stats(cmd::stats::Args),
    /// Export the database as JSONL, PLOVER, ACLED-like or GDELT-like CSV.
    Export(cmd::export::Args),
    /// Score sitrep on an evaluation set.
    Eval(cmd::eval::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    common::init_logging(cli.verbose);
    let result = match cli.command {
        Command::Extract(a) => cmd::extract::run(a),
        Command::Explain(a) => cmd::explain::run(a),
        Command::Ingest(a) => cmd::ingest::run(a),
        Command::Query(a) => cmd::query::run(a),
        Command::Search(a) => cmd::search::run(a),
        Command::Show(a) => cmd::show::run(a),
        Command::Stats(a) => cmd::stats::run(a),
        Command::Export(a) => cmd::export::run(a),
        Command::Eval(a) => cmd::eval::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
