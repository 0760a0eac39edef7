//! The conflict-evidence gate (`knowledge/violence_gate.toml`): ambiguous violent triggers
//! ("hit", "beat", "shot", "battle", "target", "attack"...) make an event only when their
//! sentence shows a weapon, a casualty, an armed actor, a conflict word, or a country actor
//! outside sport/arts/business language. Sport and arts senses ("beat X to the award",
//! "hits our screens", "drop shot", "the United attack") are then no events.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use sitrep_model::{Document, EntityKind};

use crate::lexicon::Match;
use crate::sentence::{mentions_in, Sent};
use crate::tokens::lemmas;

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
}

/// Word lists as sets of lowercased phrases (split into words for multi-word entries).
#[derive(Debug, Clone, Default)]
pub(crate) struct Gate {
    types: HashSet<String>,
    ambiguous: HashSet<String>,
    sectors: HashSet<String>,
    conflict: Phrases,
    figurative: Phrases,
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
        for (i, fs) in forms.iter().enumerate() {
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
            }
        }
        Gate {
            types: f.types.into_iter().collect(),
            ambiguous: f.ambiguous.iter().map(|p| p.to_lowercase()).collect(),
            sectors: f.sectors.into_iter().collect(),
            conflict: Phrases::new(&f.conflict),
            figurative: Phrases::new(&f.figurative),
        }
    }

    /// None when the triggers stand; else why they are no event (a rule line).
    pub fn suppress(&self, doc: &Document, s: &Sent, kind: &str, ms: &[Match], irregular: &HashMap<String, String>) -> Option<String> {
        if !self.types.contains(kind) || ms.iter().any(|m| !self.ambiguous.contains(&m.phrase.to_lowercase())) {
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
        let trig: HashSet<usize> = ms.iter().flat_map(|m| m.toks.iter().copied()).collect();
        let forms: Vec<Vec<String>> = s.toks.iter().enumerate().map(|(i, t)| if trig.contains(&i) || !t.is_word { vec![] } else { lemmas(&t.lower, irregular) }).collect();
        if self.conflict.find(&forms).is_some() {
            return None;
        }
        let state = ments.iter().find(|m| {
            let ent = doc.entities.iter().find(|e| e.id == m.entity);
            ent.is_some_and(|e| matches!(e.kind, EntityKind::Country)) || m.sector.as_deref() == Some("GOV")
        });
        let fig = self.figurative.find(&forms).or_else(|| s.toks.iter().find(|t| is_score(&t.lower)).map(|t| format!("score {}", t.lower)));
        let trig_text = ms.iter().map(|m| m.phrase.as_str()).collect::<Vec<_>>().join("' + '");
        match (state, fig) {
            (Some(_), None) => None,
            (Some(m), Some(f)) => Some(format!("gate: ambiguous trigger '{trig_text}' with country actor '{}' but '{f}' (violence_gate.toml figurative) and no conflict evidence", m.text)),
            (None, Some(f)) => Some(format!("gate: ambiguous trigger '{trig_text}' with no conflict evidence; '{f}' (violence_gate.toml figurative)")),
            (None, None) => Some(format!("gate: ambiguous trigger '{trig_text}' with no conflict evidence (weapon, casualty, armed actor, conflict word, country actor)")),
        }
    }
}

/// A sports score ("6-4", "2-0", "17-16"): two numbers of at most three digits and a hyphen.
fn is_score(w: &str) -> bool {
    let mut parts = w.split(['-', '\u{2013}']);
    let ok = |p: Option<&str>| p.is_some_and(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()));
    ok(parts.next()) && ok(parts.next()) && parts.next().is_none()
}
