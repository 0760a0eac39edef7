//! Events and claims: from an annotated [`Document`] to PLOVER-typed events with actors,
//! modality, attribution and certainty, and to attributed claims. (Skeleton; issue 4.)

use std::path::Path;

use sitrep_model::Document;

#[derive(Debug, thiserror::Error)]
#[error("knowledge file {file}: {message}")]
pub struct KnowledgeError {
    pub file: String,
    pub message: String,
}

/// Trigger lexicon, reporting cues and hedges, loaded once.
pub struct ExtractKnowledge {}

impl ExtractKnowledge {
    /// Built-in knowledge, overridden or extended by files in `dir` (`--knowledge DIR`).
    pub fn load(_dir: Option<&Path>) -> Result<Self, KnowledgeError> {
        Ok(ExtractKnowledge {})
    }
}

/// Fill `events` and `claims`.
pub fn extract(_doc: &mut Document, _k: &ExtractKnowledge) {}
