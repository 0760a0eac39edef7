//! Annotations the language layer adds: entities and their mentions, times, quantities,
//! places and weapons. Every one carries a [`Span`] into the document text and, in `rule`,
//! the rule or dictionary entry that produced it (for `--explain`).

use serde::{Deserialize, Serialize};

use crate::Span;

/// What sort of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Country,
    Organisation,
    Person,
    /// An armed force, group or unnamed collective ("North Korean troops", "U.S. defense officials").
    Group,
    Other,
}

/// A real-world actor, resolved across the whole document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Entity {
    /// Document-local id, `"ent1"`, `"ent2"`...
    pub id: String,
    /// Canonical name ("South Korea", "Kim Yong-hyun").
    pub name: String,
    pub kind: EntityKind,
    /// ISO 3166-1 alpha-3 code, or an IGO code (`UN`, `NATO`...), of the entity or its affiliation.
    pub country: Option<String>,
    /// Sector code: GOV, MIL, REB, OPP, BUS, MED, CVL, IGO, NGO, LEG, JUD, POL...
    pub sector: Option<String>,
    /// Role or title learned from the text ("defense minister", "president").
    pub role: Option<String>,
    /// Every span that refers to this entity (names, metonyms, demonyms, surnames, role nouns).
    pub mentions: Vec<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// One actor mention, with what is known at that point: which entity, and the sector of
/// this particular mention ("North Korean troops" is PRK MIL even if the entity is PRK).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Mention {
    pub span: Span,
    pub text: String,
    /// Id of the [`Entity`] it resolves to.
    pub entity: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    /// How it was found: `dict:country-name`, `metonym:capital`, `demonym+agent`, `coref:surname`...
    pub rule: String,
}

/// A time expression normalised against the publication date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Time {
    pub span: Span,
    pub text: String,
    /// TIMEX3-style value: `2024-10-08`, `2024-W40`, `2024-06`, `2024`, `PRESENT_REF`,
    /// `PAST_REF`, `FUTURE_REF`, `P3D`, `2024-10-08T14:00`...
    pub value: String,
    /// `time`, `day`, `week`, `month`, `quarter`, `year`, `decade`, `century`, `duration`, `fuzzy`.
    pub precision: String,
    /// TIMEX3 type: DATE, TIME, DURATION or SET.
    #[serde(default = "default_timex_type")]
    pub timex_type: String,
    /// For fuzzy expressions ("in recent months"): the range it covers, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<[String; 2]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

fn default_timex_type() -> String {
    "DATE".to_string()
}

/// A number in the text, with its unit and how exact it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Quantity {
    pub span: Span,
    pub text: String,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// Canonical unit (`km`, `mi`, `USD`, `percent`, `person`...), or none for a bare count.
    pub unit: Option<String>,
    pub approx: bool,
    /// The same quantity in a canonical unit (`{"value": 112.7, "unit": "km"}` for 70 miles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub converted: Option<Converted>,
    /// What is counted when the text says so: `killed`, `wounded`, `captured`, `missing`,
    /// `displaced`, `arrested`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub casualty: Option<String>,
    /// The counted noun, if any ("officers", "soldiers").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counted: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Converted {
    pub value: f64,
    pub unit: String,
}

/// A toponym resolved to coordinates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Place {
    pub span: Span,
    pub name: String,
    /// ISO 3166-1 alpha-3.
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// `country`, `admin1`, `city`, `capital`, `feature`, `region`.
    pub precision: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonames_id: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// A weapon or weapon class named in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Weapon {
    pub span: Span,
    pub text: String,
    /// Canonical name ("Fath-360", "glide bomb", "drone").
    pub name: String,
    /// Class: `ballistic_missile`, `cruise_missile`, `missile`, `drone`, `artillery`, `bomb`,
    /// `small_arms`, `ammunition`, `armour`, `aircraft`, `explosive`, `weapons` (generic)...
    pub class: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}
