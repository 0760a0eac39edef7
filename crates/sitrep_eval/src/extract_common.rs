//! Shared by the extract evaluations (plover, polnear, ucdp, petrarch): reading JSONL,
//! running the pipeline on a text, byte-to-character offset conversion, and F1.

use std::path::Path;

use anyhow::Context;
use sitrep_model::{Attribution, Document, Span};
use sitrep_pipeline::{Pipeline, PipelineConfig};

use crate::EvalOptions;

pub(crate) fn read_jsonl(path: &Path, limit: Option<usize>) -> anyhow::Result<Vec<serde_json::Value>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        if limit.is_some_and(|n| out.len() >= n) {
            break;
        }
        out.push(serde_json::from_str(line).with_context(|| format!("{}:{}", path.display(), i + 1))?);
    }
    Ok(out)
}

pub(crate) fn pipeline(opts: &EvalOptions) -> anyhow::Result<Pipeline> {
    let cfg = PipelineConfig { knowledge: opts.knowledge.clone(), ..Default::default() };
    Ok(Pipeline::new(&cfg)?)
}

/// Annotate and extract one evaluation text.
pub(crate) fn run_text(p: &Pipeline, id: &str, text: &str, published: Option<&str>) -> Document {
    let mut doc = Document::new(id, id, text.to_string());
    doc.published = published.map(String::from);
    p.annotate_and_extract(&mut doc);
    doc
}

/// Byte offset -> character offset table for `text`.
pub(crate) struct CharIndex {
    starts: Vec<usize>,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        CharIndex { starts: text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect() }
    }
    pub fn char_of(&self, byte: usize) -> usize {
        self.starts.partition_point(|&b| b < byte)
    }
    pub fn span(&self, s: Span) -> (usize, usize) {
        (self.char_of(s.start), self.char_of(s.end))
    }
}

/// Every distinct attribution of a document (events and claims), keyed by its cue span.
pub(crate) fn attributions(doc: &Document) -> Vec<&Attribution> {
    let mut out: Vec<&Attribution> = Vec::new();
    let all = doc.events.iter().map(|e| &e.attribution).chain(doc.claims.iter().map(|c| &c.attribution));
    for a in all {
        let Some(c) = &a.cue else { continue };
        if !out.iter().any(|o| o.cue.as_ref().map(|x| x.span) == Some(c.span)) {
            out.push(a);
        }
    }
    out
}

/// Counts for precision / recall.
#[derive(Debug, Default, Clone, Copy, serde::Serialize)]
pub(crate) struct Prf {
    pub tp_pred: usize,
    pub pred: usize,
    pub tp_gold: usize,
    pub gold: usize,
}

impl Prf {
    pub fn p(&self) -> f64 {
        ratio(self.tp_pred, self.pred)
    }
    pub fn r(&self) -> f64 {
        ratio(self.tp_gold, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
    pub fn add(&mut self, o: Prf) {
        self.tp_pred += o.tp_pred;
        self.pred += o.pred;
        self.tp_gold += o.tp_gold;
        self.gold += o.gold;
    }
}

pub(crate) fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Match predicted spans to gold spans one-to-one (greedy); `exact` compares trimmed ends.
pub(crate) fn match_spans(pred: &[(usize, usize)], gold: &[(usize, usize)], exact: bool) -> Prf {
    let mut used = vec![false; gold.len()];
    let mut tp = 0;
    for p in pred {
        let hit = gold.iter().enumerate().position(|(i, g)| {
            !used[i] && if exact { g == p } else { p.0 < g.1 && g.0 < p.1 }
        });
        if let Some(i) = hit {
            used[i] = true;
            tp += 1;
        }
    }
    Prf { tp_pred: tp, pred: pred.len(), tp_gold: tp, gold: gold.len() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_from_bytes() {
        let t = "Seoul’s minister said";
        let ix = CharIndex::new(t);
        let b = t.find("minister").unwrap();
        assert_eq!(ix.char_of(b), 8);
        assert_eq!(ix.span(Span::new(b, t.len())), (8, 21));
    }

    #[test]
    fn overlap_and_exact_matching() {
        let p = [(0, 5), (10, 20)];
        let g = [(0, 5), (12, 30), (40, 50)];
        let o = match_spans(&p, &g, false);
        assert_eq!((o.tp_pred, o.pred, o.gold), (2, 2, 3));
        let e = match_spans(&p, &g, true);
        assert_eq!(e.tp_pred, 1);
        assert!((e.f1() - 0.4).abs() < 1e-9);
    }
}
