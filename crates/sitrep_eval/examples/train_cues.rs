//! Trains the learned attribution cue detector (`sitrep_extract::cue_model`) on the PolNeAR
//! train split and annotator-training file (never dev) and writes its weights as TSV:
//!
//! `cargo run --release -p sitrep_eval --example train_cues -- knowledge/cue_model.tsv [DATA_DIR] [EPOCHS]`
//!
//! A token is positive when it overlaps a gold cue segment. The documents fall in five folds
//! (by a hash of the document name); five averaged perceptrons are each fitted without one
//! fold, the threshold, veto, extra and lone are picked on their out-of-fold output with the metric
//! `sitrep eval polnear` reports, and the shipped weights are the mean of the five.
//! Deterministic: features interned in first-seen order, each epoch's record order a fixed
//! hash of its number. Dev is never read.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use rayon::prelude::*;
use sitrep_extract::ExtractKnowledge;
use sitrep_model::Document;
use sitrep_pipeline::{Pipeline, PipelineConfig};

const MIN_COUNT: u32 = 3;
const MAX_FEATURES: usize = 120_000;
const CAND_MIN: u32 = 2;
const CANDC_MIN: u32 = 3;
/// Folds of the cross-validation that picks the threshold (and of the bagged final model).
const FOLDS: u64 = 5;
/// Perceptron update margin (5.0 tried in session 3: held-out F1 .763 against .764 at 0).
const MARGIN: f64 = 0.0;

/// One token of a record: feature strings, gold cue number (0: none), under a rule cue,
/// function word, byte span (for `SITREP_TRAIN_DUMP`).
type Token = (Vec<String>, u32, bool, bool, sitrep_model::Span);

struct Row {
    feats: Vec<u32>,
    gold: bool,
    rec: u32,
    /// An auxiliary, adverb or punctuation: no cue on its own.
    function: bool,
    word: u64,
    /// Hash of the word's Brown cluster leaf feature (0: none).
    leaf: u64,
}

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100000001b3))
}

/// Averaged perceptron over `rows` (those with `use_row`), `epochs` passes; each pass visits
/// the records in its own fixed pseudo-random order (`seed`), so no record always comes last.
fn train(rows: &[Row], n: usize, epochs: usize, seed: u64, use_row: impl Fn(&Row) -> bool) -> Vec<f32> {
    // row ranges of each record (rows are grouped by record)
    let mut recs: Vec<(usize, usize)> = vec![];
    for (i, r) in rows.iter().enumerate() {
        match recs.last_mut() {
            Some(x) if rows[x.0].rec == r.rec => x.1 = i + 1,
            _ => recs.push((i, i + 1)),
        }
    }
    let (mut w, mut u) = (vec![0f64; n], vec![0f64; n]);
    let mut c = 1f64;
    for e in 0..epochs {
        let mut order: Vec<(u64, usize)> = recs.iter().enumerate().map(|(k, _)| (mix(seed, e as u64, k as u64), k)).collect();
        if seed != 0 || e > 0 {
            order.sort_unstable();
        }
        for &(_, k) in &order {
            for r in rows[recs[k].0..recs[k].1].iter().filter(|r| use_row(r)) {
                let s: f64 = r.feats.iter().map(|&f| w[f as usize]).sum();
                let y = if r.gold { 1.0 } else { -1.0 };
                if y * s <= MARGIN {
                    for &f in &r.feats {
                        w[f as usize] += y;
                        u[f as usize] += c * y;
                    }
                }
                c += 1.0;
            }
        }
    }
    w.iter().zip(&u).map(|(w, u)| (w - u / c) as f32).collect()
}

fn mix(a: u64, b: u64, c: u64) -> u64 {
    let mut z = a.wrapping_mul(0x9e3779b97f4a7c15) ^ b.rotate_left(17) ^ c.wrapping_mul(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
    z ^ (z >> 31)
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let out = PathBuf::from(args.get(1).map_or("knowledge/cue_model.tsv", |s| s.as_str()));
    let data = PathBuf::from(args.get(2).map_or("../shared/data/polnear", |s| s.as_str()));
    let epochs: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(6);
    // the train split and the 24 annotator-training records (four documents each marked by
    // six annotators); dev is never read
    let mut text = std::fs::read_to_string(data.join("polnear_train.jsonl"))?;
    let extra = data.join("polnear_annotator-training.jsonl");
    if extra.exists() {
        text.push('\n');
        text.push_str(&std::fs::read_to_string(&extra)?);
    }
    let recs: Vec<serde_json::Value> = text.lines().filter(|l| !l.trim().is_empty()).map(serde_json::from_str).collect::<Result<_, _>>()?;
    // the model being trained must not see its own previous weights: rules only
    let empty = std::env::temp_dir().join(format!("sitrep-train-cues-{}", std::process::id()));
    std::fs::create_dir_all(&empty)?;
    std::fs::write(empty.join("cue_model.tsv"), "threshold\t\t\t0\n")?;
    let p = Pipeline::new(&PipelineConfig { knowledge: Some(empty.clone()), ..Default::default() })?;
    let k = ExtractKnowledge::load(Some(&empty))?;
    eprintln!("featurising {} train records", recs.len());
    let annotated: Vec<(Vec<Token>, Document)> = recs
        .par_iter()
        .map(|r| {
            let t = r["text"].as_str().unwrap_or("");
            let mut doc = Document::new("t", "t", t.to_string());
            doc.published = r["publication_date"].as_str().map(String::from);
            p.annotate_and_extract(&mut doc);
            // gold cue segments as byte spans
            let c2b: Vec<usize> = t.char_indices().map(|(b, _)| b).chain(std::iter::once(t.len())).collect();
            let b = |c: u64| c2b.get(c as usize).copied().unwrap_or(t.len());
            let gold: Vec<(usize, usize, u32)> = r["gold_attributions"]
                .as_array()
                .into_iter()
                .flatten()
                .enumerate()
                .flat_map(|(i, a)| a["cue"].as_array().cloned().unwrap_or_default().into_iter().map(move |s| (i, s)))
                .filter_map(|(i, s)| Some((b(s["start"].as_u64()?), b(s["end"].as_u64()?), i as u32 + 1)))
                .collect();
            let toks = sitrep_extract::cue_model::training_rows(&doc, &k)
                .into_iter()
                .map(|(sp, f)| {
                    let g = gold.iter().find(|&&(a, e, _)| a < sp.end && sp.start < e).map_or(0, |x| x.2);
                    let rule = f.iter().any(|x| x.starts_with("rule\t") && !x.starts_with("rule\t-"));
                    let function = sitrep_extract::cue_model::function_word(doc.get(sp).unwrap_or(""));
                    (f, g, rule, function, sp)
                })
                .collect();
            (toks, doc)
        })
        .collect();
    let (per, docs): (Vec<Vec<Token>>, Vec<Document>) = annotated.into_iter().unzip();
    // intern in record order; drop rare features
    let mut count: HashMap<&str, u32> = HashMap::new();
    for toks in &per {
        for (f, ..) in toks {
            for x in f {
                *count.entry(x.as_str()).or_default() += 1;
            }
        }
    }
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut names: Vec<&str> = vec![];
    let mut rows = vec![];
    for (ri, toks) in per.iter().enumerate() {
        for (f, gold, _, function, _) in toks {
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
            let word = f.iter().find(|x| x.starts_with("w\t")).map_or(0, |x| fnv(x));
            let leaf = f.iter().find(|x| x.starts_with("cl\t") && !x.starts_with("cl\t-\t")).map_or(0, |x| fnv(x));
            rows.push(Row { feats, gold: *gold > 0, rec: ri as u32, function: *function, word, leaf });
        }
    }
    // candidate vocabulary: words inside gold cues at least CAND_MIN times (in the fit rows
    // for each fold's model, in all rows for the shipped one)
    let vocab = |rows: &[Row], use_row: &dyn Fn(&Row) -> bool| {
        let mut c: HashMap<u64, u32> = HashMap::new();
        for r in rows.iter().filter(|r| r.gold && use_row(r)) {
            *c.entry(r.word).or_default() += 1;
        }
        c.into_iter().filter(|x| x.1 >= CAND_MIN).map(|x| x.0).collect::<std::collections::HashSet<u64>>()
    };
    // and Brown cluster leaves holding at least CANDC_MIN gold cue tokens
    let leaves = |rows: &[Row], use_row: &dyn Fn(&Row) -> bool| {
        let mut c: HashMap<u64, u32> = HashMap::new();
        for r in rows.iter().filter(|r| r.gold && !r.function && r.leaf != 0 && use_row(r)) {
            *c.entry(r.leaf).or_default() += 1;
        }
        c.into_iter().filter(|x| x.1 >= CANDC_MIN).map(|x| x.0).collect::<std::collections::HashSet<u64>>()
    };
    if let Some(dir) = std::env::var_os("SITREP_TRAIN_DUMP") {
        dump_rows(&PathBuf::from(dir), &rows, &per, &docs, &recs)?;
    }
    let pos = rows.iter().filter(|r| r.gold).count();
    eprintln!("{} tokens ({} cue tokens), {} features", rows.len(), pos, names.len());
    // FOLDS models, each fitted without one fold of the documents; the threshold and veto
    // are picked on their out-of-fold output with the metric `sitrep eval polnear` reports
    // (the whole extractor: rules, runs and their filters), and the shipped weights are the
    // mean of the FOLDS models, whose scores are on the scale the threshold was picked at
    let fold_of: Vec<u64> = recs.iter().map(|r| fnv(r["doc"].as_str().unwrap_or("")) % FOLDS).collect();
    let models: Vec<(Vec<f32>, String)> = (0..FOLDS)
        .into_par_iter()
        .map(|f| {
            let fit = |r: &Row| fold_of[r.rec as usize] != f;
            let w = train(&rows, names.len(), epochs, 0, fit);
            let body = model_body(&names, &w, &word_names(&names, &vocab(&rows, &fit)), &leaf_names(&names, &leaves(&rows, &fit)));
            (w, body)
        })
        .collect();
    let dirs: Vec<PathBuf> = (0..FOLDS).map(|f| empty.join(format!("fold{f}"))).collect();
    let cue_f1 = |threshold: f32, veto: f32, extra: f32, lone: f32| -> anyhow::Result<(f64, f64, f64)> {
        let mut c = (0, 0, 0, 0);
        for (f, dir) in dirs.iter().enumerate() {
            std::fs::create_dir_all(dir)?;
            std::fs::write(dir.join("cue_model.tsv"), format!("{}{}", model_head(threshold, veto, extra, lone), models[f].1))?;
            let kt = ExtractKnowledge::load(Some(dir))?;
            let x = (0..recs.len())
                .into_par_iter()
                .filter(|&i| fold_of[i] == f as u64)
                .map(|i| {
                    let mut d = docs[i].clone();
                    sitrep_extract::extract(&mut d, &kt);
                    sitrep_eval::polnear::cue_counts(&d, &recs[i])
                })
                .reduce(|| (0, 0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2, a.3 + b.3));
            c = (c.0 + x.0, c.1 + x.1, c.2 + x.2, c.3 + x.3);
        }
        let (p, r) = (c.0 as f64 / c.1.max(1) as f64, c.2 as f64 / c.3.max(1) as f64);
        Ok((2.0 * p * r / (p + r).max(1e-9), p, r))
    };
    let rule_only = cue_f1(f32::INFINITY, f32::NEG_INFINITY, 0.0, f32::INFINITY)?;
    let mut best = (0.0f32, (0.0f64, 0.0, 0.0));
    for t in (-12..=4).map(|i| i as f32) {
        let f = cue_f1(t, f32::NEG_INFINITY, 0.0, f32::INFINITY)?;
        if f.0 > best.1 .0 {
            best = (t, f);
        }
    }
    eprintln!("out-of-fold cue F1 (P, R): rules {rule_only:.3?}, model {:.3?} at threshold {}", best.1, best.0);
    // a rule cue the model scores far below the threshold is dropped
    let mut veto = (f32::NEG_INFINITY, best.1);
    for v in (2..=16).step_by(2).map(|i| best.0 - i as f32) {
        let f = cue_f1(best.0, v, 0.0, f32::INFINITY)?;
        if f.0 > veto.1 .0 {
            veto = (v, f);
        }
    }
    eprintln!("with veto: {:.3?} at {}", veto.1, veto.0);
    // a second cue in a sentence needs a higher score; a sentence with none takes its best
    // run above a lower one
    let mut extra = (0.0f32, veto.1);
    for e in (1..=8).map(|i| i as f32) {
        let f = cue_f1(best.0, veto.0, e, f32::INFINITY)?;
        eprintln!("  extra {e}: {:.4?}", f);
        if f.0 > extra.1 .0 {
            extra = (e, f);
        }
    }
    let mut lone = (f32::INFINITY, extra.1);
    for l in (1..=8).map(|i| best.0 - i as f32) {
        let f = cue_f1(best.0, veto.0, extra.0, l)?;
        eprintln!("  lone {l}: {:.4?}", f);
        if f.0 > lone.1 .0 {
            lone = (l, f);
        }
    }
    eprintln!("with extra {} and lone {}: {:.3?}", extra.0, lone.0, lone.1);
    let veto = (veto.0, lone.1);
    let _ = std::fs::remove_dir_all(&empty);
    let rule_only = rule_only.0;
    let best = (best.0, veto.1 .0);
    let w: Vec<f32> = (0..names.len()).map(|i| models.iter().map(|m| m.0[i]).sum::<f32>() / FOLDS as f32).collect();
    let all_vocab = vocab(&rows, &|_| true);
    let all_leaves = leaves(&rows, &|_| true);
    let mut f = std::io::BufWriter::new(std::fs::File::create(&out)?);
    writeln!(f, "# Learned attribution cue detector (sitrep_extract cue_model.rs): averaged perceptron")?;
    writeln!(f, "# weights per token feature (template, value, value, weight), trained on the PolNeAR")?;
    writeln!(f, "# train split and annotator-training file, never dev ({} records, {epochs} epochs, features seen >= {MIN_COUNT} times) by", recs.len())?;
    writeln!(f, "# cargo run --release -p sitrep_eval --example train_cues -- knowledge/cue_model.tsv")?;
    writeln!(f, "# the mean of {FOLDS} models each fitted without a fifth of the documents; out-of-fold cue overlap")?;
    writeln!(f, "# F1 {:.3} (rules alone {rule_only:.3}); a token is a cue when its score > threshold.", best.1)?;
    f.write_all(model_head(best.0, veto.0, extra.0, lone.0).as_bytes())?;
    f.write_all(model_body(&names, &w, &word_names(&names, &all_vocab), &leaf_names(&names, &all_leaves)).as_bytes())?;
    eprintln!("wrote {}", out.display());
    Ok(())
}

/// For experiments outside Rust (`scripts/cue_parse_oracle.py`): `rows.tsv` (record, fold,
/// gold, function word, word hash, feature ids of every token), `spans.tsv` (record, byte
/// start, byte end of the same tokens) and `texts.jsonl` (each record's text), in `dir`.
fn dump_rows(dir: &std::path::Path, rows: &[Row], per: &[Vec<Token>], docs: &[Document], recs: &[serde_json::Value]) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut d = std::io::BufWriter::new(std::fs::File::create(dir.join("rows.tsv"))?);
    for r in rows {
        let fold = fnv(recs[r.rec as usize]["doc"].as_str().unwrap_or("")) % FOLDS;
        let fs: Vec<String> = r.feats.iter().map(|x| x.to_string()).collect();
        writeln!(d, "{}\t{fold}\t{}\t{}\t{}\t{}", r.rec, r.gold as u8, r.function as u8, r.word, fs.join(" "))?;
    }
    let mut sp = std::io::BufWriter::new(std::fs::File::create(dir.join("spans.tsv"))?);
    for (ri, toks) in per.iter().enumerate() {
        for t in toks {
            writeln!(sp, "{ri}\t{}\t{}", t.4.start, t.4.end)?;
        }
    }
    let mut tx = std::io::BufWriter::new(std::fs::File::create(dir.join("texts.jsonl"))?);
    for d in docs {
        writeln!(tx, "{}", serde_json::json!(d.text))?;
    }
    Ok(())
}

/// Training words (`w` feature values) in `set`, sorted.
fn word_names<'a>(names: &[&'a str], set: &std::collections::HashSet<u64>) -> Vec<&'a str> {
    let mut v: Vec<&str> = names.iter().filter(|n| n.starts_with("w\t") && set.contains(&fnv(n))).map(|n| &n[2..n.len() - 1]).collect();
    v.sort_unstable();
    v
}

/// Brown cluster leaves (`cl` feature values) in `set`, sorted.
fn leaf_names<'a>(names: &[&'a str], set: &std::collections::HashSet<u64>) -> Vec<&'a str> {
    let mut v: Vec<&str> = names.iter().filter(|n| n.starts_with("cl\t") && set.contains(&fnv(n))).map(|n| &n[3..n.len() - 1]).collect();
    v.sort_unstable();
    v
}

/// The model file's threshold and veto lines.
fn model_head(threshold: f32, veto: f32, extra: f32, lone: f32) -> String {
    let mut s = format!("threshold\t\t\t{threshold}\n");
    if veto.is_finite() {
        s.push_str(&format!("veto\t\t\t{veto}\n"));
    }
    if extra > 0.0 {
        s.push_str(&format!("extra\t\t\t{extra}\n"));
    }
    if lone.is_finite() {
        s.push_str(&format!("lone\t\t\t{lone}\n"));
    }
    s
}

/// The model file body: candidate words and leaves, then the weights (the largest
/// MAX_FEATURES by magnitude, in name order).
fn model_body(names: &[&str], w: &[f32], cand: &[&str], candc: &[&str]) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    for c in cand {
        let _ = writeln!(s, "cand\t{c}\t\t1");
    }
    for c in candc {
        let _ = writeln!(s, "candc\t{c}\t\t1");
    }
    let mut keep: Vec<(usize, f32)> = w.iter().copied().enumerate().filter(|(_, x)| x.abs() >= 0.05).collect();
    keep.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then(names[a.0].cmp(names[b.0])));
    keep.truncate(MAX_FEATURES);
    keep.sort_by(|a, b| names[a.0].cmp(names[b.0]));
    for (i, x) in keep {
        let _ = writeln!(s, "{}\t{x:.3}", names[i]);
    }
    s
}
