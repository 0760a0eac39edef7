//! Clean: [`RawDoc`] → [`Document`]. Decodes bytes ([`decode`]), extracts the main content of
//! HTML pages ([`html`]: dom_smoothie plus our own precision pass) and their metadata
//! ([`meta`]: title, date with its source, authors, site), strips the furniture flattened
//! into text pages ([`text`]), and records every removed block with its reason in
//! `debug.removed`. Furniture rules live in [`rules`], date formats in [`date`].

pub mod date;
pub mod decode;
pub mod html;
pub mod meta;
pub mod rules;
pub mod text;

use sitrep_model::{content_hash, Document, RawContent, RawDoc, Removed};

#[derive(Debug, Clone, serde::Deserialize)]
#[serde(default)]
pub struct CleanConfig {
    /// Pages longer than this (decoded bytes) are cut before parsing, so one giant page costs
    /// bounded time and memory.
    pub max_html_bytes: usize,
    /// Keep `debug.removed` (on by default; off saves a little memory in bulk runs).
    pub record_removed: bool,
}

impl Default for CleanConfig {
    fn default() -> Self {
        CleanConfig { max_html_bytes: 8 * 1024 * 1024, record_removed: true }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CleanError {
    #[error("{source_name}: no text could be extracted")]
    Empty { source_name: String },
}

/// What the text and HTML paths hand back before it becomes a Document.
#[derive(Debug, Default, Clone)]
pub struct Cleaned {
    pub title: Option<String>,
    pub paragraphs: Vec<String>,
    pub removed: Vec<Removed>,
    pub contributors: Vec<String>,
    pub related: Vec<String>,
    pub authors: Vec<String>,
    pub site: Option<String>,
    /// (date `YYYY-MM-DD`, where it came from)
    pub date: Option<(String, String)>,
    pub extractor: &'static str,
}

/// Clean one raw document.
pub fn clean(raw: &RawDoc, cfg: &CleanConfig) -> Result<Document, CleanError> {
    let hash = content_hash(raw.payload());
    let mut c = match &raw.content {
        RawContent::Text { text } => text::clean_text(text, raw.title.as_deref()),
        RawContent::Html { bytes, charset } => {
            let page = decode::decode(bytes, charset.as_deref(), raw.url.as_deref(), cfg.max_html_bytes);
            html::extract(&page, raw.url.as_deref(), raw.title.as_deref())
        }
    };
    if c.paragraphs.is_empty() {
        return Err(CleanError::Empty { source_name: raw.source.clone() });
    }
    let id = raw.id.clone().unwrap_or_else(|| hash[..16].to_string());
    let mut doc = Document::new(id, raw.source.clone(), c.paragraphs.join("\n\n"));
    doc.url = raw.url.clone();
    doc.title = raw.title.as_deref().map(text::normalize_ws).filter(|t| !t.is_empty()).or(c.title.take());
    let supplied = raw.published.as_deref().and_then(|p| date::normalize(p).map(|d| (d, "input".to_string())));
    let found = supplied.or(c.date.take()).or_else(|| {
        raw.url.as_deref().and_then(date::from_url).map(|d| (d, "url".to_string()))
    });
    if let Some((d, source)) = found {
        doc.published = Some(d);
        doc.debug.date_source = Some(source);
    } else if let Some(p) = &raw.published {
        // Unparseable but supplied: keep it as given rather than lose it.
        doc.published = Some(p.clone());
        doc.debug.date_source = Some("input".into());
    }
    doc.site = c.site.take().or_else(|| raw.url.as_deref().and_then(host));
    doc.authors = c.authors;
    doc.contributors = c.contributors;
    doc.related_headlines = c.related;
    if cfg.record_removed {
        doc.debug.removed = c.removed;
    }
    doc.debug.extractor = Some(c.extractor.to_string());
    doc.debug.content_hash = Some(hash);
    Ok(doc)
}

/// `https://www.example.com/a` -> `example.com`.
pub fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host).to_ascii_lowercase();
    (host.contains('.') && !host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests;
