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
    weights: HashMap<u64, f32>,
    /// Score above which a token is a cue.
    pub threshold: f32,
    /// A rule cue whose tokens all score at or below this is dropped.
    pub veto: f32,
}

fn fnv(parts: [&str; 3]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0x1f)) {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    h
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
            } else {
                m.weights.insert(fnv([t, a, b]), w);
            }
        }
        Ok(m)
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    fn score(&self, cx: &Ctx, i: usize) -> f32 {
        let mut sum = 0.0;
        features(cx, i, &mut |t, a, b| sum += self.weights.get(&fnv([t, a, b])).copied().unwrap_or(0.0));
        sum
    }

    /// The features that pushed token `i` most towards a cue, for the explanation.
    fn top(&self, cx: &Ctx, i: usize, n: usize) -> Vec<String> {
        let mut v: Vec<(f32, String)> = vec![];
        features(cx, i, &mut |t, a, b| {
            if let Some(w) = self.weights.get(&fnv([t, a, b])) {
                v.push((*w, if b.is_empty() { format!("{t}={a}") } else { format!("{t}={a}|{b}") }));
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
    rule: Vec<&'a str>,
    /// Cue lexicon kind of each token, whether or not a rule accepted it.
    lex: Vec<&'a str>,
    inq: Vec<bool>,
    mention: Vec<bool>,
    has_quote: bool,
    pronouns: &'a [String],
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(doc: &Document, s: &'a Sent, rules: &'a [Found], k: &'a ExtractKnowledge) -> Self {
        let n = s.toks.len();
        let mut rule = vec![""; n];
        for f in rules {
            for (i, t) in s.toks.iter().enumerate() {
                if t.span.overlaps(f.cue_span) {
                    rule[i] = f.cue_kind.as_str();
                }
            }
        }
        let mut lex = vec![""; n];
        for m in k.cues.find(&s.toks, &k.irregular) {
            for &i in &m.toks {
                lex[i] = k.cues.entries[m.entry].kind.as_str();
            }
        }
        // quotation state token by token, seeded from the paragraph before the sentence
        let mut inside = crate::cue_rules::in_quotation(doc, s.span.start);
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
        let ms: Vec<Span> = doc.mentions.iter().map(|m| m.span).filter(|m| m.overlaps(s.span)).collect();
        let mention = s.toks.iter().map(|t| ms.iter().any(|m| m.overlaps(t.span))).collect();
        let has_quote = s.toks.iter().any(|t| matches!(t.lower.as_str(), "“" | "”" | "\""));
        Ctx { s, rule, lex, inq, mention, has_quote, pronouns: &k.pronouns }
    }

    fn class(&self, i: Option<usize>) -> &'static str {
        let Some(t) = i.and_then(|i| self.s.toks.get(i)) else { return "edge" };
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
            _ if self.pronouns.iter().any(|p| p == w) || matches!(w, "you" | "i" | "who") => "pron",
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
pub(crate) fn features(cx: &Ctx, i: usize, f: &mut impl FnMut(&str, &str, &str)) {
    let s = cx.s;
    let w = |j: Option<usize>| j.and_then(|j| s.toks.get(j)).map_or("<s>", |t| t.lower.as_str());
    let (p1, p2, n1, n2) = (i.checked_sub(1), i.checked_sub(2), Some(i + 1), Some(i + 2));
    let w0 = w(Some(i));
    let (cp, cn) = (cx.class(p1), cx.class(n1));
    let rule = if cx.rule[i].is_empty() { "-" } else { cx.rule[i] };
    let q = if cx.inq[i] { "q" } else if cx.has_quote { "sq" } else { "-" };
    f("bias", "", "");
    f("w", w0, "");
    f("wp", w(p1), "");
    f("wn", w(n1), "");
    f("wp2", w(p2), "");
    f("wn2", w(n2), "");
    f("wpw", w(p1), w0);
    f("wwn", w0, w(n1));
    f("wwn2", w0, w(n2));
    f("suf3", suffix(w0, 3), "");
    f("suf3cp", suffix(w0, 3), cp);
    f("cp", cp, cx.class(Some(i)));
    f("cpcn", cp, cn);
    f("wcp", w0, cp);
    f("wcn", w0, cn);
    f("wcp2", w0, cx.class(p2));
    f("rule", rule, "");
    f("rulew", rule, w0);
    f("q", q, "");
    f("wq", w0, q);
    f("pos", bucket(i), bucket(s.toks.len() - i - 1));
    let men = |j: Option<usize>| j.and_then(|j| cx.mention.get(j)).copied().unwrap_or(false);
    f("men", if men(Some(i)) { "in" } else { "out" }, if men(p1) { "p" } else if men(p2) { "p2" } else { "-" });
    f("wmenp", w0, if men(p1) || men(p2) { "y" } else { "n" });
    let lex = if cx.lex[i].is_empty() { "-" } else { cx.lex[i] };
    f("lex", lex, rule);
    f("lexcp", lex, cp);
    f("stem", stem(w0), "");
    f("stemcn", stem(w0), cn);
    // a clause or quotation opening within three tokens after, a subject within three before
    let after = (i + 1..(i + 4).min(s.toks.len())).find_map(|j| match s.word(j) {
        "that" => Some("that"),
        ":" => Some("colon"),
        "“" | "\"" => Some("quote"),
        "whether" | "if" => Some("whether"),
        _ => None,
    });
    f("after", after.unwrap_or("-"), "");
    let subj = (i.saturating_sub(3)..i).rev().find_map(|j| match cx.class(Some(j)) {
        c @ ("pron" | "cap") => Some(c),
        _ => None,
    });
    f("subj", subj.unwrap_or("-"), after.unwrap_or("-"));
    f("wsubj", w0, subj.unwrap_or("-"));
    // another rule cue in the sentence, and on which side: annotators mark few cues a sentence
    let other = (0..s.toks.len()).filter(|&j| !cx.rule[j].is_empty() && cx.rule[j] != cx.rule[i] || !cx.rule[j].is_empty() && (j + 3 < i || j > i + 3)).map(|j| if j < i { "before" } else { "after" }).next();
    f("other", other.unwrap_or("-"), rule);
    f("wother", w0, other.unwrap_or("-"));
    let cap = s.toks[i].cap && i > 0 && !matches!(cp, "quote" | "colon");
    f("cap", if cap { "c" } else { "-" }, if s.toks[i].is_word { "w" } else { "p" });
}

/// Auxiliaries, adverbs and punctuation: part of a cue ("has said", "also noted") but never
/// a cue alone.
pub fn function_word(w: &str) -> bool {
    let w = w.to_lowercase();
    !w.chars().any(char::is_alphanumeric)
        || matches!(
            w.as_str(),
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
    (0..cx.s.toks.len()).map(|i| m.score(cx, i)).collect()
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
    let rules = crate::attribution::find_rules(doc, &sents, k);
    let mut out = vec![];
    for (si, s) in sents.iter().enumerate() {
        let mine: Vec<Found> = rules.iter().filter(|f| f.sent == si).cloned().collect();
        let cx = Ctx::new(doc, s, &mine, k);
        for (i, t) in s.toks.iter().enumerate() {
            let mut v = vec![];
            features(&cx, i, &mut |a, b, c| v.push(format!("{a}\t{b}\t{c}")));
            out.push((t.span, v));
        }
    }
    out
}

/// The rules' attributions plus one for each run of tokens the model scores as a cue that
/// no rule cue overlaps; each new one gets the phrase before it as source when that looks
/// like one (a pronoun, a name, a mention) and the rest of the sentence as content.
pub(crate) fn apply(doc: &Document, sents: &[Sent], k: &ExtractKnowledge, rules: Vec<Found>) -> Vec<Found> {
    let m = &k.cue_model;
    if m.is_empty() {
        return rules;
    }
    let mut out: Vec<Found> = Vec::with_capacity(rules.len() * 2);
    for (si, s) in sents.iter().enumerate() {
        let mine: Vec<Found> = rules.iter().filter(|f| f.sent == si).cloned().collect();
        let cx = Ctx::new(doc, s, &mine, k);
        let sc = scores(m, &cx);
        let kept = |f: &&Found| !s.toks.iter().zip(&sc).filter(|(t, _)| t.span.overlaps(f.cue_span)).all(|(_, x)| *x <= m.veto);
        out.extend(mine.iter().filter(kept).cloned());
        for (mut a, mut b) in runs(&sc, m.threshold) {
            while a < b && !s.toks[a].is_word {
                a += 1;
            }
            while b > a && !s.toks[b].is_word {
                b -= 1;
            }
            if (a..=b).all(|i| function_word(&s.toks[i].lower)) {
                continue;
            }
            let span = s.tspan(a, b);
            if mine.iter().any(|f| f.cue_span.overlaps(span)) {
                continue;
            }
            let best = (a..=b).max_by(|x, y| sc[*x].total_cmp(&sc[*y])).unwrap_or(a);
            let mut f = new_found(doc, s, si, a, b, k, out.last());
            f.rules.insert(0, explain(m, &cx, best, sc[best]));
            out.push(f);
        }
    }
    out
}

fn new_found(doc: &Document, s: &Sent, si: usize, a: usize, b: usize, k: &ExtractKnowledge, prev: Option<&Found>) -> Found {
    let cue_span = s.tspan(a, b);
    let mut f = Found {
        sent: si,
        source_span: None,
        source_name: None,
        source_entity: None,
        cue_text: doc.get(cue_span).unwrap_or("").to_string(),
        cue_span,
        cue_band: None,
        cue_kind: "model".into(),
        content: s.span,
        quote: false,
        rules: vec![],
    };
    // auxiliaries, negation and adverbs between the source and the cue ("he did not like")
    let mut l = a;
    while l > 0 {
        let w = s.word(l - 1);
        if crate::attribution::SKIP_LEFT.contains(&w) || matches!(w, "n't" | "not" | "never" | "is" | "was" | "are" | "were" | "be" | "been") || (w.len() > 4 && w.ends_with("ly") && !s.toks[l - 1].cap) {
            l -= 1;
        } else {
            break;
        }
    }
    if l > 0 {
        let p = &s.toks[l - 1];
        let src = if k.pronouns.contains(&p.lower) || matches!(p.lower.as_str(), "you" | "i" | "who") {
            Some((l - 1, l - 1))
        } else {
            crate::spans::np_left(s, l - 1).filter(|(x, y)| s.toks[*y].cap || s.toks[*x].cap || crate::cue_rules::HOLDER_NOUNS.contains(&s.word(*y)))
        };
        if let Some((x, y)) = src {
            crate::attribution::set_source(doc, &mut f, s.tspan(x, y), k, prev);
            f.rules.push("source: phrase before the learned cue".into());
        }
    }
    let end = crate::spans::content_end(s);
    if let Some(c) = crate::spans::content_after(s, b + 1, end, &mut f.quote) {
        f.content = c;
    }
    // an event trigger in the content: the event's clause (where its actors are found) is
    // the content of the attribution that holds it, so keep the whole sentence there
    let (ca, cb) = (s.tok_at(f.content.start), s.tok_at(f.content.end));
    if !k.triggers.find(&s.toks[ca..cb.max(ca)], &k.irregular).is_empty() {
        f.content = s.span;
        f.rules.push("content: the whole sentence (it holds an event trigger)".into());
    }
    f
}
