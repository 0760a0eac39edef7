//! Actor roles: who acts (actor1) and who is acted on (actor2), from the language layer's
//! mentions around a trigger: subject side vs object side, passive voice ("were killed in
//! a Ukrainian missile strike", "by X"), nominal triggers ("a Ukrainian drone strike on X")
//! and reciprocal subjects ("Russia and North Korea signed", "the two nations signed").

use sitrep_model::{ActorRef, Document, Mention, Span};

use crate::coord::{self, Located};
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
    /// All actors when several are coordinated (actor1 first); else empty.
    pub actors: Vec<ActorRef>,
    /// All recipients when several are coordinated (actor2 first); else empty.
    pub recipients: Vec<ActorRef>,
    pub rules: Vec<String>,
}

/// Where the trigger sits: its lead `[t0, t1]`, and the first tokens of nominal triggers
/// merged into the same event later in the clause ("killed 46 civilians in an attack"),
/// whose modifiers are not objects of the lead.
pub(crate) struct Trig {
    pub t0: usize,
    pub t1: usize,
    pub noun: bool,
    pub merged_nouns: Vec<usize>,
}

pub(crate) fn actor(doc: &Document, m: &Mention) -> ActorRef {
    ActorRef {
        entity: Some(m.entity.clone()),
        name: entity_name(doc, &m.entity).unwrap_or_else(|| m.text.clone()),
        country: m.country.clone(),
        sector: m.sector.clone(),
        span: Some(m.span),
    }
}

/// Mentions of the sentence with the token index where each starts and ends.
pub(crate) fn located<'a>(doc: &'a Document, s: &Sent, within: Span) -> Vec<Located<'a>> {
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

/// "a group of Moroccan diplomats", "leaders of the opposition": the head before "of" is a
/// part or a body of the mention, so the mention acts.
fn partitive_of(s: &Sent, a: usize) -> bool {
    let Some(of) = (a.saturating_sub(4)..a).rev().find(|&i| s.word(i) == "of") else { return false };
    of > 0 && PARTITIVE.contains(&s.word(of - 1))
}

const PARTITIVE: &[&str] = &[
    "group", "groups", "members", "member", "leaders", "leader", "delegation", "delegations", "team",
    "representatives", "officials", "some", "most", "many", "dozens", "hundreds", "thousands",
    "one", "two", "several", "all", "both", "each", "majority", "contingent", "units", "troops",
];

fn is_passive(s: &Sent, first: usize) -> bool {
    (1..=3).any(|d| first >= d && matches!(s.word(first - d), "was" | "were" | "been" | "be" | "being" | "is" | "are" | "get" | "got"))
        && s.word(first).ends_with("ed")
        || (first >= 1 && matches!(s.word(first - 1), "was" | "were" | "been") && matches!(s.word(first), "struck" | "hit" | "shot" | "slain" | "wounded" | "beaten"))
}

/// Entities already holding a role, to keep one entity in one slot.
pub(crate) fn ent(a: &Option<ActorRef>) -> Option<&str> {
    a.as_ref().and_then(|a| a.entity.as_deref())
}

impl Roles {
    /// Set actor2 to `ms[i]` and take the mentions coordinated with it as further recipients.
    fn object(&mut self, doc: &Document, s: &Sent, ms: &[Located], i: usize, why: String) {
        let prep = prep_before(s, ms[i].0).to_string();
        self.actor2 = Some(actor(doc, ms[i].2));
        self.rules.push(why);
        let more = coord::following(s, ms, i, &prep);
        self.add_recipients(doc, ms, &more);
    }

    fn add_recipients(&mut self, doc: &Document, ms: &[Located], more: &[usize]) {
        let mut all = vec![self.actor2.clone()].into_iter().flatten().collect::<Vec<_>>();
        for &j in more {
            let e = Some(ms[j].2.entity.as_str());
            if ent(&self.actor1) != e && !all.iter().any(|a| a.entity.as_deref() == e) {
                all.push(actor(doc, ms[j].2));
            }
        }
        if all.len() > 1 {
            self.rules.push(format!("recipients: coordinated with actor2 ({})", all[1..].iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(", ")));
            self.recipients = all;
        }
    }
}

/// Decide roles for a trigger, searching within `clause`.
pub(crate) fn assign(doc: &Document, s: &Sent, tr: &Trig, kind: &str, clause: Span, prev_sent: Option<&Sent>) -> Roles {
    let (t0, t1, noun) = (tr.t0, tr.t1, tr.noun);
    let ms = located(doc, s, clause);
    let mut r = Roles { actor1: None, actor2: None, actors: vec![], recipients: vec![], rules: vec![] };
    let left: Vec<usize> = (0..ms.len()).filter(|&i| ms[i].1 < t0).collect();
    // modifiers of a merged nominal trigger belong to it, not to the lead's object
    // (not across a determiner: "give Tanzania a grant" names the grant's recipient)
    let modifier = |i: usize| tr.merged_nouns.iter().any(|&f| ms[i].1 < f && ms[i].1 + 3 >= f && !(ms[i].1 + 1..f).any(|k| matches!(s.word(k), "a" | "an" | "the")));
    let right: Vec<usize> = (0..ms.len()).filter(|&i| ms[i].0 > t1 && !modifier(i)).collect();
    let by = right.iter().copied().find(|&i| prep_before(s, ms[i].0) == "by");
    if noun {
        // "a Ukrainian missile strike on Donetsk": the modifier acts; "on/against X" is hit.
        if let Some(&i) = left.iter().rev().find(|&&i| ms[i].1 + 3 >= t0 && (ms[i].1 + 1..t0).all(|k| s.toks[k].is_word && !matches!(s.word(k), "and" | "of" | "in" | "on"))) {
            r.actor1 = Some(actor(doc, ms[i].2));
            r.rules.push(format!("actor1: modifier '{}' of the nominal trigger", ms[i].2.text));
        } else if let Some(i) = by {
            r.actor1 = Some(actor(doc, ms[i].2));
            r.rules.push(format!("actor1: 'by {}' after the nominal trigger", ms[i].2.text));
        }
        if let Some(&i) = right.iter().find(|&&i| ms[i].0 <= t1 + 6 && matches!(prep_before(s, ms[i].0), "on" | "against" | "to" | "with" | "for" | "at" | "targeting" | "between" | "of")) {
            let why = format!("actor2: '{} {}' after the nominal trigger", prep_before(s, ms[i].0), ms[i].2.text);
            r.object(doc, s, &ms, i, why);
        }
        if r.actor1.is_some() {
            if r.actor2.is_none() {
                places_hit(doc, s, tr, clause, &mut r);
            }
            return r;
        }
    }
    if !noun && is_passive(s, t0) {
        if let Some(i) = by {
            r.actor1 = Some(actor(doc, ms[i].2));
            r.rules.push(format!("actor1: passive agent 'by {}'", ms[i].2.text));
        }
        if let Some(&i) = left.last() {
            r.actor2 = Some(actor(doc, ms[i].2));
            r.rules.push(format!("actor2: passive subject '{}'", ms[i].2.text));
            let mut more = coord::preceding(s, &ms, i);
            more.reverse();
            r.add_recipients(doc, &ms, &more);
        }
        return r;
    }
    let subj_ok = |i: usize| {
        let p = prep_before(s, ms[i].0);
        !PLACE_PREP.contains(&p) && (p != "of" || partitive_of(s, ms[i].0)) && p != "by" && p != "to"
    };
    let from = s.tok_at(clause.start);
    let subj = if coord::participial(s, t0) {
        // ", killing 12 soldiers": the participle's subject is the main clause's.
        left.iter().copied().find(|&i| subj_ok(i) && !coord::parenthetical(s, ms[i].0, t0, from))
    } else if let Some(k) = coord::relative(s, t0) {
        // "X, which attacked Y": the antecedent of the relative pronoun.
        left.iter().rev().copied().find(|&i| ms[i].1 < k && subj_ok(i))
    } else {
        // nearest subject outside a parenthetical ("Pakistan, a key U.S. ally, refused")
        left.iter().rev().copied().find(|&i| subj_ok(i) && !coord::parenthetical(s, ms[i].0, t0, from)).or_else(|| left.iter().rev().copied().find(|&i| subj_ok(i)))
    };
    if let Some(i) = subj {
        r.actor1 = Some(actor(doc, ms[i].2));
        if coord::participial(s, t0) {
            r.rules.push(format!("actor1: subject '{}' of the main clause of the participle", ms[i].2.text));
        } else {
            r.rules.push(format!("actor1: subject mention '{}' before the trigger", ms[i].2.text));
        }
        // "Russia and North Korea signed": both sides.
        let mut chain: Vec<usize> = coord::preceding(s, &ms, i).into_iter().rev().collect();
        chain.push(i);
        let mut uniq: Vec<usize> = Vec::new();
        for &j in &chain {
            if !uniq.iter().any(|&u| ms[u].2.entity == ms[j].2.entity) {
                uniq.push(j);
            }
        }
        if uniq.len() >= 2 {
            let names: Vec<&str> = uniq.iter().map(|&j| ms[j].2.text.as_str()).collect();
            r.actor1 = Some(actor(doc, ms[uniq[0]].2));
            r.actor2 = Some(actor(doc, ms[uniq[1]].2));
            r.rules.push(format!("actor1/actor2: coordinated subjects '{}'", names.join("' and '")));
            if RECIPROCAL.contains(&kind) {
                r.add_recipients(doc, &ms, &uniq[2..]);
                return r;
            }
            // (for other types the second subject stands as actor2 only when nothing else is acted on)
            let obj = right.iter().copied().find(|&o| ms[o].0 <= t1 + 12 && !PLACE_PREP.contains(&prep_before(s, ms[o].0)));
            if let Some(o) = obj {
                r.actors = uniq.iter().map(|&j| actor(doc, ms[j].2)).collect();
                r.rules.push(format!("actors: coordinated subjects ({})", names.join(", ")));
                r.actor2 = None;
                r.object(doc, s, &ms, o, format!("actor2: object mention '{}' after the trigger", ms[o].2.text));
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
    if let Some(i) = by.filter(|_| r.actor1.is_none()) {
        r.actor1 = Some(actor(doc, ms[i].2));
        r.rules.push(format!("actor1: 'by {}'", ms[i].2.text));
    }
    if r.actor1.is_none() {
        located_group(doc, s, t0, clause, &mut r);
    }
    let near: Vec<usize> = right.iter().copied().filter(|&i| ms[i].0 <= t1 + 12).collect();
    let obj = near
        .iter()
        .copied()
        .find(|&i| {
            let p = prep_before(s, ms[i].0);
            p.is_empty() || TARGET_PREP.contains(&p) || p == "alongside"
        })
        .or_else(|| near.iter().copied().find(|&i| PLACE_PREP.contains(&prep_before(s, ms[i].0))));
    if let Some(i) = obj {
        if ent(&r.actor1) != Some(ms[i].2.entity.as_str()) {
            r.object(doc, s, &ms, i, format!("actor2: object mention '{}' after the trigger", ms[i].2.text));
        }
    }
    if r.actor2.is_none() {
        places_hit(doc, s, tr, clause, &mut r);
    }
    if r.actor2.is_none() {
        place_abroad(doc, s, tr, clause, &mut r);
    }
    r
}

/// People named by where they are: "Demonstrators in Baghdad blocked a road", "students
/// throughout Indonesia staged ...": the place before the trigger, right after a group noun,
/// gives the acting group's country.
fn located_group(doc: &Document, s: &Sent, t0: usize, clause: Span, r: &mut Roles) {
    let from = s.tok_at(clause.start);
    // places, and mentions of countries ("Rebels in the Ivory Coast")
    let places = doc.places.iter().map(|p| (p.span, p.name.as_str(), p.country.as_deref()));
    let names = doc.mentions.iter().map(|m| (m.span, m.text.as_str(), m.country.as_deref()));
    let p = places.chain(names).filter(|p| clause.contains(p.0) && p.2.is_some()).find(|p| {
        let a = s.tok_at(p.0.start);
        let b = s.toks.iter().rposition(|t| t.span.end <= p.0.end).unwrap_or(a);
        if a >= t0 || b + 4 < t0 || a < from + 2 {
            return false;
        }
        let mut k = a - 1;
        if s.word(k) == "the" && k > from {
            k -= 1;
        }
        k > from && matches!(s.word(k), "in" | "throughout" | "across" | "from" | "of") && GROUPS.contains(&s.word(k - 1))
    });
    let Some((span, name, country)) = p else { return };
    r.rules.push(format!("actor1: the group in '{name}' before the trigger, standing for its country"));
    r.actor1 = Some(ActorRef { entity: None, name: name.to_string(), country: country.map(String::from), sector: None, span: Some(span) });
}

/// Plural nouns for groups of people that act where they are.
const GROUPS: &[&str] = &[
    "demonstrators", "protesters", "protestors", "students", "rebels", "activists", "settlers", "workers",
    "refugees", "residents", "villagers", "inhabitants", "supporters", "youths", "militants",
    "insurgents", "guerrillas", "gunmen", "troops", "soldiers", "police", "farmers", "miners",
    "strikers", "rioters", "crowds", "mobs", "fighters", "forces", "prisoners", "opposition",
];

/// "Israel will evacuate settlements in the Gaza Strip", "opened an embassy in Tehran": with
/// no one acted on, a place in another country soon after the trigger stands for that country.
fn place_abroad(doc: &Document, s: &Sent, tr: &Trig, clause: Span, r: &mut Roles) {
    let Some(home) = r.actor1.as_ref().and_then(|a| a.country.clone()) else { return };
    let p = doc.places.iter().filter(|p| clause.contains(p.span) && p.country.is_some()).find(|p| {
        let a = s.tok_at(p.span.start);
        a > tr.t1 && a <= tr.t1 + 8 && a > 0 && matches!(s.word(a - 1), "in" | "into" | "to") || a > 1 && a > tr.t1 && a <= tr.t1 + 8 && s.word(a - 1) == "the" && matches!(s.word(a - 2), "in" | "into" | "to")
    });
    let Some(p) = p.filter(|p| p.country.as_deref() != Some(home.as_str())) else { return };
    r.rules.push(format!("actor2: place '{}' after the trigger, in another country than the actor's", p.name));
    r.actor2 = Some(ActorRef { entity: None, name: p.name.clone(), country: p.country.clone(), sector: None, span: Some(p.span) });
}

/// "struck Kharkiv and Odesa", "a drone strike on Belgorod": a place that is the direct
/// object of the trigger (or follows "on / against" a nominal one) is what was acted on,
/// standing for its country; places coordinated with it are further recipients.
fn places_hit(doc: &Document, s: &Sent, tr: &Trig, clause: Span, r: &mut Roles) {
    let mut ps: Vec<(usize, usize, &sitrep_model::Place)> = doc
        .places
        .iter()
        .filter(|p| clause.contains(p.span) && p.country.is_some() && s.tok_at(p.span.start) > tr.t1)
        .map(|p| {
            let a = s.tok_at(p.span.start);
            (a, s.toks.iter().rposition(|t| t.span.end <= p.span.end).unwrap_or(a).max(a), p)
        })
        .collect();
    ps.sort_by_key(|p| p.0);
    let Some(first) = ps.first() else { return };
    let between: Vec<&str> = (tr.t1 + 1..first.0).map(|k| s.word(k)).collect();
    let direct = !tr.noun && between.iter().all(|w| *w == "the");
    let target = tr.noun && between.len() <= 3 && matches!(between.first().copied(), Some("on" | "against"));
    if !(direct || target) {
        return;
    }
    let as_actor = |p: &sitrep_model::Place| ActorRef { entity: None, name: p.name.clone(), country: p.country.clone(), sector: None, span: Some(p.span) };
    let mut all = vec![as_actor(first.2)];
    let mut cur = first.1;
    for p in &ps[1..] {
        let gap: Vec<&str> = (cur + 1..p.0).map(|k| s.word(k)).collect();
        if gap.is_empty() || gap.len() > 3 || !gap.iter().all(|w| matches!(*w, "," | "and" | "or" | "the")) || !gap.iter().any(|w| matches!(*w, "and" | "or" | ",")) {
            break;
        }
        if !all.iter().any(|a| a.name == p.2.name) {
            all.push(as_actor(p.2));
        }
        cur = p.1;
    }
    r.rules.push(format!("actor2: place '{}' {} the trigger, standing for its country", first.2.name, if direct { "object of" } else { "targeted by" }));
    r.actor2 = all.first().cloned();
    if all.len() > 1 {
        r.rules.push(format!("recipients: places coordinated with '{}'", first.2.name));
        r.recipients = all;
    }
}
