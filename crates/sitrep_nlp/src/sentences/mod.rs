//! Sentences: abbreviation-aware splitting with `sentencex` ("U.S." and "Gen." do not end a
//! sentence); a blank line (paragraph break) always ends one. Spans are byte offsets, trimmed
//! of surrounding whitespace, never empty.

use sitrep_model::{Document, Span};

pub(crate) fn annotate(doc: &mut Document) {
    doc.sentences = split(&doc.text);
}

/// Sentence spans of `text`.
pub(crate) fn split(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut para_start = 0;
    // Paragraphs first, so that a paragraph break always splits even where sentencex would not.
    while para_start < text.len() {
        let para_end = text[para_start..].find("\n\n").map_or(text.len(), |i| para_start + i);
        split_paragraph(text, para_start, para_end, &mut out);
        para_start = para_end + 2;
    }
    out
}

fn split_paragraph(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let para = &text[start..end];
    if para.trim().is_empty() {
        return;
    }
    let mut covered = 0;
    for b in sentencex::get_sentence_boundaries("en", para) {
        let (s, e) = (b.start_byte.max(covered), b.end_byte.min(para.len()));
        if s >= e || !para.is_char_boundary(s) || !para.is_char_boundary(e) {
            continue;
        }
        push_trimmed(text, start + s, start + e, out);
        covered = e;
    }
    if covered < para.len() {
        push_trimmed(text, start + covered, end, out);
    }
}

fn push_trimmed(text: &str, s: usize, e: usize, out: &mut Vec<Span>) {
    let piece = &text[s..e];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    let (s, e) = (s + lead, e - trail);
    if s < e {
        out.push(Span::new(s, e));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_do_not_split_and_paragraphs_do() {
        let t = "U.S. defense officials met Gen. Smith. He left.\n\nNew paragraph without stop\n\nLast.";
        let s: Vec<&str> = split(t).iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(s, vec!["U.S. defense officials met Gen. Smith.", "He left.", "New paragraph without stop", "Last."]);
    }
}
