//! Within-document coreference, then entity numbering. Surnames (first or last word of a
//! known person's name: Korean family names come first), role nouns ("the defense chief") and
//! subject pronouns resolve to the compatible person mentioned most recently, so "Kim" after
//! "Kim Jong Un" is Kim Jong Un while an earlier "Kim" is Kim Yong-hyun. "they" takes the
//! nearest plural group ("Afghan rebel leaders said they ..."), and "its troops" / "their
//! forces" opening a clause are the nearest state's or group's own agents.

use std::collections::HashMap;

use sitrep_model::{Document, Entity, EntityKind, Mention, Span};

use crate::actors::{ActorKnowledge, ActorState, Found, RoleNoun, Target, Word};

/// How far back (bytes) a pronoun may reach for its person.
const PRONOUN_REACH: usize = 600;
const GENERIC_HEADS: &[&str] = &["leader", "head", "chief", "official"];

enum Cue {
    Known(usize),
    Surname(Span, Vec<usize>),
    Pronoun(Span),
    /// "they": the nearest plural group ("Afghan rebel leaders said they would meet").
    They(Span),
    /// "its troops", "their forces": a state or group's own agents, with the agent's sector.
    Own { span: Span, plural: bool, sector: Option<String> },
    Role(RoleNoun),
}

pub(crate) fn annotate(doc: &mut Document, mut st: ActorState, k: &ActorKnowledge) {
    let t = doc.text.as_str();
    let mut keys: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in st.people.iter().enumerate() {
        let words: Vec<&str> = p.name.split(' ').collect();
        if words.len() >= 2 {
            for w in [words[0], words[words.len() - 1]] {
                keys.entry(w).or_default().push(i);
            }
        }
    }
    let mut cues: Vec<(usize, Cue)> = Vec::new();
    for f in &st.found {
        if let Target::Person(p) = f.target {
            cues.push((f.span.start, Cue::Known(p)));
        }
    }
    for (s, e) in words(t) {
        if !st.free(s, e) {
            continue;
        }
        let w = &t[s..e];
        if let Some(ps) = keys.get(w) {
            cues.push((s, Cue::Surname(Span::new(s, e), ps.clone())));
        } else if matches!(w, "he" | "He" | "she" | "She") {
            cues.push((s, Cue::Pronoun(Span::new(s, e))));
        } else if matches!(w, "they" | "They") {
            cues.push((s, Cue::They(Span::new(s, e))));
        } else if matches!(w, "its" | "Its" | "their" | "Their") && subject_slot(t, s) {
            if let Some((end, sector)) = own_agent(t, k, e) {
                if st.free(s, end) {
                    cues.push((s, Cue::Own { span: Span::new(s, end), plural: w.starts_with(['t', 'T']), sector }));
                }
            }
        }
    }
    for r in std::mem::take(&mut st.role_nouns) {
        cues.push((r.span.start, Cue::Role(r)));
    }
    cues.sort_by_key(|c| c.0);
    let mut last: Vec<Option<usize>> = vec![None; st.people.len()];
    let mut first: Vec<Option<usize>> = vec![None; st.people.len()];
    let mut added: Vec<Found> = Vec::new();
    for (pos, cue) in cues {
        let person = |p: usize, span: Span, rule: &str| Found {
            span,
            target: Target::Person(p),
            country: st.people[p].country.clone(),
            sector: st.people[p].sector.clone(),
            rule: rule.to_string(),
        };
        match cue {
            Cue::Known(p) => {
                last[p] = Some(pos);
                first[p].get_or_insert(pos);
            }
            Cue::Surname(span, ps) => {
                if let Some(p) = nearest(&last, ps.into_iter()) {
                    last[p] = Some(pos);
                    added.push(person(p, span, "coref:surname"));
                }
            }
            Cue::Pronoun(span) => {
                let p = nearest(&last, 0..st.people.len());
                if let Some(p) = p.filter(|&p| last[p].is_some_and(|l| pos - l <= PRONOUN_REACH)) {
                    last[p] = Some(pos);
                    added.push(person(p, span, "coref:pronoun"));
                }
            }
            Cue::They(span) => {
                // (not across a quotation mark: "... soldiers in Ukraine,” Kim said, adding that
                // they expect" is the speaker's side, not the group quoted)
                let group = st
                    .found
                    .iter()
                    .filter(|f| f.span.end <= pos && pos - f.span.end <= PRONOUN_REACH && !t[f.span.end..pos].contains(['”', '“', '"']))
                    .filter(|f| plural_group(t, f))
                    .max_by_key(|f| f.span.end);
                if let Some(g) = group {
                    added.push(Found { span, target: g.target.clone(), country: g.country.clone(), sector: g.sector.clone(), rule: "coref:they".into() });
                }
            }
            Cue::Own { span, plural, sector } => {
                let near = st.found.iter().filter(|f| f.span.end <= pos && pos - f.span.end <= OWN_REACH && !t[f.span.end..pos].contains(['.', '\n']));
                let ante = if plural {
                    near.filter(|f| plural_group(t, f)).max_by_key(|f| f.span.end)
                } else {
                    near.filter(|f| !matches!(f.target, Target::Person(_)) && !plural_group(t, f)).max_by_key(|f| f.span.end)
                };
                if let Some(a) = ante {
                    let sector = sector.or_else(|| a.sector.clone());
                    added.push(Found { span, target: a.target.clone(), country: a.country.clone(), sector, rule: "coref:own+agent".into() });
                }
            }
            Cue::Role(r) => {
                let code = r.country.map(|c| k.countries.list[c].iso3.clone());
                let ok = |p: usize| compatible(&st.people[p].role, &st.people[p].country, &r.phrase, &code);
                if let Some(p) = nearest(&last, (0..st.people.len()).filter(|&p| ok(p))) {
                    last[p] = Some(pos);
                    added.push(person(p, r.span, "coref:role"));
                } else if let Some(c) = r.country {
                    added.push(Found { span: r.span, target: Target::Country(c), country: code, sector: r.sector.clone(), rule: "demonym+role".into() });
                }
            }
        }
    }
    st.found.extend(added);
    st.found.sort_by_key(|f| (f.span.start, f.span.end));
    entities(doc, &st, k);
}

/// How far back (bytes, same sentence) "its" / "their" may reach for its owner.
const OWN_REACH: usize = 300;
/// Sectors a state or armed group speaks and acts through: "its residents" are not its agents.
const OWN_SECTORS: &[&str] = &["MIL", "GOV", "COP", "LEG", "JUD", "SPY", "REB", "OPP"];

/// Whether a word at `pos` opens a clause ("said its troops", ", their forces", "Its army"):
/// after a verb or preposition ("offered its troops", "for its forces") it is an object, which
/// the event layer would read as the recipient.
fn subject_slot(t: &str, pos: usize) -> bool {
    let head = t[..pos].trim_end_matches([' ', '"', '“']);
    if head.is_empty() || head.ends_with(['.', ',', ';', ':', '\n', '!', '?']) {
        return true;
    }
    let prev = head.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    matches!(prev, "said" | "says" | "say" | "that" | "when" | "while" | "after" | "before" | "as" | "because" | "but" | "and" | "where" | "until")
}

/// An agent noun from agents.tsv right after a possessive ending at `pos` ("its| troops"), as
/// (end, sector) when the sector is one a state or armed group acts through.
fn own_agent(t: &str, k: &ActorKnowledge, pos: usize) -> Option<(usize, Option<String>)> {
    let start = pos + 1;
    if !t[pos..].starts_with(' ') {
        return None;
    }
    let mut stop = (start + 40).min(t.len());
    while !t.is_char_boundary(stop) {
        stop -= 1;
    }
    let h = crate::text::longest_hits(&k.words_ac, &t[start..stop]).into_iter().next().filter(|h| h.start == 0)?;
    // the window may cut a longer word: the hit must end at a word boundary of the full text
    if t[start + h.end..].chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    match &k.words[h.pattern] {
        Word::Agent { sector } if sector.as_deref().is_some_and(|s| OWN_SECTORS.contains(&s)) => Some((start + h.end, sector.clone())),
        _ => None,
    }
}

/// A mention of several people of one side: a demonym or country with a plural agent noun
/// ("rebel leaders", "troops", "police") or a people ("Bosnian Serbs").
fn plural_group(t: &str, f: &Found) -> bool {
    let Some(last) = t.get(f.span.start..f.span.end).and_then(|m| m.rsplit(' ').next()) else { return false };
    let plural = last.ends_with('s') || matches!(last, "police" | "military" | "people" | "personnel");
    !matches!(f.target, Target::Person(_)) && (f.rule.contains("+group") || f.rule.contains("+agent") && plural)
}

/// The person among `candidates` mentioned most recently (already introduced).
fn nearest(last: &[Option<usize>], candidates: impl Iterator<Item = usize>) -> Option<usize> {
    candidates.filter_map(|p| last[p].map(|l| (l, p))).max().map(|(_, p)| p)
}

/// Whether a role noun ("the defense chief") can refer to a person with this role.
fn compatible(role: &Option<String>, country: &Option<String>, phrase: &str, code: &Option<String>) -> bool {
    if code.is_some() && country != code {
        return false;
    }
    let Some(role) = role else { return false };
    let rw: Vec<&str> = role.split(' ').collect();
    let pw: Vec<&str> = phrase.split(' ').collect();
    let head = pw.last().copied().unwrap_or("");
    let specific_overlap = pw.iter().any(|w| !GENERIC_HEADS.contains(w) && rw.contains(w));
    specific_overlap || rw.last() == Some(&head) || (code.is_some() && GENERIC_HEADS.contains(&head))
}

/// Capitalised or lower-case word spans (letters, hyphens).
fn words(t: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut it = t.char_indices().peekable();
    std::iter::from_fn(move || loop {
        let (s, c) = it.next()?;
        if !c.is_alphabetic() {
            continue;
        }
        let mut e = s + c.len_utf8();
        while let Some(&(i, c)) = it.peek() {
            if c.is_alphabetic() || c == '-' {
                e = i + c.len_utf8();
                it.next();
            } else {
                break;
            }
        }
        return Some((s, e));
    })
}

fn entities(doc: &mut Document, st: &ActorState, k: &ActorKnowledge) {
    let mut ids: HashMap<Target, usize> = HashMap::new();
    let mut ents: Vec<Entity> = Vec::new();
    let mut mentions = Vec::with_capacity(st.found.len());
    for f in &st.found {
        let Some(text) = doc.text.get(f.span.start..f.span.end) else { continue };
        let i = *ids.entry(f.target.clone()).or_insert_with(|| {
            ents.push(new_entity(ents.len() + 1, &f.target, st, k, &f.rule));
            ents.len() - 1
        });
        ents[i].mentions.push(f.span);
        mentions.push(Mention {
            span: f.span,
            text: text.to_string(),
            entity: ents[i].id.clone(),
            country: f.country.clone(),
            sector: f.sector.clone(),
            rule: f.rule.clone(),
        });
    }
    doc.entities = ents;
    doc.mentions = mentions;
}

fn new_entity(n: usize, target: &Target, st: &ActorState, k: &ActorKnowledge, rule: &str) -> Entity {
    let (name, kind, country, sector, role) = match target {
        Target::Country(c) => {
            let c = &k.countries.list[*c];
            (c.names.first().cloned().unwrap_or_else(|| c.iso3.clone()), EntityKind::Country, Some(c.iso3.clone()), None, None)
        }
        Target::Org(o) => {
            let o = &k.orgs[*o];
            (o.name.clone(), EntityKind::Organisation, o.country.clone().or(Some(o.code.clone())), o.sector.clone(), None)
        }
        Target::Person(p) => {
            let p = &st.people[*p];
            (p.name.clone(), EntityKind::Person, p.country.clone(), p.sector.clone(), p.role.clone())
        }
    };
    Entity { id: format!("ent{n}"), name, kind, country, sector, role, mentions: vec![], rule: Some(rule.to_string()) }
}
