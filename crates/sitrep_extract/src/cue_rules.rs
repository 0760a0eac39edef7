//! Attribution patterns that have no reporting verb: a speaker label before a colon
//! ("Paul Ryan: FBI decision defies explanation", "Q: Did you ...") and a poll or study as
//! the source of a finding ("Trump leads by 24 points in a CNN national poll").

use crate::attribution::Found;
use crate::sentence::Sent;
use sitrep_model::Document;

/// Singular nouns that hold attitudes and findings ("the poll shows", "the campaign wants").
pub(crate) const HOLDER_NOUNS: &[&str] = &[
    "poll", "survey", "study", "report", "data", "analysis", "research", "public", "majority",
    "campaign", "administration", "government", "party", "committee", "court", "judge", "group",
    "electorate", "candidate", "polling", "footage", "video", "transcript", "record", "records",
    "evidence", "numbers", "results", "figures", "experience", "history", "documents", "memo",
    "letter", "ad", "filing", "review", "audit", "investigation", "probe", "estimate", "tally",
    "model", "projection", "forecast", "index", "article", "book", "email", "emails", "tweet", "ruling", "filing", "briefing", "search", "outcome", "count", "official", "spokesman", "spokeswoman", "president", "senator",
    "governor", "leader", "everyone", "nobody", "someone", "anyone", "democrat", "republican",
];

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
    // a transcript line may open with a quotation mark (`"WALLACE: Let's start...`)
    let first = s.toks.iter().take_while(|t| crate::spans::is_open_quote(&t.lower)).count();
    let k = (first + 1..s.toks.len().min(first + 5)).find(|&i| s.word(i) == ":")?;
    let label = &s.toks[first..k];
    if !label.iter().all(|t| t.is_word && t.cap && !t.lower.chars().any(|c| c.is_ascii_digit())) {
        return None;
    }
    if NOT_SPEAKER.contains(&s.word(first)) {
        return None;
    }
    // something must follow the colon on the same line
    let end = s.toks.len();
    if k + 1 >= end {
        return None;
    }
    let src = s.tspan(first, k - 1);
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
        if s.word(h).ends_with('s') && s.word(i + 1) == "the" || !specific || in_quotation(doc, s.toks[i].span.start) {
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
        if aux && verb && matches!(s.word(i + 2), "to" | "that") && i >= 1 && !in_quotation(doc, s.toks[i].span.start) {
            let content = s.tspan(0, n - 1);
            out.push(mk(i, i + 1, content, None, "cue: agentless passive ('is expected to')"));
        }
    }
    // "Asked whether ..., Ryan said": the content is the question, the source who answers
    let a = if s.word(0) == "when" { 1 } else { 0 };
    let question = |j: usize| matches!(s.word(j), "if" | "whether" | "about" | "what" | "how" | "why" | "who" | "when" | "to" | "by" | "specifically" | "again" | "directly" | "later" | "repeatedly");
    // "..., he said when asked whether ...": the question is the content; no source named
    for i in 2..n.saturating_sub(2) {
        if s.word(i) == "asked" && s.word(i - 1) == "when" && question(i + 1) && !in_quotation(doc, s.toks[i].span.start) {
            let e = (i + 2..n).find(|&j| matches!(s.word(j), "," | ";" | "." | "—")).unwrap_or(n);
            if e > i + 2 {
                out.push(mk(i, i, s.tspan(i + 1, e - 1), None, "cue: 'when asked ...' (the question)"));
            }
        }
    }
    if s.word(a) == "asked" && question(a + 1) {
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

/// Whether byte `at` lies inside a quotation opened earlier in its paragraph. Curly marks
/// open and close; straight `"` and the doubled `''` some outlets use toggle, so a quote
/// opened with `"` and closed with `”` (mixed typography) is closed again.
pub(crate) fn in_quotation(doc: &Document, at: usize) -> bool {
    let head = doc.text.get(..at).unwrap_or("");
    let para = head.rfind('\n').map_or(head, |p| &head[p + 1..]);
    let mut inside = false;
    let mut prev_apos = false;
    for c in para.chars() {
        match c {
            '“' => inside = true,
            '”' => inside = false,
            '"' => inside = !inside,
            '\'' if prev_apos => {
                inside = !inside;
                prev_apos = false;
                continue;
            }
            _ => {}
        }
        prev_apos = c == '\'';
    }
    inside
}

/// A headline in title case ("Trump Says He Never Pledged ..."): capitals there do not
/// mark names, so a capitalised cue is still a cue.
pub(crate) fn title_case(s: &Sent) -> bool {
    let long: Vec<_> = s.toks.iter().filter(|t| t.is_word && t.lower.len() > 3).collect();
    long.len() >= 3 && long.iter().filter(|t| t.cap).count() * 5 >= long.len() * 4
}

/// "Matthew Prince, chief executive of CloudFlare, a San Francisco company, said": the name
/// that opens a chain of appositives ending in a comma right before the cue (at `l`). The
/// chain starts at the sentence start or after a closing quotation ("..., ” NAME, ..., said").
pub(crate) fn appositive_source(s: &Sent, l: usize, cj: usize) -> Option<(usize, usize)> {
    if l < 4 || s.word(l - 1) != "," {
        return None;
    }
    // "..., said the official": an inverted source follows; not an appositive chain
    // (a short phrase closing the sentence or its clause), not "..., said the plan would fail"
    let run = s.toks[cj + 1..].iter().take_while(|t| t.is_word).count();
    let clause = s.toks[cj + 1..cj + 1 + run].iter().any(|t| crate::spans::NP_STOP.contains(&t.lower.as_str()));
    let closes = s.toks.get(cj + 1 + run).is_none_or(|t| matches!(t.lower.as_str(), "," | "." | ";" | "!" | "?" | "”" | "\""));
    if run > 0 && run <= 7 && closes && !clause {
        return None;
    }
    let close = |w: &str| matches!(w, "”" | "\"" | "’" | "'");
    let b = (0..l - 1).rev().find(|&i| close(s.word(i)) || matches!(s.word(i), ";" | ":" | "(" | "—")).map_or(0, |i| i + 1);
    let b = if s.word(b) == "," { b + 1 } else { b };
    if l - b > 32 || b >= l - 1 || !s.toks[b].cap {
        return None;
    }
    let comma = (b..l - 1).find(|&i| s.word(i) == ",")?;
    let head = &s.toks[b..comma];
    let verbs = ["said", "says", "told", "is", "was", "are", "were", "has", "have", "had", "will", "would"];
    // "Under the plan, ...": a fronted phrase, not a name
    let fronted = matches!(s.word(b), "under" | "in" | "after" | "when" | "as" | "if" | "although" | "while" | "because" | "since" | "before" | "with" | "for" | "on" | "at" | "by" | "from" | "during" | "despite" | "but" | "and" | "so" | "yet" | "still" | "instead" | "meanwhile" | "however" | "now" | "then" | "today" | "yesterday" | "last" | "this" | "that" | "it" | "there");
    if comma == b || head.len() > 6 || fronted || !head.iter().all(|t| t.is_word && !verbs.contains(&t.lower.as_str())) {
        return None;
    }
    // between the head and the cue: appositives, not a clause of their own
    if s.toks[comma..l].iter().any(|t| matches!(t.lower.as_str(), "said" | "says" | "told")) {
        return None;
    }
    // the whole chain is the source phrase, as annotators mark it
    Some((b, l - 2))
}

/// Cue lemmas that are as often nouns ("a call", "his support", "the plan").
const NOUNISH: &[&str] = &[
    "call", "support", "plan", "offer", "answer", "comment", "tweet", "post", "demand", "pledge",
    "promise", "claim", "question", "report", "challenge", "praise", "fear", "hope", "doubt",
    "blame", "charge", "dispute", "estimate", "forecast", "project", "counter", "request", "echo",
    "quip", "joke", "vow", "reply", "respond", "email", "text", "voice", "float", "raise", "grant",
    "allow", "find", "show", "want", "need", "rail", "snap", "vent", "rave", "muse", "continue",
];

/// Whether a one-word cue in its bare form (no -s, -ed, -ing) lacks a subject right
/// before it, so reads as a noun: "a personal call", "roll call", "tepid Latino support".
pub(crate) fn bare_noun_like(s: &Sent, ci: usize, pronouns: &[String]) -> bool {
    let w = s.word(ci);
    if !NOUNISH.contains(&w) || ci == 0 {
        return false;
    }
    let p = &s.toks[ci - 1];
    let subject = p.cap
        || pronouns.contains(&p.lower)
        || matches!(p.lower.as_str(), "i" | "you" | "we" | "they" | "who" | "that" | "n't" | "not" | "to" | "also" | "still" | "now" | "often" | "all" | "both" | "do" | "did" | "does" | "would" | "will" | "could" | "should" | "might" | "may" | "can" | "must" | "“" | "\"")
        || (p.lower.ends_with('s') && !p.lower.ends_with("ss") && p.lower.len() > 3)
        || (p.lower.ends_with("ly") && p.lower.len() > 4);
    !subject
}

/// The capitalised name that opens a sentence ("Fiorina was upfront ..., saying"), as the
/// subject of a later participle when the language layer found no mention there.
pub(crate) fn opening_name(doc: &Document, s: &Sent) -> Option<Found> {
    let n = s.toks.iter().take(6).take_while(|t| t.is_word && t.cap).count();
    if n == 0 || matches!(s.word(0), "the" | "a" | "an" | "in" | "on" | "at" | "but" | "and" | "when" | "after" | "as" | "if" | "this" | "that" | "it" | "there") {
        return None;
    }
    let span = s.tspan(0, n - 1);
    Some(Found {
        sent: 0,
        source_span: Some(span),
        source_name: doc.get(span).map(str::to_string),
        source_entity: None,
        cue_text: String::new(),
        cue_span: span,
        cue_band: None,
        cue_kind: String::new(),
        content: span,
        quote: false,
        rules: vec![],
    })
}
