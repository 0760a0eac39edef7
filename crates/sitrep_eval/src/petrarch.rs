//! PETRARCH2 unit-test sentences coded with PETRARCH's own dictionaries: the share of
//! expected (source, target, CAMEO root) triples sitrep finds. This proves the dictionaries
//! are user-extensible: the dictionary directory is passed as `--knowledge DIR` unchanged;
//! extract reads its `*.verbs.txt` and the language layer its `*.actors.txt`.

use crate::plover::common;

use common::ratio;
use rayon::prelude::*;
use serde_json::Value;
use sitrep_pipeline::{Pipeline, PipelineConfig};

use crate::{EvalOptions, Report};

/// One (source, target, CAMEO root) triple per actor and recipient pair, as PETRARCH codes
/// compound actors ("Iran and Iraq attacked ..." is two events).
fn triples(doc: &sitrep_model::Document, strict: bool) -> Vec<(String, String, String)> {
    // PETRARCH writes "---" for an actor with no country code ("a senior official" is
    // "---GOV") and for a missing target; sitrep leaves the country out.
    let code = |a: Option<&sitrep_model::ActorRef>| {
        a.map(|a| {
            let c = a.country.clone().filter(|c| !c.is_empty()).unwrap_or_else(|| "---".into());
            if strict { c + a.sector.as_deref().unwrap_or("") } else { c }
        })
        .unwrap_or_else(|| "---".into())
    };
    let mut out = Vec::new();
    for e in &doc.events {
        let sources: Vec<String> = if e.actors.is_empty() { vec![code(e.actor1.as_ref())] } else { e.actors.iter().map(|a| code(Some(a))).collect() };
        let targets: Vec<String> = if e.recipients.is_empty() { vec![code(e.actor2.as_ref())] } else { e.recipients.iter().map(|a| code(Some(a))).collect() };
        for s in &sources {
            for t in &targets {
                let tr = (s.clone(), t.clone(), e.cameo.clone().unwrap_or_default());
                if !out.contains(&tr) {
                    out.push(tr);
                }
            }
        }
    }
    out
}

pub fn run(opts: &EvalOptions) -> anyhow::Result<Report> {
    let dir = opts.knowledge.clone().unwrap_or_else(|| opts.data.join("dictionaries"));
    let p = Pipeline::new(&PipelineConfig { knowledge: Some(dir.clone()), ..Default::default() })?;
    let recs = common::read_jsonl(&opts.data.join("petr_unittest.jsonl"), opts.limit)?;
    let verbose = std::env::var("SITREP_EVAL_VERBOSE").is_ok_and(|v| v == "1");
    let rows: Vec<(usize, usize, usize, usize, Option<Value>)> = recs
        .par_iter()
        .map(|r: &Value| {
            let text = r["text"].as_str().unwrap_or("");
            let date = r["date"].as_str().filter(|d| d.len() == 8).map(|d| format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..8]));
            let doc = common::run_text(&p, r["id"].as_str().unwrap_or("petr"), text, date.as_deref());
            let gold: Vec<(String, String, String)> = r["gold_events"]
                .as_array()
                .map(|a| a.iter().map(|g| {
                    let f = |k: &str| g[k].as_str().unwrap_or("").to_string();
                    (f("source"), f("target"), f("cameo"))
                }).collect())
                .unwrap_or_default();
            let loose = triples(&doc, false);
            let strict = triples(&doc, true);
            let pre = |s: &str, n: usize| s.chars().take(n).collect::<String>();
            let hit = |g: &(String, String, String), t: &[(String, String, String)], full: bool| {
                t.iter().any(|p| {
                    let (gs, gt) = if full { (g.0.clone(), g.1.clone()) } else { (pre(&g.0, 3), pre(&g.1, 3)) };
                    p.0 == gs && p.1 == gt && p.2 == pre(&g.2, 2)
                })
            };
            let found = gold.iter().filter(|g| hit(g, &loose, false)).count();
            let found_strict = gold.iter().filter(|g| hit(g, &strict, true)).count();
            let correct_pred = loose.iter().filter(|p| gold.iter().any(|g| p.0 == pre(&g.0, 3) && p.1 == pre(&g.1, 3) && p.2 == pre(&g.2, 2))).count();
            // Verbose listing of sentences with a missed (strictly) or a wrong triple, for error analysis only.
            let err = (verbose && (found_strict < gold.len() || correct_pred < loose.len())).then(|| {
                serde_json::json!({"id": r["id"], "text": text, "expected": gold, "predicted": strict})
            });
            (gold.len(), found, found_strict, correct_pred.min(loose.len()) * 1000 + loose.len(), err)
        })
        .collect();
    let gold: usize = rows.iter().map(|r| r.0).sum();
    let found: usize = rows.iter().map(|r| r.1).sum();
    let strict: usize = rows.iter().map(|r| r.2).sum();
    let pred: usize = rows.iter().map(|r| r.3 % 1000).sum();
    let correct: usize = rows.iter().map(|r| r.3 / 1000).sum();
    let mut report = Report::new("petrarch");
    report.push("triples_found", ratio(found, gold));
    report.push("triples_found_strict", ratio(strict, gold));
    report.push("triple_precision", ratio(correct, pred));
    report.details = serde_json::json!({"sentences": recs.len(), "gold_triples": gold, "predicted_events": pred});
    if verbose {
        report.details["errors"] = Value::Array(rows.iter().filter_map(|r| r.4.clone()).collect());
    }
    Ok(report)
}
