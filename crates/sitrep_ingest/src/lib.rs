//! Ingest: every input format sitrep reads, turned into a stream of [`RawDoc`]s.
//!
//! Plain text, HTML, JSONL records, WARC and WARC.gz, directories (recursive, sorted) and stdin
//! (`-`). A `NAME.meta.json` sidecar next to `NAME.txt` / `NAME.html` supplies `published`,
//! `title`, `url`. Everything streams: a WARC or JSONL file is read record by record, so memory
//! stays flat in corpus size, and every record is capped at [`IngestOptions::max_record_bytes`].
//! A bad record becomes an [`IngestError`] naming `path:LINE` or `path#RECORD`, and the stream
//! goes on with the next one.

mod files;
mod jsonl;
mod limits;
mod warc;

use std::collections::VecDeque;
use std::path::PathBuf;

use sitrep_model::RawDoc;

pub use jsonl::parse_record_value;

/// Default cap on one record (page, JSONL line, WARC payload): 20 MiB.
pub const DEFAULT_MAX_RECORD_BYTES: usize = 20 * 1024 * 1024;

/// How to read inputs: field names for JSONL and defaults applied to every document.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Publication date applied when the input supplies none (`--published`).
    pub published: Option<String>,
    /// JSONL field names tried, in order, for each RawDoc field.
    pub id_fields: Vec<String>,
    pub url_fields: Vec<String>,
    pub html_fields: Vec<String>,
    pub text_fields: Vec<String>,
    pub title_fields: Vec<String>,
    pub published_fields: Vec<String>,
    /// Largest record accepted; bigger ones become an error naming the limit.
    pub max_record_bytes: usize,
}

fn names(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            published: None,
            id_fields: names(&["id", "docid", "doc_id", "uuid"]),
            url_fields: names(&["url", "link", "uri"]),
            html_fields: names(&["html", "raw_html"]),
            text_fields: names(&["text", "body", "content", "maintext", "article"]),
            title_fields: names(&["title", "headline"]),
            published_fields: names(&["published", "date", "date_publish", "publish_date", "pubdate"]),
            max_record_bytes: DEFAULT_MAX_RECORD_BYTES,
        }
    }
}

/// One input that could not be read; the batch goes on without it.
#[derive(Debug, thiserror::Error)]
#[error("{location}: {message}")]
pub struct IngestError {
    /// `path`, `path:LINE` or `path#RECORD`.
    pub location: String,
    pub message: String,
}

impl IngestError {
    pub(crate) fn new(location: impl Into<String>, message: impl Into<String>) -> Self {
        IngestError { location: location.into(), message: message.into() }
    }
}

pub type Docs = Box<dyn Iterator<Item = Result<RawDoc, IngestError>> + Send>;

/// Every document under `paths` (files or directories), in a deterministic order.
/// `-` reads stdin (format sniffed: JSONL, WARC, gzip, HTML or text).
pub fn open(paths: &[PathBuf], opts: &IngestOptions) -> Docs {
    Box::new(Walker { pending: paths.iter().cloned().collect(), current: None, opts: opts.clone() })
}

/// One JSONL record (a line of `--stream` input) as a RawDoc.
pub fn parse_record(line: &str, location: &str, opts: &IngestOptions) -> Result<RawDoc, IngestError> {
    jsonl::parse_record(line, location, opts)
}

/// Walks paths lazily: a directory is listed (sorted) only when reached, and a file's records
/// are pulled one at a time from `current`.
struct Walker {
    pending: VecDeque<PathBuf>,
    current: Option<Docs>,
    opts: IngestOptions,
}

impl Iterator for Walker {
    type Item = Result<RawDoc, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(cur) = self.current.as_mut() {
                if let Some(item) = cur.next() {
                    return Some(item);
                }
                self.current = None;
            }
            let path = self.pending.pop_front()?;
            if path.as_os_str() == "-" {
                self.current = Some(files::open_stdin(&self.opts));
                continue;
            }
            if path.is_dir() {
                match files::list_dir(&path) {
                    Ok(children) => {
                        for c in children.into_iter().rev() {
                            self.pending.push_front(c);
                        }
                    }
                    Err(e) => return Some(Err(e)),
                }
                continue;
            }
            self.current = Some(files::open_file(&path, &self.opts));
        }
    }
}

#[cfg(test)]
mod tests;
