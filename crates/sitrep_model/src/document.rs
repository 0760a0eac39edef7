use serde::{Deserialize, Serialize};

use crate::{Claim, Entity, Event, Mention, Place, Quantity, Span, Time, Weapon};

/// Version tag written into every document (`"schema": "sitrep/v1"`).
pub const SCHEMA_VERSION: &str = "sitrep/v1";

/// One news document: clean text plus everything later stages add. Serialises to the v1 schema.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Document {
    pub schema: String,
    pub id: String,
    /// Where it came from (`path`, `path:LINE`, `path#RECORD`).
    pub source: String,
    pub url: Option<String>,
    /// Site name or host.
    pub site: Option<String>,
    /// Publication date, `YYYY-MM-DD` (or a full RFC 3339 datetime when known).
    pub published: Option<String>,
    pub title: Option<String>,
    /// Body text: paragraphs separated by a blank line. All spans index into it.
    pub text: String,
    pub authors: Vec<String>,
    pub contributors: Vec<String>,
    pub related_headlines: Vec<String>,
    pub sentences: Vec<Span>,
    pub entities: Vec<Entity>,
    /// Actor mentions with per-mention sector (an addition to v1; `entities[].mentions` holds the same spans).
    #[serde(default)]
    pub mentions: Vec<Mention>,
    pub times: Vec<Time>,
    pub quantities: Vec<Quantity>,
    pub places: Vec<Place>,
    #[serde(default)]
    pub weapons: Vec<Weapon>,
    pub events: Vec<Event>,
    pub claims: Vec<Claim>,
    /// Recoverable problems met on the way (the document was still processed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<Diagnostic>,
    /// Why text was cut, where metadata came from.
    #[serde(default)]
    pub debug: DebugInfo,
}

impl Document {
    pub fn new(id: impl Into<String>, source: impl Into<String>, text: String) -> Self {
        Document {
            schema: SCHEMA_VERSION.to_string(),
            id: id.into(),
            source: source.into(),
            url: None,
            site: None,
            published: None,
            title: None,
            text,
            authors: vec![],
            contributors: vec![],
            related_headlines: vec![],
            sentences: vec![],
            entities: vec![],
            mentions: vec![],
            times: vec![],
            quantities: vec![],
            places: vec![],
            weapons: vec![],
            events: vec![],
            claims: vec![],
            diagnostics: vec![],
            debug: DebugInfo::default(),
        }
    }

    /// The text a span covers. Panics if the span is out of bounds or splits a character,
    /// which is a bug in the stage that made it.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// The text a span covers, or None for an invalid span.
    pub fn get(&self, span: Span) -> Option<&str> {
        self.text.get(span.start..span.end)
    }

    /// Publication date as `YYYY-MM-DD` (the first ten characters of `published`).
    pub fn published_date(&self) -> Option<&str> {
        self.published.as_deref().and_then(|p| p.get(..10))
    }

    /// Every span in the document, with a label saying where it sits (for validation).
    pub fn all_spans(&self) -> Vec<(String, Span)> {
        let mut out = Vec::new();
        out.extend(self.sentences.iter().map(|s| ("sentence".to_string(), *s)));
        for e in &self.entities {
            out.extend(e.mentions.iter().map(|s| (format!("entity {}", e.id), *s)));
        }
        out.extend(self.mentions.iter().map(|m| ("mention".to_string(), m.span)));
        out.extend(self.times.iter().map(|t| ("time".to_string(), t.span)));
        out.extend(self.quantities.iter().map(|q| ("quantity".to_string(), q.span)));
        out.extend(self.places.iter().map(|p| ("place".to_string(), p.span)));
        out.extend(self.weapons.iter().map(|w| ("weapon".to_string(), w.span)));
        for ev in &self.events {
            out.push((format!("event {} evidence", ev.id), ev.evidence.span));
            if let Some(t) = &ev.trigger {
                out.push((format!("event {} trigger", ev.id), t.span));
            }
            out.extend(attribution_spans(&ev.id, &ev.attribution));
        }
        for c in &self.claims {
            out.push((format!("claim {}", c.id), c.span));
            out.extend(attribution_spans(&c.id, &c.attribution));
        }
        out
    }

    /// Spans that fall outside the text or split a UTF-8 character.
    pub fn invalid_spans(&self) -> Vec<(String, Span)> {
        self.all_spans()
            .into_iter()
            .filter(|(_, s)| s.start > s.end || self.get(*s).is_none())
            .collect()
    }

    pub fn diagnose(&mut self, level: Level, stage: &str, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic { level, stage: stage.to_string(), message: message.into() });
    }
}

fn attribution_spans(id: &str, a: &crate::Attribution) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    if let Some(s) = a.source.as_ref().and_then(|s| s.span) {
        out.push((format!("{id} source"), s));
    }
    if let Some(c) = &a.cue {
        out.push((format!("{id} cue"), c.span));
    }
    if let Some(c) = a.content {
        out.push((format!("{id} content"), c));
    }
    out
}

/// A recoverable problem: the document was processed, but something was odd.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Diagnostic {
    pub level: Level,
    pub stage: String,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Info,
    Warning,
    Error,
}

/// Explanations kept for users who want to see why text was cut and where metadata came from.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DebugInfo {
    /// Blocks removed by clean, in document order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<Removed>,
    /// Where `published` came from: `input`, `meta:article:published_time`, `json-ld`, `time-tag`, `url`, `text`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_source: Option<String>,
    /// Which extractor produced the body (`text-lines`, `dom_smoothie`, `fallback`...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extractor: Option<String>,
    /// Content hash of the raw payload (hex BLAKE3), the key for idempotent ingest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_hash: Option<String>,
}

/// One block of the page that is not in `text`, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Removed {
    /// `counter`, `promo_headline`, `credit`, `aggregator`, `comment_form`, `cookie_banner`,
    /// `privacy`, `nav`, `related`, `share`, `boilerplate`...
    pub kind: String,
    pub reason: String,
    pub text: String,
}

/// Hex BLAKE3 of bytes: the content key used for ids and idempotent ingest.
pub fn content_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}
