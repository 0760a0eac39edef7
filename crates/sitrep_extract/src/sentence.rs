//! The per-sentence view extract works on: tokens, paragraph number, and lookups of the
//! language layer's annotations (mentions, entities) by span.

use sitrep_model::{Document, EntityKind, Mention, Span};

use crate::tokens::{split_sentences, tokenize, Token};

pub(crate) struct Sent {
    pub span: Span,
    pub toks: Vec<Token>,
    /// Paragraph number (blank-line separated).
    pub para: usize,
}

impl Sent {
    /// Span from token `a` to token `b` inclusive.
    pub fn tspan(&self, a: usize, b: usize) -> Span {
        Span::new(self.toks[a].span.start, self.toks[b].span.end)
    }
    /// Index of the first token starting at or after byte `pos`.
    pub fn tok_at(&self, pos: usize) -> usize {
        self.toks.iter().position(|t| t.span.start >= pos).unwrap_or(self.toks.len())
    }
    pub fn word(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.lower.as_str())
    }
}

/// Sentences of the document (the language layer's, or a simple split when it gave none).
pub(crate) fn sentences(doc: &Document) -> Vec<Sent> {
    let spans = if doc.sentences.is_empty() { split_sentences(&doc.text) } else { doc.sentences.clone() };
    let mut para = 0;
    let mut last_end = 0;
    let mut out = Vec::with_capacity(spans.len());
    for s in spans {
        if doc.get(s).is_none() {
            continue;
        }
        if let Some(gap) = doc.text.get(last_end.min(s.start)..s.start) {
            if gap.contains("\n\n") || (gap.contains('\n') && last_end > 0 && para_break_single(gap)) {
                para += 1;
            }
        }
        last_end = s.end;
        out.push(Sent { span: s, toks: tokenize(&doc.text, s), para });
    }
    out
}

fn para_break_single(gap: &str) -> bool {
    gap.matches('\n').count() >= 2
}

/// Mentions lying inside `span`, in text order.
pub(crate) fn mentions_in(doc: &Document, span: Span) -> Vec<&Mention> {
    let mut v: Vec<&Mention> = doc.mentions.iter().filter(|m| span.contains(m.span)).collect();
    v.sort_by_key(|m| m.span);
    v
}

pub(crate) fn entity_kind(doc: &Document, id: &str) -> Option<EntityKind> {
    doc.entities.iter().find(|e| e.id == id).map(|e| e.kind)
}

pub(crate) fn entity_name(doc: &Document, id: &str) -> Option<String> {
    doc.entities.iter().find(|e| e.id == id).map(|e| e.name.clone())
}

/// The mention that best names the actor inside `span`: a person if there is one, else
/// the last (head-most) mention.
pub(crate) fn best_mention(doc: &Document, span: Span) -> Option<&Mention> {
    let ms = mentions_in(doc, span);
    ms.iter()
        .rev()
        .find(|m| entity_kind(doc, &m.entity) == Some(EntityKind::Person))
        .or(ms.last())
        .copied()
}
