//! Attribution: who says so. Finds reporting cues in each sentence ("said", "according to",
//! "claims"...), the source phrase on either side of the cue, and the content it governs;
//! carries attribution across sentences (quote continuations, "he said" after a quote,
//! pronoun sources resolved to the previous source).

use sitrep_model::{Document, Span};

use crate::lexicon::{has_determiner, Match};
use crate::sentence::{best_mention, entity_name, Sent};
use crate::spans::{content_after, content_end, content_span, is_close_quote, is_open_quote, np_left, np_right, trim_left_punct, TIME_WORDS};
use crate::ExtractKnowledge;

/// One attribution found in the text.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub sent: usize,
    pub source_span: Option<Span>,
    pub source_name: Option<String>,
    pub source_entity: Option<String>,
    pub cue_text: String,
    pub cue_span: Span,
    /// Band named by the cue itself (`claimed`, `assessed`, `denied`, `expected`).
    pub cue_band: Option<String>,
    pub cue_kind: String,
    pub content: Span,
    pub quote: bool,
    pub rules: Vec<String>,
}

/// Auxiliaries and adverbs allowed between a source and its cue ("Kim has also said").
pub(crate) const SKIP_LEFT: &[&str] = &[
    "has", "have", "had", "also", "later", "then", "previously", "reportedly", "again", "further",
    "repeatedly", "publicly", "recently", "earlier", "once", "first", "separately", "subsequently",
    "did", "does", "do", "would", "will", "had", "already", "has", "privately", "quickly",
    "flatly", "strongly", "explicitly", "openly", "bluntly", "previously", "often", "frequently",
];

/// Find every attribution in the document, in text order: the hand rules, then the learned
/// cue model adding cues the rules miss (`cue_model.rs`).
pub(crate) fn find(doc: &Document, sents: &[Sent], k: &ExtractKnowledge) -> Vec<Found> {
    let mut lex = Vec::with_capacity(sents.len());
    let rules = find_rules(doc, sents, k, &mut lex);
    crate::cue_model::apply(doc, sents, k, rules, &lex)
}

/// The hand-written cue rules alone (also the rule-hit features of the learned model);
/// `lex` receives, per sentence, the tokens the cue lexicon matched and their kind.
pub(crate) fn find_rules<'k>(doc: &Document, sents: &[Sent], k: &'k ExtractKnowledge, lex: &mut Vec<Vec<(usize, &'k str)>>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    for (si, s) in sents.iter().enumerate() {
        let before = out.len();
        // In a title-case headline capitals are not names: match cues on uncapitalised tokens.
        let cues = if crate::cue_rules::title_case(s) {
            let toks: Vec<_> = s.toks.iter().map(|t| crate::tokens::Token { cap: false, ..t.clone() }).collect();
            k.cues.find(&toks, &k.irregular)
        } else {
            k.cues.find(&s.toks, &k.irregular)
        };
        lex.push(cues.iter().flat_map(|m| m.toks.iter().map(|&i| (i, k.cues.entries[m.entry].kind.as_str()))).collect());
        for m in cues {
            if let Some(mut f) = one(doc, s, si, &m, k, out.last()) {
                if f.content.is_empty() {
                    let Some(p) = si.checked_sub(1).map(|p| &sents[p]) else { continue };
                    let mut q = false;
                    let Some(c) = content_span(p, 0, content_end(p), &mut q) else { continue };
                    f.content = c;
                    f.quote = q;
                    f.rules.push("content: the sentence before the cue".into());
                }
                if !out.iter().any(|o| o.cue_span == f.cue_span) {
                    out.push(f);
                }
            }
        }
        // a speaker label holds even when the quoted line has cues of its own
        // ("Obama: I'm Optimistic Americans Will Say No to Trump")
        if let Some(f) = crate::cue_rules::colon_label(doc, s, si) {
            out.push(f);
        }
        let extra = crate::cue_rules::in_poll(doc, s, si).into_iter().chain(crate::cue_rules::passive_and_asked(doc, s, si));
        for f in extra.chain(crate::cue_punct::dash_credit(doc, sents, si)) {
            if !out.iter().any(|o| o.cue_span == f.cue_span) {
                out.push(f);
            }
        }
        if out.len() == before {
            if let Some(f) = quote_continuation(s, si, &out, sents) {
                out.push(f);
            }
        }
    }
    out
}

fn one(doc: &Document, s: &Sent, si: usize, m: &Match, k: &ExtractKnowledge, prev: Option<&Found>) -> Option<Found> {
    let entry = &k.cues.entries[m.entry];
    let ci = m.first();
    let cj = m.last();
    let toks = &s.toks;
    let cue_span = s.tspan(ci, cj);
    let cue_text = doc.text.get(cue_span.start..cue_span.end)?.to_string();
    let band = entry.mode.clone();
    let mut f = Found {
        sent: si,
        source_span: None,
        source_name: None,
        source_entity: None,
        cue_text,
        cue_span,
        cue_band: band,
        cue_kind: entry.kind.clone(),
        content: s.span,
        quote: false,
        rules: vec![],
    };
    let end = content_end(s);
    if entry.kind == "according" {
        // "according to X, CONTENT" or "CONTENT, according to X".
        let (a, b) = np_right(s, cj + 1)?;
        set_source(doc, &mut f, s.tspan(a, b), k, prev);
        if ci <= 1 {
            let c0 = (b + 1..end).find(|&i| toks[i].is_word || is_open_quote(&toks[i].lower))?;
            f.content = content_span(s, c0, end, &mut f.quote)?;
        } else {
            f.content = content_span(s, 0, trim_left_punct(s, ci), &mut f.quote)?;
        }
        f.rules.push(format!("cue: prepositional '{}' (reporting.toml)", f.cue_text));
        return Some(f);
    }
    // "the United States", "Secretary of State": capitalised mid-sentence is a name.
    if toks[ci].cap && ci > 0 && !is_open_quote(&toks[ci - 1].lower) && !crate::cue_rules::title_case(s) {
        return None;
    }
    // "questions", "remarks", "demands": a plural noun unless a clause follows or a
    // name or pronoun precedes it.
    let w = toks[ci].lower.as_str();
    if ci == cj && w.ends_with('s') && w != "says" {
        let next_ok = toks.get(cj + 1).is_some_and(|t| matches!(t.lower.as_str(), "that" | "," | ":" | "“" | "\"") || t.cap);
        // "a new poll shows": a source noun is the subject of a third-person verb
        let prev_ok = ci > 0 && (toks[ci - 1].cap || k.pronouns.contains(&toks[ci - 1].lower) || (entry.kind == "attitude" && crate::cue_rules::HOLDER_NOUNS.contains(&toks[ci - 1].lower.as_str())));
        if !next_ok && !prev_ok {
            return None;
        }
    }
    // Cues inside a quotation ("I think", "he said, ‘...’") and attitudes held by the
    // speaker or the reader are the quoted voice, not an attribution the article makes.
    if entry.kind == "attitude" {
        let first_person = ci > 0 && matches!(s.word(ci - 1), "i" | "we" | "you" | "n't" | "don't" | "do" | "did" | "does");
        if first_person {
            return None;
        }
    }
    if crate::cue_rules::in_quotation(doc, cue_span.start) {
        return None;
    }
    // "appeared on a show", "270 pledged delegates": presence and adjectives, not speech
    let next = s.word(cj + 1);
    if w.starts_with("appear") && matches!(next, "on" | "at" | "with" | "in" | "before" | "alongside" | "together" | "onstage") {
        return None;
    }
    if ci == cj && w.ends_with("ed") && ci > 0 && (s.word(ci - 1).starts_with(|c: char| c.is_ascii_digit()) || matches!(s.word(ci - 1), "enough" | "more" | "fewer" | "most")) {
        return None;
    }
    // A bare base form ("call", "support", "want") is a verb only right after its subject
    // ("they want", "voters support"); "a phone call", "Latino support" are nouns. The
    // participle "seen" is a view held ("seen as"), rarely a cue.
    if ci == cj && !k.irregular.contains_key(w) && crate::cue_rules::bare_noun_like(s, ci, &k.pronouns) || w == "seen" {
        return None;
    }
    // "to say", "would tell": speech not (yet) made.
    if ci > 0 && matches!(s.word(ci - 1), "to" | "would" | "could" | "might" | "should" | "can" | "may" | "must" | "not" | "never") {
        return None;
    }
    // ", saying ...", ", adding that ...": the subject is the clause's, not the words after.
    let gerund = w.ends_with("ing") && ci > 0 && s.word(ci - 1) == ",";
    // "said of Bill Clinton" is speech about someone; "the claims of" is a noun.
    // ("officials suspected of taking kickbacks" is a participle, not a cue)
    let verb_form = entry.kind == "say" && (k.irregular.contains_key(w) || w.ends_with("ed") || w == "says");
    if has_determiner(toks, ci) || toks.get(ci + 1).is_some_and(|t| (t.lower == "of" && !verb_form) || t.lower == "by") {
        return None; // "a report", "the claims of": not a reporting verb here
    }
    // Source on the left (skipping auxiliaries and adverbs), else inverted on the right.
    let mut l = ci;
    // auxiliaries, adverbs and time phrases between the source and its cue
    // ("Clinton on Tuesday said", "he also bluntly said", "officials last week said")
    while l > 0 {
        let w = s.word(l - 1);
        let adverb = w.len() > 4 && w.ends_with("ly") && !s.toks[l - 1].cap;
        let time = TIME_WORDS.contains(&w) && !s.toks[l - 1].cap || matches!(w, "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday");
        if SKIP_LEFT.contains(&w) || adverb || time || matches!(w, "just" | "ever" | "even" | "now" | "still" | "long" | "never") {
            l -= 1;
        } else {
            break;
        }
    }
    if l > 0 && s.word(l - 1) == ")" {
        if let Some(open) = (0..l - 1).rev().take(8).find(|&i| s.word(i) == "(") {
            l = open;
        }
    }
    // "Ari Fleischer, a former official who sits on the board of ..., said": the name that
    // opens the appositive chain, not the last noun inside it.
    let mut left = if gerund { None } else { crate::cue_rules::appositive_source(s, l, cj) };
    if left.is_none() && l > 0 && !gerund {
        left = np_left(s, l - 1);
    }
    // "Weingarten, a longtime Clinton supporter, said that ...": name plus appositive.
    if left.is_none() && l >= 4 && !gerund && s.word(l - 1) == "," && cj + 1 < end {
        if let Some((a, b)) = np_left(s, l - 2) {
            if a >= 2 && s.word(a - 1) == "," {
                if let Some((h, _)) = np_left(s, a - 2).filter(|(h, _)| s.toks[*h].cap || *h == 0) {
                    left = Some((h, b));
                }
            }
        }
    }
    if left.is_none() && l > 0 && !gerund {
        let w = s.word(l - 1);
        if k.pronouns.iter().any(|p| p == w) {
            left = Some((l - 1, l - 1)); // "it said", "we assess"
        } else if w == "who" {
            left = Some((l - 1, l - 1)); // "Beck, who said ...": the relative pronoun
        }
    }
    // An attitude needs a holder that looks like one: a name, a pronoun, a plural or a
    // source noun ("voters want", "the poll shows"), not "strong support" or "the plan".
    if entry.kind == "attitude" {
        let holder = |b: usize| {
            let t = &s.toks[b];
            t.cap || k.pronouns.contains(&t.lower) || t.lower == "who" || (t.lower.ends_with('s') && !t.lower.ends_with("ss") && t.lower.len() > 3) || crate::cue_rules::HOLDER_NOUNS.contains(&t.lower.as_str())
        };
        if !left.is_some_and(|(_, b)| holder(b)) {
            return None;
        }
    }
    let inverted_ok = l > 0 && (matches!(s.word(l - 1), ",") || is_close_quote(s.word(l - 1)));
    if let Some((a, b)) = left {
        set_source(doc, &mut f, s.tspan(a, b), k, prev);
        f.rules.push(format!("cue: reporting verb '{}' (reporting.toml {})", f.cue_text, f.cue_kind));
        f.rules.push("source: phrase before the cue".into());
        // Trailing attribution: "CONTENT, SOURCE said." Content before the source.
        if a >= 2 {
            let mut c_end = a;
            while c_end > 0 && !toks[c_end - 1].is_word && !is_close_quote(&toks[c_end - 1].lower) {
                c_end -= 1;
            }
            if c_end > 0 && (s.word(a - 1) == "," || is_close_quote(s.word(a - 1))) {
                f.content = content_span(s, 0, trim_left_punct(s, a), &mut f.quote)?;
                return Some(f);
            }
        }
        // "Mr. Obama said." alone: the content is the sentence before (fixed up by `find`).
        f.content = content_after(s, cj + 1, end, &mut f.quote).unwrap_or_default();
        return Some(f);
    }
    if let Some((a, b)) = np_right(s, cj + 1).filter(|_| inverted_ok && cj + 1 < end && !gerund) {
        // "“...,” said Kim." / "..., said the official."
        set_source(doc, &mut f, s.tspan(a, b), k, prev);
        f.content = content_span(s, 0, trim_left_punct(s, l), &mut f.quote)?;
        f.rules.push(format!("cue: reporting verb '{}' inverted (reporting.toml)", f.cue_text));
        return Some(f);
    }
    // ", adding that ..." or "and claimed ...": the subject is the previous source.
    let catenative = l > 0 && !s.toks[l - 1].cap && (s.word(l - 1).ends_with("ed") || s.word(l - 1).ends_with("ing"));
    if l > 0 && (matches!(s.word(l - 1), "," | "and" | "but" | "—") || catenative) {
        let p = prev.filter(|p| p.sent == si).cloned().or_else(|| subject_of(doc, s, l)).or_else(|| crate::cue_rules::opening_name(doc, s))?;
        f.source_span = p.source_span;
        f.source_name = p.source_name.clone();
        f.source_entity = p.source_entity.clone();
        f.content = content_after(s, cj + 1, end, &mut f.quote)?;
        f.rules.push(format!("cue: '{}' with the subject of the clause before it", f.cue_text));
        return Some(f);
    }
    // "... while chanting, “Hands up”": a speech verb opening a quotation is a cue wherever
    // its subject stands; the sentence's first actor is the likeliest speaker
    let j = if matches!(s.word(cj + 1), "," | ":") { cj + 2 } else { cj + 1 };
    if entry.kind == "say" && is_open_quote(s.word(j)) {
        if let Some(p) = subject_of(doc, s, ci) {
            f.source_span = p.source_span;
            f.source_name = p.source_name;
            f.source_entity = p.source_entity;
        }
        f.content = content_after(s, cj + 1, end, &mut f.quote)?;
        f.rules.push(format!("cue: '{}' opening a quotation", f.cue_text));
        return Some(f);
    }
    None
}

/// The first actor mention of the sentence, as the elided subject of "..., and claimed".
fn subject_of(doc: &Document, s: &Sent, before: usize) -> Option<Found> {
    let lim = s.toks.get(before)?.span.start;
    let span = Span::new(s.span.start, lim);
    let ms = crate::sentence::mentions_in(doc, span);
    let person = ms.iter().find(|m| crate::sentence::entity_kind(doc, &m.entity) == Some(sitrep_model::EntityKind::Person));
    let m = person.or(ms.first()).copied().or_else(|| best_mention(doc, span))?;
    Some(Found {
        sent: 0,
        source_span: Some(m.span),
        source_name: entity_name(doc, &m.entity).or(Some(m.text.clone())),
        source_entity: Some(m.entity.clone()),
        cue_text: String::new(),
        cue_span: m.span,
        cue_band: None,
        cue_kind: String::new(),
        content: m.span,
        quote: false,
        rules: vec![],
    })
}

pub(crate) fn set_source(doc: &Document, f: &mut Found, span: Span, k: &ExtractKnowledge, prev: Option<&Found>) {
    let text = doc.get(span).unwrap_or("").to_string();
    f.source_span = Some(span);
    if k.pronouns.contains(&text.to_lowercase()) {
        if let Some(p) = prev.filter(|p| p.source_entity.is_some() || p.source_name.is_some()) {
            f.source_entity = p.source_entity.clone();
            f.source_name = p.source_name.clone();
            f.rules.push(format!("source: pronoun '{text}' resolved to the previous source"));
            return;
        }
    }
    let m = doc
        .mentions
        .iter()
        .filter(|m| m.span.overlaps(span))
        .max_by_key(|m| (crate::sentence::entity_kind(doc, &m.entity) == Some(sitrep_model::EntityKind::Person), m.span.start));
    match m {
        Some(m) => {
            f.source_entity = Some(m.entity.clone());
            f.source_name = entity_name(doc, &m.entity).or(Some(m.text.clone()));
            f.rules.push(format!("source: mention '{}' ({})", m.text, m.rule));
        }
        None => f.source_name = Some(text),
    }
}

/// A sentence that opens a quotation right after an attributed quote continues it:
/// “The relations ...,” he said. “As such, ...”
fn quote_continuation(s: &Sent, si: usize, out: &[Found], sents: &[Sent]) -> Option<Found> {
    let p = out.last()?;
    if p.sent + 1 != si || !p.quote || sents[p.sent].para != s.para {
        return None;
    }
    if !is_open_quote(s.word(0)) {
        return None;
    }
    let mut q = false;
    let content = content_span(s, 0, content_end(s), &mut q)?;
    let mut f = p.clone();
    f.sent = si;
    f.content = content;
    f.quote = true;
    f.rules.push("attribution: continues the quotation of the previous sentence".into());
    Some(f)
}
