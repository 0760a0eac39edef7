//! The conflict-evidence gate (`knowledge/violence_gate.toml`): ambiguous violent triggers
//! ("hit", "beat", "shot", "battle", "target", "attack"...) make an event only when their
//! sentence shows a weapon, a casualty, an armed actor, a conflict or crime word, a death or
//! injury next to the trigger ("shot dead", "in hospital with injuries"), a person as the
//! victim ("a man was chased and shot"), or a country actor outside sport/arts/business
//! language. Sport and arts senses ("beat X to the award", "hits our screens", "drop shot",
//! "the United attack") are then no events. Weak triggers ("injured", "stormed", "banned")
//! need no evidence but fall to sport words or an illness/accident ("limped off injured",
//! "stormed to the title", "a two-year doping ban"). Ambiguous threats ("threaten", "warn", "threat")
//! need a coercive complement ("threatened to invade", "warned of a nuclear strike"), an armed
//! actor, a conflict word or a country actor outside sport/business language ("the striker
//! threatened to leave", "rain threatens the final" are no events).
//! Death words ("died", "left 36 dead") and objects of "kill" ("killed the game") have their
//! own checks in [`deaths`].

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use sitrep_model::{Document, EntityKind, Mention};

use crate::lexicon::Match;

mod deaths;
use crate::sentence::{mentions_in, Sent};
use crate::tokens::lemmas;

/// Words either side of a trigger searched for an outcome ("shot dead", "was stabbed").
const OUTCOME_WINDOW: usize = 8;
/// Words after a threat searched for what is threatened ("threatened on Monday to break off ...").
const THREAT_AFTER: usize = 9;
/// Words before a threat searched for its kind ("a nuclear threat", "military threats").
const THREAT_BEFORE: usize = 2;

#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct GateFile {
    #[serde(default)]
    pub replace: bool,
    #[serde(default)]
    pub types: Vec<String>,
    #[serde(default)]
    pub ambiguous: Vec<String>,
    #[serde(default)]
    pub sectors: Vec<String>,
    #[serde(default)]
    pub conflict: Vec<String>,
    #[serde(default)]
    pub figurative: Vec<String>,
    #[serde(default)]
    pub outcome: Vec<String>,
    #[serde(default)]
    pub patients: Vec<String>,
    #[serde(default)]
    pub patient_triggers: Vec<String>,
    #[serde(default)]
    pub natural: Vec<String>,
    #[serde(default)]
    pub weak: Vec<String>,
    #[serde(default)]
    pub weak_figurative: Vec<String>,
    #[serde(default)]
    pub persons: Vec<String>,
    #[serde(default)]
    pub killed_things: Vec<String>,
    #[serde(default)]
    pub deaths: Vec<String>,
    #[serde(default)]
    pub death_causes: Vec<String>,
    #[serde(default)]
    pub threaten: ThreatFile,
}

/// The `[threaten]` table: THREATEN's own ambiguous words and evidence.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct ThreatFile {
    #[serde(default)]
    pub ambiguous: Vec<String>,
    #[serde(default)]
    pub coercive: Vec<String>,
    #[serde(default)]
    pub kinds: Vec<String>,
    #[serde(default)]
    pub subjects: Vec<String>,
    #[serde(default)]
    pub figurative: Vec<String>,
}

/// Word lists as sets of lowercased phrases (split into words for multi-word entries).
#[derive(Debug, Clone, Default)]
pub(crate) struct Gate {
    types: HashSet<String>,
    ambiguous: HashSet<String>,
    sectors: HashSet<String>,
    conflict: Phrases,
    figurative: Phrases,
    outcome: Phrases,
    patients: HashSet<String>,
    patient_triggers: HashSet<String>,
    natural: Phrases,
    weak: HashSet<String>,
    weak_figurative: Phrases,
    deaths: HashSet<String>,
    persons: HashSet<String>,
    killed_things: HashSet<String>,
    death_causes: Phrases,
    threat_ambiguous: HashSet<String>,
    coercive: Phrases,
    threat_kinds: Phrases,
    threat_subjects: HashSet<String>,
    threat_figurative: Phrases,
}

/// Lowercased phrases (as word lists) indexed by their first word: the gate runs on every
/// ambiguous trigger of every page, and scanning ~260 phrases at each token cost 12% of the
/// whole pipeline; a lookup per token form does not.
#[derive(Debug, Clone, Default)]
struct Phrases {
    by_first: HashMap<String, Vec<Vec<String>>>,
}

impl Phrases {
    fn new(v: &[String]) -> Phrases {
        let mut by_first: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        for p in v {
            let words: Vec<String> = p.to_lowercase().split_whitespace().map(str::to_string).collect();
            if let Some(first) = words.first() {
                by_first.entry(first.clone()).or_default().push(words);
            }
        }
        Phrases { by_first }
    }

    /// The first phrase found in the sentence, in text order (each word matching a token's
    /// form or lemma).
    fn find(&self, forms: &[Vec<String>]) -> Option<String> {
        self.find_from(forms, 0..forms.len())
    }

    /// The first phrase starting at a token of `starts` (it may run past its end).
    fn find_from(&self, forms: &[Vec<String>], starts: std::ops::Range<usize>) -> Option<String> {
        for (i, fs) in forms.iter().enumerate().take(starts.end).skip(starts.start) {
            for p in fs.iter().filter_map(|f| self.by_first.get(f)).flatten() {
                let fits = i + p.len() <= forms.len() && p.iter().enumerate().skip(1).all(|(j, w)| forms[i + j].iter().any(|f| f == w));
                if fits {
                    return Some(p.join(" "));
                }
            }
        }
        None
    }
}

fn lower_set(v: &[String]) -> HashSet<String> {
    v.iter().map(|p| p.to_lowercase()).collect()
}

impl Gate {
    pub fn build(base: GateFile, user: Option<GateFile>) -> Gate {
        let mut f = base;
        if let Some(u) = user {
            if u.replace {
                f = u;
            } else {
                f.types.extend(u.types);
                f.ambiguous.extend(u.ambiguous);
                f.sectors.extend(u.sectors);
                f.conflict.extend(u.conflict);
                f.figurative.extend(u.figurative);
                f.outcome.extend(u.outcome);
                f.patients.extend(u.patients);
                f.patient_triggers.extend(u.patient_triggers);
                f.natural.extend(u.natural);
                f.weak.extend(u.weak);
                f.weak_figurative.extend(u.weak_figurative);
                f.deaths.extend(u.deaths);
                f.persons.extend(u.persons);
                f.killed_things.extend(u.killed_things);
                f.death_causes.extend(u.death_causes);
                f.threaten.ambiguous.extend(u.threaten.ambiguous);
                f.threaten.coercive.extend(u.threaten.coercive);
                f.threaten.kinds.extend(u.threaten.kinds);
                f.threaten.subjects.extend(u.threaten.subjects);
                f.threaten.figurative.extend(u.threaten.figurative);
            }
        }
        Gate {
            types: f.types.into_iter().collect(),
            ambiguous: lower_set(&f.ambiguous),
            sectors: f.sectors.into_iter().collect(),
            conflict: Phrases::new(&f.conflict),
            figurative: Phrases::new(&f.figurative),
            outcome: Phrases::new(&f.outcome),
            patients: lower_set(&f.patients),
            patient_triggers: lower_set(&f.patient_triggers),
            natural: Phrases::new(&f.natural),
            weak: lower_set(&f.weak),
            weak_figurative: Phrases::new(&f.weak_figurative),
            deaths: lower_set(&f.deaths),
            persons: lower_set(&[f.persons.clone(), f.patients.clone()].concat()),
            killed_things: lower_set(&f.killed_things),
            death_causes: Phrases::new(&[f.natural.clone(), f.death_causes].concat()),
            threat_ambiguous: lower_set(&f.threaten.ambiguous),
            coercive: Phrases::new(&f.threaten.coercive),
            threat_kinds: Phrases::new(&f.threaten.kinds),
            threat_subjects: lower_set(&f.threaten.subjects),
            threat_figurative: Phrases::new(&f.threaten.figurative),
        }
    }

    /// None when the triggers stand; else why they are no event (a rule line).
    pub fn suppress(&self, doc: &Document, s: &Sent, kind: &str, ms: &[Match], irregular: &HashMap<String, String>, cache: &DocForms) -> Option<String> {
        let threat = kind == "THREATEN";
        if let Some(why) = self.killed_thing(doc, s, kind, ms, irregular) {
            return Some(why);
        }
        let death = |m: &Match| self.deaths.contains(&m.phrase.to_lowercase());
        if self.types.contains(kind) && ms.iter().any(death) {
            let verdict = self.suppress_death(doc, s, ms, irregular, cache)?;
            // "died of a heart attack": the other triggers stand or fall on their own
            let rest: Vec<Match> = ms.iter().filter(|m| !death(m)).cloned().collect();
            return if rest.is_empty() { Some(verdict) } else { self.suppress(doc, s, kind, &rest, irregular, cache) };
        }
        let ambiguous = if threat { &self.threat_ambiguous } else { &self.ambiguous };
        let phrase = |m: &Match| m.phrase.to_lowercase();
        let weak = !threat && ms.iter().all(|m| self.weak.contains(&phrase(m)));
        if ms.is_empty() || !(threat || self.types.contains(kind)) || !(weak || ms.iter().all(|m| ambiguous.contains(&phrase(m)))) {
            return None;
        }
        if doc.weapons.iter().any(|w| s.span.contains(w.span)) {
            return None;
        }
        if doc.quantities.iter().any(|q| s.span.contains(q.span) && q.casualty.is_some()) {
            return None;
        }
        let ments = mentions_in(doc, s.span);
        if ments.iter().any(|m| m.sector.as_deref().is_some_and(|x| self.sectors.contains(x))) {
            return None;
        }
        let forms = forms_except(s, ms, irregular);
        let (t0, t1) = (ms.iter().map(Match::first).min().unwrap_or(0), ms.iter().map(Match::last).max().unwrap_or(0));
        let near = |before: usize, after: usize| t0.saturating_sub(before)..(t1 + 1 + after).min(forms.len());
        if threat {
            // "the deal threatens", "rain threatens", "the threat of rain": no one's threat
            if let Some(w) = self.threat_subject(s, t0, t1) {
                return Some(format!("gate: ambiguous trigger '{}' with '{w}' as what threatens or is threatened (violence_gate.toml [threaten] subjects)", ms[0].phrase));
            }
            // "threatened to invade", "a nuclear threat"
            if self.coercive.find_from(&forms, t1 + 1..near(0, THREAT_AFTER).end).is_some() || self.threat_kinds.find_from(&forms, near(THREAT_BEFORE, 0)).is_some() {
                return None;
            }
        }
        if self.conflict.find(&forms).is_some() {
            return None;
        }
        if weak {
            return self.suppress_weak(s, ms, &forms, irregular);
        }
        // "shot dead", "beaten to death", "in hospital with serious injuries after being
        // attacked"; not "died of a heart attack", nor the title "Shaun of the Dead"
        if !threat {
            let title = crate::cue_rules::title_case(s);
            let lower: Vec<Vec<String>> = s.toks.iter().zip(&forms).enumerate().map(|(i, (t, f))| if i > 0 && t.cap && !title { vec![] } else { f.clone() }).collect();
            let outcome = self.outcome.find_from(&lower, near(OUTCOME_WINDOW, OUTCOME_WINDOW)).is_some();
            if outcome && !self.natural_cause(s, irregular) {
                return None;
            }
        }
        let state = ments.iter().find(|m| is_state(doc, m));
        let figurative = if threat { &self.threat_figurative } else { &self.figurative };
        let fig = figurative.find(&forms).or_else(|| s.toks.iter().find(|t| is_score(&t.lower)).map(|t| format!("score {}", t.lower)));
        // "a man was chased and shot", "shot in the leg": a person hurt, outside sport
        if !threat && state.is_none() && fig.is_none() && self.patient(s, ms) {
            return None;
        }
        let trig_text = ms.iter().map(|m| m.phrase.as_str()).collect::<Vec<_>>().join("' + '");
        let evidence = if threat { "coercive complement, armed actor, conflict word, country actor" } else { "weapon, casualty, outcome, victim, armed actor, conflict word, country actor" };
        match (state, fig) {
            (Some(_), None) => None,
            (Some(m), Some(f)) => Some(format!("gate: ambiguous trigger '{trig_text}' with country actor '{}' but '{f}' (violence_gate.toml figurative) and no conflict evidence", m.text)),
            (None, Some(f)) => Some(format!("gate: ambiguous trigger '{trig_text}' with no conflict evidence; '{f}' (violence_gate.toml figurative)")),
            (None, None) => Some(format!("gate: ambiguous trigger '{trig_text}' with no conflict evidence ({evidence})")),
        }
    }

    /// A weak trigger ("injured", "stormed") stands unless its sentence is sport or arts ("limped out injured", "stormed to the 60m title") or names an illness or an
    /// accident ("injured in a motorcycle crash").
    fn suppress_weak(&self, s: &Sent, ms: &[Match], forms: &[Vec<String>], irregular: &HashMap<String, String>) -> Option<String> {
        let trig_text = ms.iter().map(|m| m.phrase.as_str()).collect::<Vec<_>>().join("' + '");
        if let Some(n) = self.natural.find(&all_lemmas(s, irregular)) {
            return Some(format!("gate: weak trigger '{trig_text}' with '{n}' (violence_gate.toml natural) and no conflict evidence"));
        }
        let fig = self.weak_figurative.find(forms).or_else(|| s.toks.iter().find(|t| is_score(&t.lower)).map(|t| format!("score {}", t.lower)))?;
        Some(format!("gate: weak trigger '{trig_text}' with '{fig}' (violence_gate.toml weak_figurative) and no conflict evidence"))
    }

    /// An illness or an accident named in the sentence (trigger words included: "heart attack").
    fn natural_cause(&self, s: &Sent, irregular: &HashMap<String, String>) -> bool {
        self.natural.find(&all_lemmas(s, irregular)).is_some()
    }

    /// A word of [threaten] `subjects` just before the trigger ("inflation threatens") or
    /// after a nominal threat's "of"/"to" ("the threat of rain", "a threat to growth").
    fn threat_subject(&self, s: &Sent, t0: usize, t1: usize) -> Option<String> {
        let w = |i: usize| s.toks.get(i).filter(|t| t.is_word).map(|t| t.lower.as_str());
        let hit = |i: usize| w(i).filter(|x| self.threat_subjects.contains(*x)).map(str::to_string);
        if let Some(x) = t0.checked_sub(1).and_then(hit) {
            return Some(x);
        }
        if matches!(w(t1 + 1), Some("of" | "to")) {
            let j = if matches!(w(t1 + 2), Some("the" | "a" | "an" | "more" | "further" | "heavy")) { t1 + 3 } else { t1 + 2 };
            return hit(j);
        }
        None
    }

    /// A person as the one hurt by a trigger ("a man was chased and shot", "teenager
    /// attacked", "shot a man"), or a wound's place ("shot in the leg").
    fn patient(&self, s: &Sent, ms: &[Match]) -> bool {
        let Some(m) = ms.iter().find(|m| !m.noun && self.patient_triggers.contains(&m.phrase.to_lowercase())) else { return false };
        let w = |i: usize| s.toks.get(i).filter(|t| t.is_word).map_or("", |t| t.lower.as_str());
        // "shot a man", "executed a couple": the person right after an active verb
        let next = s.toks.iter().skip(m.last() + 1).take_while(|t| !matches!(t.lower.as_str(), "," | "." | ";" | ":" | "(" | ")"));
        if next.filter(|t| t.is_word).take(3).any(|t| self.patients.contains(&t.lower)) {
            return true;
        }
        let verb = w(m.first());
        if !(verb.ends_with("ed") || matches!(verb, "shot" | "beaten")) {
            return false;
        }
        const BODY: [&str; 12] = ["head", "chest", "leg", "legs", "back", "arm", "stomach", "neck", "face", "foot", "shoulder", "abdomen"];
        let after = m.last() + 1;
        if w(after) == "in" && matches!(w(after + 1), "the" | "his" | "her" | "their") && BODY.contains(&w(after + 2)) {
            return true;
        }
        // back over "was", "and", "chased and", "who had been" to the person
        let mut i = m.first();
        for _ in 0..5 {
            let Some(j) = i.checked_sub(1) else { return false };
            let prev = w(j);
            if self.patients.contains(prev) {
                return true;
            }
            let skip = matches!(prev, "was" | "were" | "is" | "are" | "been" | "being" | "had" | "has" | "have" | "got" | "who" | "and" | "then" | "later" | "allegedly" | "reportedly" | "repeatedly" | "brutally" | "badly")
                || (prev.ends_with("ed") && prev.len() > 4);
            if !skip {
                return false;
            }
            i = j;
        }
        false
    }
}

/// Per-document forms the gate computes at most once: the whole text's lemmas, read for
/// conflict words and causes of death whenever a sentence counts deaths (lemmatising the
/// document again for each such sentence cost a war report's time quadratically).
#[derive(Default)]
pub(crate) struct DocForms {
    lemmas: std::cell::OnceCell<Vec<Vec<String>>>,
}

impl DocForms {
    /// Every word's forms of the whole document text, computed on first use.
    pub(crate) fn lemmas(&self, doc: &Document, irregular: &HashMap<String, String>) -> &[Vec<String>] {
        self.lemmas.get_or_init(|| {
            crate::tokens::tokenize(&doc.text, sitrep_model::Span::new(0, doc.text.len()))
                .iter()
                .map(|t| if t.is_word { lemmas(&t.lower, irregular) } else { vec![] })
                .collect()
        })
    }
}

/// Every word's forms but the triggers' own (a conflict word must be another word than
/// the trigger).
fn forms_except(s: &Sent, ms: &[Match], irregular: &HashMap<String, String>) -> Vec<Vec<String>> {
    let trig: HashSet<usize> = ms.iter().flat_map(|m| m.toks.iter().copied()).collect();
    s.toks.iter().enumerate().map(|(i, t)| if trig.contains(&i) || !t.is_word { vec![] } else { lemmas(&t.lower, irregular) }).collect()
}

/// Every word's forms, trigger words included.
fn all_lemmas(s: &Sent, irregular: &HashMap<String, String>) -> Vec<Vec<String>> {
    s.toks.iter().map(|t| if t.is_word { lemmas(&t.lower, irregular) } else { vec![] }).collect()
}

/// A country actor: an entity of kind country, or a mention in the government sector.
fn is_state(doc: &Document, m: &Mention) -> bool {
    let ent = doc.entities.iter().find(|e| e.id == m.entity);
    ent.is_some_and(|e| matches!(e.kind, EntityKind::Country)) || m.sector.as_deref() == Some("GOV")
}

/// A sports score ("6-4", "2-0", "17-16"): two numbers of at most three digits and a hyphen.
fn is_score(w: &str) -> bool {
    let mut parts = w.split(['-', '\u{2013}']);
    let ok = |p: Option<&str>| p.is_some_and(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()));
    ok(parts.next()) && ok(parts.next()) && parts.next().is_none()
}
