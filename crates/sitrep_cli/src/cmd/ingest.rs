//! `sitrep ingest`: pages in, event database out. The pipeline runs on chunks of documents in
//! parallel (rayon, all cores) while one thread writes the previous chunk in one transaction, linking it
//! against everything stored before. Inputs are keyed by a content hash, so a re-run (after a
//! finished run or a kill -9) stores only what is missing.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use rayon::prelude::*;
use sitrep_model::RawDoc;
use sitrep_store::{Outcome, Prepared, Store};

use crate::common::{progress, PipelineArgs};

/// Documents per chunk: processed in parallel, then written in one transaction.
const CHUNK: usize = 256;

/// Where the database is (shared by ingest, query, show, stats, export).
#[derive(clap::Args, Debug, Clone)]
pub struct DbArgs {
    /// SQLite file path, or a postgres://user@host:port/db URL.
    #[arg(long, value_name = "PATH|URL", env = "SITREP_DB", default_value = "sitrep.db")]
    pub db: String,
}

impl DbArgs {
    pub fn open(&self) -> anyhow::Result<Box<dyn Store>> {
        sitrep_store::open(&self.db).with_context(|| format!("opening database {}", self.db))
    }
}

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  sitrep ingest examples/\n  \
sitrep ingest ../shared/data/bbc-news --db news.db\n  \
sitrep ingest crawl.warc.gz --db postgres://sitrep@localhost:5433/sitrep\n\n\
A second run over the same inputs adds nothing (documents are keyed by content hash); an interrupted\n\
run can simply be run again. Exit status: 0 when every input was stored, 1 when some were skipped, 2 on error.")]
pub struct Args {
    /// Files or directories: .txt, .html, .jsonl, .warc, .warc.gz (directories are read recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
    /// Print the summary as one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
}

/// The deduplication key: a hash of the record as ingested (URL, title and payload). The same
/// body under another URL or title is another document, linked to the first as a duplicate.
pub fn record_key(raw: &RawDoc) -> String {
    let mut bytes = Vec::with_capacity(raw.payload().len() + 64);
    bytes.extend_from_slice(raw.url.as_deref().unwrap_or("").as_bytes());
    bytes.push(0);
    bytes.extend_from_slice(raw.title.as_deref().unwrap_or("").as_bytes());
    bytes.push(0);
    bytes.extend_from_slice(raw.payload());
    sitrep_model::content_hash(&bytes)
}

#[derive(Default)]
struct Found {
    new: usize,
    existing: usize,
    skipped: Vec<(String, String)>,
    events: usize,
    by_type: BTreeMap<String, usize>,
    actors: HashMap<String, usize>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let mut store = args.db.open()?;
    // A first load into an empty SQLite file drops the secondary indexes and builds each once
    // at the end; any other run recreates whatever indexes a killed first load left missing.
    let bulk = store.backend() == "sqlite" && store.is_empty()?;
    store.bulk_load(bulk)?;
    let pipeline = args.pipeline.pipeline()?;
    let opts = args.pipeline.ingest_options();
    let bar = progress(None, "documents");
    let mut found = Found::default();
    let mut inputs = sitrep_ingest::open(&args.paths, &opts).peekable();
    // The pipeline runs on chunk N+1 (all cores) while this thread writes chunk N, so the
    // single-threaded writer hides behind the pipeline instead of idling the other cores.
    // Chunk N+1's known keys are read before chunk N commits: a copy split across the two
    // runs the pipeline twice, and the writer still stores it once (content hash).
    let mut pending: Option<(Vec<Prepared>, usize)> = None;
    while inputs.peek().is_some() || pending.is_some() {
        let mut chunk: Vec<(RawDoc, String)> = Vec::with_capacity(CHUNK);
        for item in inputs.by_ref().take(CHUNK) {
            match item {
                Ok(raw) => {
                    let key = record_key(&raw);
                    chunk.push((raw, key));
                }
                Err(e) => found.skipped.push((e.location.clone(), e.message.clone())),
            }
        }
        let keys: Vec<String> = chunk.iter().map(|(_, k)| k.clone()).collect();
        let known = if keys.is_empty() { Default::default() } else { store.known(&keys)? };
        let mut seen = HashSet::new();
        let todo: Vec<&(RawDoc, String)> = chunk
            .iter()
            .filter(|(_, k)| {
                let fresh = !known.contains(k) && seen.insert(k.clone());
                if !fresh {
                    found.existing += 1;
                }
                fresh
            })
            .collect();
        let results = std::thread::scope(|s| -> anyhow::Result<Vec<_>> {
            let work = s.spawn(|| {
                todo.par_iter()
                    .map(|(raw, key)| {
                        pipeline.process(raw).map(|mut doc| {
                            if doc.debug.content_hash.is_none() {
                                doc.debug.content_hash = Some(sitrep_model::content_hash(raw.payload()));
                            }
                            Prepared::new(doc, key.clone())
                        })
                    })
                    .collect::<Vec<_>>()
            });
            if let Some((batch, n)) = pending.take() {
                let outcomes = store.write_batch(&batch).context("writing a batch")?;
                record(&mut found, &batch, outcomes);
                bar.inc(n as u64);
            }
            work.join().map_err(|_| anyhow::anyhow!("the pipeline thread panicked"))
        })?;
        let mut batch = Vec::with_capacity(results.len());
        for ((raw, _), r) in todo.iter().zip(results) {
            match r {
                Ok(p) => batch.push(p),
                Err(e) => found.skipped.push((raw.source.clone(), e.to_string())),
            }
        }
        if !chunk.is_empty() {
            pending = Some((batch, chunk.len()));
        }
    }
    bar.finish_and_clear();
    if bulk {
        store.bulk_load(false).context("building indexes")?;
    }
    if found.new > 0 {
        store.optimize()?;
    }
    let secs = start.elapsed().as_secs_f64();
    let stats = store.stats()?;
    report(&args, &found, &stats, secs)?;
    Ok(if found.skipped.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Counts a written batch's outcomes into the summary.
fn record(found: &mut Found, batch: &[Prepared], outcomes: Vec<Outcome>) {
    for (p, o) in batch.iter().zip(outcomes) {
        match o {
            Outcome::Existing => found.existing += 1,
            Outcome::New => {
                found.new += 1;
                found.events += p.doc.events.len();
                for ev in &p.doc.events {
                    *found.by_type.entry(ev.kind.clone()).or_default() += 1;
                    for a in [&ev.actor1, &ev.actor2].into_iter().flatten() {
                        *found.actors.entry(a.country.clone().unwrap_or_else(|| a.name.clone())).or_default() += 1;
                    }
                }
            }
        }
    }
}

fn report(args: &Args, found: &Found, stats: &sitrep_store::Stats, secs: f64) -> anyhow::Result<()> {
    let mut actors: Vec<(&String, &usize)> = found.actors.iter().collect();
    actors.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    actors.truncate(10);
    let processed = found.new + found.existing + found.skipped.len();
    let rate = if secs > 0.0 { processed as f64 / secs } else { 0.0 };
    if args.json {
        let v = serde_json::json!({
            "db": args.db.db,
            "new": found.new,
            "already_stored": found.existing,
            "skipped": found.skipped.iter().map(|(i, r)| serde_json::json!({"input": i, "reason": r})).collect::<Vec<_>>(),
            "events": found.events,
            "events_by_type": found.by_type,
            "top_actors": actors,
            "seconds": secs,
            "docs_per_sec": rate,
            "database": stats,
        });
        println!("{v}");
        return Ok(());
    }
    println!("{} new, {} already stored, {} skipped  ({processed} inputs in {secs:.1} s, {rate:.0} docs/s)", found.new, found.existing, found.skipped.len());
    if !found.skipped.is_empty() {
        println!("skipped:");
        for (input, reason) in found.skipped.iter().take(20) {
            println!("  {input}: {reason}");
        }
        if found.skipped.len() > 20 {
            println!("  ... and {} more", found.skipped.len() - 20);
        }
    }
    println!("found {} events in {} new documents", found.events, found.new);
    if !found.by_type.is_empty() {
        let mut types: Vec<_> = found.by_type.iter().collect();
        types.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        println!("  by type:    {}", types.iter().map(|(t, n)| format!("{t} {n}")).collect::<Vec<_>>().join(", "));
    }
    if !actors.is_empty() {
        println!("  top actors: {}", actors.iter().map(|(a, n)| format!("{a} {n}")).collect::<Vec<_>>().join(", "));
    }
    println!(
        "database {}: {} documents ({} stories), {} events in {} clusters ({} corroborated, {} contradicted)",
        args.db.db, stats.documents, stats.story_clusters, stats.events, stats.event_clusters, stats.corroborated_clusters, stats.contradicted_clusters
    );
    println!("next: sitrep query --db {} --type ASSAULT   |   sitrep stats --db {}", args.db.db, args.db.db);
    Ok(())
}
