//! Skeleton: lands with issue 3.
use std::path::Path;

use sitrep_model::Document;

use crate::KnowledgeError;

pub(crate) struct TemporalKnowledge {}

impl TemporalKnowledge {
    pub(crate) fn load(_dir: Option<&Path>) -> Result<Self, KnowledgeError> {
        Ok(TemporalKnowledge {})
    }
}

pub(crate) fn annotate(_doc: &mut Document, _k: &TemporalKnowledge) {}
