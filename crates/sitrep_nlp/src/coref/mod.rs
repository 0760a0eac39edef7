//! Skeleton: lands with issue 3.
use sitrep_model::Document;

pub(crate) fn annotate(_doc: &mut Document) {}
