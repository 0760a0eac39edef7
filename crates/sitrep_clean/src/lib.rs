//! Clean: [`RawDoc`] → [`Document`]. Decodes bytes, extracts the main content of HTML pages,
//! strips the furniture flattened into text pages, and records every removed block with its
//! reason in `debug.removed`. (Skeleton; the real extractor lands with issue 2.)

use sitrep_model::{content_hash, Document, RawContent, RawDoc};

#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct CleanConfig {}

#[derive(Debug, thiserror::Error)]
pub enum CleanError {
    #[error("{source_name}: no text could be extracted")]
    Empty { source_name: String },
}

/// Clean one raw document.
pub fn clean(raw: &RawDoc, _cfg: &CleanConfig) -> Result<Document, CleanError> {
    let hash = content_hash(raw.payload());
    let text = match &raw.content {
        RawContent::Text { text } => text.trim().to_string(),
        RawContent::Html { bytes, .. } => String::from_utf8_lossy(bytes).into_owned(),
    };
    if text.is_empty() {
        return Err(CleanError::Empty { source_name: raw.source.clone() });
    }
    let id = raw.id.clone().unwrap_or_else(|| hash[..16].to_string());
    let mut doc = Document::new(id, raw.source.clone(), text);
    doc.url = raw.url.clone();
    doc.title = raw.title.clone();
    doc.published = raw.published.clone();
    doc.debug.content_hash = Some(hash);
    Ok(doc)
}
