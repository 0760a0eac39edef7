//! Throughput of the whole annotate stage on one core: knowledge load time, then words/s over
//! a JSONL corpus of clean texts (`body` or `text` field), default the shared BBC news set.
//!
//!     cargo run --release -p sitrep_nlp --example annotate_speed [-- FILE.jsonl [ROUNDS]]
//!
//! Speeds are per CPU second of this thread (`/proc/thread-self/schedstat`, so other load on
//! a shared machine does not count), with wall time beside them; pin it with `taskset -c 0`.
//! Peak RSS is the process's `VmHWM`. `scripts/spacy_baseline.py` prints the same figures
//! for spaCy on the same texts.

use std::time::Instant;

use sitrep_model::Document;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| "../shared/data/bbc-news/bbc_news.jsonl".into());
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let t0 = Instant::now();
    let k = sitrep_nlp::Knowledge::load(None)?;
    let load = t0.elapsed();
    let texts: Vec<String> = std::fs::read_to_string(&path)?
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("body").or_else(|| v.get("text")).and_then(|b| b.as_str()).map(str::to_string))
        .collect();
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let (mut mentions, mut places) = (0, 0);
    let t1 = Instant::now();
    let c1 = thread_cpu();
    for _ in 0..rounds {
        for (i, t) in texts.iter().enumerate() {
            let mut doc = Document::new(format!("d{i}"), "bench", t.clone());
            doc.published = Some("2005-01-01".into());
            sitrep_nlp::annotate(&mut doc, &k);
            mentions += doc.mentions.len();
            places += doc.places.len();
        }
    }
    let wall = t1.elapsed().as_secs_f64();
    let secs = match (c1, thread_cpu()) {
        (Some(a), Some(b)) if b > a => b - a,
        _ => wall,
    };
    println!(
        "knowledge load {:.2}s; {} docs x {rounds}, {} words/round; {:.0} words/s, {:.0} docs/s (CPU {secs:.2}s, wall {wall:.2}s); peak RSS {} MiB; {} mentions, {} places",
        load.as_secs_f64(),
        texts.len(),
        words,
        (words * rounds) as f64 / secs,
        (texts.len() * rounds) as f64 / secs,
        peak_rss_kib().map_or("?".to_string(), |k| (k / 1024).to_string()),
        mentions / rounds,
        places / rounds
    );
    Ok(())
}

/// CPU seconds this thread has run (Linux); None elsewhere.
fn thread_cpu() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Peak resident set size in KiB (Linux `VmHWM`).
fn peak_rss_kib() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
