//! Ingest: every input format sitrep reads, turned into a stream of [`RawDoc`]s.
//!
//! Plain text, HTML, JSONL records, WARC and WARC.gz, directories (recursive, sorted) and stdin.
//! A bad record becomes an [`IngestError`] naming its file and record, and the stream goes on.
//! (Skeleton: text and HTML files with `NAME.meta.json` sidecars; the rest lands with issue 2.)

use std::path::{Path, PathBuf};

use sitrep_model::RawDoc;

/// How to read inputs: field names for JSONL and defaults applied to every document.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// Publication date applied when the input supplies none (`--published`).
    pub published: Option<String>,
}

/// One input that could not be read; the batch goes on without it.
#[derive(Debug, thiserror::Error)]
#[error("{location}: {message}")]
pub struct IngestError {
    /// `path`, `path:LINE` or `path#RECORD`.
    pub location: String,
    pub message: String,
}

pub type Docs = Box<dyn Iterator<Item = Result<RawDoc, IngestError>> + Send>;

/// Every document under `paths` (files or directories), in a deterministic order.
pub fn open(paths: &[PathBuf], opts: &IngestOptions) -> Docs {
    let opts = opts.clone();
    let files: Vec<PathBuf> = paths.to_vec();
    Box::new(files.into_iter().map(move |p| read_file(&p, &opts)))
}

/// One JSONL record (a line of `--stream` input) as a RawDoc.
pub fn parse_record(line: &str, location: &str, opts: &IngestOptions) -> Result<RawDoc, IngestError> {
    let err = |m: String| IngestError { location: location.to_string(), message: m };
    let v: serde_json::Value = serde_json::from_str(line).map_err(|e| err(format!("invalid JSON: {e}")))?;
    let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
    let mut raw = if let Some(html) = s("html") {
        RawDoc::html(location, html.into_bytes())
    } else if let Some(text) = s("text") {
        RawDoc::text(location, text)
    } else {
        return Err(err("record has neither \"html\" nor \"text\"".into()));
    };
    raw.id = s("id");
    raw.url = s("url");
    raw.title = s("title");
    raw.published = s("published").or_else(|| opts.published.clone());
    Ok(raw)
}

fn read_file(path: &Path, opts: &IngestOptions) -> Result<RawDoc, IngestError> {
    let location = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| IngestError { location: location.clone(), message: e.to_string() })?;
    let is_html = matches!(path.extension().and_then(|e| e.to_str()), Some("html" | "htm"));
    let mut raw = if is_html {
        RawDoc::html(&location, bytes)
    } else {
        RawDoc::text(&location, String::from_utf8_lossy(&bytes).into_owned())
    };
    let meta = path.with_extension("meta.json");
    if let Ok(m) = std::fs::read_to_string(&meta) {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&m) {
            let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
            raw.published = s("published");
            raw.title = s("title");
            raw.url = s("url");
        }
    }
    if raw.published.is_none() {
        raw.published = opts.published.clone();
    }
    Ok(raw)
}
