//! The learned cue detector: an averaged perceptron over word tokens that says whether a
//! token belongs to an attribution cue ("criticism of", "voted for", "don't like"), from
//! the word, its neighbours, its shape, quotation state and the hand rules' own hits.
//!
//! The weights are a readable TSV (`knowledge/cue_model.tsv`: template, value, value,
//! weight), trained on the PolNeAR train split only by
//! `cargo run --release -p sitrep_eval --example train_cues -- knowledge/cue_model.tsv`;
//! a `cue_model.tsv` in `--knowledge DIR` replaces it. Training is deterministic (fixed
//! document and feature order, no randomness).

use std::collections::HashMap;
use std::path::Path;

use sitrep_model::{Document, Span};

use crate::attribution::Found;
use crate::sentence::Sent;
use crate::{ExtractKnowledge, KnowledgeError};

pub(crate) const CUE_MODEL: &str = include_str!("../../../knowledge/cue_model.tsv");

/// Perceptron weights keyed by the hash of (template, value, value).
#[derive(Debug, Clone, Default)]
pub struct CueModel {
    weights: Weights,
    /// Score above which a token is a cue.
    pub threshold: f32,
    /// A rule cue whose tokens all score at or below this is dropped.
    pub veto: f32,
    /// A run in a sentence that already has a cue needs a peak above `threshold + extra`
    /// (a second cue in a sentence is less often marked).
    pub extra: f32,
    /// In a sentence with no cue at all, the best run whose peak is above this is taken
    /// (most sentences of news hold an attribution); at or above `threshold`: off.
    pub lone: f32,
    /// Words seen in training cues (`cand` lines): only these, and tokens under a rule cue,
    /// are scored, which keeps the detector cheap. Empty: every word is scored.
    cand: std::collections::HashSet<u64, std::hash::BuildHasherDefault<IdHasher>>,
    /// Brown cluster leaves (hashed) that held training cues (`candc` lines): their words
    /// are scored too, so an unseen cue verb can be found.
    cand_cl: std::collections::HashSet<u64>,
    /// Brown clusters of words (`word_clusters.tsv.gz`), feature values.
    pub(crate) clusters: crate::clusters::WordClusters,
    /// WordNet supersenses of words (`word_senses.tsv.gz`), feature values.
    pub(crate) senses: crate::clusters::WordSenses,
}

/// FNV-1a of one string.
pub(crate) fn h1(s: &str) -> u64 {
    s.bytes().fold(0xcbf29ce484222325, |h, b| (h ^ b as u64).wrapping_mul(0x100000001b3))
}

/// The key of feature (template, a, b) from the values' hashes, well mixed (the map hashes
/// keys by identity).
fn key(t: &str, a: u64, b: u64) -> u64 {
    let mut z = h1(t) ^ a.rotate_left(21) ^ b.rotate_left(42).wrapping_mul(0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
    z ^ (z >> 31)
}

/// Keys are already mixed hashes: use them as they are.
#[derive(Default, Clone, Copy)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | *b as u64;
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = x;
    }
}

type Weights = HashMap<u64, f32, std::hash::BuildHasherDefault<IdHasher>>;

/// A feature value and its hash.
pub(crate) type V<'a> = (&'a str, u64);

fn v(s: &str) -> V<'_> {
    (s, h1(s))
}

impl CueModel {
    /// The built-in model, replaced by `cue_model.tsv` in `dir` when present.
    pub fn load(dir: Option<&Path>) -> Result<Self, KnowledgeError> {
        if let Some(p) = dir.map(|d| d.join("cue_model.tsv")).filter(|p| p.exists()) {
            let text = std::fs::read_to_string(&p).map_err(|e| KnowledgeError { file: p.display().to_string(), message: e.to_string() })?;
            let mut m = Self::parse(&text).map_err(|message| KnowledgeError { file: p.display().to_string(), message })?;
            m.clusters = crate::clusters::WordClusters::load(dir)?;
            m.senses = crate::clusters::WordSenses::load(dir)?;
            return Ok(m);
        }
        let mut m = Self::parse(CUE_MODEL).map_err(|message| KnowledgeError { file: "(built-in) cue_model.tsv".into(), message })?;
        m.clusters = crate::clusters::WordClusters::load(dir)?;
        m.senses = crate::clusters::WordSenses::load(dir)?;
        Ok(m)
    }

    /// Lines `template<TAB>a<TAB>b<TAB>weight`; `#` comments; `threshold<TAB><TAB><TAB>x`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut m = CueModel { veto: f32::NEG_INFINITY, lone: f32::INFINITY, ..Default::default() };
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let [t, a, b, w] = f[..] else { return Err(format!("line {}: expected 4 tab-separated fields", n + 1)) };
            let w: f32 = w.trim().parse().map_err(|_| format!("line {}: bad weight {w:?}", n + 1))?;
            if t == "threshold" {
                m.threshold = w;
            } else if t == "veto" {
                m.veto = w;
            } else if t == "extra" {
                m.extra = w;
            } else if t == "lone" {
                m.lone = w;
            } else if t == "candc" {
                m.cand_cl.insert(h1(a));
            } else if t == "cand" {
                m.cand.insert(key(t, h1(a), h1(b)));
            } else {
                m.weights.insert(key(t, h1(a), h1(b)), w);
            }
        }
        Ok(m)
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    fn score(&self, cx: &Ctx, i: usize) -> f32 {
        let mut sum = 0.0;
        features(cx, i, &mut |t, a, b| sum += self.weights.get(&key(t, a.1, b.1)).copied().unwrap_or(0.0));
        sum
    }

    /// The features that pushed token `i` most towards a cue, for the explanation.
    fn top(&self, cx: &Ctx, i: usize, n: usize) -> Vec<String> {
        let mut v: Vec<(f32, String)> = vec![];
        features(cx, i, &mut |t, a, b| {
            if let Some(w) = self.weights.get(&key(t, a.1, b.1)) {
                v.push((*w, if b.0.is_empty() { format!("{t}={}", a.0) } else { format!("{t}={}|{}", a.0, b.0) }));
            }
        });
        v.sort_by(|x, y| y.0.total_cmp(&x.0));
        v.into_iter().take(n).map(|(w, f)| format!("{f} {w:+.2}")).collect()
    }
}

/// Per document: mention spans sorted by start (for the per-sentence lookups).
fn mention_spans(doc: &Document) -> Vec<Span> {
    let mut ms: Vec<Span> = doc.mentions.iter().map(|m| m.span).collect();
    ms.sort_by_key(|m| (m.start, m.end));
    ms
}

/// Walks the sentences carrying the quotation state within a paragraph and each sentence's
/// rule attributions (taken out of `rules`, which is in sentence order), calling `each`.
fn walk(doc: &Document, sents: &[Sent], k: &ExtractKnowledge, rules: Vec<Found>, lex: &[Vec<(usize, &str)>], mut each: impl FnMut(usize, &Sent, &Ctx, Vec<Found>)) {
    let ms = mention_spans(doc);
    let mut rules = rules.into_iter().peekable();
    let mut carry: Option<(usize, bool)> = None;
    for (si, s) in sents.iter().enumerate() {
        let mut mine = vec![];
        while let Some(f) = rules.next_if(|f| f.sent <= si) {
            mine.push(f);
        }
        let inside = match carry {
            Some((p, q)) if p == s.para => q,
            _ => crate::cue_rules::in_quotation(doc, s.span.start),
        };
        let cx = Ctx::new(s, &mine, lex.get(si).map_or(&[][..], |v| v.as_slice()), &ms, inside, k);
        carry = Some((s.para, cx.inside_end));
        each(si, s, &cx, mine);
    }
}

/// Auxiliaries, adverbs and punctuation: part of a cue ("has said", "also noted") but never
/// a cue alone.
pub fn function_word(w: &str) -> bool {
    is_function(&w.to_lowercase())
}

fn is_function(w: &str) -> bool {
    !w.chars().any(char::is_alphanumeric)
        || matches!(
            w,
            "has" | "have" | "had" | "is" | "was" | "are" | "were" | "be" | "been" | "being" | "also" | "do" | "did" | "does" | "n't" | "not" | "will" | "would" | "could" | "should" | "can" | "may" | "might" | "must" | "to" | "still" | "then" | "and" | "but" | "the" | "a" | "an" | "he" | "she" | "they" | "it" | "we" | "i" | "you" | "that" | "in" | "on" | "at" | "of" | "for" | "with" | "by" | "as" | "just" | "even" | "now" | "never" | "already" | "again" | "repeatedly"
        )
        || (w.len() > 4 && w.ends_with("ly"))
}

/// Per-token scores of sentence `s`.
pub(crate) fn scores(m: &CueModel, cx: &Ctx) -> Vec<f32> {
    // a function word alone is never a cue: scored only under a rule cue (for the veto)
    (0..cx.s.toks.len()).map(|i| if cx.skip(m, i) { f32::NEG_INFINITY } else { m.score(cx, i) }).collect()
}

/// Maximal runs of tokens scoring above the threshold, as token ranges (inclusive). One
/// function word between two such tokens joins them ("began by saying", "plans to"): it is
/// never scored, and the phrase is one cue, not two.
pub(crate) fn runs(sc: &[f32], threshold: f32) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = vec![];
    for (i, x) in sc.iter().enumerate() {
        if *x <= threshold {
            continue;
        }
        match out.last_mut() {
            Some(r) if r.1 + 1 == i || (r.1 + 2 == i && sc[i - 1] == f32::NEG_INFINITY) => r.1 = i,
            _ => out.push((i, i)),
        }
    }
    out
}

/// "cue: model cue_model.tsv score 2.3 (w=criticism +1.2, wn=of +0.8, ...)".
pub(crate) fn explain(m: &CueModel, cx: &Ctx, i: usize, score: f32) -> String {
    format!("cue: learned model (cue_model.tsv) score {score:.2}: {}", m.top(cx, i, 4).join(", "))
}

/// Token spans and their feature strings for training (`template\ta\tb`).
pub fn training_rows(doc: &Document, k: &ExtractKnowledge) -> Vec<(Span, Vec<String>)> {
    let sents = crate::sentence::sentences(doc);
    let mut lex = vec![];
    let rules = crate::attribution::find_rules(doc, &sents, k, &mut lex);
    let mut out = vec![];
    walk(doc, &sents, k, rules, &lex, |_, s, cx, _| {
        for (i, t) in s.toks.iter().enumerate() {
            let mut v = vec![];
            features(cx, i, &mut |a, b, c| v.push(format!("{a}\t{}\t{}", b.0, c.0)));
            out.push((t.span, v));
        }
    });
    out
}

#[path = "cue_apply.rs"]
mod apply;
#[path = "cue_features.rs"]
mod feats;
pub(crate) use feats::{features, Ctx};
pub(crate) use apply::apply;
