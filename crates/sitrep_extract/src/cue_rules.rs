//! Attribution patterns that have no reporting verb: a speaker label before a colon
//! ("Paul Ryan: FBI decision defies explanation", "Q: Did you ...") and a poll or study as
//! the source of a finding ("Trump leads by 24 points in a CNN national poll").

use crate::attribution::Found;
use crate::sentence::Sent;
use sitrep_model::Document;

/// Labels before a colon that introduce page furniture, not a speaker.
const NOT_SPEAKER: &[&str] = &[
    "update", "updated", "note", "editor", "watch", "related", "photo", "photos", "source",
    "read", "video", "warning", "breaking", "click", "see", "also", "correction", "image",
    "credit", "share", "follow", "subscribe", "advertisement", "tags", "filed", "posted",
];

/// Nouns that make "in a ... poll" a source of the clause it modifies.
const FINDING_NOUNS: &[&str] = &["poll", "polls", "survey", "surveys", "study", "studies", "polling"];

/// "Name: content" at the start of a sentence: a headline or transcript speaker label.
pub(crate) fn colon_label(doc: &Document, s: &Sent, si: usize) -> Option<Found> {
    let k = (1..s.toks.len().min(5)).find(|&i| s.word(i) == ":")?;
    let label = &s.toks[..k];
    if !label.iter().all(|t| t.is_word && t.cap && !t.lower.chars().any(|c| c.is_ascii_digit())) {
        return None;
    }
    if NOT_SPEAKER.contains(&s.word(0)) {
        return None;
    }
    // something must follow the colon on the same line
    let end = s.toks.len();
    if k + 1 >= end {
        return None;
    }
    let src = s.tspan(0, k - 1);
    let content = s.tspan(k + 1, end - 1);
    let name = doc.get(src)?.to_string();
    Some(Found {
        sent: si,
        source_span: Some(src),
        source_name: Some(name),
        source_entity: None,
        cue_text: ":".into(),
        cue_span: s.toks[k].span,
        cue_band: None,
        cue_kind: "say".into(),
        content,
        quote: false,
        rules: vec!["cue: speaker label before a colon".into()],
    })
}

/// "CLAUSE in a/the ... poll" or "In the new poll, CLAUSE": the poll is the source.
pub(crate) fn in_poll(doc: &Document, s: &Sent, si: usize) -> Vec<Found> {
    let mut out = vec![];
    let n = s.toks.len();
    for i in 0..n {
        if s.word(i) != "in" {
            continue;
        }
        let Some(h) = (i + 1..n.min(i + 9)).take_while(|&j| s.toks[j].is_word || s.word(j) == "-" || s.word(j) == "/").find(|&j| FINDING_NOUNS.contains(&s.word(j))) else { continue };
        if !matches!(s.word(i + 1), "a" | "an" | "the" | "this" | "that" | "its" | "their" | "his" | "her" | "most" | "recent" | "new" | "several" | "many" | "two" | "three") && !s.toks[i + 1].cap {
            continue;
        }
        // a particular poll ("a CNN national poll", "the latest survey"), not a standing
        // ("strength in the polls") or a quoted voice
        let np = &s.toks[i + 1..=h];
        let specific = np.iter().any(|t| t.cap || matches!(t.lower.as_str(), "new" | "latest" | "recent" | "this" | "that" | "similar" | "earlier" | "same" | "national"));
        if s.word(h).ends_with('s') && s.word(i + 1) == "the" || !specific || crate::attribution::in_quotation(doc, s.toks[i].span.start) {
            continue;
        }
        // the clause: after the comma when the phrase opens the sentence, else before it
        let content = if i == 0 {
            let Some(c) = (h + 1..n).find(|&j| s.word(j) == ",") else { continue };
            if c + 2 >= n {
                continue;
            }
            s.tspan(c + 1, n - 2)
        } else {
            if i < 3 {
                continue;
            }
            s.tspan(0, i - 1)
        };
        let src = s.tspan(i + 1, h);
        out.push(Found {
            sent: si,
            source_span: Some(src),
            source_name: doc.get(src).map(str::to_string),
            source_entity: None,
            cue_text: "in".into(),
            cue_span: s.toks[i].span,
            cue_band: None,
            cue_kind: "say".into(),
            content,
            quote: false,
            rules: vec!["cue: 'in' a poll or study (the finding's source)".into()],
        });
    }
    out
}

/// Passives with no agent ("Trump is expected to win", "it was believed that ...") and
/// "Asked whether X, Y said ...": cues the reporting verbs miss because no source precedes.
pub(crate) fn passive_and_asked(doc: &Document, s: &Sent, si: usize) -> Vec<Found> {
    let mut out = vec![];
    let n = s.toks.len();
    let mk = |a: usize, b: usize, content: sitrep_model::Span, src: Option<sitrep_model::Span>, rule: &str| {
        let cue_span = s.tspan(a, b);
        Found {
            sent: si,
            source_span: src,
            source_name: src.and_then(|x| doc.get(x)).map(str::to_string),
            source_entity: None,
            cue_text: doc.get(cue_span).unwrap_or("").to_string(),
            cue_span,
            cue_band: Some("expected".into()).filter(|_| s.word(b) == "expected"),
            cue_kind: if s.word(b) == "expected" { "expect".into() } else { "say".into() },
            content,
            quote: false,
            rules: vec![rule.to_string()],
        }
    };
    for i in 1..n.saturating_sub(2) {
        let aux = matches!(s.word(i), "is" | "are" | "was" | "were" | "widely");
        let verb = matches!(s.word(i + 1), "expected" | "believed" | "thought" | "rumored" | "rumoured" | "said" | "reported" | "announced");
        if aux && verb && matches!(s.word(i + 2), "to" | "that") && i >= 1 && !crate::attribution::in_quotation(doc, s.toks[i].span.start) {
            let content = s.tspan(0, n - 1);
            out.push(mk(i, i + 1, content, None, "cue: agentless passive ('is expected to')"));
        }
    }
    // "Asked whether ..., Ryan said": the content is the question, the source who answers
    let a = if s.word(0) == "when" { 1 } else { 0 };
    if s.word(a) == "asked" && matches!(s.word(a + 1), "if" | "whether" | "about" | "what" | "how" | "why" | "who" | "when" | "to") {
        if let Some(c) = (a + 2..n).find(|&j| s.word(j) == ",") {
            let src_end = (c + 1..n.min(c + 6)).take_while(|&j| s.toks[j].is_word && !matches!(s.word(j), "said" | "says" | "told" | "replied" | "responded" | "answered")).last();
            if c > a + 2 {
                let src = src_end.map(|e| s.tspan(c + 1, e));
                out.push(mk(a, a, s.tspan(a + 1, c - 1), src, "cue: 'Asked whether ...' before the answer"));
            }
        }
    }
    out
}
