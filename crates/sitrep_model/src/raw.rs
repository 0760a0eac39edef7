use serde::{Deserialize, Serialize};

/// What ingest hands to clean: one page's bytes or text plus whatever metadata came with it
/// (JSONL fields, a `NAME.meta.json` sidecar, WARC and HTTP headers).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RawDoc {
    /// Caller-supplied id (a JSONL record's `id`); when absent, clean derives one from the content hash.
    pub id: Option<String>,
    /// Where it came from: `path`, `path:LINE` for a JSONL record, `path#N` for a WARC record.
    pub source: String,
    pub url: Option<String>,
    /// Publication date or datetime as supplied (ISO 8601 preferred).
    pub published: Option<String>,
    pub title: Option<String>,
    /// When the crawler fetched it (WARC-Date), if known.
    pub fetched: Option<String>,
    pub content: RawContent,
}

/// The payload: HTML bytes still to be decoded, or text already decoded.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum RawContent {
    /// HTML as served. `charset` is a hint from HTTP headers or the JSONL record; clean sniffs
    /// `<meta charset>` and detects the encoding when it is absent.
    Html { bytes: Vec<u8>, charset: Option<String> },
    /// Plain or flattened text (already valid UTF-8).
    Text { text: String },
}

impl Default for RawContent {
    fn default() -> Self {
        RawContent::Text { text: String::new() }
    }
}

impl RawDoc {
    pub fn text(source: impl Into<String>, text: impl Into<String>) -> Self {
        RawDoc { source: source.into(), content: RawContent::Text { text: text.into() }, ..Default::default() }
    }
    pub fn html(source: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        RawDoc {
            source: source.into(),
            content: RawContent::Html { bytes: bytes.into(), charset: None },
            ..Default::default()
        }
    }
    /// Bytes of the payload, for hashing.
    pub fn payload(&self) -> &[u8] {
        match &self.content {
            RawContent::Html { bytes, .. } => bytes,
            RawContent::Text { text } => text.as_bytes(),
        }
    }
}
