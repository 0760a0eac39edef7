//! `sitrep eval clean`: main-content extraction on the trafilatura evaluation pages
//! (`trafilatura_eval.jsonl` + `html/`). Scored exactly as trafilatura's own comparison:
//! a `gold_with` snippet found verbatim in the text is a true positive (missing: false
//! negative), a `gold_without` snippet found is a false positive (absent: true negative).
//! Title and date accuracy are exact matches over pages with gold. Runs clean only, on one
//! thread, timing clean itself (CPU time; file reading excluded) for `pages_per_s`.
//! `scripts/trafilatura_baseline.py` prints the same figures for trafilatura.

use std::io::BufRead;
use std::time::Instant;

use anyhow::Context;
use serde::Deserialize;
use sitrep_clean::{clean, CleanConfig};
use sitrep_model::RawDoc;

use crate::{EvalOptions, Report};

#[derive(Deserialize)]
struct Page {
    url: Option<String>,
    html_file: String,
    #[serde(default)]
    gold_with: Vec<String>,
    #[serde(default)]
    gold_without: Vec<String>,
    gold_title: Option<String>,
    gold_date: Option<String>,
}

fn norm_title(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

pub fn run(opts: &EvalOptions) -> anyhow::Result<Report> {
    let index = opts.data.join("trafilatura_eval.jsonl");
    let file = std::fs::File::open(&index).with_context(|| format!("open {}", index.display()))?;
    let cfg = CleanConfig { record_removed: false, ..Default::default() };
    let (mut tp, mut fp, mut tn, mut fn_) = (0usize, 0usize, 0usize, 0usize);
    let (mut dates, mut dates_ok, mut titles, mut titles_ok, mut pages, mut failed) = (0, 0, 0, 0, 0usize, 0usize);
    let mut misses: Vec<serde_json::Value> = Vec::new();
    let mut date_misses: Vec<serde_json::Value> = Vec::new();
    let mut elapsed = 0.0f64;
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        if opts.limit.is_some_and(|l| pages >= l) {
            break;
        }
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let page: Page = serde_json::from_str(&line).with_context(|| format!("{}:{}", index.display(), i + 1))?;
        let bytes = std::fs::read(opts.data.join(&page.html_file)).with_context(|| format!("read {}", page.html_file))?;
        let mut raw = RawDoc::html(&page.html_file, bytes);
        raw.url = page.url.clone();
        let (start, cpu0) = (Instant::now(), thread_cpu_seconds());
        let doc = clean(&raw, &cfg);
        // CPU time of this thread when the OS reports it (a busy machine does not deflate
        // it), else wall-clock time.
        elapsed += match (cpu0, thread_cpu_seconds()) {
            (Some(a), Some(b)) if b >= a => b - a,
            _ => start.elapsed().as_secs_f64(),
        };
        pages += 1;
        let doc = match doc {
            Ok(d) => Some(d),
            Err(_) => {
                failed += 1;
                None
            }
        };
        let text = doc.as_ref().map_or("", |d| d.text.as_str());
        let (mut page_fn, mut page_fp) = (vec![], vec![]);
        for s in &page.gold_with {
            if text.contains(s.as_str()) {
                tp += 1;
            } else {
                fn_ += 1;
                page_fn.push(s.clone());
            }
        }
        for s in &page.gold_without {
            if text.contains(s.as_str()) {
                fp += 1;
                page_fp.push(s.clone());
            } else {
                tn += 1;
            }
        }
        if let Some(g) = page.gold_date.as_ref().filter(|g| !g.trim().is_empty()) {
            dates += 1;
            let got = doc.as_ref().and_then(|d| d.published_date());
            if got == g.get(..10) {
                dates_ok += 1;
            } else if date_misses.len() < 200 {
                let source = doc.as_ref().and_then(|d| d.debug.date_source.clone());
                date_misses.push(serde_json::json!({"page": page.html_file, "gold": g, "got": got, "source": source}));
            }
        }
        if let Some(g) = page.gold_title.as_ref().filter(|g| !g.trim().is_empty()) {
            titles += 1;
            if doc.as_ref().and_then(|d| d.title.as_deref()).is_some_and(|t| norm_title(t) == norm_title(g)) {
                titles_ok += 1;
            }
        }
        if (!page_fn.is_empty() || !page_fp.is_empty()) && misses.len() < 200 {
            misses.push(serde_json::json!({"page": page.html_file, "missed": page_fn, "kept_boilerplate": page_fp}));
        }
    }
    let precision = ratio(tp, tp + fp);
    let recall = ratio(tp, tp + fn_);
    let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
    let mut r = Report::new("clean");
    r.push("precision", precision);
    r.push("recall", recall);
    r.push("f1", f1);
    r.push("date_accuracy", ratio(dates_ok, dates));
    r.push("title_accuracy", ratio(titles_ok, titles));
    r.push("pages_per_s", if elapsed > 0.0 { pages as f64 / elapsed } else { 0.0 });
    r.details = serde_json::json!({
        "pages": pages, "failed": failed, "tp": tp, "fp": fp, "tn": tn, "fn": fn_,
        "dates": dates, "titles": titles, "errors": misses, "date_errors": date_misses,
    });
    Ok(r)
}

/// CPU time consumed by the calling thread (Linux `schedstat`, nanoseconds), in seconds.
fn thread_cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns as f64 / 1e9)
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}
