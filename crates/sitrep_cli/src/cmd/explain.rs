//! `sitrep explain`: each event of a page with every field and the rule behind it
//! (trigger and lexicon entry, actor roles, date, place, counts, attribution, certainty).

use std::path::PathBuf;
use std::process::ExitCode;

use sitrep_model::{ActorRef, Event};

use crate::common::PipelineArgs;

#[derive(clap::Args, Debug)]
#[command(after_help = "Example:\n  sitrep explain ../shared/corpus/seed/north-korean-troops-seoul-says.txt --event ev2")]
pub struct Args {
    /// A page (any input format sitrep reads).
    pub path: PathBuf,
    /// Only this event (e.g. ev2) or claim (c1); default all events and claims.
    #[arg(long)]
    pub event: Option<String>,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
}

fn actor(a: &Option<ActorRef>) -> String {
    match a {
        Some(a) => format!(
            "{} [{}{}]{}",
            a.name,
            a.country.as_deref().unwrap_or("?"),
            a.sector.as_deref().map(|s| format!(" {s}")).unwrap_or_default(),
            a.entity.as_deref().map(|e| format!(" ({e})")).unwrap_or_default()
        ),
        None => "-".into(),
    }
}

fn print_event(ev: &Event) {
    println!("{} {} ({})  cameo {}  acled {}", ev.id, ev.kind, ev.mode.as_deref().unwrap_or("-"), ev.cameo.as_deref().unwrap_or("-"),
        ev.acled.as_ref().map(|a| format!("{} / {}", a.event_type, a.sub_event_type.as_deref().unwrap_or("-"))).unwrap_or("-".into()));
    println!("  evidence:   {}", ev.evidence.text);
    if let Some(t) = &ev.trigger {
        println!("  trigger:    {:?} at {:?}", t.text, t.span);
    }
    println!("  modality:   {:?}", ev.modality);
    println!("  actor1:     {}", actor(&ev.actor1));
    println!("  actor2:     {}", actor(&ev.actor2));
    if let Some(d) = &ev.date {
        println!("  date:       {} ({}){}", d.value, d.precision, if d.unresolved { " unresolved" } else { "" });
    }
    if let Some(p) = &ev.place {
        println!("  place:      {} [{}]", p.name, p.country.as_deref().unwrap_or("?"));
    }
    if let Some(f) = &ev.fatalities {
        println!("  fatalities: {}-{} {:?}", f.low, f.high, f.text.as_deref().unwrap_or(""));
    }
    if let Some(f) = &ev.injuries {
        println!("  injuries:   {}-{} {:?}", f.low, f.high, f.text.as_deref().unwrap_or(""));
    }
    if !ev.weapons.is_empty() {
        println!("  weapons:    {}", ev.weapons.join(", "));
    }
    let a = &ev.attribution;
    println!(
        "  source:     {} (cue {}){}",
        a.source.as_ref().map_or("the outlet's own voice".to_string(), |s| s.name.clone()),
        a.cue.as_ref().map_or("-".to_string(), |c| format!("{:?}", c.text)),
        if a.quote { ", direct quote" } else { "" }
    );
    println!("  certainty:  {} ({:.2}-{:.2})", a.certainty.label, a.certainty.low, a.certainty.high);
    for rule in &ev.rules {
        println!("  rule:       {rule}");
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let pipeline = args.pipeline.pipeline()?;
    let opts = args.pipeline.ingest_options();
    let mut found = false;
    for raw in sitrep_ingest::open(std::slice::from_ref(&args.path), &opts) {
        let doc = pipeline.process(&raw?)?;
        for ev in doc.events.iter().filter(|e| args.event.as_deref().is_none_or(|id| id == e.id)) {
            found = true;
            print_event(ev);
        }
        for c in doc.claims.iter().filter(|c| args.event.as_deref().is_none_or(|id| id == c.id)) {
            found = true;
            let a = &c.attribution;
            println!("{} claim ({:?}): {}", c.id, c.modality, c.text);
            println!(
                "  source:     {} (cue {}){}; certainty {} ({:.2}-{:.2})",
                a.source.as_ref().map_or("the outlet's own voice".to_string(), |s| s.name.clone()),
                a.cue.as_ref().map_or("-".to_string(), |c| format!("{:?}", c.text)),
                if a.quote { ", direct quote" } else { "" },
                a.certainty.label,
                a.certainty.low,
                a.certainty.high
            );
            for rule in &c.rules {
                println!("  rule:       {rule}");
            }
        }
    }
    if !found {
        eprintln!("no matching event");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
