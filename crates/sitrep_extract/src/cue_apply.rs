//! Applying the learned cue model inside attribution: scoring the tokens of each sentence,
//! dropping rule cues the model scores far below its threshold, and turning runs of cue
//! tokens the rules missed into attributions with a source and content.

use sitrep_model::{Document, Span};

use super::{explain, is_function, runs, scores, walk};
use crate::attribution::Found;
use crate::sentence::Sent;
use crate::ExtractKnowledge;

const MAX_TOKENS: usize = 90;

/// `SITREP_CUE_LOG=1`: every sentence's token scores on stderr, for error analysis.
fn log_on() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("SITREP_CUE_LOG").is_some())
}
/// Tokens between a learned run and another cue below which the run is that cue's part.
const GAP: usize = 2;

/// Words no cue is made of alone: function words, prepositions, and the time words a long
/// gold cue such as "said Wednesday night about" holds (`spans::TIME_WORDS`).
fn no_head(w: &str) -> bool {
    is_function(w) || crate::spans::TIME_WORDS.contains(&w) || matches!(w, "about" | "upon" | "against" | "over" | "into" | "from" | "after" | "before" | "weekend")
}

/// Rule attributions the model may drop: not those whose cue names a certainty band
/// ("claimed", "denied", "assessed", "expected"), which events rely on, nor punctuation
/// cues (a speaker's colon, a crediting dash), which the model never learned to score.
fn vetoable(f: &Found) -> bool {
    f.cue_band.is_none() && f.cue_text.chars().any(char::is_alphanumeric)
}

/// The rules' attributions plus one for each run of tokens the model scores as a cue that
/// no rule cue overlaps; each new one gets the phrase before it as source when that looks
/// like one (a pronoun, a name, a mention) and the rest of the sentence as content.
pub(crate) fn apply(doc: &Document, sents: &[Sent], k: &ExtractKnowledge, rules: Vec<Found>, lex: &[Vec<(usize, &str)>]) -> Vec<Found> {
    let m = &k.cue_model;
    if m.is_empty() {
        return rules;
    }
    let mut out: Vec<Found> = Vec::with_capacity(rules.len() * 2);
    walk(doc, sents, k, rules, lex, |si, s, cx, mine| {
        // a "sentence" of more than MAX_TOKENS is a list or page furniture run together: the
        // rules alone there (the claims' modality scan over such a span is also quadratic)
        if s.toks.len() > MAX_TOKENS {
            out.extend(mine);
            return;
        }
        let sc = scores(m, cx);
        if log_on() {
            let row: Vec<String> = s.toks.iter().zip(&sc).map(|(t, x)| if x.is_finite() { format!("{}[{x:.1}]", t.lower) } else { t.lower.clone() }).collect();
            eprintln!("CUE {}", row.join(" "));
        }
        // (a cue outside this sentence, as a quotation continuing the last one carries, stays)
        let kept = |f: &Found| {
            let mut on = s.toks.iter().zip(&sc).filter(|(t, _)| t.span.overlaps(f.cue_span)).peekable();
            on.peek().is_none() || !vetoable(f) || on.any(|(_, x)| *x > m.veto)
        };
        let mine: Vec<Found> = mine.into_iter().filter(kept).collect();
        let spans: Vec<Span> = mine.iter().map(|f| f.cue_span).collect();
        let mut triggers: Option<Vec<(usize, usize)>> = None;
        out.extend(mine);
        let mut cands = runs(&sc, m.threshold);
        if spans.is_empty() && cands.is_empty() && m.lone < m.threshold {
            let peak = |r: &(usize, usize)| sc[r.0..=r.1].iter().copied().fold(f32::NEG_INFINITY, f32::max);
            cands.extend(runs(&sc, m.lone).into_iter().max_by(|x, y| peak(x).total_cmp(&peak(y))));
        }
        for (mut a, mut b) in cands {
            while a < b && !s.toks[a].is_word {
                a += 1;
            }
            while b > a && !s.toks[b].is_word {
                b -= 1;
            }
            if (a..=b).all(|i| no_head(&s.toks[i].lower)) {
                continue;
            }
            let span = s.tspan(a, b);
            let peak = sc[a..=b].iter().copied().fold(f32::NEG_INFINITY, f32::max);
            if m.extra > 0.0 && peak <= m.threshold + m.extra && (!spans.is_empty() || out.iter().any(|f| f.sent == si)) {
                continue;
            }
            // a run touching another cue is its tail or head cut off by a low-scoring word
            // ("said Wednesday | night"), not a second attribution; unless a name stands
            // between, the nested source of its own ("corroborated Ukrainian | reports")
            let named = |i: usize, j: usize| (i..j).any(|t| s.toks[t].cap && !no_head(&s.toks[t].lower) || cx.mention(t));
            let near = |c: &Span| {
                let (x, y) = (s.tok_at(c.start), s.tok_at(c.end));
                c.overlaps(span) || (y <= a && a - y <= GAP && !named(y, a)) || (b < x && x - b <= GAP + 1 && !named(b + 1, x))
            };
            if spans.iter().chain(out.iter().filter(|f| f.sent == si).map(|f| &f.cue_span)).any(near) {
                continue;
            }
            let best = (a..=b).max_by(|x, y| sc[*x].total_cmp(&sc[*y])).unwrap_or(a);
            let trig = triggers.get_or_insert_with(|| k.triggers.find_sent(s, &k.irregular).iter().map(|t| (t.first(), t.last())).collect());
            let Some(mut f) = new_found(doc, s, si, a, b, k, out.last(), trig, &spans) else { continue };
            f.rules.insert(0, explain(m, cx, best, sc[best]));
            out.push(f);
        }
        let cues_before = |pos: usize| out.iter().any(|f| f.sent == si && f.cue_span.start < pos);
        if let Some(f) = crate::cue_punct::colon_quote(doc, s, si, cues_before) {
            out.push(f);
        }
    });
    out
}

#[allow(clippy::too_many_arguments)]
fn new_found(doc: &Document, s: &Sent, si: usize, a: usize, b: usize, k: &ExtractKnowledge, prev: Option<&Found>, triggers: &[(usize, usize)], next_cues: &[Span]) -> Option<Found> {
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
    // the content stops before the next cue of the sentence ("wished him a happy birthday,
    // and claimed ...": "claimed" has a content of its own)
    let mut end = crate::spans::content_end(s);
    if let Some(x) = next_cues.iter().map(|c| s.tok_at(c.start)).filter(|&x| x > b + 1).min() {
        let mut x = x;
        while x > b + 1 && (!s.toks[x - 1].is_word || matches!(s.word(x - 1), "and" | "but" | "or")) {
            x -= 1;
        }
        end = end.min(x);
    }
    if let Some(c) = crate::spans::content_after(s, b + 1, end, &mut f.quote) {
        f.content = c;
    }
    // An event trigger in the content: events take the attribution whose content holds their
    // trigger as their clause and source, and a learned cue ("Russia used its veto") is too
    // unsure for that. End the content before the trigger and leave the source unlinked, so
    // the event reads as it would without the model.
    let (ca, cb) = (s.tok_at(f.content.start), s.tok_at(f.content.end));
    if let Some(&(x, _)) = triggers.iter().filter(|&&(x, y)| x >= ca && y < cb).min() {
        // "Russia used its veto": the event is the statement; no claim of a word or two
        if x < ca + 3 {
            return None;
        }
        f.content = s.tspan(ca, x - 1);
        f.source_entity = None;
        f.rules.push("content: up to the event trigger it holds (the event keeps its own clause)".into());
    }
    Some(f)
}
