//! Events and claims: from an annotated [`Document`] to PLOVER-typed events with actors,
//! modality, attribution and certainty, and to attributed claims.
//!
//! The stage reads only the Document (sentences, mentions, times, quantities, places,
//! weapons the language layer added) and its own knowledge files: `triggers.toml` (event
//! triggers per PLOVER type, with mode, context, CAMEO root and ACLED type), `plover.toml`
//! (types and old names), `reporting.toml` (reporting cues), `hedges.toml` (ICD 203
//! certainty bands) and `modality.toml`. Each file can be extended or replaced from a
//! `--knowledge DIR`, and PETRARCH-style `*.verbs.txt` dictionaries there are read too
//! (as a whole coding scheme they replace the built-in triggers unless a `triggers.toml`
//! is beside them).
//!
//! ```
//! use sitrep_extract::{extract, ExtractKnowledge};
//! use sitrep_model::Document;
//! let k = ExtractKnowledge::load(None).unwrap();
//! let mut doc = Document::new("d", "t", "The rebels attacked the town, police said.".into());
//! extract(&mut doc, &k);
//! assert_eq!(doc.events[0].kind, "ASSAULT");
//! assert_eq!(doc.events[0].attribution.cue.as_ref().unwrap().text, "said");
//! ```

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use sitrep_model::Document;

mod attach;
mod attribution;
mod certainty;
mod clusters;
mod coord;
mod fold;
mod gate;
mod cue_rules;
mod cue_punct;
pub mod cue_model;
mod demand;
mod events;
mod knowledge;
mod lexicon;
mod petrarch;
mod roles;
mod sentence;
mod spans;
mod tokens;
mod victims;

pub use knowledge::TypeInfo;

#[derive(Debug, thiserror::Error)]
#[error("knowledge file {file}: {message}")]
pub struct KnowledgeError {
    pub file: String,
    pub message: String,
}

/// Trigger lexicon, reporting cues and hedges, loaded once; shared read-only by all threads.
pub struct ExtractKnowledge {
    pub(crate) triggers: lexicon::Lexicon,
    pub(crate) cues: lexicon::Lexicon,
    pub(crate) cue_model: cue_model::CueModel,
    pub(crate) irregular: HashMap<String, String>,
    pub(crate) pronouns: Vec<String>,
    pub(crate) hedges: certainty::Hedges,
    pub(crate) modality: certainty::ModalityCues,
    pub(crate) types: BTreeMap<String, knowledge::TypeInfo>,
    pub(crate) gate: gate::Gate,
    /// A PETRARCH dictionary set from `--knowledge DIR` (its verbs are in `triggers`).
    pub(crate) petrarch: Option<petrarch::Dictionaries>,
    old_names: BTreeMap<String, [String; 2]>,
}

impl ExtractKnowledge {
    /// Built-in knowledge, overridden or extended by files in `dir` (`--knowledge DIR`).
    pub fn load(dir: Option<&Path>) -> Result<Self, KnowledgeError> {
        use knowledge::*;
        let (pl, pl_user): (PloverFile, _) = load("plover.toml", PLOVER, dir)?;
        let mut types = pl.types;
        let mut old_names = pl.old_names;
        if let Some(u) = pl_user {
            types.extend(u.types);
            old_names.extend(u.old_names);
        }
        let (tr, tr_user): (TriggerFile, Option<TriggerFile>) = load("triggers.toml", TRIGGERS, dir)?;
        let mut irregular: HashMap<String, String> =
            IRREGULAR.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        irregular.extend(tr.irregular);
        let mut entries = Vec::new();
        let user_triggers = tr_user.is_some();
        if let Some(u) = tr_user {
            irregular.extend(u.irregular);
            // User entries first: on equal length they win over the built-in ones.
            entries.extend(u.trigger);
            if !u.replace {
                entries.extend(tr.trigger);
            }
        } else {
            entries.extend(tr.trigger);
        }
        let mut petrarch_dicts = None;
        if let Some(d) = dir {
            let (extra, irr, dicts) = petrarch::load_dir(d)?;
            petrarch_dicts = dicts;
            irregular.extend(irr);
            // A PETRARCH verbs dictionary is a whole coding scheme (it codes only what it
            // lists): without a triggers.toml beside it, it replaces the built-in triggers.
            if !extra.is_empty() && !user_triggers {
                entries.clear();
            }
            entries.splice(0..0, extra);
        }
        let (rp, rp_user): (ReportingFile, Option<ReportingFile>) = load("reporting.toml", REPORTING, dir)?;
        let rp = match rp_user {
            Some(u) if u.replace => u,
            Some(mut u) => {
                u.cue.extend(rp.cue);
                u.prepositional.phrases.extend(rp.prepositional.phrases);
                u.sources.pronouns.extend(rp.sources.pronouns);
                u
            }
            None => rp,
        };
        let mut cue_entries: Vec<TriggerEntry> = rp
            .cue
            .iter()
            .map(|c| TriggerEntry { kind: c.kind.clone(), mode: c.certainty.clone(), context: vec![], cameo: None, acled: None, verbs: c.verbs.clone(), nouns: vec![] })
            .collect();
        cue_entries.push(TriggerEntry { kind: "according".into(), mode: None, context: vec![], cameo: None, acled: None, verbs: rp.prepositional.phrases.clone(), nouns: vec![] });
        let (hb, hu) = load("hedges.toml", HEDGES, dir)?;
        let (mb, mu) = load("modality.toml", MODALITY, dir)?;
        let (gb, gu) = load("violence_gate.toml", VIOLENCE_GATE, dir)?;
        Ok(ExtractKnowledge {
            triggers: lexicon::Lexicon::build(entries),
            cues: lexicon::Lexicon::build(cue_entries),
            cue_model: cue_model::CueModel::load(dir)?,
            irregular,
            pronouns: rp.sources.pronouns,
            hedges: certainty::Hedges::build(hb, hu),
            modality: certainty::ModalityCues::build(mb, mu),
            types,
            gate: gate::Gate::build(gb, gu),
            petrarch: petrarch_dicts,
            old_names,
        })
    }

    /// The current PLOVER name (and implied mode) for an old one: `DEMAND` -> `REQUEST`.
    pub fn current_type<'a>(&'a self, name: &'a str) -> (&'a str, Option<&'a str>) {
        match self.old_names.get(name) {
            Some([t, m]) => (t.as_str(), (!m.is_empty()).then_some(m.as_str())),
            None => (name, None),
        }
    }

    /// PLOVER types known, with their CAMEO root and ACLED mapping.
    pub fn types(&self) -> &BTreeMap<String, TypeInfo> {
        &self.types
    }
}

/// Fill `events` and `claims`.
pub fn extract(doc: &mut Document, k: &ExtractKnowledge) {
    let sents = sentence::sentences(doc);
    let attrs = attribution::find(doc, &sents, k);
    let (events, claims) = events::build(doc, &sents, &attrs, k);
    let (events, lost) = fold::fold_same_sentence(events);
    doc.events = events;
    petrarch::recode(doc, &sents, k);
    doc.claims = claims;
    for ev in lost {
        let span = ev.attribution.content.unwrap_or(ev.evidence.span);
        doc.claims.push(sitrep_model::Claim {
            id: format!("c{}", doc.claims.len() + 1),
            span,
            text: doc.get(span).unwrap_or("").to_string(),
            modality: ev.modality,
            rules: vec![format!("claim: the attribution of a {} event folded into another", ev.kind)],
            attribution: ev.attribution,
        });
    }
    headline_source(doc);
}

/// "..., Seoul says" in the title: the outer source of every attribution whose source
/// belongs to the same country (nested attribution: Seoul says -> Kim Yong-hyun said).
fn headline_source(doc: &mut Document) {
    let Some(title) = doc.title.as_deref() else { return };
    let Some(pos) = title.rfind(", ") else { return };
    let tail = title[pos + 2..].trim_end_matches(['.', ' ']);
    let Some(name) = ["says", "said", "claims", "reports"].iter().find_map(|v| tail.strip_suffix(v)).map(str::trim) else { return };
    if name.is_empty() || name.split_whitespace().count() > 5 {
        return;
    }
    // the name as a mention, else as a place (a capital stands for its government)
    let country = doc
        .mentions
        .iter()
        .find(|m| m.text == name)
        .and_then(|m| m.country.clone())
        .or_else(|| doc.places.iter().find(|p| p.name == name).and_then(|p| p.country.clone()))
        // "Seoul’s defense minister": the name as a possessive modifier of a mention
        .or_else(|| {
            let poss = [format!("{name}’s "), format!("{name}'s ")];
            doc.mentions.iter().find(|m| poss.iter().any(|p| m.text.starts_with(p.as_str()))).and_then(|m| m.country.clone())
        });
    let Some(country) = country else { return };
    let entity = doc
        .entities
        .iter()
        .find(|e| e.kind == sitrep_model::EntityKind::Country && e.country.as_deref() == Some(country.as_str()))
        .map(|e| e.id.clone())
        .unwrap_or_default();
    let country = Some(country);
    let via = sitrep_model::SourceRef { entity: (!entity.is_empty()).then(|| entity.clone()), name: name.to_string(), span: None };
    let country_of = |e: &str| doc.mentions.iter().find(|m| m.entity == e).and_then(|m| m.country.clone());
    let same: Vec<bool> = doc
        .events
        .iter()
        .map(|e| &e.attribution)
        .chain(doc.claims.iter().map(|c| &c.attribution))
        .map(|a| {
            a.source.as_ref().and_then(|s| s.entity.as_deref()).is_some_and(|e| e != entity && country.is_some() && country_of(e) == country)
        })
        .collect();
    let attrs = doc.events.iter_mut().map(|e| &mut e.attribution).chain(doc.claims.iter_mut().map(|c| &mut c.attribution));
    for (a, s) in attrs.zip(same) {
        if s {
            a.via = Some(via.clone());
        }
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_cues;
#[cfg(test)]
mod tests_gate;
