//! PolNeAR attribution: source, cue and content span F1, exact and overlap (gold offsets are
//! characters; ours are bytes, converted). The headline names are the dev split (unseen by
//! the learned cue model, trained on train only); train figures are `train_*`.

use crate::plover::common;

use common::{match_spans, CharIndex, Prf};
use rayon::prelude::*;
use serde_json::Value;

use crate::{EvalOptions, Report};

const PARTS: [&str; 3] = ["source", "cue", "content"];

/// Trimmed (start, end) character spans of one gold field.
fn gold_spans(a: &Value, field: &str, text: &[char]) -> Vec<(usize, usize)> {
    let Some(list) = a[field].as_array() else { return vec![] };
    let spans: Vec<(usize, usize)> = list
        .iter()
        .filter_map(|s| Some((s["start"].as_u64()? as usize, s["end"].as_u64()? as usize)))
        .collect();
    if spans.is_empty() {
        return vec![];
    }
    // Discontinuous spans count as one from the first start to the last end.
    let s = spans.iter().map(|x| x.0).min().unwrap_or(0);
    let e = spans.iter().map(|x| x.1).max().unwrap_or(0);
    vec![trim(s, e, text)]
}

/// Strips quotes, spaces and punctuation at the edges, so `“said,` and `said` match exactly.
/// A span made only of such characters (PolNeAR marks a bare `:` as a cue) is kept as it is:
/// trimming it to nothing would make it unmatchable for gold and prediction alike.
fn trim(s0: usize, e0: usize, t: &[char]) -> (usize, usize) {
    let (mut s, mut e) = (s0, e0);
    let junk = |c: char| c.is_whitespace() || matches!(c, '“' | '”' | '"' | ',' | '.' | '\'' | '‘' | '’' | ':');
    e = e.min(t.len());
    while s < e && junk(t[s]) {
        s += 1;
    }
    while e > s && junk(t[e - 1]) {
        e -= 1;
    }
    if s == e {
        return (s0, e0.min(t.len()));
    }
    (s, e)
}

/// Every gold span of one part ("source", "cue", "content") of a record.
fn gold_part(gold: &[Value], part: &str, chars: &[char]) -> Vec<(usize, usize)> {
    gold.iter().flat_map(|a| gold_spans(a, part, chars)).collect()
}

/// Every predicted span of one part, as trimmed character spans.
fn predicted_part(attrs: &[&sitrep_model::Attribution], part: &str, ix: &CharIndex, chars: &[char]) -> Vec<(usize, usize)> {
    attrs
        .iter()
        .filter_map(|a| match part {
            "source" => a.source.as_ref().and_then(|s| s.span),
            "cue" => a.cue.as_ref().map(|c| c.span),
            _ => a.content,
        })
        .map(|s| {
            let (a, b) = ix.span(s);
            trim(a, b, chars)
        })
        .collect()
}

/// Overlap cue counts of one extracted document against its PolNeAR record: (matched
/// predictions, predictions, matched gold, gold). Used by the cue model's trainer to pick
/// its threshold on held-out train documents with the metric this evaluation reports.
pub fn cue_counts(doc: &sitrep_model::Document, r: &Value) -> (usize, usize, usize, usize) {
    let chars: Vec<char> = r["text"].as_str().unwrap_or("").chars().collect();
    let gold = r["gold_attributions"].as_array().cloned().unwrap_or_default();
    let pr = predicted_part(&common::attributions(doc), "cue", &CharIndex::new(&doc.text), &chars);
    let m = match_spans(&pr, &gold_part(&gold, "cue", &chars), false);
    (m.tp_pred, m.pred, m.tp_gold, m.gold)
}

/// Cue words missed and wrongly found, for the verbose report.
type CueErrors = (Vec<String>, Vec<String>);

/// Per record: [source, cue, content] x [overlap, exact].
fn score(p: &sitrep_pipeline::Pipeline, r: &Value) -> ([[Prf; 2]; 3], CueErrors) {
    let text = r["text"].as_str().unwrap_or("");
    let chars: Vec<char> = text.chars().collect();
    let doc = common::run_text(p, r["id"].as_str().unwrap_or("polnear"), text, r["publication_date"].as_str());
    let ix = CharIndex::new(&doc.text);
    let attrs = common::attributions(&doc);
    let mut out = [[Prf::default(); 2]; 3];
    let mut errs: CueErrors = (vec![], vec![]);
    let gold = r["gold_attributions"].as_array().cloned().unwrap_or_default();
    for (pi, part) in PARTS.iter().enumerate() {
        let g = gold_part(&gold, part, &chars);
        let pr = predicted_part(&attrs, part, &ix, &chars);
        out[pi][0] = match_spans(&pr, &g, false);
        out[pi][1] = match_spans(&pr, &g, true);
        if *part == "cue" {
            let ctx = std::env::var("SITREP_EVAL_CONTEXT").ok();
            let word = |s: &(usize, usize)| {
                let w = chars[s.0..s.1.min(chars.len())].iter().collect::<String>().to_lowercase();
                if ctx.as_deref() == Some(w.as_str()) {
                    let a = s.0.saturating_sub(100);
                    let b = (s.1 + 60).min(chars.len());
                    format!("{w}: {}", chars[a..b].iter().collect::<String>().replace('\n', " "))
                } else {
                    w
                }
            };
            if let Ok(path) = std::env::var("SITREP_EVAL_DUMP") {
                dump(&path, r["id"].as_str().unwrap_or(""), r["split"].as_str().unwrap_or(""), &chars, &g, &pr);
            }
            errs.0 = g.iter().filter(|x| !pr.iter().any(|y| y.0 < x.1 && x.0 < y.1)).map(word).collect();
            errs.1 = pr.iter().filter(|x| !g.iter().any(|y| y.0 < x.1 && x.0 < y.1)).map(word).collect();
        }
    }
    if std::env::var_os("SITREP_EVAL_SOURCES").is_some() {
        let txt = |a: usize, b: usize| chars[a..b.min(chars.len())].iter().collect::<String>();
        for at in &attrs {
            let (Some(c), Some(src)) = (&at.cue, at.source.as_ref().and_then(|s| s.span)) else { continue };
            let (ca, cb) = ix.span(c.span);
            let (sa, sb) = ix.span(src);
            for g in &gold {
                let gc = gold_spans(g, "cue", &chars);
                let gs = gold_spans(g, "source", &chars);
                if gc.iter().any(|x| x.0 < cb && ca < x.1) && !gs.iter().any(|x| x.0 < sb && sa < x.1) {
                    eprintln!("SRC pred {:?} gold {:?} cue {:?}", txt(sa, sb), gs.first().map(|x| txt(x.0, x.1)), txt(ca, cb));
                }
            }
        }
    }
    (out, errs)
}

/// Appends every gold and predicted cue, tagged tp/fp/fn with context, to `path` (TSV) for
/// error analysis: `SITREP_EVAL_DUMP=/tmp/cues.tsv sitrep eval polnear`.
fn dump(path: &str, id: &str, split: &str, chars: &[char], g: &[(usize, usize)], pr: &[(usize, usize)]) {
    use std::io::Write;
    let txt = |a: usize, b: usize| chars[a.min(chars.len())..b.min(chars.len())].iter().collect::<String>().replace(['\n', '\t'], " ");
    let line = |tag: &str, s: &(usize, usize)| format!("{split}\t{id}\t{tag}\t{}\t{}\t{}\t{}\t{}\n", txt(s.0, s.1), txt(s.0.saturating_sub(120), s.0), txt(s.1, s.1 + 80), s.0, s.1);
    let mut out = String::new();
    for x in g {
        let hit = pr.iter().any(|y| y.0 < x.1 && x.0 < y.1);
        out.push_str(&line(if hit { "tp" } else { "fn" }, x));
    }
    for x in pr.iter().filter(|x| !g.iter().any(|y| y.0 < x.1 && x.0 < y.1)) {
        out.push_str(&line("fp", x));
    }
    if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(path) {
        let _ = f.write_all(out.as_bytes());
    }
}

fn top(words: Vec<String>) -> Value {
    let mut m: std::collections::BTreeMap<String, usize> = Default::default();
    for w in words {
        *m.entry(w).or_default() += 1;
    }
    let mut v: Vec<(String, usize)> = m.into_iter().collect();
    v.sort_by_key(|x| std::cmp::Reverse(x.1));
    v.truncate(if std::env::var_os("SITREP_EVAL_CONTEXT").is_some() { 2000 } else { 40 });
    serde_json::json!(v)
}

/// Headline metrics (`source_f1`, `cue_f1`, ...) are on the dev split, which the learned cue
/// model never trains on; the train split's figures carry a `train_` prefix.
pub fn run(opts: &EvalOptions) -> anyhow::Result<Report> {
    let p = common::pipeline(opts)?;
    let mut report = Report::new("polnear");
    let mut details = serde_json::Map::new();
    for split in ["dev", "train"] {
        let path = opts.data.join(format!("polnear_{split}.jsonl"));
        if !path.exists() {
            continue;
        }
        let recs = common::read_jsonl(&path, opts.limit)?;
        let scores: Vec<_> = recs.par_iter().map(|r| score(&p, r)).collect();
        let mut tot = [[Prf::default(); 2]; 3];
        if std::env::var_os("SITREP_EVAL_VERBOSE").is_some() {
            let missed: Vec<String> = scores.iter().flat_map(|s| s.1 .0.clone()).collect();
            let wrong: Vec<String> = scores.iter().flat_map(|s| s.1 .1.clone()).collect();
            details.insert(format!("{split}_missed_cues"), top(missed));
            details.insert(format!("{split}_wrong_cues"), top(wrong));
        }
        for (s, _) in scores {
            for i in 0..3 {
                for j in 0..2 {
                    tot[i][j].add(s[i][j]);
                }
            }
        }
        let prefix = if split == "dev" { "" } else { "train_" };
        for (i, part) in PARTS.iter().enumerate() {
            report.push(&format!("{prefix}{part}_f1"), tot[i][0].f1());
            report.push(&format!("{prefix}{part}_precision"), tot[i][0].p());
            report.push(&format!("{prefix}{part}_recall"), tot[i][0].r());
            report.push(&format!("{prefix}{part}_f1_exact"), tot[i][1].f1());
            report.push(&format!("{prefix}{part}_precision_exact"), tot[i][1].p());
            report.push(&format!("{prefix}{part}_recall_exact"), tot[i][1].r());
        }
        details.insert(format!("{split}_records"), recs.len().into());
    }
    report.details = details.into();
    Ok(report)
}
