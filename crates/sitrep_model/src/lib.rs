//! The sitrep document model: the one vocabulary every stage speaks.
//!
//! Data flows one way: [`RawDoc`] (bytes from ingest) → [`Document`] (clean) → annotated
//! (sentences, entities, times, quantities, places, weapons) → extracted (events, claims).
//! Every annotation carries a [`Span`]: byte offsets `[start, end)` into [`Document::text`],
//! serialised as a two-element JSON array. The serialised form of [`Document`] is the v1
//! output schema (`schema/sitrep-v1.schema.json`); adding fields is fine, renaming bumps
//! the version.
//!
//! ```
//! use sitrep_model::{Document, Span};
//! let mut doc = Document::new("doc-1", "example.txt", "Seoul says.".to_string());
//! doc.sentences.push(Span::new(0, 11));
//! assert_eq!(doc.slice(doc.sentences[0]), "Seoul says.");
//! ```

mod annotations;
mod document;
mod events;
mod raw;
mod span;

pub use annotations::{Converted, Entity, EntityKind, Mention, Place, Quantity, Time, Weapon};
pub use document::{content_hash, DebugInfo, Diagnostic, Document, Level, Removed, SCHEMA_VERSION};
pub use events::{
    Acled, ActorRef, Attribution, Certainty, Claim, CountRef, Cue, DateRef, Event, Evidence,
    Modality, PlaceRef, SourceRef,
};
pub use raw::{RawContent, RawDoc};
pub use span::Span;

/// The JSON Schema of one output document (v1), generated from the types above; the
/// committed `schema/sitrep-v1.schema.json` must equal it (a test checks).
pub fn json_schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Document)).unwrap_or_default();
    if let Some(obj) = schema.as_object_mut() {
        obj.insert("$id".into(), "https://sitrep.dev/schema/sitrep-v1.schema.json".into());
        obj.insert("title".into(), "sitrep document (v1)".into());
    }
    schema
}
