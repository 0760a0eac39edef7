//! People learned from the text itself: "[Demonym|Country's|Org] [Title] [Name]", the appositive
//! "[Country]'s [role], [Name]", "[Name], the [role] of [Org]", and a bare full name before a
//! reporting verb ("Joe Biden said"). Each gives a person with role, country and sector.

use sitrep_model::Span;

use super::{ActorKnowledge, ActorState, Found, Hits, Lex, Person, Target, Word};
use crate::text;

const MAX_NAME_WORDS: usize = 4;
/// Generic heads: a person's sector then comes from the organisation they lead.
const GENERIC: &[&str] = &[
    "leader", "head", "chief", "spokesman", "spokeswoman", "spokesperson", "commander", "official", "director", "envoy", "mediator",
    "negotiator", "representative", "commissioner",
];

/// Capitalised words that never start a person's name but do name institutions.
const BODY_CAPS: &[&str] = &["Ministry", "Army", "Government", "Police", "State", "Defense", "Defence", "Foreign", "General"];

/// Capitalised name words starting at `pos` (one space between words), with their span.
fn name_after(t: &str, hits: &Hits, pos: usize) -> Option<(usize, usize)> {
    let mut q = pos;
    let (mut start, mut end, mut n) = (None, pos, 0);
    while n < MAX_NAME_WORDS {
        let Some((ws, we)) = text::next_word(t, q) else { break };
        if ws > q + 1 || t[q..ws].contains('\n') || hits.dict_by_start.contains_key(&ws) {
            break;
        }
        let word = &t[ws..we];
        let (word, poss) = strip_possessive(word);
        if !text::is_name_word(word) {
            break;
        }
        start.get_or_insert(ws);
        end = ws + word.len();
        n += 1;
        if poss {
            break;
        }
        q = end;
    }
    start.map(|s| (s, end))
}

/// Capitalised name words ending at `pos` (2 to 4 of them).
fn name_before(t: &str, pos: usize) -> Option<(usize, usize)> {
    let end = t[..pos].trim_end_matches(' ').len();
    let mut start = end;
    let mut n = 0;
    while n < MAX_NAME_WORDS {
        let Some((ws, w)) = text::prev_word(t, start) else { break };
        if !text::is_name_word(w) || start - (ws + w.len()) > 1 && n > 0 {
            break;
        }
        if n > 0 && t[ws + w.len()..start].contains('\n') {
            break;
        }
        start = ws;
        n += 1;
        if super::sentence_start(t, ws) {
            break;
        }
    }
    (n >= 2).then_some((start, end))
}

fn strip_possessive(w: &str) -> (&str, bool) {
    for p in ["'s", "’s"] {
        if let Some(x) = w.strip_suffix(p) {
            return (x, true);
        }
    }
    (w, false)
}

/// Add or find a person by name; fills missing role and affiliation.
fn person(st: &mut ActorState, name: &str, role: Option<String>, country: Option<String>, sector: Option<String>) -> usize {
    if let Some(i) = st.people.iter().position(|p| p.name == name) {
        let p = &mut st.people[i];
        if p.role.is_none() {
            p.role = role;
        }
        if p.country.is_none() {
            p.country = country;
        }
        if p.sector.is_none() {
            p.sector = sector;
        }
        return i;
    }
    st.people.push(Person { name: name.to_string(), role, country, sector });
    st.people.len() - 1
}

fn mention(st: &mut ActorState, s: usize, e: usize, p: usize, rule: &str) {
    let (country, sector) = (st.people[p].country.clone(), st.people[p].sector.clone());
    st.push(Found { span: Span::new(s, e), target: Target::Person(p), country, sector, rule: rule.to_string() });
}

/// The organisation or country right before a title, with its span start.
fn affiliation(t: &str, k: &ActorKnowledge, hits: &Hits, title_start: usize) -> Option<(usize, usize)> {
    let p = t[..title_start].trim_end_matches(' ').len();
    if let Some(a) = adjacent(t, k, hits, p) {
        return Some(a);
    }
    // One lower-case modifier between: "Iran's religious leader", "Iranian top diplomat" (a
    // country or demonym only: "White House press secretary" keeps the seat's own mention).
    if let Some((ws, w)) = text::prev_word(t, p).filter(|(ws, w)| ws + w.len() == p) {
        let modifier = w.chars().all(|c| c.is_lowercase() || c == '-') && !FUNCTION.contains(&w);
        let before = t[..ws].trim_end_matches(' ');
        if modifier && before.len() + 1 == ws {
            if let Some(a) = adjacent(t, k, hits, before.len()).filter(|(i, _)| matches!(k.lex[hits.dict[*i].pattern], Lex::Country(_) | Lex::Demonym(_))) {
                return Some(a);
            }
        }
    }
    national_body(t, k, hits, p)
}

/// Lower-case words that end a phrase rather than modify a title.
const FUNCTION: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "its", "his", "her", "their",
    "said", "says", "told", "is", "was", "are", "were", "has", "had", "have", "that", "which", "who", "than", "when", "after",
];

/// A country, demonym or organisation ending at `p`, or a non-demonym with a possessive.
fn adjacent(t: &str, k: &ActorKnowledge, hits: &Hits, p: usize) -> Option<(usize, usize)> {
    if let Some(&i) = hits.dict_by_end.get(&p) {
        return Some((i, hits.dict[i].start));
    }
    for poss in ["'s", "’s"] {
        if t[..p].ends_with(poss) {
            if let Some(&i) = hits.dict_by_end.get(&(p - poss.len())) {
                if !matches!(k.lex[hits.dict[i].pattern], Lex::Demonym(_)) {
                    return Some((i, hits.dict[i].start));
                }
            }
        }
    }
    None
}

/// "King Hassan of Morocco", "Secretary-General X of the United Nations": a country or
/// organisation right after a titled name, as (dictionary hit, end).
fn of_after(t: &str, k: &ActorKnowledge, hits: &Hits, pos: usize) -> Option<(usize, usize)> {
    for of in [" of the ", " of "] {
        if t[pos..].starts_with(of) {
            let &i = hits.dict_by_start.get(&(pos + of.len()))?;
            return matches!(k.lex[hits.dict[i].pattern], Lex::Country(_) | Lex::Org(_)).then_some((i, hits.dict[i].end));
        }
    }
    None
}

/// "French National Assembly president": an institution's capitalised name (1-4 words) after
/// a demonym or country, ending at `p`. The demonym gives the country of whoever holds a title
/// in that institution; the name itself is in no dictionary.
fn national_body(t: &str, k: &ActorKnowledge, hits: &Hits, p: usize) -> Option<(usize, usize)> {
    let mut end = p;
    for _ in 0..MAX_NAME_WORDS {
        // a lower-case body noun from agents.tsv ("Nigerian army spokesman")
        let i = hits.words.partition_point(|h| h.end < end);
        let agent = hits.words.get(i).filter(|h| h.end == end && matches!(k.words[h.pattern], Word::Agent { .. }));
        let ws = if let Some(h) = agent {
            h.start
        } else {
            let (ws, w) = text::prev_word(t, end)?;
            if !(text::is_name_word(w) || BODY_CAPS.contains(&w)) || ws + w.len() != end {
                return None;
            }
            ws
        };
        // exactly one space before each name word, on the same line
        let before = t[..ws].trim_end_matches(' ');
        if before.len() + 1 != ws {
            return None;
        }
        if let Some(&i) = hits.dict_by_end.get(&before.len()) {
            return matches!(k.lex[hits.dict[i].pattern], Lex::Demonym(_) | Lex::Country(_)).then_some((i, hits.dict[i].start));
        }
        end = before.len();
    }
    None
}

/// Country code and sector for a person with this title and affiliation.
fn person_codes(k: &ActorKnowledge, hits: &Hits, aff: Option<usize>, phrase: &str, sector: &Option<String>) -> (Option<String>, Option<String>) {
    let Some(i) = aff else { return (None, sector.clone()) };
    let lex = &k.lex[hits.dict[i].pattern];
    let (code, lex_sector) = k.code_of(lex);
    let head = phrase.rsplit(' ').next().unwrap_or(phrase);
    let sector = match lex {
        Lex::Org(_) if GENERIC.contains(&head) => lex_sector.or_else(|| sector.clone()),
        _ => sector.clone(),
    };
    (code, sector)
}

pub(super) fn find(t: &str, k: &ActorKnowledge, hits: &Hits, st: &mut ActorState, used: &mut [bool]) {
    for (wi, h) in hits.words.iter().enumerate() {
        let Word::Title { phrase, sector } = &k.words[h.pattern] else { continue };
        if !st.free(h.start, h.end) {
            continue;
        }
        let aff = affiliation(t, k, hits, h.start).filter(|(i, _)| st.free(hits.dict[*i].start, hits.dict[*i].end));
        let mstart = aff.map_or(h.start, |(_, s)| s);
        let capital_title = t[h.start..].starts_with(|c: char| c.is_uppercase());
        let appos = t[h.end..].starts_with(", ");
        let after = if appos { h.end + 2 } else { h.end };
        if let Some((ns, ne)) = name_after(t, hits, after) {
            let words = t[ns..ne].split(' ').count();
            let det = text::prev_word(t, mstart).is_some_and(|(_, w)| matches!(w, "the" | "The" | "its" | "his" | "her" | "their"));
            let ok = if appos { words >= 2 && (aff.is_some() || det) } else { capital_title || aff.is_some() || words >= 2 };
            if ok && st.free(ns, ne) {
                let of = if aff.is_none() && !appos { of_after(t, k, hits, ne).filter(|(i, _)| st.free(hits.dict[*i].start, hits.dict[*i].end)) } else { None };
                let aff_i = aff.map(|a| a.0).or(of.map(|o| o.0));
                let name_end = ne;
                let ne = of.map_or(ne, |o| o.1);
                let (country, sector) = person_codes(k, hits, aff_i, phrase, sector);
                let p = person(st, &t[ns..name_end], Some(phrase.clone()), country, sector);
                used[wi] = true;
                if appos {
                    mention(st, mstart, h.end, p, "appos:role");
                    mention(st, ns, ne, p, "name");
                } else {
                    mention(st, mstart, ne, p, "title+name");
                }
                continue;
            }
        }
        // "[Name], the [role] of [Org]" / "[Name], the [Org] [role]".
        let mut p = aff.map_or(h.start, |(_, s)| s);
        let Some((ds, det)) = text::prev_word(t, p) else { continue };
        if det != "the" {
            continue;
        }
        p = ds;
        let before = t[..p].trim_end_matches(' ');
        if !before.ends_with(',') {
            continue;
        }
        let Some((ns, ne)) = name_before(t, before.len() - 1) else { continue };
        if !st.free(ns, ne) {
            continue;
        }
        let mut aff_i = aff.map(|a| a.0);
        let mut role_end = h.end;
        for of in [" of the ", " of "] {
            if aff_i.is_none() && t[h.end..].starts_with(of) {
                if let Some(&i) = hits.dict_by_start.get(&(h.end + of.len())) {
                    aff_i = Some(i);
                    role_end = hits.dict[i].end;
                }
            }
        }
        let (country, sector) = person_codes(k, hits, aff_i, phrase, sector);
        let pi = person(st, &t[ns..ne], Some(phrase.clone()), country, sector);
        used[wi] = true;
        mention(st, ns, ne, pi, "name");
        if st.free(ds, role_end) {
            mention(st, ds, role_end, pi, "appos:role");
        }
    }
    names_before_verbs(t, hits, st);
}

/// A full name (2-4 capitalised words) right before a reporting verb: a person with no role yet.
fn names_before_verbs(t: &str, hits: &Hits, st: &mut ActorState) {
    for verb in [" said", " says", " told", " added", ", who", " announced", " wrote"] {
        for (i, _) in t.match_indices(verb) {
            if !text::at_boundaries(t, i + 1, i + verb.len()) && !verb.starts_with(',') {
                continue;
            }
            let Some((ns, ne)) = name_before(t, i) else { continue };
            if ne != i || !st.free(ns, ne) {
                continue;
            }
            let mut starts = t[ns..ne].match_indices(' ').map(|(j, _)| ns + j + 1).chain([ns]);
            if starts.any(|s| hits.dict_by_start.contains_key(&s)) {
                continue;
            }
            let p = person(st, &t[ns..ne], None, None, None);
            mention(st, ns, ne, p, "name+verb");
        }
    }
}
