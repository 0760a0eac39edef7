//! Words and punctuation with byte spans, a fallback sentence splitter, and a small
//! lemmatiser: enough structure for cue and trigger patterns without a parser.

use sitrep_model::Span;

/// One token: a word (letters, digits, inner hyphens, apostrophes and dots) or one
/// punctuation character.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub span: Span,
    /// Lowercased text, curly apostrophes folded to `'`.
    pub lower: String,
    pub is_word: bool,
    /// Starts with an uppercase letter.
    pub cap: bool,
}

fn is_inner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '.' | '/')
}

/// Tokens of `text[span]`, spans absolute.
pub(crate) fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let Some(s) = text.get(span.start..span.end) else { return vec![] };
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (b, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i + 1;
            while j < chars.len() {
                let cj = chars[j].1;
                if cj.is_alphanumeric() {
                    j += 1;
                } else if is_inner(cj) && chars.get(j + 1).is_some_and(|n| n.1.is_alphanumeric()) {
                    j += 2;
                } else if cj == '.' && is_abbrev_dot(&chars, i, j) {
                    j += 1;
                } else {
                    break;
                }
            }
            let end = chars.get(j).map_or(s.len(), |c| c.0);
            push(&mut out, s, b, end, span.start, true);
            i = j;
        } else {
            let end = chars.get(i + 1).map_or(s.len(), |c| c.0);
            push(&mut out, s, b, end, span.start, false);
            i += 1;
        }
    }
    out
}

/// "U.S." keeps its final dot: single letters separated by dots.
fn is_abbrev_dot(chars: &[(usize, char)], start: usize, dot: usize) -> bool {
    dot >= start + 3 && chars[dot - 2].1 == '.' && chars[dot - 1].1.is_alphabetic()
}

fn push(out: &mut Vec<Token>, s: &str, b: usize, e: usize, base: usize, is_word: bool) {
    let t = &s[b..e];
    out.push(Token {
        span: Span::new(base + b, base + e),
        lower: t.to_lowercase().replace('’', "'"),
        is_word,
        cap: t.chars().next().is_some_and(char::is_uppercase),
    });
}

/// Split `text` into sentences when the language layer gave none.
pub(crate) fn split_sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let end_here = match c {
            b'\n' => i + 1 < bytes.len() && bytes[i + 1] == b'\n',
            b'.' | b'!' | b'?' => {
                let next = text[i + 1..].chars().next();
                let after_quote = text[i + 1..].trim_start_matches(['"', '\'', '”', '’']);
                let nn = after_quote.chars().next();
                let prev_word: String =
                    text[..i].chars().rev().take_while(|c| c.is_alphabetic()).collect();
                let abbrev = prev_word.chars().count() == 1 || matches!(prev_word.as_str(), "rM" | "srM" | "rD" | "tS" | "S.U");
                next.is_none_or(|n| n.is_whitespace() || matches!(n, '"' | '”' | '’' | '\''))
                    && nn.is_none_or(|n| n.is_whitespace())
                    && !abbrev
            }
            _ => false,
        };
        if end_here {
            let mut e = i + 1;
            while e < bytes.len() && matches!(text[e..].chars().next(), Some('"' | '”' | '’' | '\'')) {
                e += text[e..].chars().next().map_or(1, char::len_utf8);
            }
            push_trimmed(text, start, e, &mut out);
            start = e;
            i = e;
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, s: usize, e: usize, out: &mut Vec<Span>) {
    let piece = &text[s..e];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if s + lead < e - trail {
        out.push(Span::new(s + lead, e - trail));
    }
}

/// Candidate lemmas of a lowercased word: itself, an irregular base form, and the forms
/// regular English suffix stripping gives ("signed" -> sign, "shipping" -> ship, "tries" -> try).
pub(crate) fn lemmas(w: &str, irregular: &std::collections::HashMap<String, String>) -> Vec<String> {
    let mut out = vec![w.to_string()];
    if let Some(b) = irregular.get(w) {
        out.push(b.clone());
    }
    let mut add = |s: String| {
        if s.len() >= 2 && !out.contains(&s) {
            out.push(s);
        }
    };
    if let Some(stem) = w.strip_suffix("ies").or_else(|| w.strip_suffix("ied")) {
        add(format!("{stem}y"));
    }
    if let Some(stem) = w.strip_suffix("es") {
        add(stem.to_string());
    }
    if let Some(stem) = w.strip_suffix('s') {
        if !w.ends_with("ss") {
            add(stem.to_string());
        }
    }
    for suf in ["ed", "ing"] {
        if let Some(stem) = w.strip_suffix(suf) {
            add(stem.to_string());
            add(format!("{stem}e"));
            let b = stem.as_bytes();
            if b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] {
                add(stem[..stem.len() - 1].to_string());
            }
        }
    }
    if let Some(stem) = w.strip_suffix('d') {
        if w.ends_with("ed") {
            add(stem.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn tokens_keep_inner_hyphens_and_abbreviations() {
        let t = "Kim Yong-hyun said U.S. troops, “fired.”";
        let toks = tokenize(t, Span::new(0, t.len()));
        let words: Vec<&str> = toks.iter().map(|k| &t[k.span.start..k.span.end]).collect();
        assert_eq!(words, ["Kim", "Yong-hyun", "said", "U.S.", "troops", ",", "“", "fired", ".", "”"]);
    }

    #[test]
    fn lemmas_cover_regular_and_irregular_forms() {
        let mut irr = HashMap::new();
        irr.insert("struck".to_string(), "strike".to_string());
        assert!(lemmas("signed", &irr).contains(&"sign".to_string()));
        assert!(lemmas("shipping", &irr).contains(&"ship".to_string()));
        assert!(lemmas("struck", &irr).contains(&"strike".to_string()));
        assert!(lemmas("tries", &irr).contains(&"try".to_string()));
        assert!(lemmas("visited", &irr).contains(&"visit".to_string()));
        assert!(lemmas("vetoes", &irr).contains(&"veto".to_string()));
        assert!(lemmas("deployed", &irr).contains(&"deploy".to_string()));
        assert!(!lemmas("press", &irr).contains(&"pres".to_string()));
    }

    #[test]
    fn fallback_sentences() {
        let t = "Kim said so. “It is likely,” he said.\n\nU.S. officials agreed. Mr. Lee left";
        let s: Vec<&str> = split_sentences(t).iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(s, ["Kim said so.", "“It is likely,” he said.", "U.S. officials agreed.", "Mr. Lee left"]);
    }
}
