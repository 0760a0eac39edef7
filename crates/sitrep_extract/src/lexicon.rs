//! The trigger lexicon compiled for matching: phrases of lemmas (with `*` gaps) indexed by
//! their first word, matched over the tokens of one sentence, longest match first.

use std::collections::HashMap;

use crate::knowledge::TriggerEntry;
use crate::tokens::{lemmas, Token};

#[derive(Debug, Clone, PartialEq)]
enum Word {
    Lemma(String),
    Gap,
}

#[derive(Debug, Clone)]
struct Phrase {
    words: Vec<Word>,
    entry: usize,
    noun: bool,
    text: String,
}

/// A compiled phrase lexicon (triggers, or any lemma phrase list).
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    pub entries: Vec<TriggerEntry>,
    phrases: Vec<Phrase>,
    by_first: HashMap<String, Vec<usize>>,
}

/// One trigger found in a sentence.
#[derive(Debug, Clone)]
pub(crate) struct Match {
    /// Token indices (into the sentence's tokens) of the matched words, in order.
    pub toks: Vec<usize>,
    pub entry: usize,
    pub noun: bool,
    /// The phrase as written in the lexicon ("drone strike").
    pub phrase: String,
}

impl Match {
    pub fn first(&self) -> usize {
        self.toks[0]
    }
    pub fn last(&self) -> usize {
        self.toks[self.toks.len() - 1]
    }
}

const MAX_GAP: usize = 4;

/// Words before a nominal use of an ambiguous trigger ("an attack", "its veto").
const NOUN_LEFT: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "their", "its", "his", "her", "our", "my",
    "your", "new", "fresh", "further", "another", "any", "no", "major", "deadly", "joint", "first",
    "latest", "recent", "'s", "of", "massive", "large", "possible", "alleged", "planned", "key",
];

impl Lexicon {
    pub fn build(entries: Vec<TriggerEntry>) -> Self {
        let mut lex = Lexicon { entries, ..Default::default() };
        for (i, e) in lex.entries.iter().enumerate() {
            let lists = [(&e.verbs, false), (&e.nouns, true)];
            for (list, noun) in lists {
                for p in list {
                    let words: Vec<Word> = p
                        .split_whitespace()
                        .map(|w| if w == "*" { Word::Gap } else { Word::Lemma(w.to_lowercase()) })
                        .collect();
                    let Some(Word::Lemma(first)) = words.first().cloned() else { continue };
                    lex.by_first.entry(first).or_default().push(lex.phrases.len());
                    lex.phrases.push(Phrase { words, entry: i, noun, text: p.clone() });
                }
            }
        }
        lex
    }

    /// The triggers of a sentence; in a Title Case headline capitals are not names
    /// ("Militias Kill During Clashes").
    pub fn find_sent(&self, s: &crate::sentence::Sent, irregular: &HashMap<String, String>) -> Vec<Match> {
        if crate::cue_rules::title_case(s) {
            let toks: Vec<Token> = s.toks.iter().map(|t| Token { cap: false, ..t.clone() }).collect();
            self.find(&toks, irregular)
        } else {
            self.find(&s.toks, irregular)
        }
    }

    /// Every non-overlapping trigger in `toks`, longest first, then in lexicon order.
    pub fn find(&self, toks: &[Token], irregular: &HashMap<String, String>) -> Vec<Match> {
        let lem: Vec<Vec<String>> =
            toks.iter().map(|t| if t.is_word { lemmas(&t.lower, irregular) } else { vec![] }).collect();
        let mut cands: Vec<(usize, usize, Match)> = Vec::new(); // (length, phrase idx, match)
        for i in 0..toks.len() {
            for l in &lem[i] {
                let Some(ids) = self.by_first.get(l) else { continue };
                for &pid in ids {
                    let p = &self.phrases[pid];
                    if p.noun && !noun_form(&toks[i].lower, l) {
                        continue;
                    }
                    // "In March", "the Hague": a capitalised word mid-sentence is a name.
                    if p.words.len() == 1 && toks[i].cap && i > 0 && toks[i - 1].is_word {
                        continue;
                    }
                    // "the press", "a return": a one-word verb trigger used as a noun.
                    if !p.noun && p.words.len() == 1 && has_determiner(toks, i) {
                        continue;
                    }
                    // "Armed Militants", "and armed loyalists": a participle before a noun
                    // is an adjective (violent participles stay: "killed soldiers" is rare
                    // and their events are the point).
                    if !p.noun && p.words.len() == 1 && attributive(toks, i) && !matches!(self.entries[p.entry].kind.as_str(), "ASSAULT" | "COERCE") {
                        continue;
                    }
                    if let Some(m) = match_at(p, i, &lem, toks) {
                        // "leaving Dead Man's Shoes": a capitalised later word that opens a
                        // longer name is part of it ("opened the Friendship Bridge" stays)
                        if m.iter().skip(1).any(|&j| toks[j].cap && toks.get(j + 1).is_some_and(|n| n.is_word && n.cap)) {
                            continue;
                        }
                        let n = p.words.iter().filter(|w| **w != Word::Gap).count();
                        cands.push((n, pid, Match { toks: m, entry: p.entry, noun: p.noun, phrase: p.text.clone() }));
                    }
                }
            }
        }
        // Longest first; for one-word ambiguities prefer the part of speech the context shows.
        cands.sort_by_key(|(n, pid, m)| {
            let nounish = looks_nominal(toks, m.first());
            let pos_penalty = usize::from(m.noun != nounish);
            (std::cmp::Reverse(*n), m.first(), pos_penalty, *pid)
        });
        let mut used = vec![false; toks.len()];
        let mut out = Vec::new();
        for (_, _, m) in cands {
            if m.toks.iter().any(|&t| used[t]) {
                continue;
            }
            for &t in &m.toks {
                used[t] = true;
            }
            out.push(m);
        }
        out.sort_by_key(Match::first);
        out
    }
}

fn match_at(p: &Phrase, i: usize, lem: &[Vec<String>], toks: &[Token]) -> Option<Vec<usize>> {
    let mut got = vec![i];
    let mut j = i + 1;
    let mut k = 1;
    while k < p.words.len() {
        match &p.words[k] {
            Word::Gap => {
                let Word::Lemma(next) = p.words.get(k + 1)? else { return None };
                let mut found = None;
                for jj in j..(j + MAX_GAP + 1).min(toks.len()) {
                    if !toks[jj].is_word && !matches!(toks[jj].lower.as_str(), "-") {
                        break;
                    }
                    if lem[jj].iter().any(|l| l == next) {
                        found = Some(jj);
                        break;
                    }
                }
                let jj = found?;
                got.push(jj);
                j = jj + 1;
                k += 2;
            }
            Word::Lemma(w) => {
                if j >= toks.len() || !lem[j].iter().any(|l| l == w) || (p.noun && !noun_form(&toks[j].lower, w)) {
                    return None;
                }
                got.push(j);
                j += 1;
                k += 1;
            }
        }
    }
    Some(got)
}

/// A noun phrase word matches only its own singular or plural ("strikes", not "struck").
fn noun_form(tok: &str, w: &str) -> bool {
    tok == w
        || tok.strip_suffix('s').is_some_and(|t| t == w)
        || tok.strip_suffix("es").is_some_and(|t| t == w)
        || (w.ends_with('y') && tok.strip_suffix("ies").is_some_and(|t| t == &w[..w.len() - 1]))
}

/// An "-ed" participle at the start of a noun phrase, right before a noun: at the sentence
/// start or after "and", "or", an opening quote or a number (not a comma: "Kim, the envoy,
/// demanded parties ..."), followed by a word that is no determiner,
/// pronoun or preposition ("Armed Militants Killed", "regime forces and armed loyalists";
/// not "Iran armed the rebels").
fn attributive(toks: &[Token], i: usize) -> bool {
    let w = toks[i].lower.as_str();
    if !(w.ends_with("ed") && w.len() > 4) {
        return false;
    }
    let prev_ok = i == 0 || matches!(toks[i - 1].lower.as_str(), "and" | "or" | "\"" | "“") || toks[i - 1].lower.chars().all(|c| c.is_ascii_digit());
    let next_ok = toks.get(i + 1).is_some_and(|n| {
        n.is_word
            && !n.lower.chars().all(|c| c.is_ascii_digit())
            && !matches!(n.lower.as_str(), "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "them" | "him" | "it" | "us" | "me" | "with" | "by" | "in" | "on" | "at" | "to" | "for" | "from" | "of" | "and" | "or" | "that" | "this" | "these" | "those" | "some" | "up" | "out" | "off" | "over" | "back" | "down" | "into" | "against" | "more" | "all" | "both" | "two" | "three" | "several" | "dozens" | "hundreds" | "thousands")
    });
    prev_ok && next_ok
}

/// A determiner or possessive right before token `i` ("the press", "its claims").
pub(crate) fn has_determiner(toks: &[Token], i: usize) -> bool {
    i > 0 && (NOUN_LEFT.contains(&toks[i - 1].lower.as_str()) || toks[i - 1].lower.ends_with("'s"))
}

/// Whether the token at `i` reads as a noun: a determiner, possessive or modifier before it.
pub(crate) fn looks_nominal(toks: &[Token], i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let prev = &toks[i - 1];
    if NOUN_LEFT.contains(&prev.lower.as_str()) || prev.lower.ends_with("'s") {
        return true;
    }
    // "Ukrainian missile strike", "Israeli air strike": a capitalised modifier mid-sentence.
    if prev.cap && i >= 2 && prev.is_word && !matches!(prev.lower.as_str(), "i") {
        return true;
    }
    prev.lower.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::{TriggerFile, IRREGULAR, TRIGGERS};
    use crate::tokens::tokenize;
    use sitrep_model::Span;

    fn lex() -> (Lexicon, HashMap<String, String>) {
        let f: TriggerFile = toml::from_str(TRIGGERS).unwrap();
        let irr = IRREGULAR.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        (Lexicon::build(f.trigger), irr)
    }

    fn types(text: &str) -> Vec<(String, String)> {
        let (lex, irr) = lex();
        let toks = tokenize(text, Span::new(0, text.len()));
        lex.find(&toks, &irr)
            .into_iter()
            .map(|m| (lex.entries[m.entry].kind.clone(), m.phrase.clone()))
            .collect()
    }

    #[test]
    fn inflected_and_multiword_triggers() {
        assert_eq!(types("A Ukrainian drone struck a depot.")[0], ("ASSAULT".into(), "strike".into()));
        assert_eq!(types("They signed a defense pact in June.")[1], ("AGREE".into(), "defense pact".into()));
        assert_eq!(types("Iran has been shipping missiles to Russia.")[0], ("AID".into(), "ship * missile".into()));
        assert_eq!(types("killed in a Ukrainian missile strike")[1].1, "missile strike");
        assert_eq!(types("Rebels carried out an attack on the town.")[0].1, "carry out * attack");
    }

    #[test]
    fn gaps_do_not_cross_punctuation() {
        let t = types("They sent, in the end, troops.");
        assert!(t.iter().all(|(_, p)| p != "send * troop"), "{t:?}");
    }
}
