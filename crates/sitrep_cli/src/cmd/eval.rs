//! `sitrep eval SET`: score a stage on a shared evaluation set and check it against floors.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use sitrep_eval::{floors, EvalOptions, Report, SETS};

#[derive(clap::Args, Debug)]
#[command(after_help = "Sets: clean, timex, geo, plover, polnear, ucdp, petrarch, syndication, or all.\n\
Example: sitrep eval clean --data ../shared/data/trafilatura-eval")]
pub struct Args {
    /// Which evaluation set to run (`all` runs every set).
    pub set: String,
    /// The set's folder; default ../shared/data/<folder>.
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Score only the first N records.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Knowledge directory passed to the pipeline.
    #[arg(long, value_name = "DIR")]
    pub knowledge: Option<PathBuf>,
    /// Fail (exit 1) when a figure is below its floor in this file (e.g. eval/floors.toml); a key
    /// ending in `_max` is a ceiling instead.
    #[arg(long, value_name = "FILE")]
    pub floors: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let floors = match &args.floors {
        Some(p) => {
            let text = std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
            floors::parse(&text).with_context(|| format!("parsing {}", p.display()))?
        }
        None => Default::default(),
    };
    let sets: Vec<_> = if args.set == "all" {
        SETS.iter().collect()
    } else {
        let s = SETS.iter().find(|s| s.name == args.set).with_context(|| {
            let names: Vec<_> = SETS.iter().map(|s| s.name).collect();
            format!("unknown set {:?}; known: {}", args.set, names.join(", "))
        })?;
        vec![s]
    };
    let mut failed = false;
    for set in sets {
        let data = match (&args.data, args.set == "all") {
            (Some(d), false) => d.clone(),
            (Some(d), true) => d.join(set.folder),
            (None, _) => PathBuf::from("../shared/data").join(set.folder),
        };
        let opts = EvalOptions { data: data.clone(), limit: args.limit, knowledge: args.knowledge.clone() };
        let report = (set.run)(&opts).with_context(|| format!("eval {} on {}", set.name, data.display()))?;
        print_report(&report, args.json)?;
        for (name, value, floor) in floors::violations(&report, &floors) {
            match name.strip_suffix("_max") {
                Some(metric) => eprintln!("CEILING {}: {metric} = {value:.4} is above its ceiling {floor:.4}", set.name),
                None => eprintln!("FLOOR {}: {name} = {value:.4} is below its floor {floor:.4}", set.name),
            }
            failed = true;
        }
    }
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn print_report(report: &Report, json: bool) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string(report)?);
        return Ok(());
    }
    println!("== {}", report.set);
    for m in &report.metrics {
        println!("  {:<32} {:>10.4}", m.name, m.value);
    }
    if !report.details.is_null() {
        println!("  details: {}", serde_json::to_string_pretty(&report.details)?);
    }
    Ok(())
}
