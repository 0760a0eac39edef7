//! PETRARCH coding of the events a verbs dictionary triggered: one event per (source,
//! target) pair, as PETRARCH writes them.
//!
//! The general role rules pick one actor and one recipient and read "X and Y met" as the two
//! sides of one meeting. PETRARCH distributes instead: every conjunct of the subject acts on
//! every conjunct of the object ("Mordor, Rohan and Bree welcomed ties with Osgiliath" is
//! three events); only with no object do coordinated subjects act on each other. A paired
//! code (`[032:033]`, "left for Minas Tirith") adds the reverse event with the second code.
//! An event with neither a source nor a target actor is not coded at all.

use sitrep_model::{ActorRef, Document, Event};

use super::agents::{sector_near, Agents};
use super::phrases::*;
use crate::coord::Located;
use crate::sentence::Sent;

/// The second code of a paired dictionary code ("032:033" -> "03"), keyed by the matched
/// phrase, as [`super::load_dir`] records it.
pub(crate) type Pairs = std::collections::HashMap<String, String>;

/// The actor of `ms[i]`, with the role its noun phrase names when the mention has none.
fn actor_at(doc: &Document, s: &Sent, ms: &[Located], i: usize, verb: usize, agents: &Agents) -> ActorRef {
    let mut a = actor(doc, ms[i].2);
    if a.sector.is_none() {
        a.sector = sector_near(s, ms, i, verb, agents);
    }
    a
}

use crate::roles::actor;

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
pub(crate) fn recode(doc: &mut Document, sents: &[Sent], pairs: &Pairs, agents: &Agents) {
    let events = std::mem::take(&mut doc.events);
    let triggers: Vec<sitrep_model::Span> = events.iter().filter_map(|e| e.trigger.as_ref().map(|t| t.span)).collect();
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    for ev in events {
        let prev = out.last().filter(|p| p.evidence.span == ev.evidence.span);
        let coded = code_one(doc, sents, pairs, agents, &triggers, &ev, prev);
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

fn code_one(doc: &Document, sents: &[Sent], pairs: &Pairs, agents: &Agents, triggers: &[sitrep_model::Span], ev: &Event, prev: Option<&Event>) -> Vec<Event> {
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
        targets = if objs.is_empty() { vec![None] } else { objs.iter().map(|&j| Some(actor_at(doc, s, &ms, j, t0, agents))).collect() };
        rule = "petrarch: the subject is no coded actor (or that of the coordinated verb before)".into();
    } else if let (Some(i), false) = (subj_before, passive) {
        let chain = subject_chain(s, &ms, i, t0);
        let objs = object_chain(s, &ms, t0, t1, clause_end(s, t1));
        sources = chain.iter().map(|&j| Some(actor_at(doc, s, &ms, j, t0, agents))).collect();
        if let (true, Some(code)) = (chain.len() >= 2, compound_code(ev, pairs)) {
            // "- % * [030:030]": the dictionary's code for this verb with a compound subject,
            // whose members act on each other
            let (root, _) = code.split_once(':').unwrap_or((code.as_str(), ""));
            let mut v = Vec::new();
            for &a in &chain {
                for &b in &chain {
                    if ms[a].2.entity != ms[b].2.entity {
                        let mut e = expand(ev, Some(actor_at(doc, s, &ms, a, t0, agents)), Some(actor_at(doc, s, &ms, b, t0, agents)), "petrarch: compound subject pattern (%), members act on each other");
                        e.cameo = Some(root.to_string());
                        e.kind = super::plover_of_root(root).to_string();
                        v.push(e);
                    }
                }
            }
            return v;
        } else if !objs.is_empty() {
            targets = objs.iter().map(|&j| Some(actor_at(doc, s, &ms, j, t0, agents))).collect();
            rule = format!("petrarch: {} source(s) x {} target(s), subject and object conjuncts", sources.len(), targets.len());
        } else if chain.len() >= 2 {
            // "Gondor and Osgiliath have delayed their meeting": each acts on the other
            let mut v = Vec::new();
            for &a in &chain {
                for &b in &chain {
                    if ms[a].2.entity != ms[b].2.entity {
                        v.push(expand(ev, Some(actor_at(doc, s, &ms, a, t0, agents)), Some(actor_at(doc, s, &ms, b, t0, agents)), "petrarch: coordinated subjects with no object act on each other"));
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
