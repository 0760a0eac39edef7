//! Actor knowledge: the case-sensitive name dictionary (countries, demonyms, capitals, seats of
//! power, organisations) and the case-insensitive word dictionary (titles, agent nouns), each
//! compiled once into an Aho-Corasick automaton.

use std::collections::HashMap;
use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::countries::Countries;
use crate::{kfile, KnowledgeError};

const METONYMS: &str = include_str!("../../../../knowledge/metonyms.tsv");
const ORGANISATIONS: &str = include_str!("../../../../knowledge/organisations.tsv");
const ROLES: &str = include_str!("../../../../knowledge/roles.tsv");
const AGENTS: &str = include_str!("../../../../knowledge/agents.tsv");

/// What a name in the dictionary stands for.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Lex {
    Country(usize),
    Demonym(usize),
    /// A capital: the government when used as an actor, a place otherwise.
    Capital(usize, String),
    /// A seat of power: always the institution.
    Seat(usize, String),
    Org(usize),
}

#[derive(Debug, Clone)]
pub(crate) struct Org {
    pub name: String,
    pub code: String,
    pub sector: Option<String>,
    pub country: Option<String>,
}

/// A common noun from roles.tsv or agents.tsv.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Word {
    /// A person's title ("defense minister"), lower-cased.
    Title { phrase: String, sector: Option<String> },
    /// A collective ("troops").
    Agent { sector: Option<String> },
    /// A military noun after a demonym ("Ukrainian drone").
    Attack,
    /// A people or faith after a demonym ("Iraqi Kurds"): part of the mention, which keeps the
    /// demonym's country.
    Group,
}

pub(crate) struct ActorKnowledge {
    pub countries: Countries,
    pub orgs: Vec<Org>,
    pub names: AhoCorasick,
    pub lex: Vec<Lex>,
    pub words_ac: AhoCorasick,
    pub words: Vec<Word>,
}

fn build(patterns: &[String], case_insensitive: bool) -> Result<AhoCorasick, KnowledgeError> {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(case_insensitive)
        .build(patterns)
        .map_err(|e| kfile::bad("actor automaton", e.to_string()))
}

/// Insert-if-absent dictionary, so earlier kinds (country names) win over later ones.
#[derive(Default)]
struct Dict {
    index: HashMap<String, usize>,
    patterns: Vec<String>,
    values: Vec<Lex>,
}

impl Dict {
    fn add(&mut self, pattern: &str, lex: Lex, replace: bool) {
        if pattern.is_empty() {
            return;
        }
        match self.index.get(pattern) {
            Some(&i) if replace => self.values[i] = lex,
            Some(_) => {}
            None => {
                self.index.insert(pattern.to_string(), self.patterns.len());
                self.patterns.push(pattern.to_string());
                self.values.push(lex);
            }
        }
    }
}

impl ActorKnowledge {
    pub(crate) fn load(dir: Option<&Path>) -> Result<Self, KnowledgeError> {
        let countries = Countries::load(dir)?;
        let mut d = Dict::default();
        for (i, c) in countries.list.iter().enumerate() {
            for n in &c.names {
                d.add(n, Lex::Country(i), false);
            }
        }
        for (i, c) in countries.list.iter().enumerate() {
            for n in &c.demonyms {
                d.add(n, Lex::Demonym(i), false);
            }
        }
        let met = kfile::read(dir, "metonyms.tsv", METONYMS)?;
        for r in kfile::rows(&met) {
            let (Some(surface), Some(iso3)) = (r.first(), r.get(1)) else { continue };
            let Some(&ci) = countries.by_iso3.get(*iso3) else { continue };
            let sector = kfile::opt(r.get(2)).unwrap_or_else(|| "GOV".into());
            let lex = if r.get(3) == Some(&"seat") { Lex::Seat(ci, sector) } else { Lex::Capital(ci, sector) };
            d.add(surface, lex, true);
        }
        for (i, c) in countries.list.iter().enumerate() {
            if let Some(cap) = &c.capital {
                d.add(cap, Lex::Capital(i, "GOV".into()), false);
            }
        }
        let mut orgs = Vec::new();
        let text = kfile::read(dir, "organisations.tsv", ORGANISATIONS)?;
        for r in kfile::rows(&text) {
            let names: Vec<&str> = r.first().map(|f| kfile::list(f).collect()).unwrap_or_default();
            let (Some(first), Some(code)) = (names.first(), r.get(1)) else { continue };
            orgs.push(Org {
                name: first.to_string(),
                code: code.to_string(),
                sector: kfile::opt(r.get(2)),
                country: kfile::opt(r.get(3)),
            });
            for n in &names {
                d.add(n, Lex::Org(orgs.len() - 1), true);
            }
        }
        // PETRARCH `*.actors.txt` dictionaries in the knowledge directory, after ours: a
        // user's dictionary wins on the same name.
        for e in super::petrarch::load_dir(dir)? {
            let country = e.country();
            orgs.push(Org { name: e.names[0].clone(), code: e.code.clone(), sector: e.sector(), country: Some(country) });
            for n in &e.names {
                for f in super::petrarch::surface_forms(n) {
                    d.add(&f, Lex::Org(orgs.len() - 1), true);
                }
            }
        }
        let names = build(&d.patterns, false)?;

        let mut wi: HashMap<String, usize> = HashMap::new();
        let mut wpat: Vec<String> = Vec::new();
        let mut words: Vec<Word> = Vec::new();
        let roles = kfile::read(dir, "roles.tsv", ROLES)?;
        let agents = kfile::read(dir, "agents.tsv", AGENTS)?;
        let role_rows = kfile::rows(&roles).map(|r| (r, true));
        for (r, is_role) in role_rows.chain(kfile::rows(&agents).map(|r| (r, false))) {
            let Some(p) = r.first().map(|p| p.to_lowercase()) else { continue };
            let sector = kfile::opt(r.get(1));
            let w = if is_role {
                Word::Title { phrase: p.clone(), sector }
            } else if r.get(2) == Some(&"attack") {
                Word::Attack
            } else if r.get(2) == Some(&"group") {
                Word::Group
            } else {
                Word::Agent { sector }
            };
            match wi.get(&p) {
                Some(&i) => words[i] = w,
                None => {
                    wi.insert(p.clone(), wpat.len());
                    wpat.push(p);
                    words.push(w);
                }
            }
        }
        // PETRARCH `*.agents.txt` role nouns: a known phrase keeps its kind and takes the
        // dictionary's code; a new one is a person's title when its head noun ends one of
        // ours ("culture minister" like "minister"), a collective agent otherwise.
        let title_heads: Vec<String> = words
            .iter()
            .filter_map(|w| match w {
                Word::Title { phrase, .. } => phrase.rsplit(' ').next().map(str::to_string),
                _ => None,
            })
            .collect();
        for a in super::petrarch_agents::load_dir(dir)? {
            let sector = Some(a.code.clone());
            match wi.get(&a.phrase) {
                Some(&i) => match &mut words[i] {
                    Word::Title { sector: s, .. } | Word::Agent { sector: s } => *s = sector,
                    Word::Attack | Word::Group => {}
                },
                None => {
                    let head = a.phrase.rsplit(' ').next().unwrap_or("");
                    let w = if title_heads.iter().any(|h| h == head) {
                        Word::Title { phrase: a.phrase.clone(), sector }
                    } else {
                        Word::Agent { sector }
                    };
                    wi.insert(a.phrase.clone(), wpat.len());
                    wpat.push(a.phrase);
                    words.push(w);
                }
            }
        }
        let words_ac = build(&wpat, true)?;
        Ok(ActorKnowledge { countries, orgs, names, lex: d.values, words_ac, words })
    }

    /// Country code of a dictionary entry, and its sector when the name implies one.
    pub(crate) fn code_of(&self, lex: &Lex) -> (Option<String>, Option<String>) {
        match lex {
            Lex::Country(i) | Lex::Demonym(i) => (Some(self.countries.list[*i].iso3.clone()), None),
            Lex::Capital(i, s) | Lex::Seat(i, s) => (Some(self.countries.list[*i].iso3.clone()), Some(s.clone())),
            Lex::Org(o) => {
                let org = &self.orgs[*o];
                (org.country.clone().or_else(|| Some(org.code.clone())), org.sector.clone())
            }
        }
    }
}
