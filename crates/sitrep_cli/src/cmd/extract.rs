//! `sitrep extract`: pages in, one v1 JSON document per line out.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use rayon::prelude::*;
use sitrep_model::RawDoc;

use crate::common::{progress, PipelineArgs};

/// Documents processed together; bounds memory whatever the corpus size.
const CHUNK: usize = 256;

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  sitrep extract examples/\n  \
sitrep extract --published 2024-10-09 page.html --pretty\n  \
cat records.jsonl | sitrep extract --stream\n\n\
Exit status: 0 when every input was processed, 1 when some were skipped (each reported on stderr), 2 on a fatal error.")]
pub struct Args {
    /// Files or directories: .txt, .html, .jsonl, .warc, .warc.gz (directories are read recursively).
    pub paths: Vec<PathBuf>,
    /// Read JSONL records ({"id","url","html"|"text","published"}) on stdin; write one line per record, flushed.
    #[arg(long)]
    pub stream: bool,
    /// Indented JSON for humans.
    #[arg(long)]
    pub pretty: bool,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let pipeline = args.pipeline.pipeline()?;
    if args.stream {
        return stream(&pipeline, &args);
    }
    if args.paths.is_empty() {
        anyhow::bail!("give at least one file or directory (or --stream to read JSONL on stdin); see `sitrep extract --help`");
    }
    let opts = args.pipeline.ingest_options();
    let bar = progress(None, "documents");
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut skipped = 0usize;
    let mut inputs = sitrep_ingest::open(&args.paths, &opts).peekable();
    while inputs.peek().is_some() {
        let mut chunk: Vec<RawDoc> = Vec::with_capacity(CHUNK);
        for item in inputs.by_ref().take(CHUNK) {
            match item {
                Ok(raw) => chunk.push(raw),
                Err(e) => {
                    skipped += 1;
                    bar.suspend(|| eprintln!("skipped {e}"));
                }
            }
        }
        let results: Vec<_> = chunk.par_iter().map(|r| pipeline.process(r)).collect();
        for result in results {
            match result {
                Ok(doc) => write_json(&mut out, &doc, args.pretty)?,
                Err(e) => {
                    skipped += 1;
                    // Stage errors already name the input they came from.
                    bar.suspend(|| eprintln!("skipped {e}"));
                }
            }
            bar.inc(1);
        }
    }
    out.flush()?;
    bar.finish_and_clear();
    if skipped > 0 {
        eprintln!("{skipped} input(s) skipped");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn stream(pipeline: &sitrep_pipeline::Pipeline, args: &Args) -> anyhow::Result<ExitCode> {
    let opts = args.pipeline.ingest_options();
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut skipped = 0usize;
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let location = format!("stdin:{}", n + 1);
        let result = sitrep_ingest::parse_record(&line, &location, &opts)
            .map_err(|e| e.to_string())
            .and_then(|raw| pipeline.process(&raw).map_err(|e| e.to_string()));
        match result {
            Ok(doc) => write_json(&mut out, &doc, args.pretty)?,
            Err(message) => {
                skipped += 1;
                let id = serde_json::from_str::<serde_json::Value>(&line)
                    .ok()
                    .and_then(|v| v.get("id").cloned())
                    .unwrap_or(serde_json::Value::Null);
                eprintln!("skipped {message}");
                writeln!(out, "{}", serde_json::json!({"id": id, "error": message}))?;
            }
        }
        out.flush()?;
    }
    Ok(if skipped > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn write_json(out: &mut impl Write, doc: &sitrep_model::Document, pretty: bool) -> anyhow::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut *out, doc)?;
    } else {
        serde_json::to_writer(&mut *out, doc)?;
    }
    writeln!(out)?;
    Ok(())
}
