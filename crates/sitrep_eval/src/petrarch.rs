//! PETRARCH2 unit-test sentences coded with PETRARCH's own dictionaries: the share of
//! expected (source, target, CAMEO root) triples sitrep finds. This proves the dictionaries
//! are user-extensible: the verbs file is read by extract from the knowledge directory
//! (`*.verbs.txt`), and the actors file is converted here into the language layer's
//! `organisations.tsv` format in a temporary knowledge directory.

use crate::plover::common;

use std::path::{Path, PathBuf};

use anyhow::Context;
use common::ratio;
use rayon::prelude::*;
use serde_json::Value;
use sitrep_pipeline::{Pipeline, PipelineConfig};

use crate::{EvalOptions, Report};

/// `NAME_WITH_UNDERSCORES [CODE]` lines (and `+ALIAS` lines after them) as TSV rows
/// `names \t code \t sector \t country` for the language layer's organisations file.
fn convert_actors(text: &str) -> String {
    let mut out = String::from("# converted from a PETRARCH .actors dictionary\n");
    let mut cur: Option<(Vec<String>, String)> = None;
    let title = |s: &str| {
        s.trim_matches('_')
            .split(['_', ' '])
            .filter(|w| !w.is_empty())
            .map(|w| {
                let lw = w.to_lowercase();
                let mut c = lw.chars();
                c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let flush = |cur: &mut Option<(Vec<String>, String)>, out: &mut String| {
        if let Some((names, code)) = cur.take() {
            let code = code.to_uppercase();
            if code.len() >= 3 && code.chars().all(|c| c.is_ascii_alphanumeric()) {
                let (country, sector) = code.split_at(3);
                let sector = if sector.len() >= 3 { &sector[sector.len() - 3..] } else { "" };
                out.push_str(&format!("{}\t{country}\t{sector}\t{country}\n", names.join("|")));
            }
        }
    };
    for raw in text.lines() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() || line.starts_with("<!--") || line.starts_with("-->") {
            continue;
        }
        if let Some(alias) = line.strip_prefix('+') {
            if let Some((names, _)) = cur.as_mut() {
                names.push(title(alias.split('[').next().unwrap_or("")));
            }
            continue;
        }
        let (Some(a), Some(b)) = (line.find('['), line.find(']')) else { continue };
        flush(&mut cur, &mut out);
        let code = line[a + 1..b].split_whitespace().next().unwrap_or("").trim_start_matches('~').to_string();
        cur = Some((vec![title(&line[..a])], code));
    }
    flush(&mut cur, &mut out);
    out
}

/// A knowledge directory holding the converted actors and the dictionary's verbs.
fn knowledge_dir(dicts: &Path) -> anyhow::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("sitrep-petrarch-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    for entry in std::fs::read_dir(dicts).with_context(|| format!("reading {}", dicts.display()))? {
        let p = entry?.path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
        let lower = name.to_lowercase();
        if lower.ends_with(".actors.txt") {
            let text = String::from_utf8_lossy(&std::fs::read(&p)?).into_owned();
            std::fs::write(dir.join("organisations.tsv"), convert_actors(&text))?;
        } else if lower.ends_with(".verbs.txt") {
            std::fs::copy(&p, dir.join(&name))?;
        }
    }
    Ok(dir)
}

fn triples(doc: &sitrep_model::Document, strict: bool) -> Vec<(String, String, String)> {
    let code = |a: &Option<sitrep_model::ActorRef>| {
        a.as_ref().map(|a| {
            let c = a.country.clone().unwrap_or_default();
            if strict { c + a.sector.as_deref().unwrap_or("") } else { c }
        })
    };
    doc.events
        .iter()
        .map(|e| (code(&e.actor1).unwrap_or_default(), code(&e.actor2).unwrap_or_default(), e.cameo.clone().unwrap_or_default()))
        .collect()
}

pub fn run(opts: &EvalOptions) -> anyhow::Result<Report> {
    let dir = match &opts.knowledge {
        Some(k) => k.clone(),
        None => knowledge_dir(&opts.data.join("dictionaries"))?,
    };
    let p = Pipeline::new(&PipelineConfig { knowledge: Some(dir.clone()), ..Default::default() })?;
    let recs = common::read_jsonl(&opts.data.join("petr_unittest.jsonl"), opts.limit)?;
    let rows: Vec<(usize, usize, usize, usize)> = recs
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
            (gold.len(), found, found_strict, correct_pred.min(loose.len()) * 1000 + loose.len())
        })
        .collect();
    let gold: usize = rows.iter().map(|r| r.0).sum();
    let found: usize = rows.iter().map(|r| r.1).sum();
    let strict: usize = rows.iter().map(|r| r.2).sum();
    let pred: usize = rows.iter().map(|r| r.3 % 1000).sum();
    let correct: usize = rows.iter().map(|r| r.3 / 1000).sum();
    if opts.knowledge.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    let mut report = Report::new("petrarch");
    report.push("triples_found", ratio(found, gold));
    report.push("triples_found_strict", ratio(strict, gold));
    report.push("triple_precision", ratio(correct, pred));
    report.details = serde_json::json!({"sentences": recs.len(), "gold_triples": gold, "predicted_events": pred});
    Ok(report)
}

#[cfg(test)]
mod tests {
    #[test]
    fn actors_convert_to_tsv_rows() {
        let t = "<!-- x -->\nARNOR_  [ARN]\nISRAELI_TROOPS [ISRMIL]\n+IDF\nPALESTINIAN [pse] # c\n";
        let out = super::convert_actors(t);
        assert!(out.contains("Arnor\tARN\t\tARN\n"), "{out}");
        assert!(out.contains("Israeli Troops|Idf\tISR\tMIL\tISR\n"), "{out}");
        assert!(out.contains("Palestinian\tPSE\t\tPSE\n"), "{out}");
    }
}
