//! The language layer: from a clean [`Document`] to everything an analyst underlines in it.
//!
//! Each module owns one kind of annotation and its knowledge: `sentences`, `actors` (with
//! `coref`), `places`, `temporal`, `quantities`, `weapons`. [`Knowledge::load`] reads the
//! embedded defaults from `knowledge/` and lets a user directory override or extend them;
//! [`annotate`] runs the modules in order. Deterministic: no clock, no network.

use std::path::Path;

use sitrep_model::Document;

mod actors;
mod coref;
mod countries;
mod kfile;
mod places;
pub use places::toponyms;
mod quantities;
mod sentences;
mod temporal;
mod text;
mod weapons;

/// A knowledge file that could not be read or parsed.
#[derive(Debug, thiserror::Error)]
#[error("knowledge file {file}: {message}")]
pub struct KnowledgeError {
    pub file: String,
    pub message: String,
}

/// Everything the language layer knows, loaded once and shared by all threads.
pub struct Knowledge {
    actors: actors::ActorKnowledge,
    places: places::PlaceKnowledge,
    temporal: temporal::TemporalKnowledge,
    quantities: quantities::QuantityKnowledge,
    weapons: weapons::WeaponKnowledge,
}

impl Knowledge {
    /// Built-in knowledge, overridden or extended by files in `dir` (`--knowledge DIR`).
    pub fn load(dir: Option<&Path>) -> Result<Self, KnowledgeError> {
        Ok(Knowledge {
            actors: actors::ActorKnowledge::load(dir)?,
            places: places::PlaceKnowledge::load(dir)?,
            temporal: temporal::TemporalKnowledge::load(dir)?,
            quantities: quantities::QuantityKnowledge::load(dir)?,
            weapons: weapons::WeaponKnowledge::load(dir)?,
        })
    }
}

/// Fill `sentences`, `entities`, `mentions`, `places`, `times`, `quantities` and `weapons`.
pub fn annotate(doc: &mut Document, k: &Knowledge) {
    sentences::annotate(doc);
    let actors = actors::annotate(doc, &k.actors);
    coref::annotate(doc, actors, &k.actors);
    places::annotate(doc, &k.places);
    temporal::annotate(doc, &k.temporal);
    quantities::annotate(doc, &k.quantities);
    weapons::annotate(doc, &k.weapons);
}
