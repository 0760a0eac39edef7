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
    /// Words seen in training cues (`cand` lines): only these, and tokens under a rule cue,
    /// are scored, which keeps the detector cheap. Empty: every word is scored.
    cand: std::collections::HashSet<u64, std::hash::BuildHasherDefault<IdHasher>>,
}

/// FNV-1a of one string.
fn h1(s: &str) -> u64 {
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
            return Self::parse(&text).map_err(|message| KnowledgeError { file: p.display().to_string(), message });
        }
        Self::parse(CUE_MODEL).map_err(|message| KnowledgeError { file: "(built-in) cue_model.tsv".into(), message })
    }

    /// Lines `template<TAB>a<TAB>b<TAB>weight`; `#` comments; `threshold<TAB><TAB><TAB>x`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut m = CueModel { veto: f32::NEG_INFINITY, ..Default::default() };
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

/// What the features of one sentence look at, computed once per sentence.
pub(crate) struct Ctx<'a> {
    s: &'a Sent,
    /// Rule cue kind covering each token ("" when none).
    rule: Vec<&'static str>,
    /// Cue lexicon kind of each token, whether or not a rule accepted it.
    lex: Vec<&'static str>,
    inq: Vec<bool>,
    /// Mention spans overlapping the sentence.
    ms: Vec<Span>,
    has_quote: bool,
    any_rule: bool,
    pronouns: &'a [String],
    /// Quotation state at the sentence's end, to seed the next one in the paragraph.
    inside_end: bool,
}

/// Cue kinds as static strings (a kind a user's reporting.toml adds reads as `other`).
fn intern_kind(k: &str) -> &'static str {
    match k {
        "" => "",
        "say" => "say",
        "attitude" => "attitude",
        "assess" => "assess",
        "claim" => "claim",
        "deny" => "deny",
        "expect" => "expect",
        "according" => "according",
        _ => "other",
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

impl<'a> Ctx<'a> {
    /// `lex`: the cue lexicon's hits in the sentence; `ms`: mention spans sorted; `inside`:
    /// whether the sentence opens inside a quotation.
    pub(crate) fn new(s: &'a Sent, rules: &[Found], lex: &[(usize, &str)], ms: &[Span], mut inside: bool, k: &'a ExtractKnowledge) -> Self {
        let n = s.toks.len();
        let mut rule = vec![""; n];
        for f in rules {
            for (i, t) in s.toks.iter().enumerate() {
                if t.span.overlaps(f.cue_span) {
                    rule[i] = intern_kind(&f.cue_kind);
                }
            }
        }
        let mut lx = vec![""; n];
        for &(i, kind) in lex {
            if i < n {
                lx[i] = intern_kind(kind);
            }
        }
        let lex = lx;
        let mut inq = Vec::with_capacity(n);
        for t in &s.toks {
            match t.lower.as_str() {
                "“" => inside = true,
                "”" => inside = false,
                "\"" => inside = !inside,
                _ => {}
            }
            inq.push(inside);
        }
        let first = ms.partition_point(|m| m.end <= s.span.start);
        let ms: Vec<Span> = ms[first..].iter().take_while(|m| m.start < s.span.end).copied().collect();

        let has_quote = s.toks.iter().any(|t| matches!(t.lower.as_str(), "“" | "”" | "\""));
        let any_rule = rule.iter().any(|r| !r.is_empty());
        Ctx { s, rule, lex, inq, ms, has_quote, any_rule, pronouns: &k.pronouns, inside_end: inside }
    }

    fn class(&self, i: Option<usize>) -> &'static str {
        i.and_then(|i| self.s.toks.get(i)).map_or("edge", |t| class_of(t, self.pronouns))
    }

    fn mention(&self, i: usize) -> bool {
        self.s.toks.get(i).is_some_and(|t| self.ms.iter().any(|m| m.overlaps(t.span)))
    }

    /// Not worth scoring: a function word, or a word no training cue held, unless a rule
    /// cue covers it.
    fn skip(&self, m: &CueModel, i: usize) -> bool {
        let w = self.s.toks[i].lower.as_str();
        self.rule[i].is_empty() && (!m.cand.is_empty() && !m.cand.contains(&key("cand", h1(w), h1(""))) || is_function(w))
    }
}

fn class_of(t: &crate::tokens::Token, pronouns: &[String]) -> &'static str {
    {
        let w = t.lower.as_str();
        match w {
            "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "my" | "your" | "this" | "that" | "these" | "those" => "det",
            "to" => "to",
            "would" | "could" | "should" | "will" | "can" | "may" | "might" | "must" => "modal",
            "is" | "was" | "are" | "were" | "be" | "been" | "has" | "have" | "had" | "do" | "did" | "does" => "aux",
            "n't" | "not" | "never" => "neg",
            "of" | "for" | "about" | "on" | "with" | "against" | "over" | "in" | "at" | "by" => "prep",
            "," | ";" => "comma",
            ":" => "colon",
            "“" | "”" | "\"" | "'" | "‘" | "’" => "quote",
            _ if pronouns.iter().any(|p| p == w) || matches!(w, "you" | "i" | "who") => "pron",
            _ if !t.is_word => "punct",
            _ if t.cap => "cap",
            _ if w.ends_with("ly") => "ly",
            _ if w.ends_with("ed") => "ed",
            _ if w.ends_with("ing") => "ing",
            _ if w.ends_with('s') => "s",
            _ => "low",
        }
    }
}

fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1..=2 => "1",
        3..=5 => "3",
        6..=10 => "6",
        _ => "11",
    }
}

fn suffix(w: &str, n: usize) -> &str {
    let k = w.char_indices().rev().nth(n - 1).map_or(0, |(b, _)| b);
    &w[k..]
}

/// Every feature of token `i`, as (template, value, value).
pub(crate) fn features(cx: &Ctx, i: usize, f: &mut impl FnMut(&str, V, V)) {
    let s = cx.s;
    let w = |j: Option<usize>| j.and_then(|j| Some(v(s.toks.get(j)?.lower.as_str()))).unwrap_or_else(|| v("<s>"));
    let (p1, p2, n1, n2) = (i.checked_sub(1), i.checked_sub(2), Some(i + 1), Some(i + 2));
    let w0 = w(Some(i));
    let (cp, cn) = (cx.class(p1), cx.class(n1));
    let rule = if cx.rule[i].is_empty() { "-" } else { cx.rule[i] };
    let q = if cx.inq[i] { "q" } else if cx.has_quote { "sq" } else { "-" };
    f("bias", v(""), v(""));
    f("w", w0, v(""));
    f("wp", w(p1), v(""));
    f("wn", w(n1), v(""));
    f("wp2", w(p2), v(""));
    f("wn2", w(n2), v(""));
    f("wpw", w(p1), w0);
    f("wwn", w0, w(n1));
    f("wwn2", w0, w(n2));
    f("suf3", v(suffix(w0.0, 3)), v(""));
    f("suf3cp", v(suffix(w0.0, 3)), v(cp));
    f("cp", v(cp), v(cx.class(Some(i))));
    f("cpcn", v(cp), v(cn));
    f("wcp", w0, v(cp));
    f("wcn", w0, v(cn));
    f("wcp2", w0, v(cx.class(p2)));
    f("rule", v(rule), v(""));
    f("rulew", v(rule), w0);
    f("q", v(q), v(""));
    f("wq", w0, v(q));
    f("pos", v(bucket(i)), v(bucket(s.toks.len() - i - 1)));
    let men = |j: Option<usize>| j.is_some_and(|j| cx.mention(j));
    f("men", v(if men(Some(i)) { "in" } else { "out" }), v(if men(p1) { "p" } else if men(p2) { "p2" } else { "-" }));
    f("wmenp", w0, v(if men(p1) || men(p2) { "y" } else { "n" }));
    let lex = if cx.lex[i].is_empty() { "-" } else { cx.lex[i] };
    f("lex", v(lex), v(rule));
    f("lexcp", v(lex), v(cp));
    f("stem", v(stem(w0.0)), v(""));
    f("stemcn", v(stem(w0.0)), v(cn));
    // a clause or quotation opening within three tokens after, a subject within three before
    let after = (i + 1..(i + 4).min(s.toks.len())).find_map(|j| match s.word(j) {
        "that" => Some("that"),
        ":" => Some("colon"),
        "“" | "\"" => Some("quote"),
        "whether" | "if" => Some("whether"),
        _ => None,
    });
    f("after", v(after.unwrap_or("-")), v(""));
    let subj = (i.saturating_sub(3)..i).rev().find_map(|j| match cx.class(Some(j)) {
        c @ ("pron" | "cap") => Some(c),
        _ => None,
    });
    f("subj", v(subj.unwrap_or("-")), v(after.unwrap_or("-")));
    f("wsubj", w0, v(subj.unwrap_or("-")));
    // another rule cue in the sentence, and on which side: annotators mark few cues a sentence
    let other = (0..if cx.any_rule { s.toks.len() } else { 0 }).filter(|&j| !cx.rule[j].is_empty() && cx.rule[j] != cx.rule[i] || !cx.rule[j].is_empty() && (j + 3 < i || j > i + 3)).map(|j| if j < i  { "before" } else { "after" }).next();
    f("other", v(other.unwrap_or("-")), v(rule));
    f("wother", w0, v(other.unwrap_or("-")));
    let cap = s.toks[i].cap && i > 0 && !matches!(cp, "quote" | "colon");
    f("cap", v(if cap { "c" } else { "-" }), v(if s.toks[i].is_word { "w" } else { "p" }));
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

/// A crude stem shared by inflections ("criticized", "criticizes" -> "criticiz").
fn stem(w: &str) -> &str {
    for suf in ["ing", "ed", "es", "s", "e"] {
        if let Some(x) = w.strip_suffix(suf).filter(|x| x.len() >= 3) {
            return x;
        }
    }
    w
}

/// Per-token scores of sentence `s`.
pub(crate) fn scores(m: &CueModel, cx: &Ctx) -> Vec<f32> {
    // a function word alone is never a cue: scored only under a rule cue (for the veto)
    (0..cx.s.toks.len()).map(|i| if cx.skip(m, i) { f32::NEG_INFINITY } else { m.score(cx, i) }).collect()
}

/// Maximal runs of tokens scoring above the threshold, as token ranges (inclusive).
pub(crate) fn runs(sc: &[f32], threshold: f32) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = vec![];
    for (i, x) in sc.iter().enumerate() {
        if *x <= threshold {
            continue;
        }
        match out.last_mut() {
            Some(r) if r.1 + 1 == i => r.1 = i,
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
pub(crate) use apply::apply;
