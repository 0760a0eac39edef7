//! PETRARCH coding of the events a verbs dictionary triggered: one event per (source,
//! target) pair, as PETRARCH writes them.
//!
//! The general role rules pick one actor and one recipient and read "X and Y met" as the two
//! sides of one meeting. PETRARCH distributes instead: every conjunct of the subject acts on
//! every conjunct of the object ("Mordor, Rohan and Bree welcomed ties with Osgiliath" is
//! three events); only with no object do coordinated subjects act on each other. A paired
//! code (`[032:033]`, "left for Minas Tirith") adds the reverse event with the second code.
//! An event with neither a source nor a target actor is not coded at all.

use sitrep_model::{ActorRef, Document, Event, Mention};

use crate::coord::Located;
use crate::sentence::{entity_name, Sent};

/// Prepositions after which a mention is a place or a beneficiary, not the target.
const PLACE_PREP: &[&str] = &["in", "inside", "at", "near", "across", "into", "outside", "within", "throughout", "from", "during", "of"];
/// Prepositions that introduce the target of a verb.
const TARGET_PREP: &[&str] = &["to", "with", "on", "against", "for", "toward", "towards", "upon", "between", "about", "over", "at"];

/// The second code of a paired dictionary code ("032:033" -> "03"), keyed by the matched
/// phrase, as [`super::load_dir`] records it.
pub(crate) type Pairs = std::collections::HashMap<String, String>;

fn actor(doc: &Document, m: &Mention) -> ActorRef {
    ActorRef {
        entity: Some(m.entity.clone()),
        name: entity_name(doc, &m.entity).unwrap_or_else(|| m.text.clone()),
        country: m.country.clone(),
        sector: m.sector.clone(),
        span: Some(m.span),
    }
}

fn located<'a>(doc: &'a Document, s: &Sent) -> Vec<Located<'a>> {
    let mut v: Vec<Located> = doc
        .mentions
        .iter()
        .filter(|m| s.span.contains(m.span))
        .map(|m| {
            let a = s.tok_at(m.span.start);
            let b = s.toks.iter().rposition(|t| t.span.end <= m.span.end).unwrap_or(a);
            (a, b.max(a), m)
        })
        .collect();
    v.sort_by_key(|x| x.0);
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
fn prep_before(s: &Sent, a: usize) -> &str {
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

fn is_passive(s: &Sent, t0: usize) -> bool {
    (1..=2).any(|d| t0 >= d && matches!(s.word(t0 - d), "was" | "were" | "been" | "be" | "being" | "is" | "are"))
        && (s.word(t0).ends_with("ed") || s.word(t0).ends_with("en"))
}

/// Whether the tokens strictly between two mentions join them as conjuncts of one noun
/// phrase: commas and conjunctions with determiners and modifiers ("and the evil awful"),
/// no preposition or verb. Some(true) when a conjunction is among them.
fn joins(s: &Sent, a_end: usize, b_start: usize) -> Option<bool> {
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
fn possessive(s: &Sent, tok: usize) -> bool {
    let w = s.word(tok);
    w.ends_with("'s") || w.ends_with("s'") || s.word(tok + 1) == "'s"
}

/// "Ithilen's awful and evil minister Calimehtar": PETRARCH codes the possessor (its
/// country with the agent), so the subject is the possessive mention before `ms[i]`.
fn possessor(s: &Sent, ms: &[Located], i: usize) -> usize {
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
const SUBORD: &[&str] = &["after", "before", "when", "while", "since", "because", "until", "although", "though", "whereas", "unless", "following"];

/// A dictionary verb used as a noun inside a prepositional phrase ("during a brief private
/// visit to Eriador"): PETRARCH codes verbs only.
fn noun_use(s: &Sent, t0: usize, t1: usize) -> bool {
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

const PREPS: &[&str] = &["of", "in", "at", "from", "with", "to", "for", "on", "by", "about", "against", "between", "into", "over", "after", "before", "during", "since", "following"];

/// Words that end a noun phrase: prepositions, auxiliaries, pronouns, subordinators.
const STOP: &[&str] = &[
    "of", "in", "at", "from", "with", "to", "for", "on", "by", "about", "against", "between", "into", "over", "after", "before", "during", "since",
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could", "may", "might", "must", "should", "shall", "do", "does", "did",
    "that", "which", "who", "whom", "whose", "when", "while", "as", "but", "if", "because", "said", "says", "it", "they", "he", "she", "we", "not",
];

/// Mentions coordinated with `ms[head]` towards the end (`forward`) or the start of the
/// sentence. A bare comma counts only when a conjunction closes the list.
fn conjuncts(s: &Sent, ms: &[Located], head: usize, forward: bool) -> Vec<usize> {
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
fn index_of(ms: &[Located], r: &ActorRef) -> Option<usize> {
    let sp = r.span?;
    ms.iter().position(|m| m.2.span.overlaps(sp))
}

/// The subject conjuncts around `ms[i]` that stand before the trigger: "Mordor, Rohan,
/// Fornost and Bree", "Fornost and the evil awful Gondor".
fn subject_chain(s: &Sent, ms: &[Located], i: usize, t0: usize) -> Vec<usize> {
    let mut chain: Vec<usize> = conjuncts(s, ms, i, false).into_iter().rev().collect();
    chain.push(i);
    chain.extend(conjuncts(s, ms, i, true).into_iter().filter(|&j| ms[j].1 < t0));
    chain
}

/// The target conjuncts after the trigger: the first mention governed by no preposition or
/// a target one, else the agent of a nominal object ("condemned an attack by X"), else one
/// in a place phrase ("criticized the closure of guest houses in Bree"), with the mentions
/// coordinated with it ("between Gondor and Osgiliath").
fn object_chain(s: &Sent, ms: &[Located], t0: usize, t1: usize, limit: usize) -> Vec<usize> {
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
fn clause_end(s: &Sent, t1: usize) -> usize {
    (t1 + 1..s.toks.len()).find(|&k| matches!(s.word(k), ";") || SUBORD.contains(&s.word(k)) || (s.word(k) == "," && (k + 1..(k + 9).min(s.toks.len())).any(|j| matches!(s.word(j), "said" | "says" | "reported" | "added")))).unwrap_or(s.toks.len())
}

/// Whether the words of `phrase` occur in a row among the tokens of `s`.
fn holds(s: &Sent, phrase: &str) -> bool {
    let ws: Vec<&str> = phrase.split(' ').collect();
    !ws.is_empty() && s.toks.windows(ws.len()).any(|w| w.iter().zip(&ws).all(|(t, p)| t.lower == *p))
}

/// Drop the events of a sentence holding a discard phrase, or all of them when the phrase
/// discards the story ("typhoon": not a political event).
pub(crate) fn discard(doc: &mut Document, sents: &[Sent], discards: &[(&str, bool)]) {
    if discards.is_empty() {
        return;
    }
    let hit: Vec<(usize, bool)> = sents.iter().enumerate().flat_map(|(i, s)| discards.iter().filter(|d| holds(s, d.0)).map(move |d| (i, d.1))).collect();
    if hit.iter().any(|h| h.1) {
        doc.events.clear();
        return;
    }
    doc.events.retain(|e| !hit.iter().any(|&(i, _)| sents[i].span.contains(e.evidence.span) || e.trigger.as_ref().is_some_and(|t| sents[i].span.contains(t.span))));
}

/// Recode the events of `doc` with PETRARCH's rules (see the module docs).
pub(crate) fn recode(doc: &mut Document, sents: &[Sent], pairs: &Pairs) {
    let events = std::mem::take(&mut doc.events);
    let triggers: Vec<sitrep_model::Span> = events.iter().filter_map(|e| e.trigger.as_ref().map(|t| t.span)).collect();
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    for ev in events {
        let prev = out.last().filter(|p| p.evidence.span == ev.evidence.span);
        let coded = code_one(doc, sents, pairs, &triggers, &ev, prev);
        out.extend(coded);
    }
    for (n, e) in out.iter_mut().enumerate() {
        e.id = format!("ev{}", n + 1);
    }
    doc.events = out;
}

/// The compound-subject code of the event's verb, when its phrase is the bare verb.
fn compound_code(ev: &Event, pairs: &Pairs) -> Option<String> {
    let phrase = ev.rules.first()?.split(" (triggers.toml ").nth(1)?.split('\'').nth(1)?;
    pairs.get(&format!("{}{phrase}", super::COMPOUND)).cloned()
}

fn pair_of(ev: &Event, pairs: &Pairs) -> Option<String> {
    // "type: trigger 'left' (triggers.toml CONSULT 'left')": the phrase the lexicon matched
    let rule = ev.rules.first()?;
    let tail = rule.split(" (triggers.toml ").nth(1)?;
    let phrase = tail.split('\'').nth(1)?;
    pairs.get(phrase).cloned()
}

/// A mention before the trigger can be its subject unless a preposition governs it.
fn subject_ok(s: &Sent, ms: &[Located], i: usize, t0: usize) -> bool {
    let p = prep_before(s, ms[i].0);
    (p.is_empty() || p == "and") && ms[i].1 < t0
}

/// "Soldiers from Gondor have cordoned off", "Human rights activists in Arnor are": a
/// subject noun phrase whose only coded part follows a preposition, at the start of the
/// sentence.
fn agent_of_subject(s: &Sent, ms: &[Located], t0: usize) -> Option<usize> {
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
fn other_subject_between(s: &Sent, subj_end: usize, t0: usize) -> bool {
    let Some(c) = (subj_end + 1..t0).rev().find(|&k| s.word(k) == ",") else { return false };
    (c + 1..t0).any(|k| s.toks[k].is_word && !STOP.contains(&s.word(k)) && !s.word(k).ends_with("ly") && !matches!(s.word(k), "also" | "again" | "then" | "later" | "now"))
}

/// "condemned an attack ... and promised aid": the trigger is the second of two verbs
/// sharing a subject.
fn coordinated_verb(s: &Sent, t0: usize) -> bool {
    (t0.saturating_sub(3)..t0).rev().find(|&k| s.word(k) == "and").is_some_and(|k| (k + 1..t0).all(|j| s.toks[j].is_word && (s.word(j).ends_with("ly") || matches!(s.word(j), "also" | "then" | "has" | "have" | "will" | "would"))))
}

/// The last token of the lead trigger phrase: other triggers of the same type merged into
/// the event ("welcomed Gondor during a private visit") widen its span but have their own
/// objects.
fn lead_end(ev: &Event, s: &Sent, t0: usize, span_end: usize) -> usize {
    let Some(phrase) = ev.rules.first().and_then(|r| r.split(" (triggers.toml ").nth(1)).and_then(|t| t.split('\'').nth(1)) else { return span_end };
    let words: Vec<&str> = phrase.split(' ').filter(|w| *w != "*").collect();
    if !phrase.contains('*') {
        return (t0 + words.len().max(1) - 1).min(span_end);
    }
    let Some(last) = words.last() else { return span_end };
    let stem: String = last.chars().take(4).collect();
    (t0..=span_end).rev().find(|&k| s.word(k).starts_with(stem.as_str())).unwrap_or(span_end)
}

/// The token of the verb itself when the pattern phrase starts with other words ("neither *
/// nor * boycott", "recently allowed"): the phrase's words are found in order by their
/// first letters (inflection changes the ending).
fn verb_token(ev: &Event, s: &Sent, t0: usize, t1: usize, pairs: &Pairs) -> usize {
    let Some(phrase) = ev.rules.first().and_then(|r| r.split(" (triggers.toml ").nth(1)).and_then(|t| t.split('\'').nth(1)) else { return t0 };
    let Some(k) = pairs.get(&format!("{}{phrase}", super::VERB_AT)).and_then(|k| k.parse::<usize>().ok()) else { return t0 };
    let mut j = t0;
    for (i, w) in phrase.split(' ').filter(|w| *w != "*").enumerate() {
        let stem: String = w.chars().take(4).collect();
        let Some(pos) = (j..=t1).find(|&x| s.word(x).starts_with(stem.as_str())) else { return t0 };
        if i == k {
            return pos;
        }
        j = pos + 1;
    }
    t0
}

fn code_one(doc: &Document, sents: &[Sent], pairs: &Pairs, triggers: &[sitrep_model::Span], ev: &Event, prev: Option<&Event>) -> Vec<Event> {
    if ev.rules.iter().any(|r| r.starts_with("petrarch:")) {
        return vec![ev.clone()]; // coded already: recoding twice changes nothing
    }
    let Some(s) = sents.iter().find(|s| s.span.contains(ev.evidence.span) || ev.trigger.as_ref().is_some_and(|t| s.span.contains(t.span))) else {
        return vec![ev.clone()];
    };
    let Some(tr) = ev.trigger.as_ref() else { return vec![ev.clone()] };
    let t0 = s.tok_at(tr.span.start);
    let span_end = s.toks.iter().rposition(|t| t.span.end <= tr.span.end).unwrap_or(t0).max(t0);
    let t1 = lead_end(ev, s, t0, span_end);
    let t0 = verb_token(ev, s, t0, t1, pairs);
    // the object of a verb ends where the next coded verb of the sentence starts
    let next_trigger = triggers.iter().map(|sp| s.tok_at(sp.start)).filter(|&k| k > span_end && k < s.toks.len()).min().unwrap_or(s.toks.len());
    let clause_end = |s: &Sent, t1: usize| clause_end(s, t1).min(next_trigger);
    let ms = located(doc, s);
    let mut sources: Vec<Option<ActorRef>> = Vec::new();
    let mut targets: Vec<Option<ActorRef>> = Vec::new();
    let mut rule = String::new();
    let roles: Vec<&ActorRef> = ev.actor1.iter().chain(ev.actor2.iter()).chain(ev.actors.iter()).chain(ev.recipients.iter()).collect();
    // the subject nearest the trigger ("Fornost and Gondor welcomed": Gondor, then its conjuncts)
    let subj_before = roles.iter().filter_map(|a| index_of(&ms, a)).filter(|&i| ms[i].1 < t0 && subject_ok(s, &ms, i, t0)).max();
    // else the nearest mention of the verb's own clause ("Neither Galadriel nor Gollum boycotted")
    let subj_before = subj_before.or_else(|| {
        let i = (0..ms.len()).rev().find(|&i| ms[i].1 < t0)?;
        let clean = (ms[i].1 + 1..t0).all(|k| s.toks[k].is_word && !SUBORD.contains(&s.word(k)) && !matches!(s.word(k), "that" | "which" | "who"));
        (clean && subject_ok(s, &ms, i, t0)).then_some(i)
    });
    let subj_before = subj_before.map(|i| possessor(s, &ms, i)).or_else(|| agent_of_subject(s, &ms, t0));
    let passive = is_passive(s, t0);
    if noun_use(s, t0, t1) {
        return vec![];
    }
    // the general rules' actor before the trigger that cannot be its subject ("ties with
    // Gondor ..., a senior official said")
    let a1_before = ev.actor1.as_ref().and_then(|a| index_of(&ms, a)).is_none_or(|i| ms[i].1 < t0);
    if !passive && subj_before.is_none() && a1_before || !passive && subj_before.is_some_and(|i| other_subject_between(s, ms[i].1, t0)) {
        // "..., a senior official said": a subject no dictionary names; "and promised aid":
        // the subject of the verb coordinated before
        let shared = coordinated_verb(s, t0).then_some(prev).flatten();
        sources = match shared {
            Some(p) => vec![p.actor1.clone()],
            None => vec![None],
        };
        let objs = object_chain(s, &ms, t0, t1, clause_end(s, t1));
        targets = if objs.is_empty() { vec![None] } else { objs.iter().map(|&j| Some(actor(doc, ms[j].2))).collect() };
        rule = "petrarch: the subject is no coded actor (or that of the coordinated verb before)".into();
    } else if let (Some(i), false) = (subj_before, passive) {
        let chain = subject_chain(s, &ms, i, t0);
        let objs = object_chain(s, &ms, t0, t1, clause_end(s, t1));
        sources = chain.iter().map(|&j| Some(actor(doc, ms[j].2))).collect();
        if let (true, Some(code)) = (chain.len() >= 2, compound_code(ev, pairs)) {
            // "- % * [030:030]": the dictionary's code for this verb with a compound subject,
            // whose members act on each other
            let (root, _) = code.split_once(':').unwrap_or((code.as_str(), ""));
            let mut v = Vec::new();
            for &a in &chain {
                for &b in &chain {
                    if ms[a].2.entity != ms[b].2.entity {
                        let mut e = expand(ev, Some(actor(doc, ms[a].2)), Some(actor(doc, ms[b].2)), "petrarch: compound subject pattern (%), members act on each other");
                        e.cameo = Some(root.to_string());
                        e.kind = super::plover_of_root(root).to_string();
                        v.push(e);
                    }
                }
            }
            return v;
        } else if !objs.is_empty() {
            targets = objs.iter().map(|&j| Some(actor(doc, ms[j].2))).collect();
            rule = format!("petrarch: {} source(s) x {} target(s), subject and object conjuncts", sources.len(), targets.len());
        } else if chain.len() >= 2 {
            // "Gondor and Osgiliath have delayed their meeting": each acts on the other
            let mut v = Vec::new();
            for &a in &chain {
                for &b in &chain {
                    if ms[a].2.entity != ms[b].2.entity {
                        v.push(expand(ev, Some(actor(doc, ms[a].2)), Some(actor(doc, ms[b].2)), "petrarch: coordinated subjects with no object act on each other"));
                    }
                }
            }
            return with_pairs(v, ev, pairs);
        } else {
            targets = vec![None];
            rule = "petrarch: subject with no object".into();
        }
    }
    if sources.is_empty() {
        // keep the general roles (passive voice, nominal triggers), one event per pair
        let srcs: Vec<Option<ActorRef>> = if ev.actors.is_empty() { vec![ev.actor1.clone()] } else { ev.actors.iter().cloned().map(Some).collect() };
        let tgts: Vec<Option<ActorRef>> = if ev.recipients.is_empty() { vec![ev.actor2.clone()] } else { ev.recipients.iter().cloned().map(Some).collect() };
        // a passive subject stands in the verb's own clause ("Osgiliath have postponed their
        // meeting after a hafling was reported": the hafling, not Osgiliath, was reported)
        let own_clause = |a: &Option<ActorRef>| {
            let Some(i) = a.as_ref().and_then(|a| index_of(&ms, a)) else { return true };
            ms[i].1 >= t0 || !(ms[i].1 + 1..t0).any(|k| SUBORD.contains(&s.word(k)) || matches!(s.word(k), "that" | "which" | "who" | ","))
        };
        let tgts: Vec<Option<ActorRef>> = tgts.into_iter().map(|a| if passive && !own_clause(&a) { None } else { a }).collect();
        sources = srcs;
        targets = tgts;
        rule = "petrarch: roles of the general rules, one event per pair".into();
    }
    let mut v = Vec::new();
    for a in &sources {
        for b in &targets {
            let same = a.as_ref().zip(b.as_ref()).is_some_and(|(x, y)| x.entity.is_some() && x.entity == y.entity);
            if a.is_none() && b.is_none() || same {
                continue;
            }
            v.push(expand(ev, a.clone(), b.clone(), &rule));
        }
    }
    with_pairs(v, ev, pairs)
}

fn expand(ev: &Event, a: Option<ActorRef>, b: Option<ActorRef>, rule: &str) -> Event {
    let mut e = ev.clone();
    e.actor1 = a;
    e.actor2 = b;
    e.actors.clear();
    e.recipients.clear();
    e.rules.push(rule.to_string());
    e
}

/// A paired code: each event gets its reverse with the second code.
fn with_pairs(v: Vec<Event>, ev: &Event, pairs: &Pairs) -> Vec<Event> {
    let Some(second) = pair_of(ev, pairs) else { return v };
    let mut out = Vec::with_capacity(v.len() * 2);
    for e in v {
        let mut r = e.clone();
        std::mem::swap(&mut r.actor1, &mut r.actor2);
        if r.actor1.is_some() && r.actor2.is_some() {
            r.cameo = Some(second.clone());
            r.kind = super::plover_of_root(&second).to_string();
            r.rules.push(format!("petrarch: paired code, the reverse event coded {second}"));
            out.push(e);
            out.push(r);
        } else {
            out.push(e);
        }
    }
    out
}
