//! Noun phrases and clauses around a coded verb, read off the tokens without a parser:
//! conjuncts ("Fornost and the evil awful Gondor"), possessors ("Ithilen's minister X"),
//! the verb's subject and object, clause ends, verbs used as nouns.

use sitrep_model::{ActorRef, Document};

use crate::coord::Located;
use crate::sentence::Sent;

/// Prepositions after which a mention is a place or a beneficiary, not the target.
pub(super) const PLACE_PREP: &[&str] = &["in", "inside", "at", "near", "across", "into", "outside", "within", "throughout", "from", "during", "of"];
/// Prepositions that introduce the target of a verb.
const TARGET_PREP: &[&str] = &["to", "with", "on", "against", "for", "toward", "towards", "upon", "between", "about", "over", "at"];

pub(super) fn located<'a>(doc: &'a Document, s: &Sent) -> Vec<Located<'a>> {
    let v = crate::roles::located(doc, s, s.span);
    // nested mentions ("Gondor" inside "the government of Gondor"): keep the outer one
    let mut out: Vec<Located> = Vec::new();
    for x in v {
        if out.last().is_some_and(|l| x.0 <= l.1) {
            continue;
        }
        out.push(x);
    }
    out
}

/// The preposition governing a mention starting at token `a`, skipping up to three
/// determiners or modifiers ("with the evil Gondor").
pub(super) fn prep_before(s: &Sent, a: usize) -> &str {
    let mut i = a;
    for _ in 0..4 {
        if i == 0 {
            break;
        }
        let w = s.word(i - 1);
        if PLACE_PREP.contains(&w) || TARGET_PREP.contains(&w) || w == "by" {
            return w;
        }
        if !s.toks[i - 1].is_word || matches!(w, "and" | "or" | "that" | "said" | "was" | "were" | "is" | "are") {
            break;
        }
        i -= 1;
    }
    ""
}

pub(super) fn is_passive(s: &Sent, t0: usize) -> bool {
    (1..=2).any(|d| t0 >= d && matches!(s.word(t0 - d), "was" | "were" | "been" | "be" | "being" | "is" | "are"))
        && (s.word(t0).ends_with("ed") || s.word(t0).ends_with("en"))
}

/// Whether the tokens strictly between two mentions join them as conjuncts of one noun
/// phrase: commas and conjunctions with determiners and modifiers ("and the evil awful"),
/// no preposition or verb. Some(true) when a conjunction is among them.
pub(super) fn joins(s: &Sent, a_end: usize, b_start: usize) -> Option<bool> {
    if b_start <= a_end + 1 || b_start - a_end - 1 > 5 {
        return None;
    }
    if possessive(s, a_end) {
        return None;
    }
    let mut conj = false;
    let mut comma = false;
    for i in a_end + 1..b_start {
        let w = s.word(i);
        // "and the government of Gondor": a conjunct may be a phrase on its last word
        if w == "of" && i + 1 == b_start && conj {
            continue;
        }
        match w {
            "and" | "or" | "nor" | "&" => conj = true,
            "," => comma = true,
            "the" | "a" | "an" | "both" | "either" | "neither" | "its" | "their" | "other" => {}
            _ if s.toks[i].is_word && !s.toks[i].cap && w.chars().all(|c| c.is_ascii_lowercase()) && !STOP.contains(&w) && !w.ends_with("ed") => {}
            _ => return None,
        }
    }
    (conj || comma).then_some(conj)
}

/// A mention ending in "'s" ("Ithilen's minister"): a possessor, not a conjunct.
pub(super) fn possessive(s: &Sent, tok: usize) -> bool {
    let w = s.word(tok);
    w.ends_with("'s") || w.ends_with("s'") || s.word(tok + 1) == "'s"
}

/// "Ithilen's awful and evil minister Calimehtar": PETRARCH codes the possessor (its
/// country with the agent), so the subject is the possessive mention before `ms[i]`.
pub(super) fn possessor(s: &Sent, ms: &[Located], i: usize) -> usize {
    let Some(j) = i.checked_sub(1) else { return i };
    let between = ms[j].1 + 1..ms[i].0;
    let plain = between.len() <= 6 && between.clone().all(|k| s.toks[k].is_word && !STOP.contains(&s.word(k)));
    if possessive(s, ms[j].1) && plain {
        j
    } else {
        i
    }
}

/// Words opening a subordinate clause: a target is not sought past them.
pub(super) const SUBORD: &[&str] = &["after", "before", "when", "while", "since", "because", "until", "although", "though", "whereas", "unless", "following"];

/// A dictionary verb used as a noun inside a prepositional phrase ("during a brief private
/// visit to Eriador"): PETRARCH codes verbs only.
pub(super) fn noun_use(s: &Sent, t0: usize, t1: usize) -> bool {
    if t1 > t0 {
        return false; // a pattern phrase, matched from its first word
    }
    let mut k = t0;
    for _ in 0..3 {
        let Some(p) = k.checked_sub(1) else { return false };
        let w = s.word(p);
        if matches!(w, "a" | "an" | "the" | "this" | "his" | "her" | "its" | "their" | "our" | "my" | "your") {
            return p.checked_sub(1).is_some_and(|q| PREPS.contains(&s.word(q)));
        }
        if !(s.toks[p].is_word && !s.toks[p].cap && !STOP.contains(&w) && !w.ends_with('s')) {
            return false;
        }
        k = p;
    }
    false
}

pub(super) const PREPS: &[&str] = &["of", "in", "at", "from", "with", "to", "for", "on", "by", "about", "against", "between", "into", "over", "after", "before", "during", "since", "following"];

/// Words that end a noun phrase: prepositions, auxiliaries, pronouns, subordinators.
pub(super) const STOP: &[&str] = &[
    "of", "in", "at", "from", "with", "to", "for", "on", "by", "about", "against", "between", "into", "over", "after", "before", "during", "since",
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could", "may", "might", "must", "should", "shall", "do", "does", "did",
    "that", "which", "who", "whom", "whose", "when", "while", "as", "but", "if", "because", "said", "says", "it", "they", "he", "she", "we", "not",
];

/// Mentions coordinated with `ms[head]` towards the end (`forward`) or the start of the
/// sentence. A bare comma counts only when a conjunction closes the list.
pub(super) fn conjuncts(s: &Sent, ms: &[Located], head: usize, forward: bool) -> Vec<usize> {
    let mut chain: Vec<(usize, bool)> = Vec::new();
    let mut cur = head;
    let order: Vec<usize> = if forward { (head + 1..ms.len()).collect() } else { (0..head).rev().collect() };
    for j in order {
        let gap = if forward { joins(s, ms[cur].1, ms[j].0) } else { joins(s, ms[j].1, ms[cur].0) };
        let Some(conj) = gap else { break };
        // walking back from the last conjunct, the conjunction comes first ("A, B and C")
        if !forward && !conj && chain.is_empty() {
            break;
        }
        chain.push((j, conj));
        cur = j;
    }
    if forward {
        while chain.last().is_some_and(|c| !c.1) {
            chain.pop();
        }
    }
    chain.into_iter().map(|c| c.0).collect()
}

/// Index in `ms` of the mention holding `span`.
pub(super) fn index_of(ms: &[Located], r: &ActorRef) -> Option<usize> {
    let sp = r.span?;
    ms.iter().position(|m| m.2.span.overlaps(sp))
}

/// The subject conjuncts around `ms[i]` that stand before the trigger: "Mordor, Rohan,
/// Fornost and Bree", "Fornost and the evil awful Gondor".
pub(super) fn subject_chain(s: &Sent, ms: &[Located], i: usize, t0: usize) -> Vec<usize> {
    let mut chain: Vec<usize> = conjuncts(s, ms, i, false).into_iter().rev().collect();
    chain.push(i);
    chain.extend(conjuncts(s, ms, i, true).into_iter().filter(|&j| ms[j].1 < t0));
    chain
}

/// The target conjuncts after the trigger: the first mention governed by no preposition or
/// a target one, else the agent of a nominal object ("condemned an attack by X"), else one
/// in a place phrase ("criticized the closure of guest houses in Bree"), with the mentions
/// coordinated with it ("between Gondor and Osgiliath").
pub(super) fn object_chain(s: &Sent, ms: &[Located], t0: usize, t1: usize, limit: usize) -> Vec<usize> {
    // from the verb on: a gapped pattern ("allowed * really pleasant") holds its object
    let near: Vec<usize> = (0..ms.len()).filter(|&i| ms[i].0 > t0 && ms[i].0 <= t1 + 12 && ms[i].0 < limit).collect();
    let pick = near
        .iter()
        .copied()
        .find(|&i| {
            let p = prep_before(s, ms[i].0);
            // inside a gapped pattern only a bare noun phrase ("allowed that Mordor isn't")
            p.is_empty() || ms[i].0 > t1 && (TARGET_PREP.contains(&p) || (p == "by" && ms[i].0 <= t1 + 5))
        })
        .or_else(|| {
            // a place phrase of the verb's own clause, not of a complement ("agree that disputes in ...")
            let rel = (t1 + 1..limit).find(|&k| matches!(s.word(k), "that" | "which" | "who" | "whether")).unwrap_or(limit);
            near.iter().copied().find(|&i| ms[i].0 > t1 && ms[i].0 < rel && PLACE_PREP.contains(&prep_before(s, ms[i].0)))
        });
    let Some(i) = pick else { return vec![] };
    let mut out = vec![i];
    out.extend(conjuncts(s, ms, i, true).into_iter().filter(|&j| ms[j].0 < limit));
    out
}

/// Where the trigger's clause ends: the first ", <reporting verb>" or the end of the sentence.
pub(super) fn clause_end(s: &Sent, t1: usize) -> usize {
    (t1 + 1..s.toks.len()).find(|&k| matches!(s.word(k), ";") || SUBORD.contains(&s.word(k)) || (s.word(k) == "," && (k + 1..(k + 9).min(s.toks.len())).any(|j| matches!(s.word(j), "said" | "says" | "reported" | "added")))).unwrap_or(s.toks.len())
}

/// A mention before the trigger can be its subject unless a preposition governs it.
pub(super) fn subject_ok(s: &Sent, ms: &[Located], i: usize, t0: usize) -> bool {
    let p = prep_before(s, ms[i].0);
    (p.is_empty() || p == "and") && ms[i].1 < t0
}

/// "Soldiers from Gondor have cordoned off", "Human rights activists in Arnor are": a
/// subject noun phrase whose only coded part follows a preposition, at the start of the
/// sentence.
pub(super) fn agent_of_subject(s: &Sent, ms: &[Located], t0: usize) -> Option<usize> {
    let i = (0..ms.len()).rev().find(|&i| ms[i].1 < t0)?;
    let p = ms[i].0.checked_sub(1)?;
    if !matches!(s.word(p), "from" | "in" | "of") || p == 0 || p > 4 {
        return None;
    }
    let head_ok = (0..p).all(|k| s.toks[k].is_word && !STOP.contains(&s.word(k)));
    // between the mention and the trigger only auxiliaries and adverbs
    let rest_ok = (ms[i].1 + 1..t0).all(|k| s.toks[k].is_word && (STOP.contains(&s.word(k)) || s.word(k).ends_with("ly") || matches!(s.word(k), "about" | "not" | "again" | "also")));
    (head_ok && rest_ok).then_some(i)
}

/// After the last comma between the subject and the trigger stands another noun phrase
/// ("Gondor almost five years after ..., a senior official said").
pub(super) fn other_subject_between(s: &Sent, subj_end: usize, t0: usize) -> bool {
    let Some(c) = (subj_end + 1..t0).rev().find(|&k| s.word(k) == ",") else { return false };
    (c + 1..t0).any(|k| s.toks[k].is_word && !STOP.contains(&s.word(k)) && !s.word(k).ends_with("ly") && !matches!(s.word(k), "also" | "again" | "then" | "later" | "now"))
}

/// "condemned an attack ... and promised aid": the trigger is the second of two verbs
/// sharing a subject.
pub(super) fn coordinated_verb(s: &Sent, t0: usize) -> bool {
    (t0.saturating_sub(3)..t0).rev().find(|&k| s.word(k) == "and").is_some_and(|k| (k + 1..t0).all(|j| s.toks[j].is_word && (s.word(j).ends_with("ly") || matches!(s.word(j), "also" | "then" | "has" | "have" | "will" | "would"))))
}
