//! `sitrep explain`: each event of a page with the rule behind each field.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::common::PipelineArgs;

#[derive(clap::Args, Debug)]
#[command(after_help = "Example:\n  sitrep explain ../shared/corpus/seed/north-korean-troops-seoul-says.txt --event ev2")]
pub struct Args {
    /// A page (any input format sitrep reads).
    pub path: PathBuf,
    /// Only this event (e.g. ev2); default all.
    #[arg(long)]
    pub event: Option<String>,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let pipeline = args.pipeline.pipeline()?;
    let opts = args.pipeline.ingest_options();
    let mut found = false;
    for raw in sitrep_ingest::open(std::slice::from_ref(&args.path), &opts) {
        let doc = pipeline.process(&raw?)?;
        for ev in doc.events.iter().filter(|e| args.event.as_deref().is_none_or(|id| id == e.id)) {
            found = true;
            println!("{} {} ({})", ev.id, ev.kind, ev.mode.as_deref().unwrap_or("-"));
            println!("  evidence: {}", ev.evidence.text);
            if let Some(t) = &ev.trigger {
                println!("  trigger:  {:?} at {:?}", t.text, t.span);
            }
            for rule in &ev.rules {
                println!("  rule:     {rule}");
            }
        }
    }
    if !found {
        eprintln!("no matching event");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
