//! Actor roles: who acts (actor1) and who is acted on (actor2), from the language layer's
//! mentions around a trigger: subject side vs object side, passive voice ("were killed in
//! a Ukrainian missile strike", "by X"), nominal triggers ("a Ukrainian drone strike on X")
//! and reciprocal subjects ("Russia and North Korea signed", "the two nations signed").

use sitrep_model::{ActorRef, Document, Mention, Span};

use crate::sentence::{entity_name, Sent};

/// Prepositions after which a mention is a place, not a participant.
const PLACE_PREP: &[&str] = &["in", "inside", "at", "near", "across", "into", "outside", "within", "throughout", "from"];
/// Prepositions introducing the recipient or target.
const TARGET_PREP: &[&str] = &["to", "with", "on", "against", "for", "toward", "towards", "upon", "targeting", "at"];
/// Types where "X and Y did it" means both act on each other.
pub(crate) const RECIPROCAL: &[&str] = &["AGREE", "CONSULT", "COOPERATE"];

pub(crate) struct Roles {
    pub actor1: Option<ActorRef>,
    pub actor2: Option<ActorRef>,
    pub rules: Vec<String>,
}

fn actor(doc: &Document, m: &Mention) -> ActorRef {
    ActorRef {
        entity: Some(m.entity.clone()),
        name: entity_name(doc, &m.entity).unwrap_or_else(|| m.text.clone()),
        country: m.country.clone(),
        sector: m.sector.clone(),
        span: Some(m.span),
    }
}

/// Mentions of the sentence with the token index where each starts and ends.
fn located<'a>(doc: &'a Document, s: &Sent, within: Span) -> Vec<(usize, usize, &'a Mention)> {
    let mut v: Vec<(usize, usize, &Mention)> = doc
        .mentions
        .iter()
        .filter(|m| within.contains(m.span))
        .map(|m| {
            let a = s.tok_at(m.span.start);
            let b = s.toks.iter().rposition(|t| t.span.end <= m.span.end).unwrap_or(a);
            (a, b.max(a), m)
        })
        .collect();
    v.sort_by_key(|x| x.0);
    v
}

fn prep_before(s: &Sent, a: usize) -> &str {
    // skip determiners / adjectives between the preposition and the mention
    let mut i = a;
    let mut n = 0;
    while i > 0 && n < 4 {
        let w = s.word(i - 1);
        if PLACE_PREP.contains(&w) || TARGET_PREP.contains(&w) || w == "by" || w == "of" || w == "alongside" {
            return if i > 0 { &s.toks[i - 1].lower } else { "" };
        }
        if !s.toks[i - 1].is_word || matches!(w, "and" | "that" | "said" | "was" | "were" | "is" | "are") {
            break;
        }
        i -= 1;
        n += 1;
    }
    ""
}

fn is_passive(s: &Sent, first: usize) -> bool {
    (1..=3).any(|d| first >= d && matches!(s.word(first - d), "was" | "were" | "been" | "be" | "being" | "is" | "are" | "get" | "got"))
        && s.word(first).ends_with("ed")
        || (first >= 1 && matches!(s.word(first - 1), "was" | "were" | "been") && matches!(s.word(first), "struck" | "hit" | "shot" | "slain" | "wounded" | "beaten"))
}

/// Decide roles for a trigger spanning tokens `[t0, t1]`, searching within `clause`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn assign(doc: &Document, s: &Sent, t0: usize, t1: usize, noun: bool, kind: &str, clause: Span, prev_sent: Option<&Sent>) -> Roles {
    let ms = located(doc, s, clause);
    let mut r = Roles { actor1: None, actor2: None, rules: vec![] };
    let left: Vec<_> = ms.iter().filter(|x| x.1 < t0).collect();
    let right: Vec<_> = ms.iter().filter(|x| x.0 > t1).collect();
    let by = right.iter().find(|x| prep_before(s, x.0) == "by");
    if noun {
        // "a Ukrainian missile strike on Donetsk": the modifier acts; "on/against X" is hit.
        if let Some(m) = left.iter().rev().find(|x| x.1 + 3 >= t0 && (x.1 + 1..t0).all(|i| s.toks[i].is_word && !matches!(s.word(i), "and" | "of" | "in" | "on"))) {
            r.actor1 = Some(actor(doc, m.2));
            r.rules.push(format!("actor1: modifier '{}' of the nominal trigger", m.2.text));
        } else if let Some(m) = by {
            r.actor1 = Some(actor(doc, m.2));
            r.rules.push(format!("actor1: 'by {}' after the nominal trigger", m.2.text));
        }
        if let Some(m) = right.iter().find(|x| x.0 <= t1 + 6 && matches!(prep_before(s, x.0), "on" | "against" | "to" | "with" | "for" | "at" | "targeting" | "between" | "of")) {
            r.actor2 = Some(actor(doc, m.2));
            r.rules.push(format!("actor2: '{} {}' after the nominal trigger", prep_before(s, m.0), m.2.text));
        }
        if r.actor1.is_some() {
            return r;
        }
    }
    if !noun && is_passive(s, t0) {
        if let Some(m) = by {
            r.actor1 = Some(actor(doc, m.2));
            r.rules.push(format!("actor1: passive agent 'by {}'", m.2.text));
        }
        if let Some(m) = left.last() {
            r.actor2 = Some(actor(doc, m.2));
            r.rules.push(format!("actor2: passive subject '{}'", m.2.text));
        }
        return r;
    }
    // Active: nearest participant on the left is the subject.
    let subj = left.iter().rev().find(|x| {
        let p = prep_before(s, x.0);
        !PLACE_PREP.contains(&p) && p != "of" && p != "by" && p != "to"
    });
    if let Some(m) = subj {
        r.actor1 = Some(actor(doc, m.2));
        r.rules.push(format!("actor1: subject mention '{}' before the trigger", m.2.text));
        // "Russia and North Korea signed": both sides (for non-reciprocal types the second
        // subject stands as actor2 only when nothing else is acted on).
        if let Some(other) = left.iter().rev().find(|x| x.1 < m.0 && x.1 + 6 >= m.0 && (x.1 + 1..m.0).any(|i| s.word(i) == "and") && (x.1 + 1..m.0).all(|i| s.toks[i].is_word) && x.2.entity != m.2.entity) {
            r.actor1 = Some(actor(doc, other.2));
            r.actor2 = Some(actor(doc, m.2));
            r.rules.push(format!("actor1/actor2: coordinated subjects '{}' and '{}'", other.2.text, m.2.text));
            if RECIPROCAL.contains(&kind) {
                return r;
            }
            let obj = right.iter().find(|x| x.0 <= t1 + 12 && !PLACE_PREP.contains(&prep_before(s, x.0)));
            if let Some(o) = obj {
                r.actor2 = Some(actor(doc, o.2));
                r.rules.push(format!("actor2: object mention '{}' after the trigger", o.2.text));
            }
            return r;
        }
    } else if r.actor1.is_none() && RECIPROCAL.contains(&kind) {
        // "The two nations signed": the first two actors of the previous sentence.
        let plural = (0..t0).any(|i| matches!(s.word(i), "two" | "both" | "sides" | "parties"));
        if plural {
            if let Some(p) = prev_sent {
                let pm = located(doc, p, p.span);
                let mut seen: Vec<&Mention> = Vec::new();
                for x in pm {
                    if !seen.iter().any(|m| m.country == x.2.country) {
                        seen.push(x.2);
                    }
                }
                if seen.len() >= 2 {
                    r.actor1 = Some(actor(doc, seen[0]));
                    r.actor2 = Some(actor(doc, seen[1]));
                    r.rules.push("actor1/actor2: 'the two ...' resolved to the first two actors of the previous sentence".into());
                    return r;
                }
            }
        }
    }
    if let Some(m) = by.copied().filter(|_| r.actor1.is_none()) {
        r.actor1 = Some(actor(doc, m.2));
        r.rules.push(format!("actor1: 'by {}'", m.2.text));
    }
    let near: Vec<_> = right.iter().filter(|x| x.0 <= t1 + 12).collect();
    let obj = near
        .iter()
        .find(|x| {
            let p = prep_before(s, x.0);
            p.is_empty() || TARGET_PREP.contains(&p) || p == "alongside"
        })
        .or_else(|| near.iter().find(|x| PLACE_PREP.contains(&prep_before(s, x.0))));
    if let Some(m) = obj {
        if r.actor1.as_ref().and_then(|a| a.entity.as_ref()) != Some(&m.2.entity) {
            r.actor2 = Some(actor(doc, m.2));
            r.rules.push(format!("actor2: object mention '{}' after the trigger", m.2.text));
        }
    }
    r
}
