//! Trains the learned attribution cue detector (`sitrep_extract::cue_model`) on the PolNeAR
//! TRAIN split only and writes its weights as TSV:
//!
//! `cargo run --release -p sitrep_eval --example train_cues -- knowledge/cue_model.tsv [DATA_DIR] [EPOCHS]`
//!
//! A token is positive when it overlaps a gold cue segment. Deterministic: records in file
//! order, features interned in first-seen order, no shuffling. A fifth of the train
//! documents (by a hash of the document name) is held out once to pick the threshold; the
//! shipped weights are then trained on the whole train split. Dev is never read.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use rayon::prelude::*;
use sitrep_extract::ExtractKnowledge;
use sitrep_model::Document;
use sitrep_pipeline::{Pipeline, PipelineConfig};

const MIN_COUNT: u32 = 3;
const MAX_FEATURES: usize = 120_000;

struct Row {
    feats: Vec<u32>,
    gold: bool,
    rule: bool,
    held: bool,
}

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100000001b3))
}

/// Averaged perceptron over `rows` (those with `use_row`), `epochs` passes in order.
fn train(rows: &[Row], n: usize, epochs: usize, use_row: impl Fn(&Row) -> bool) -> Vec<f32> {
    let (mut w, mut u) = (vec![0f64; n], vec![0f64; n]);
    let mut c = 1f64;
    for _ in 0..epochs {
        for r in rows.iter().filter(|r| use_row(r)) {
            let s: f64 = r.feats.iter().map(|&f| w[f as usize]).sum();
            let y = if r.gold { 1.0 } else { -1.0 };
            if y * s <= 0.0 {
                for &f in &r.feats {
                    w[f as usize] += y;
                    u[f as usize] += c * y;
                }
            }
            c += 1.0;
        }
    }
    w.iter().zip(&u).map(|(w, u)| (w - u / c) as f32).collect()
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let out = PathBuf::from(args.get(1).map_or("knowledge/cue_model.tsv", |s| s.as_str()));
    let data = PathBuf::from(args.get(2).map_or("../shared/data/polnear", |s| s.as_str()));
    let epochs: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(6);
    let text = std::fs::read_to_string(data.join("polnear_train.jsonl"))?;
    let recs: Vec<serde_json::Value> = text.lines().filter(|l| !l.trim().is_empty()).map(serde_json::from_str).collect::<Result<_, _>>()?;
    // the model being trained must not see its own previous weights: rules only
    let empty = std::env::temp_dir().join(format!("sitrep-train-cues-{}", std::process::id()));
    std::fs::create_dir_all(&empty)?;
    std::fs::write(empty.join("cue_model.tsv"), "threshold\t\t\t0\n")?;
    let p = Pipeline::new(&PipelineConfig { knowledge: Some(empty.clone()), ..Default::default() })?;
    let k = ExtractKnowledge::load(Some(&empty))?;
    eprintln!("featurising {} train records", recs.len());
    let per: Vec<Vec<(Vec<String>, bool, bool)>> = recs
        .par_iter()
        .map(|r| {
            let t = r["text"].as_str().unwrap_or("");
            let mut doc = Document::new("t", "t", t.to_string());
            doc.published = r["publication_date"].as_str().map(String::from);
            p.annotate_and_extract(&mut doc);
            // gold cue segments as byte spans
            let c2b: Vec<usize> = t.char_indices().map(|(b, _)| b).chain(std::iter::once(t.len())).collect();
            let b = |c: u64| c2b.get(c as usize).copied().unwrap_or(t.len());
            let gold: Vec<(usize, usize)> = r["gold_attributions"]
                .as_array()
                .into_iter()
                .flatten()
                .flat_map(|a| a["cue"].as_array().cloned().unwrap_or_default())
                .filter_map(|s| Some((b(s["start"].as_u64()?), b(s["end"].as_u64()?))))
                .collect();
            sitrep_extract::cue_model::training_rows(&doc, &k)
                .into_iter()
                .map(|(sp, f)| {
                    let g = gold.iter().any(|&(a, e)| a < sp.end && sp.start < e);
                    let rule = f.iter().any(|x| x.starts_with("rule\t") && !x.starts_with("rule\t-"));
                    (f, g, rule)
                })
                .collect()
        })
        .collect();
    let _ = std::fs::remove_dir_all(&empty);
    // intern in record order; drop rare features
    let mut count: HashMap<&str, u32> = HashMap::new();
    for toks in &per {
        for (f, _, _) in toks {
            for x in f {
                *count.entry(x.as_str()).or_default() += 1;
            }
        }
    }
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut names: Vec<&str> = vec![];
    let mut rows = vec![];
    for (ri, toks) in per.iter().enumerate() {
        let held = fnv(recs[ri]["doc"].as_str().unwrap_or("")) % 5 == 0;
        for (f, gold, rule) in toks {
            let feats = f
                .iter()
                .filter(|x| count[x.as_str()] >= MIN_COUNT)
                .map(|x| {
                    *ids.entry(x.as_str()).or_insert_with(|| {
                        names.push(x.as_str());
                        names.len() as u32 - 1
                    })
                })
                .collect();
            rows.push(Row { feats, gold: *gold, rule: *rule, held });
        }
    }
    let pos = rows.iter().filter(|r| r.gold).count();
    eprintln!("{} tokens ({} cue tokens), {} features", rows.len(), pos, names.len());
    // pick the threshold on the held-out fifth
    let w = train(&rows, names.len(), epochs, |r| !r.held);
    let score = |w: &[f32], r: &Row| r.feats.iter().map(|&f| w[f as usize]).sum::<f32>();
    let held: Vec<(f32, bool, bool)> = rows.iter().filter(|r| r.held).map(|r| (score(&w, r), r.gold, r.rule)).collect();
    let mut best = (0.0f32, 0.0f64);
    for t in (-30..=30).map(|i| i as f32 * 0.5) {
        let (mut tp, mut fp, mut fneg) = (0f64, 0f64, 0f64);
        for &(s, g, _) in &held {
            match (s > t, g) {
                (true, true) => tp += 1.0,
                (true, false) => fp += 1.0,
                (false, true) => fneg += 1.0,
                _ => {}
            }
        }
        let f1 = 2.0 * tp / (2.0 * tp + fp + fneg).max(1.0);
        if f1 > best.1 {
            best = (t, f1);
        }
    }
    let rule_only = {
        let (tp, fp, fneg) = held.iter().fold((0f64, 0f64, 0f64), |(a, b, c), &(_, g, r)| (a + (r && g) as u8 as f64, b + (r && !g) as u8 as f64, c + (!r && g) as u8 as f64));
        2.0 * tp / (2.0 * tp + fp + fneg)
    };
    eprintln!("held-out token F1: rules {rule_only:.3}, model {:.3} at threshold {}", best.1, best.0);
    let w = train(&rows, names.len(), epochs, |_| true);
    let mut keep: Vec<(usize, f32)> = w.iter().copied().enumerate().filter(|(_, x)| x.abs() >= 0.05).collect();
    keep.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then(names[a.0].cmp(names[b.0])));
    keep.truncate(MAX_FEATURES);
    keep.sort_by(|a, b| names[a.0].cmp(names[b.0]));
    let mut f = std::io::BufWriter::new(std::fs::File::create(&out)?);
    writeln!(f, "# Learned attribution cue detector (sitrep_extract cue_model.rs): averaged perceptron")?;
    writeln!(f, "# weights per token feature (template, value, value, weight), trained on the PolNeAR")?;
    writeln!(f, "# train split only ({} records, {epochs} epochs, features seen >= {MIN_COUNT} times) by", recs.len())?;
    writeln!(f, "# cargo run --release -p sitrep_eval --example train_cues -- knowledge/cue_model.tsv")?;
    writeln!(f, "# held-out token F1 {:.3} (rules alone {rule_only:.3}); a token is a cue when its score > threshold.", best.1)?;
    writeln!(f, "threshold\t\t\t{}", best.0)?;
    for (i, x) in keep {
        writeln!(f, "{}\t{x:.3}", names[i])?;
    }
    eprintln!("wrote {}", out.display());
    Ok(())
}
