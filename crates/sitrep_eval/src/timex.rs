//! `sitrep eval timex`: time expressions on TempEval-3 (TimeBank and AQUAINT, `tbaq_*.jsonl`).
//! Each record becomes a [`Document`] with `published` = the gold DCT and goes through
//! `sitrep_nlp::annotate` (one thread, knowledge loaded once, timed without file reading).
//! Scoring as TempEval-3: TIMEX3 span P/R/F1 strict (same character offsets) and relaxed
//! (any overlap, one-to-one), and value accuracy over relaxed matches. Our byte spans are
//! converted to the gold's character offsets. `scripts/heideltime_baseline.py` prints the
//! same figures for HeidelTime on the same records.

use std::io::BufRead;
use std::time::Instant;

use anyhow::Context;
use serde::Deserialize;
use sitrep_model::Document;

use crate::{EvalOptions, Report};

const FILES: &[(&str, &str)] = &[("timebank", "tbaq_timebank.jsonl"), ("aquaint", "tbaq_aquaint.jsonl")];

#[derive(Deserialize)]
struct Dct {
    value: String,
}

#[derive(Deserialize)]
struct Gold {
    start: usize,
    end: usize,
    text: String,
    value: String,
}

#[derive(Deserialize)]
struct Record {
    docid: String,
    text: String,
    gold_dct: Option<Dct>,
    #[serde(default)]
    gold_timex3: Vec<Gold>,
}

/// Counts over a set of documents.
#[derive(Default, Clone, Copy)]
struct Tally {
    gold: usize,
    pred: usize,
    strict: usize,
    relaxed: usize,
    value_ok: usize,
}

impl Tally {
    fn add(&mut self, o: Tally) {
        self.gold += o.gold;
        self.pred += o.pred;
        self.strict += o.strict;
        self.relaxed += o.relaxed;
        self.value_ok += o.value_ok;
    }
    fn f1(&self, hits: usize) -> f64 {
        let p = if self.pred == 0 { 0.0 } else { hits as f64 / self.pred as f64 };
        let r = if self.gold == 0 { 0.0 } else { hits as f64 / self.gold as f64 };
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
    fn push(&self, report: &mut Report, prefix: &str) {
        report.push(&format!("{prefix}_f1_strict"), self.f1(self.strict));
        report.push(&format!("{prefix}_f1_relaxed"), self.f1(self.relaxed));
        report.push(&format!("{prefix}_recall_relaxed"), ratio(self.relaxed, self.gold));
        report.push(&format!("{prefix}_precision_relaxed"), ratio(self.relaxed, self.pred));
        report.push(&format!("{prefix}_value_acc"), ratio(self.value_ok, self.relaxed));
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Byte offset -> character offset, for every char boundary of `text`.
fn char_offsets(text: &str) -> impl Fn(usize) -> usize + '_ {
    move |byte| text.get(..byte).map_or(0, |s| s.chars().count())
}

/// Score one document's predictions `(start, end, value)` in char offsets against gold.
fn score(gold: &[Gold], pred: &[(usize, usize, String, String)], errors: &mut Vec<serde_json::Value>, docid: &str) -> Tally {
    let mut t = Tally { gold: gold.len(), pred: pred.len(), ..Default::default() };
    let mut used = vec![false; pred.len()];
    for g in gold {
        let hit = pred.iter().enumerate().find(|(i, p)| !used[*i] && p.0 < g.end && g.start < p.1).map(|(i, _)| i);
        let Some(i) = hit else {
            if errors.len() < 20_000 {
                errors.push(serde_json::json!({"doc": docid, "miss": g.text, "gold": g.value}));
            }
            continue;
        };
        used[i] = true;
        let p = &pred[i];
        t.relaxed += 1;
        t.strict += usize::from(p.0 == g.start && p.1 == g.end);
        if p.2 == g.value {
            t.value_ok += 1;
        } else if errors.len() < 20_000 {
            errors.push(serde_json::json!({"doc": docid, "text": p.3, "gold_text": g.text, "ours": p.2, "gold": g.value}));
        }
    }
    for (i, p) in pred.iter().enumerate() {
        if !used[i] && errors.len() < 20_000 {
            errors.push(serde_json::json!({"doc": docid, "spurious": p.3, "ours": p.2}));
        }
    }
    t
}

pub fn run(opts: &EvalOptions) -> anyhow::Result<Report> {
    let knowledge = sitrep_nlp::Knowledge::load(opts.knowledge.as_deref()).context("load knowledge")?;
    let mut report = Report::new("timex");
    let mut all = Tally::default();
    let (mut docs, mut elapsed, mut words) = (0usize, 0.0f64, 0usize);
    let mut errors = Vec::new();
    let mut per_file = Vec::new();
    for (name, file) in FILES {
        let path = opts.data.join(file);
        let f = std::fs::File::open(&path).with_context(|| format!("open {}", path.display()))?;
        let mut tally = Tally::default();
        for (i, line) in std::io::BufReader::new(f).lines().enumerate() {
            if opts.limit.is_some_and(|l| i >= l) {
                break;
            }
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            let rec: Record = serde_json::from_str(&line).with_context(|| format!("{}:{}", path.display(), i + 1))?;
            let mut doc = Document::new(rec.docid.clone(), "tempeval3", rec.text.clone());
            doc.published = rec.gold_dct.as_ref().map(|d| d.value.clone());
            words += rec.text.split_whitespace().count();
            let start = Instant::now();
            sitrep_nlp::annotate(&mut doc, &knowledge);
            elapsed += start.elapsed().as_secs_f64();
            docs += 1;
            let to_char = char_offsets(&doc.text);
            let pred: Vec<_> = doc.times.iter().map(|t| (to_char(t.span.start), to_char(t.span.end), t.value.clone(), t.text.clone())).collect();
            tally.add(score(&rec.gold_timex3, &pred, &mut errors, &rec.docid));
        }
        tally.push(&mut report, name);
        all.add(tally);
        per_file.push(serde_json::json!({"set": name, "gold": tally.gold, "pred": tally.pred, "strict": tally.strict, "relaxed": tally.relaxed, "value_ok": tally.value_ok}));
    }
    all.push(&mut report, "overall");
    report.push("docs", docs as f64);
    report.push("docs_per_s", ratio(docs, 1) / elapsed.max(1e-9));
    report.push("words_per_s", words as f64 / elapsed.max(1e-9));
    report.details = serde_json::json!({"counts": per_file, "errors": errors});
    Ok(report)
}
