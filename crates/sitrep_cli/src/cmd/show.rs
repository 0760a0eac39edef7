//! `sitrep show ID`: one event with its evidence sentence, sources, certainty, cluster,
//! corroboration, contradictions and revision log.

use std::process::ExitCode;

use super::ingest::DbArgs;

#[derive(clap::Args, Debug)]
#[command(after_help = "Example:\n  sitrep query --type ASSAULT --limit 1\n  sitrep show 'doc-3f2a…:ev1'")]
pub struct Args {
    /// Event id as `sitrep query` prints it (DOCUMENT:EVENT).
    pub id: String,
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub db: DbArgs,
}

fn or_dash(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("-")
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut store = args.db.open()?;
    let Some(d) = store.show(&args.id)? else {
        eprintln!("no event {:?} in {}; `sitrep query` lists event ids", args.id, args.db.db);
        return Ok(ExitCode::from(1));
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&d)?);
        return Ok(ExitCode::SUCCESS);
    }
    let e = &d.event;
    let actor = |n: &Option<String>, c: &Option<String>, s: &Option<String>| {
        format!("{} [{}{}]", or_dash(n), or_dash(c), s.as_ref().map(|s| format!(" {s}")).unwrap_or_default())
    };
    println!("{}  {}{}  ({})", e.id, e.kind, e.mode.as_ref().map(|m| format!("/{m}")).unwrap_or_default(), e.modality);
    println!("  actor1:     {}", actor(&e.actor1, &e.actor1_country, &e.actor1_sector));
    println!("  actor2:     {}", actor(&e.actor2, &e.actor2_country, &e.actor2_sector));
    println!("  date:       {} ({})", or_dash(&e.date), or_dash(&e.date_precision));
    let coords = match (e.lat, e.lon) {
        (Some(a), Some(b)) => format!(" ({a:.3}, {b:.3})"),
        _ => String::new(),
    };
    println!("  place:      {} [{}]{coords}", or_dash(&e.place), or_dash(&e.place_country));
    if let (Some(l), Some(h)) = (e.fatalities_low, e.fatalities_high) {
        println!("  fatalities: {}", if l == h { format!("{l}") } else { format!("{l}-{h}") });
    }
    println!(
        "  certainty:  {} ({:.2}-{:.2}){}",
        or_dash(&e.certainty),
        e.certainty_low.unwrap_or(0.0),
        e.certainty_high.unwrap_or(0.0),
        e.source.as_ref().map(|s| format!(", according to {s}")).unwrap_or_default()
    );
    println!("  evidence:   \"{}\"  [bytes {}..{}]", e.evidence.as_deref().unwrap_or(""), e.evidence_span[0], e.evidence_span[1]);
    println!("  document:   {} {} {} {}", e.document, or_dash(&e.site), or_dash(&e.published), or_dash(&e.url));
    if let Some(t) = &e.title {
        println!("  title:      {t}");
    }
    println!(
        "cluster {}: {} report(s), {} independent stor{} (corroboration), first seen {}, last seen {}{}",
        e.cluster,
        e.reports,
        e.corroboration,
        if e.corroboration == 1 { "y" } else { "ies" },
        or_dash(&e.first_seen),
        or_dash(&e.last_seen),
        if e.contradicted { "; CONTRADICTED: some reports deny it" } else { "" }
    );
    for r in &d.reports {
        println!(
            "  - {} {} story {} {} {}{}: \"{}\"",
            or_dash(&r.published),
            or_dash(&r.site),
            r.story_cluster.map(|s| s.to_string()).unwrap_or_default(),
            r.modality,
            or_dash(&r.certainty),
            r.source.as_ref().map(|s| format!(" ({s})")).unwrap_or_default(),
            r.evidence.as_deref().unwrap_or("").replace('\n', " ")
        );
    }
    if !d.revisions.is_empty() {
        println!("revisions:");
        for r in &d.revisions {
            println!("  {} changed {}: {} -> {}", r.document, r.field, or_dash(&r.old), or_dash(&r.new));
        }
    }
    Ok(ExitCode::SUCCESS)
}
