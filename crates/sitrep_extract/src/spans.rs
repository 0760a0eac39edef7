//! Span helpers of attribution: the source phrase on either side of a cue (`np_left`,
//! `np_right`), the content a cue governs (`content_after`, `content_span`) and quotation
//! marks. Token-level, no parser: phrases stop at clause words and punctuation.

use sitrep_model::Span;

use crate::sentence::Sent;

/// Words that end a source phrase when walking away from the cue.
pub(crate) const NP_STOP: &[&str] = &[
    "that", "which", "who", "whom", "whose", "when", "where", "while", "because", "since",
    "although", "though", "if", "but", "so", "or", "as", "than", "then", "is", "are", "was",
    "were", "be", "been", "has", "have", "had", "will", "would", "could", "should", "may",
    "might", "can", "must", "not", "it", "there", "to", "in", "on", "at", "for", "with", "from",
    "by", "after", "before", "said", "says", "say", "told", "this", "also", "and", "—", "–",
    "meanwhile", "however", "today", "yesterday", "unless", "until", "whether", "once",
];


pub(crate) const TIME_WORDS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    "yesterday", "tonight", "morning", "evening", "afternoon", "night", "week", "month", "year",
    "last", "earlier", "later", "late", "on",
];


/// Where content ends: before the sentence's final punctuation and closing quotes.
pub(crate) fn content_end(s: &Sent) -> usize {
    let mut e = s.toks.len();
    while e > 0 && !s.toks[e - 1].is_word && !is_close_quote(&s.toks[e - 1].lower) {
        e -= 1;
    }
    e
}

pub(crate) fn trim_left_punct(s: &Sent, mut i: usize) -> usize {
    while i > 0 && !s.toks[i - 1].is_word && !is_close_quote(&s.toks[i - 1].lower) {
        i -= 1;
    }
    // drop a comma right before a closing quote: “...,” he said
    i
}

/// Content after a cue: skips "that", the addressee of "told X that", colons and commas.
pub(crate) fn content_after(s: &Sent, mut i: usize, end: usize, quote: &mut bool) -> Option<Span> {
    // Skip the addressee ("told South Korean politicians on Tuesday") up to the clause.
    let cue = s.word(i.saturating_sub(1));
    if ["told", "tell", "tells", "telling", "informed", "assured", "warned", "briefed", "reminded"].contains(&cue) {
        let look = (i..end.min(i + 10)).find(|&j| matches!(s.word(j), "that" | "it" | "he" | "she" | "they" | "we" | "there" | "i" | ":" | "“" | "\""));
        if let Some(j) = look {
            i = j;
        }
    }
    while i < end && TIME_WORDS.contains(&s.word(i)) && i + 1 < end && s.word(i) == "on" {
        i += 2;
    }
    // Inside an open quotation the content ends where the quotation closes.
    let mut end = end;
    let opens = s.toks[..i].iter().filter(|t| matches!(t.lower.as_str(), "“")).count();
    let closes = s.toks[..i].iter().filter(|t| matches!(t.lower.as_str(), "”")).count();
    if opens > closes {
        if let Some(c) = (i..end).find(|&j| s.word(j) == "”") {
            end = c + 1;
        }
    }
    while i < end && matches!(s.word(i), "that" | "," | ":" | "-" | "—") {
        i += 1;
    }
    content_span(s, i, end, quote)
}

/// Span of tokens `[a, b)`, quotation marks trimmed; sets `quote` when they enclosed it.
pub(crate) fn content_span(s: &Sent, mut a: usize, mut b: usize, quote: &mut bool) -> Option<Span> {
    while b > a && matches!(s.word(b - 1), "," | ";" | ":") {
        b -= 1;
    }
    if b > a && is_open_quote(s.word(a)) {
        a += 1;
        *quote = true;
    }
    if b > a && is_close_quote(s.word(b - 1)) {
        b -= 1;
        *quote = true;
    }
    while b > a && matches!(s.word(b - 1), "," | ";" | ":" | ".") {
        b -= 1;
    }
    (b > a).then(|| s.tspan(a, b - 1))
}

pub(crate) fn is_open_quote(w: &str) -> bool {
    matches!(w, "“" | "\"" | "‘" | "'" | "``")
}
pub(crate) fn is_close_quote(w: &str) -> bool {
    matches!(w, "”" | "\"" | "’" | "'")
}

/// A source phrase ending at token `end` walking left: up to eight words, stopping at
/// clause words and punctuation ("Seoul's defense minister" but not "said that it").
pub(crate) fn np_left(s: &Sent, end: usize) -> Option<(usize, usize)> {
    let t = &s.toks[end];
    // "avoided criticizing", "began saying": a verb before the cue, not its source
    let verbish = !t.cap && (t.lower.ends_with("ed") || t.lower.ends_with("ing")) && t.lower.len() > 4 && !crate::cue_rules::HOLDER_NOUNS.contains(&t.lower.as_str());
    if !t.is_word || NP_STOP.contains(&t.lower.as_str()) || verbish {
        return None;
    }
    let mut a = end;
    while a > 0 && end - a < 7 {
        let p = &s.toks[a - 1];
        // participles and gerunds ("rioted", "following") end a noun phrase
        let verbish = !p.cap && (p.lower.ends_with("ed") || p.lower.ends_with("ing")) && p.lower.len() > 4 && !crate::cue_rules::HOLDER_NOUNS.contains(&p.lower.as_str());
        let ok = (p.is_word && !NP_STOP.contains(&p.lower.as_str()) && !verbish)
            || p.lower == "-"
            || (p.lower == "and" && s.toks[a].cap && a >= 2 && s.toks[a - 2].cap);
        if !ok {
            break;
        }
        a -= 1;
    }
    // An unnamed phrase must end in a noun-like word: reject "officers were killed" style
    // fragments by requiring the head to be capitalised, a pronoun, or a source noun.
    Some((a, end))
}

/// A source phrase starting at `start` walking right ("according to U.S. defense officials").
pub(crate) fn np_right(s: &Sent, start: usize) -> Option<(usize, usize)> {
    let mut b = start;
    let first = s.toks.get(start)?;
    // "said in a phone interview", "said Wednesday", "said that": no source there
    if !first.is_word || NP_STOP.contains(&first.lower.as_str()) || TIME_WORDS.contains(&first.lower.as_str()) {
        return None;
    }
    while b + 1 < s.toks.len() && b - start < 9 {
        let n = &s.toks[b + 1];
        let ok = (n.is_word && !NP_STOP.contains(&n.lower.as_str()) && !TIME_WORDS.contains(&n.lower.as_str()))
            || n.lower == "of"
            || (n.lower == "," && s.toks.get(b + 2).is_some_and(|t| t.cap) && s.toks[start..=b].iter().any(|t| t.lower.ends_with("'s") || t.lower == "minister"));
        if !ok {
            break;
        }
        b += 1;
    }
    Some((start, b))
}
