//! Syndication: how well MinHash LSH (sitrep_link, with the store's story-assignment rule)
//! finds duplicate story pairs on the BBC news set.
//!
//! - exact: the corpus as is. Recall: the pairs with the same `body_sha1` found. Precision:
//!   predicted pairs that are gold, where gold stories join records with the same
//!   `body_sha1` and records whose shingle sets meet the duplicate rule computed exactly
//!   (BBC holds re-published versions with small edits: those pairs are right, not false).
//!   `sha1_precision` also reports precision against the sha1 pairs alone.
//! - edited: every distinct body plus an edited copy made here (one paragraph other than the
//!   lede dropped when there are at least three, boilerplate lines added at the top and
//!   bottom; the headline is not part of the body signature); each copy belongs to its
//!   original's gold story.
//!
//! Precision and recall are over unordered pairs of records placed in one story.

use std::collections::HashMap;
use std::io::BufRead;

use anyhow::Context;
use sitrep_link::minhash::{exact_duplicate, shingles, MemIndex, Signature};

use crate::{EvalOptions, Report};

struct Rec {
    id: String,
    body: String,
    gold: String,
}

fn load(opts: &EvalOptions) -> anyhow::Result<Vec<Rec>> {
    let path = if opts.data.is_file() { opts.data.clone() } else { opts.data.join("bbc_news.jsonl") };
    let f = std::fs::File::open(&path).with_context(|| format!("opening {}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in std::io::BufReader::new(f).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line).with_context(|| format!("{}:{}", path.display(), n + 1))?;
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
        let (Some(body), Some(gold)) = (s("body"), s("body_sha1")) else { continue };
        out.push(Rec { id: s("id").unwrap_or_else(|| format!("line{}", n + 1)), body, gold });
        if opts.limit.is_some_and(|l| out.len() >= l) {
            break;
        }
    }
    Ok(out)
}

/// Deterministic pseudo-random numbers (splitmix64), so the edited set is the same every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const BOILERPLATE_TOP: &[&str] = &[
    "Advertisement",
    "Skip to main content",
    "This article is more than 18 years old",
    "Listen to this article",
];
const BOILERPLATE_BOTTOM: &[&str] = &[
    "Share this article on Facebook, Twitter and email.",
    "Copyright 2005 The Daily Syndicate. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
    "Follow us on social media for the latest news and updates.",
    "Sign up for our morning newsletter and get the day's top stories in your inbox.",
    "Related stories: more from our business and politics desks.",
];

/// An edited copy of a body: one non-lede paragraph dropped (when there are 3+), boilerplate
/// lines added above and below. (The headline change does not touch the body signature.)
fn edit(body: &str, rng: &mut Rng) -> String {
    let mut paras: Vec<&str> = body.split("\n\n").filter(|p| !p.trim().is_empty()).collect();
    if paras.len() >= 3 {
        let drop = 1 + rng.below(paras.len() - 1);
        paras.remove(drop);
    }
    let top = BOILERPLATE_TOP[rng.below(BOILERPLATE_TOP.len())];
    let b1 = BOILERPLATE_BOTTOM[rng.below(BOILERPLATE_BOTTOM.len())];
    let b2 = BOILERPLATE_BOTTOM[rng.below(BOILERPLATE_BOTTOM.len())];
    format!("{top}\n\n{}\n\n{b1}\n{b2}", paras.join("\n\n"))
}

struct Scores {
    precision: f64,
    recall: f64,
    predicted: usize,
    gold: usize,
    false_pairs: Vec<(String, String, f64)>,
    missed_pairs: Vec<(String, String, f64, u32, u32)>,
    stories: Vec<usize>,
}

fn pairs_in_groups(labels: &[usize]) -> HashMap<(usize, usize), ()> {
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, l) in labels.iter().enumerate() {
        groups.entry(*l).or_default().push(i);
    }
    let mut out = HashMap::new();
    for members in groups.values() {
        for (a, &i) in members.iter().enumerate() {
            for &j in &members[a + 1..] {
                out.insert((i.min(j), i.max(j)), ());
            }
        }
    }
    out
}

fn score(ids: &[String], bodies: &[&str], gold_labels: &[usize]) -> Scores {
    let mut idx = MemIndex::default();
    let mut stories = Vec::new();
    let sigs: Vec<Signature> = bodies.iter().map(|b| Signature::of_text(b)).collect();
    for s in &sigs {
        idx.assign(s.clone(), &mut stories);
    }
    let pred = pairs_in_groups(&stories);
    let truth = pairs_in_groups(gold_labels);
    let hit = pred.keys().filter(|p| truth.contains_key(p)).count();
    let false_pairs = pred
        .keys()
        .filter(|p| !truth.contains_key(p))
        .take(10)
        .map(|&(i, j)| (ids[i].clone(), ids[j].clone(), sigs[i].similarity(&sigs[j])))
        .collect();
    let missed_pairs = truth
        .keys()
        .filter(|p| !pred.contains_key(p))
        .take(10)
        .map(|&(i, j)| (ids[i].clone(), ids[j].clone(), sigs[i].similarity(&sigs[j]), sigs[i].shingles, sigs[j].shingles))
        .collect();
    Scores {
        stories,
        missed_pairs,
        precision: if pred.is_empty() { 1.0 } else { hit as f64 / pred.len() as f64 },
        recall: if truth.is_empty() { 1.0 } else { hit as f64 / truth.len() as f64 },
        predicted: pred.len(),
        gold: truth.len(),
        false_pairs,
    }
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Gold story per record: union of equal `body_sha1` and of pairs meeting the duplicate rule
/// exactly (candidate pairs from an inverted shingle index, so no pair is missed).
fn gold_stories(recs: &[Rec], strict: bool) -> Vec<usize> {
    let n = recs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut by_sha: HashMap<&str, usize> = HashMap::new();
    for (i, r) in recs.iter().enumerate() {
        if let Some(&j) = by_sha.get(r.gold.as_str()) {
            let (a, b) = (find(&mut parent, i), find(&mut parent, j));
            parent[a] = b;
        } else {
            by_sha.insert(&r.gold, i);
        }
    }
    if !strict {
        let sets: Vec<Vec<u64>> = recs.iter().map(|r| shingles(&r.body)).collect();
        let mut postings: HashMap<u64, Vec<usize>> = HashMap::new();
        for (i, set) in sets.iter().enumerate() {
            let mut shared: HashMap<usize, usize> = HashMap::new();
            for sh in set {
                let p = postings.entry(*sh).or_default();
                for &j in p.iter() {
                    *shared.entry(j).or_default() += 1;
                }
                p.push(i);
            }
            for (j, _) in shared {
                if exact_duplicate(&sets[i], &sets[j]) {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    parent[a] = b;
                }
            }
        }
    }
    (0..n).map(|i| find(&mut parent, i)).collect()
}

pub fn run(opts: &EvalOptions) -> anyhow::Result<Report> {
    let recs = load(opts)?;
    anyhow::ensure!(!recs.is_empty(), "no records with body and body_sha1 in {}", opts.data.display());
    let start = std::time::Instant::now();
    let ids: Vec<String> = recs.iter().map(|r| r.id.clone()).collect();
    let bodies: Vec<&str> = recs.iter().map(|r| r.body.as_str()).collect();
    let sha1 = gold_stories(&recs, true);
    let exact_strict = score(&ids, &bodies, &sha1);
    let secs = start.elapsed().as_secs_f64();
    let gold = gold_stories(&recs, false);
    let exact = score(&ids, &bodies, &gold);

    // Distinct originals plus one edited copy of each.
    let mut rng = Rng(0x5ea7_5eed);
    let mut seen = std::collections::HashSet::new();
    let mut e_ids = Vec::new();
    let mut e_bodies: Vec<String> = Vec::new();
    let mut e_gold = Vec::new();
    let mut retained: Vec<(usize, usize, f64)> = Vec::new();
    for (r, g) in recs.iter().zip(&gold) {
        if !seen.insert(r.gold.clone()) {
            continue;
        }
        e_ids.push(r.id.clone());
        e_bodies.push(r.body.clone());
        e_gold.push(*g);
        e_ids.push(format!("{}+edited", r.id));
        let edited = edit(&r.body, &mut rng);
        let (orig, copy) = (shingles(&r.body), shingles(&edited));
        let kept = copy.iter().filter(|x| orig.binary_search(x).is_ok()).count();
        retained.push((e_ids.len() - 2, e_ids.len() - 1, kept as f64 / orig.len().max(1) as f64));
        e_bodies.push(edited);
        e_gold.push(*g);
    }
    let e_refs: Vec<&str> = e_bodies.iter().map(String::as_str).collect();
    let edited = score(&e_ids, &e_refs, &e_gold);
    // Recall of (original, edited copy) pairs by how much of the original the copy keeps:
    // BBC "paragraphs" are long blocks, so dropping one can remove over half an article.
    let mut buckets: Vec<serde_json::Value> = Vec::new();
    for (lo, hi) in [(0.0, 0.5), (0.5, 0.7), (0.7, 1.01)] {
        let sel: Vec<_> = retained.iter().filter(|(_, _, k)| *k >= lo && *k < hi).collect();
        let found = sel.iter().filter(|(a, b, _)| edited.stories[*a] == edited.stories[*b]).count();
        buckets.push(serde_json::json!({"kept_from": lo, "kept_below": hi, "copies": sel.len(),
            "recall": if sel.is_empty() { 1.0 } else { found as f64 / sel.len() as f64 }}));
    }

    let mut report = Report::new("syndication");
    report.push("exact_precision", exact.precision);
    report.push("exact_recall", exact_strict.recall);
    report.push("sha1_precision", exact_strict.precision);
    report.push("near_duplicate_recall", exact.recall);
    report.push("edited_precision", edited.precision);
    report.push("edited_recall", edited.recall);
    report.push("docs_per_sec", recs.len() as f64 / secs.max(1e-9));
    report.details = serde_json::json!({
        "records": recs.len(),
        "exact": {"sha1_pairs": exact_strict.gold, "gold_pairs_with_near_duplicates": exact.gold, "predicted_pairs": exact.predicted,
                  "false_pairs": exact.false_pairs, "missed_sha1_pairs": exact_strict.gold as f64 * (1.0 - exact_strict.recall)},
        "edited": {"records": e_ids.len(), "gold_pairs": edited.gold, "predicted_pairs": edited.predicted, "false_pairs": edited.false_pairs, "missed_pairs": edited.missed_pairs, "copy_recall_by_share_kept": buckets},
        "method": format!("MinHash {} values, LSH {} bands x {} rows, {}-word shingles, duplicate at estimated Jaccard >= {} or containment >= {}",
            sitrep_link::NUM_HASHES, sitrep_link::BANDS, sitrep_link::ROWS, sitrep_link::minhash::SHINGLE, sitrep_link::minhash::DUPLICATE_THRESHOLD, sitrep_link::minhash::CONTAINMENT_THRESHOLD),
    });
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_changes_text_but_stays_a_duplicate() {
        let body = (0..6).map(|i| format!("Paragraph {i} says the minister announced a new budget for schools and hospitals in region {i}.")).collect::<Vec<_>>().join("\n\n");
        let e = edit(&body, &mut Rng(1));
        assert_ne!(e, body);
        assert_eq!(e.split("\n\n").count(), 5 + 2, "one paragraph dropped, two boilerplate blocks");
        assert!(Signature::of_text(&e).is_duplicate_of(&Signature::of_text(&body)));
    }

    #[test]
    fn pairs_are_scored_against_gold() {
        let ids: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        let x = "the quick brown fox jumps over the lazy dog near the river bank today";
        let y = "completely different words about markets and interest rates rising again soon";
        let s = score(&ids, &[x, x, y], &[1, 1, 2]);
        assert_eq!((s.precision, s.recall, s.predicted, s.gold), (1.0, 1.0, 1, 1));
        let s = score(&ids, &[x, y, y], &[1, 1, 2]);
        assert_eq!((s.precision, s.recall), (0.0, 0.0));
    }
}
