//! Skeleton: lands with issue 3.
use std::path::Path;

use sitrep_model::Document;

use crate::KnowledgeError;

pub(crate) struct PlaceKnowledge {}

impl PlaceKnowledge {
    pub(crate) fn load(_dir: Option<&Path>) -> Result<Self, KnowledgeError> {
        Ok(PlaceKnowledge {})
    }
}

pub(crate) fn annotate(_doc: &mut Document, _k: &PlaceKnowledge) {}
