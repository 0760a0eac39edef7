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
    conflict: Vec<Vec<String>>,
    figurative: Vec<Vec<String>>,
}

fn phrases(v: &[String]) -> Vec<Vec<String>> {
    v.iter().map(|p| p.to_lowercase().split_whitespace().map(str::to_string).collect::<Vec<_>>()).filter(|w| !w.is_empty()).collect()
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
            conflict: phrases(&f.conflict),
            figurative: phrases(&f.figurative),
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
        if find(&forms, &self.conflict).is_some() {
            return None;
        }
        let state = ments.iter().find(|m| {
            let ent = doc.entities.iter().find(|e| e.id == m.entity);
            ent.is_some_and(|e| matches!(e.kind, EntityKind::Country)) || m.sector.as_deref() == Some("GOV")
        });
        let fig = find(&forms, &self.figurative).or_else(|| s.toks.iter().find(|t| is_score(&t.lower)).map(|t| format!("score {}", t.lower)));
        let trig_text = ms.iter().map(|m| m.phrase.as_str()).collect::<Vec<_>>().join("' + '");
        match (state, fig) {
            (Some(_), None) => None,
            (Some(m), Some(f)) => Some(format!("gate: ambiguous trigger '{trig_text}' with country actor '{}' but '{f}' (violence_gate.toml figurative) and no conflict evidence", m.text)),
            (None, Some(f)) => Some(format!("gate: ambiguous trigger '{trig_text}' with no conflict evidence; '{f}' (violence_gate.toml figurative)")),
            (None, None) => Some(format!("gate: ambiguous trigger '{trig_text}' with no conflict evidence (weapon, casualty, armed actor, conflict word, country actor)")),
        }
    }
}

/// The first phrase of `list` found in the sentence (each word matching a token's form or lemma).
fn find(forms: &[Vec<String>], list: &[Vec<String>]) -> Option<String> {
    for p in list {
        for i in 0..forms.len() {
            if i + p.len() > forms.len() {
                break;
            }
            if p.iter().enumerate().all(|(j, w)| forms[i + j].iter().any(|f| f == w)) {
                return Some(p.join(" "));
            }
        }
    }
    None
}

/// A sports score ("6-4", "2-0", "17-16"): two numbers of at most three digits and a hyphen.
fn is_score(w: &str) -> bool {
    let mut parts = w.split(['-', '\u{2013}']);
    let ok = |p: Option<&str>| p.is_some_and(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()));
    ok(parts.next()) && ok(parts.next()) && parts.next().is_none()
}
