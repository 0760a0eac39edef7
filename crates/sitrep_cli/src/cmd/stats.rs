//! `sitrep stats`: what the database holds.

use std::process::ExitCode;

use super::ingest::DbArgs;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
    /// Also run the backend's integrity check (SQLite `PRAGMA integrity_check`).
    #[arg(long)]
    pub check: bool,
    #[command(flatten)]
    pub db: DbArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut store = args.db.open()?;
    let s = store.stats()?;
    let check = if args.check { Some(store.check()?) } else { None };
    if args.json {
        let mut v = serde_json::to_value(&s)?;
        if let (Some(c), Some(o)) = (&check, v.as_object_mut()) {
            o.insert("integrity".into(), c.clone().into());
        }
        println!("{v}");
    } else {
        println!("{} ({} backend, schema v{})", args.db.db, s.backend, s.schema_version);
        println!("  documents        {:>9}  in {} story clusters (syndicated copies count once)", s.documents, s.story_clusters);
        println!("  events           {:>9}  in {} event clusters", s.events, s.event_clusters);
        println!("  corroborated     {:>9}  clusters reported by 2+ independent stories", s.corroborated_clusters);
        println!("  contradicted     {:>9}  clusters asserted by some and denied by others", s.contradicted_clusters);
        println!("  revisions        {:>9}", s.revisions);
        println!("  claims           {:>9}", s.claims);
        println!("  entities         {:>9}", s.entities);
        println!("  event dates      {} .. {}", s.first_date.as_deref().unwrap_or("-"), s.last_date.as_deref().unwrap_or("-"));
        let list = |v: &[(String, i64)]| v.iter().map(|(k, n)| format!("{k} {n}")).collect::<Vec<_>>().join(", ");
        println!("  by type          {}", list(&s.events_by_type));
        println!("  top actors       {}", list(&s.top_actors));
        println!("  top sites        {}", list(&s.top_sites));
        if let Some(c) = &check {
            println!("  integrity        {c}");
        }
    }
    Ok(match check {
        Some(c) if c != "ok" => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    })
}
