//! JSONL: one record per line, `{id, url, html | text, published, title}` (field names
//! configurable in [`IngestOptions`]). Lines are read one at a time with a length cap.

use std::io::BufRead;

use serde_json::Value;
use sitrep_model::{RawContent, RawDoc};

use crate::limits::{mib, read_line_capped, Line};
use crate::{IngestError, IngestOptions};

/// Records of a JSONL stream; blank lines are skipped, bad lines become errors at `path:LINE`.
pub(crate) struct JsonlDocs<R> {
    reader: R,
    path: String,
    line_no: usize,
    buf: Vec<u8>,
    opts: IngestOptions,
    done: bool,
}

impl<R: BufRead> JsonlDocs<R> {
    pub(crate) fn new(reader: R, path: String, opts: IngestOptions) -> Self {
        JsonlDocs { reader, path, line_no: 0, buf: Vec::new(), opts, done: false }
    }
}

impl<R: BufRead> Iterator for JsonlDocs<R> {
    type Item = Result<RawDoc, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.line_no += 1;
            let loc = format!("{}:{}", self.path, self.line_no);
            match read_line_capped(&mut self.reader, &mut self.buf, self.opts.max_record_bytes) {
                Err(e) => {
                    self.done = true;
                    return Some(Err(IngestError::new(loc, format!("read failed, rest of file skipped: {e}"))));
                }
                Ok(Line::Eof) => self.done = true,
                Ok(Line::TooLong(n)) => {
                    let msg = format!("record of {n} bytes exceeds the {} record limit", mib(self.opts.max_record_bytes));
                    return Some(Err(IngestError::new(loc, msg)));
                }
                Ok(Line::Ok) => {
                    let line = match std::str::from_utf8(&self.buf) {
                        Ok(s) => s,
                        Err(e) => return Some(Err(IngestError::new(loc, format!("invalid UTF-8: {e}")))),
                    };
                    if line.trim().is_empty() {
                        continue;
                    }
                    return Some(parse_record(line, &loc, &self.opts));
                }
            }
        }
        None
    }
}

/// One JSONL record as a RawDoc; `location` becomes its `source`.
pub(crate) fn parse_record(line: &str, location: &str, opts: &IngestOptions) -> Result<RawDoc, IngestError> {
    let line = line.strip_prefix('\u{feff}').unwrap_or(line);
    if line.len() > opts.max_record_bytes {
        let msg = format!("record of {} bytes exceeds the {} record limit", line.len(), mib(opts.max_record_bytes));
        return Err(IngestError::new(location, msg));
    }
    let v: Value = serde_json::from_str(line).map_err(|e| IngestError::new(location, format!("invalid JSON: {e}")))?;
    parse_record_value(&v, location, opts)
}

/// A parsed JSON object as a RawDoc (for callers that already hold a `serde_json::Value`).
pub fn parse_record_value(v: &Value, location: &str, opts: &IngestOptions) -> Result<RawDoc, IngestError> {
    let err = |m: &str| IngestError::new(location, m);
    if !v.is_object() {
        return Err(err("record is not a JSON object"));
    }
    let field = |names: &[String]| -> Option<String> {
        names.iter().find_map(|k| match v.get(k.as_str())? {
            Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
    };
    let mut raw = if let Some(html) = field(&opts.html_fields) {
        // The page arrives as a JSON string, so it is UTF-8 now whatever it was served as.
        let charset = Some("utf-8".to_string());
        RawDoc { source: location.to_string(), content: RawContent::Html { bytes: html.into_bytes(), charset }, ..Default::default() }
    } else if let Some(text) = field(&opts.text_fields) {
        RawDoc::text(location, text)
    } else {
        let tried: Vec<&str> = opts.html_fields.iter().chain(&opts.text_fields).map(String::as_str).collect();
        return Err(IngestError::new(location, format!("record has no text: none of the fields {tried:?} holds a string")));
    };
    raw.id = field(&opts.id_fields);
    raw.url = field(&opts.url_fields);
    raw.title = field(&opts.title_fields);
    raw.published = field(&opts.published_fields).or_else(|| opts.published.clone());
    Ok(raw)
}
