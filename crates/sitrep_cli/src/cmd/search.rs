//! `sitrep search`: documents whose title or body holds every word, as a table, JSONL or CSV.
//! Ingest does not index bodies; the first search after new documents indexes them.

use std::io::Write;
use std::process::ExitCode;

use super::ingest::DbArgs;
use super::output::{cut, OutputArgs};

#[derive(clap::Args, Debug)]
#[command(after_help = "Searches whole documents (title and body), not events: `sitrep query --text` \
searches event sentences, actor and place names.\n\
Ingest does not index bodies; the first search after an ingest indexes the new documents \
(seconds for a million-event database), later ones are immediate.\n\n\
Results: a table of documents, the most recently stored first.\n  \
--json fields: id, title, url, site, published, events (how many events were extracted)\n  \
--csv columns: id,published,site,events,title,url\n\n\
Examples:\n  sitrep search \"glide bomb\"\n  \
sitrep search ceasefire talks --limit 10 --json\n  \
sitrep search --csv Kharkiv --db news.db")]
pub struct Args {
    /// Words to search for; every one must occur (any case; singular or plural)
    #[arg(required = true, num_args = 1..)]
    pub words: Vec<String>,
    #[command(flatten)]
    pub db: DbArgs,
    // Last: its help heading applies to the fields after it too.
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut store = args.db.open()?;
    let hits = store.search_documents(&args.words.join(" "), args.output.limit)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let o = |s: &Option<String>| s.clone().unwrap_or_default();
    if args.output.json {
        for h in &hits {
            writeln!(out, "{}", serde_json::to_string(h)?)?;
        }
    } else if args.output.csv {
        writeln!(out, "id,published,site,events,title,url")?;
        for h in &hits {
            let f = [h.id.clone(), o(&h.published), o(&h.site), h.events.to_string(), o(&h.title), o(&h.url)];
            let f: Vec<String> = f.iter().map(|x| sitrep_store::export_csv_field(x)).collect();
            writeln!(out, "{}", f.join(","))?;
        }
    } else {
        writeln!(out, "{:<28} {:<10} {:<20} {:>6}  title", "id", "published", "site", "events")?;
        for h in &hits {
            let dash = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
            writeln!(
                out,
                "{:<28} {:<10} {:<20} {:>6}  {}",
                cut(&h.id, 28),
                cut(&dash(&h.published), 10),
                cut(&dash(&h.site), 20),
                h.events,
                cut(&dash(&h.title).replace('\n', " "), 80)
            )?;
        }
        if hits.is_empty() {
            writeln!(out, "(no documents match; `sitrep stats --db {}` shows what the database holds)", args.db.db)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
