//! What the extract stage adds: events typed with PLOVER and claims, each with attribution
//! and certainty, each pointing at the sentence it came from.

use serde::{Deserialize, Serialize};

use crate::Span;

/// How the event is presented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    Asserted,
    Expected,
    Planned,
    Possible,
    Negated,
    Denied,
    Historical,
}

/// One event: who did what to whom, when, where, with what, how many, who says so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Event {
    /// Document-local id, `"ev1"`...; the store prefixes the document id.
    pub id: String,
    /// PLOVER event type (`ASSAULT`, `AID`, `AGREE`...).
    #[serde(rename = "type")]
    pub kind: String,
    /// PLOVER mode (`aerial`, `drone`, `military`, `visit`...).
    pub mode: Option<String>,
    /// PLOVER contexts (`military`, `economic`, `human_rights`...).
    pub context: Vec<String>,
    /// CAMEO root code, two digits ("19").
    pub cameo: Option<String>,
    pub acled: Option<Acled>,
    pub modality: Modality,
    pub actor1: Option<ActorRef>,
    pub actor2: Option<ActorRef>,
    /// Every actor when more than one acts ("US and British forces"): `actor1` first.
    /// Empty when `actor1` is the only one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<ActorRef>,
    /// Every recipient when more than one is acted on ("struck Kharkiv and Odesa", "met X
    /// and Y"): `actor2` first. Empty when `actor2` is the only one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<ActorRef>,
    pub place: Option<PlaceRef>,
    pub date: Option<DateRef>,
    pub fatalities: Option<CountRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub injuries: Option<CountRef>,
    pub weapons: Vec<String>,
    /// The trigger word or phrase ("struck", "defense pact").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<Evidence>,
    pub evidence: Evidence,
    pub attribution: Attribution,
    /// Which rules produced which field, for `sitrep explain`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Acled {
    pub event_type: String,
    pub sub_event_type: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ActorRef {
    /// Entity id in this document, if the actor is a resolved entity.
    pub entity: Option<String>,
    pub name: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PlaceRef {
    pub name: String,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub precision: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DateRef {
    pub value: String,
    pub precision: String,
    pub span: Option<Span>,
    /// True when no time expression applied and the publication date stands in.
    #[serde(default)]
    pub unresolved: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CountRef {
    pub low: f64,
    pub high: f64,
    pub span: Option<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Evidence {
    pub span: Span,
    pub text: String,
}

/// Who says so, with which words, how directly and how sure.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Attribution {
    /// None means the outlet's own voice.
    pub source: Option<SourceRef>,
    pub cue: Option<Cue>,
    /// The attributed content.
    pub content: Option<Span>,
    /// True when the content is a direct quotation.
    pub quote: bool,
    pub certainty: Certainty,
    /// Outer source of a nested attribution ("Seoul says" around "Kim said").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<SourceRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SourceRef {
    pub entity: Option<String>,
    pub name: String,
    pub span: Option<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Cue {
    pub text: String,
    pub span: Span,
}

/// Certainty on an estimative-probability scale (ICD 203 bands), with a label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Certainty {
    /// `reported` (no hedge), `claimed` (interested party), `highly_likely`, `likely`,
    /// `possible`, `unlikely`, `unverified`, `denied`, `expected`, `scheduled`...
    pub label: String,
    pub low: f64,
    pub high: f64,
}

impl Default for Certainty {
    fn default() -> Self {
        Certainty { label: "reported".into(), low: 0.95, high: 1.0 }
    }
}

/// An attributed statement that is not an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Claim {
    pub id: String,
    pub span: Span,
    pub text: String,
    pub modality: Modality,
    pub attribution: Attribution,
    /// Which rules (or the learned cue model) produced the attribution, for `sitrep explain`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<String>,
}
