//! Actors: countries, organisations, capitals and seats of power used for governments,
//! demonym + agent noun groups ("North Korean troops" -> PRK MIL), a people after a demonym
//! ("Bosnian Serbs" -> BIH), role nouns with their country ("the president of Armenia"), and people introduced in the
//! text with their role and affiliation (see [`people`]). Produces an [`ActorState`] that
//! `coref` completes (surnames, role nouns, pronouns) and turns into entities and mentions.

mod lexicon;
mod people;
mod petrarch;
mod petrarch_agents;

use std::collections::HashMap;

use sitrep_model::{Document, Span};

pub(crate) use lexicon::{ActorKnowledge, Lex, Word};

use crate::text::{self, Hit};

/// What a mention refers to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Target {
    Country(usize),
    Org(usize),
    Person(usize),
}

/// One actor mention before entities are numbered.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub span: Span,
    pub target: Target,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub rule: String,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Person {
    pub name: String,
    pub role: Option<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
}

/// A role noun not attached to a name ("the defense chief", "Russia's president").
#[derive(Debug, Clone)]
pub(crate) struct RoleNoun {
    pub span: Span,
    pub phrase: String,
    pub sector: Option<String>,
    /// Country index, when a demonym or country came with it.
    pub country: Option<usize>,
}

#[derive(Debug, Default)]
pub(crate) struct ActorState {
    pub found: Vec<Found>,
    pub people: Vec<Person>,
    pub role_nouns: Vec<RoleNoun>,
    /// Bytes already inside a mention.
    pub taken: Vec<bool>,
}

impl ActorState {
    pub(crate) fn free(&self, s: usize, e: usize) -> bool {
        self.taken.get(s..e).is_some_and(|b| !b.iter().any(|x| *x))
    }
    pub(crate) fn take(&mut self, s: usize, e: usize) {
        if let Some(b) = self.taken.get_mut(s..e) {
            b.iter_mut().for_each(|x| *x = true);
        }
    }
    pub(crate) fn push(&mut self, f: Found) {
        self.take(f.span.start, f.span.end);
        self.found.push(f);
    }
}

/// Dictionary and word hits of one document, indexed for the pattern rules.
pub(crate) struct Hits {
    pub dict: Vec<Hit>,
    pub words: Vec<Hit>,
    pub dict_by_end: HashMap<usize, usize>,
    pub dict_by_start: HashMap<usize, usize>,
    pub words_by_start: HashMap<usize, usize>,
}

/// Words before a toponym that make it a place rather than an actor.
pub(crate) const LOCATIVE: &[&str] = &[
    "in", "at", "from", "to", "into", "near", "outside", "inside", "across", "toward", "towards",
    "around", "through", "via", "of", "visited", "visit", "visiting", "over", "between", "within",
    "throughout", "on", "In", "At", "From", "Near", "Across", "Inside", "Outside",
];

pub(crate) fn annotate(doc: &Document, k: &ActorKnowledge) -> ActorState {
    let t = doc.text.as_str();
    let dict = text::longest_hits(&k.names, t);
    let words = text::longest_hits(&k.words_ac, t);
    let index = |v: &Vec<Hit>, by_end: bool| -> HashMap<usize, usize> {
        v.iter().enumerate().map(|(i, h)| (if by_end { h.end } else { h.start }, i)).collect()
    };
    let hits = Hits {
        dict_by_end: index(&dict, true),
        dict_by_start: index(&dict, false),
        words_by_start: index(&words, false),
        dict,
        words,
    };
    let mut st = ActorState { taken: vec![false; t.len()], ..Default::default() };
    let mut used_titles = vec![false; hits.words.len()];
    people::find(t, k, &hits, &mut st, &mut used_titles);
    dictionary_mentions(t, k, &hits, &mut st, &mut used_titles);
    role_nouns(t, k, &hits, &mut st, &used_titles);
    st
}

/// Agent or attack noun right after `pos` (after an optional possessive).
fn agent_after(t: &str, k: &ActorKnowledge, hits: &Hits, pos: usize) -> Option<(usize, &'static str, Option<String>)> {
    let p = text::possessive(t, pos).unwrap_or(pos);
    let p = text::skip_spaces(t, p);
    if p == pos && p < t.len() {
        return None;
    }
    let &wi = hits.words_by_start.get(&p)?;
    let h = hits.words[wi];
    match &k.words[h.pattern] {
        Word::Agent { sector } => Some((h.end, "agent", sector.clone())),
        Word::Attack if p > pos && text::possessive(t, pos).is_none() => Some((pos, "weapon", Some("MIL".into()))),
        _ => None,
    }
}

fn dictionary_mentions(t: &str, k: &ActorKnowledge, hits: &Hits, st: &mut ActorState, used: &mut [bool]) {
    for h in &hits.dict {
        if !st.free(h.start, h.end) {
            continue;
        }
        let lex = &k.lex[h.pattern];
        let (country, sector) = k.code_of(lex);
        let prev = text::prev_word(t, h.start).map(|(_, w)| w);
        let locative = prev.is_some_and(|w| LOCATIVE.contains(&w));
        // "Russia's president", "Iranian leader" without a name: a role noun for coref.
        if !matches!(lex, Lex::Org(_)) {
            let p = text::skip_spaces(t, text::possessive(t, h.end).unwrap_or(h.end));
            if let Some(&wi) = hits.words_by_start.get(&p) {
                if let (Word::Title { phrase, sector }, false) = (&k.words[hits.words[wi].pattern], used[wi]) {
                    used[wi] = true;
                    let ci = match lex {
                        Lex::Country(i) | Lex::Demonym(i) | Lex::Capital(i, _) | Lex::Seat(i, _) => Some(*i),
                        Lex::Org(_) => None,
                    };
                    let end = hits.words[wi].end;
                    st.take(h.start, end);
                    st.role_nouns.push(RoleNoun { span: Span::new(h.start, end), phrase: phrase.clone(), sector: sector.clone(), country: ci });
                    continue;
                }
            }
        }
        let mut group_end = None;
        let (target, base_rule) = match lex {
            Lex::Country(i) => (Target::Country(*i), if locative { "place:country" } else { "dict:country" }),
            Lex::Demonym(i) => {
                group_end = group_after(t, k, hits, h.end);
                // "French Quarter", "American Airlines": part of a longer proper name.
                let glued = group_end.is_none() && text::next_word(t, h.end).is_some_and(|(ws, we)| {
                    ws == h.end + 1 && text::is_name_word(&t[ws..we]) && !hits.dict_by_start.contains_key(&ws)
                });
                if glued {
                    continue;
                }
                (Target::Country(*i), "demonym")
            }
            Lex::Seat(i, _) => (Target::Country(*i), "metonym:seat"),
            Lex::Capital(i, _) => {
                let name_part = prev.is_some_and(|w| text::is_name_word(w) && !sentence_start(t, h.start));
                let followed_by_country = t[h.end..].starts_with(", ")
                    && hits.dict_by_start.get(&(h.end + 2)).is_some_and(|&j| matches!(k.lex[hits.dict[j].pattern], Lex::Country(_)));
                if locative || name_part || followed_by_country {
                    continue; // a place (or part of a person's name), not the government
                }
                (Target::Country(*i), "metonym:capital")
            }
            Lex::Org(o) => (Target::Org(*o), "dict:org"),
        };
        let mut f = Found { span: Span::new(h.start, h.end), target, country, sector, rule: base_rule.to_string() };
        if let Some(ge) = group_end {
            f.span.end = ge;
            f.rule = "demonym+group".into();
        }
        let base_rule = f.rule.clone();
        match agent_after(t, k, hits, f.span.end) {
            Some((end, "agent", sector)) => {
                f.span = Span::new(h.start, end);
                if !(matches!(lex, Lex::Org(_)) && f.sector.is_some()) {
                    f.sector = sector;
                }
                f.rule = format!("{}+agent", base_rule.replace("place:", "dict:"));
            }
            Some((_, _, sector)) if matches!(lex, Lex::Demonym(_) | Lex::Country(_)) => {
                f.sector = sector;
                f.rule = format!("{base_rule}+weapon");
            }
            _ => {}
        }
        if st.free(f.span.start, f.span.end) {
            st.push(f);
        }
    }
}

/// End of a people or faith named right after a demonym ("Bosnian Serbs", "Iraqi Kurds",
/// "Croatian Serb refugees"): those living in the first demonym's country, so the group
/// joins its mention rather than standing as a second country.
fn group_after(t: &str, k: &ActorKnowledge, hits: &Hits, end: usize) -> Option<usize> {
    if !t[end..].starts_with(' ') {
        return None;
    }
    let ws = end + 1;
    if let Some(&j) = hits.dict_by_start.get(&ws) {
        return matches!(k.lex[hits.dict[j].pattern], Lex::Demonym(_)).then_some(hits.dict[j].end);
    }
    let &wi = hits.words_by_start.get(&ws)?;
    matches!(k.words[hits.words[wi].pattern], Word::Group).then_some(hits.words[wi].end)
}

/// "the defense chief", "the president": title hits with a determiner, left for coref.
fn role_nouns(t: &str, k: &ActorKnowledge, hits: &Hits, st: &mut ActorState, used: &[bool]) {
    for (wi, h) in hits.words.iter().enumerate() {
        let Word::Title { phrase, sector } = &k.words[h.pattern] else { continue };
        if used[wi] || !st.free(h.start, h.end) {
            continue;
        }
        let Some((ws, w)) = text::prev_word(t, h.start) else { continue };
        if w == "the" || w == "The" {
            // "the president of Armenia": the country is the role's.
            let of = t[h.end..].strip_prefix(" of ").and_then(|_| hits.dict_by_start.get(&(h.end + 4))).map(|&j| hits.dict[j]);
            let (end, country) = match of.map(|d| (d, &k.lex[d.pattern])) {
                Some((d, Lex::Country(c))) => {
                    // the country read as a place ("of" is locative) joins the role instead
                    let before = st.found.len();
                    st.found.retain(|f| !(f.span.start == d.start && f.span.end == d.end && f.rule == "place:country"));
                    if st.found.len() < before || st.free(d.start, d.end) {
                        (d.end, Some(*c))
                    } else {
                        (h.end, None)
                    }
                }
                _ => (h.end, None),
            };
            st.take(ws, end);
            st.role_nouns.push(RoleNoun { span: Span::new(ws, end), phrase: phrase.clone(), sector: sector.clone(), country });
        }
    }
}

/// True when `pos` starts a sentence (only spaces and an opening quote since a stop or line start).
pub(crate) fn sentence_start(t: &str, pos: usize) -> bool {
    let head = t[..pos].trim_end_matches([' ', '"', '“', '\'', '‘', '(']);
    head.is_empty() || head.ends_with(['.', '!', '?', '\n', ':'])
}
