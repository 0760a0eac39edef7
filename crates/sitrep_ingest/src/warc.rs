//! WARC and WARC.gz (Common Crawl news crawl): `response` records become pages, HTTP headers
//! are stripped (charset taken from `Content-Type`), everything else is skipped. Records are
//! read one at a time through a capped reader: a record bigger than the cap is skipped with an
//! error (a gzip bomb inflates only as far as the skip), a truncated file ends with an error
//! at the record where it broke.

use std::io::{BufRead, Read};

use flate2::read::{GzDecoder, ZlibDecoder};
use sitrep_model::{RawContent, RawDoc};

use crate::limits::{mib, read_capped, read_line_capped, skip, Line};
use crate::{IngestError, IngestOptions};

/// Longest header line accepted.
const MAX_HEADER_LINE: usize = 64 * 1024;
/// Beyond this declared length a record is not skipped through; the rest of the file is dropped.
const MAX_SKIP: u64 = 1 << 30;

pub(crate) struct WarcDocs<R> {
    reader: R,
    path: String,
    record: usize,
    line: Vec<u8>,
    opts: IngestOptions,
    done: bool,
}

impl<R: BufRead> WarcDocs<R> {
    pub(crate) fn new(reader: R, path: String, opts: IngestOptions) -> Self {
        WarcDocs { reader, path, record: 0, line: Vec::new(), opts, done: false }
    }

    fn fail(&mut self, message: String) -> Option<Result<RawDoc, IngestError>> {
        self.done = true;
        Some(Err(IngestError::new(format!("{}#{}", self.path, self.record.max(1)), message)))
    }
}

#[derive(Default)]
struct Header {
    kind: String,
    uri: Option<String>,
    date: Option<String>,
    content_type: Option<String>,
    length: Option<u64>,
}

impl<R: BufRead> Iterator for WarcDocs<R> {
    type Item = Result<RawDoc, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            // Find the next version line; blank lines separate records, anything else is junk
            // left by a lying Content-Length and is skipped until the stream resynchronises.
            match read_line_capped(&mut self.reader, &mut self.line, MAX_HEADER_LINE) {
                Err(e) => return self.fail(format!("read failed, rest of file skipped: {e}")),
                Ok(Line::Eof) => return None,
                Ok(Line::TooLong(_)) => continue,
                Ok(Line::Ok) => {
                    if !self.line.starts_with(b"WARC/") {
                        continue;
                    }
                }
            }
            self.record += 1;
            let loc = format!("{}#{}", self.path, self.record);
            let h = match self.header() {
                Ok(h) => h,
                Err(m) => return self.fail(m),
            };
            let Some(len) = h.length else {
                return Some(Err(IngestError::new(loc, "WARC record without Content-Length; skipped")));
            };
            let wanted = matches!(h.kind.as_str(), "response" | "resource");
            if !wanted || len > self.opts.max_record_bytes as u64 {
                if len > MAX_SKIP {
                    return self.fail(format!("record declares {len} bytes; rest of file skipped"));
                }
                match skip(&mut self.reader, len) {
                    Ok(n) if n == len => {}
                    Ok(_) => return self.fail("truncated record (file ends early)".into()),
                    Err(e) => return self.fail(format!("truncated or corrupt record: {e}")),
                }
                if wanted {
                    let msg = format!("record of {len} bytes exceeds the {} record limit; skipped", mib(self.opts.max_record_bytes));
                    return Some(Err(IngestError::new(loc, msg)));
                }
                continue;
            }
            let mut body = Vec::with_capacity(len as usize);
            match (&mut self.reader).take(len).read_to_end(&mut body) {
                Ok(n) if n as u64 == len => {}
                Ok(_) => return self.fail("truncated record (file ends early)".into()),
                Err(e) => return self.fail(format!("truncated or corrupt record: {e}")),
            }
            match page(&h, body, &loc, &self.opts) {
                Ok(Some(doc)) => return Some(Ok(doc)),
                Ok(None) => continue,
                Err(e) => return Some(Err(e)),
            }
        }
        None
    }
}

impl<R: BufRead> WarcDocs<R> {
    fn header(&mut self) -> Result<Header, String> {
        let mut h = Header::default();
        for _ in 0..1024 {
            match read_line_capped(&mut self.reader, &mut self.line, MAX_HEADER_LINE) {
                Err(e) => return Err(format!("truncated or corrupt WARC header: {e}")),
                Ok(Line::Eof) => return Err("truncated WARC header (file ends early)".into()),
                Ok(Line::TooLong(n)) => return Err(format!("WARC header line of {n} bytes; rest of file skipped")),
                Ok(Line::Ok) if self.line.is_empty() => return Ok(h),
                Ok(Line::Ok) => {}
            }
            let line = String::from_utf8_lossy(&self.line);
            let Some((k, v)) = line.split_once(':') else { continue };
            let v = v.trim().to_string();
            match k.trim().to_ascii_lowercase().as_str() {
                "warc-type" => h.kind = v.to_ascii_lowercase(),
                "warc-target-uri" => h.uri = Some(v.trim_matches(['<', '>']).to_string()),
                "warc-date" => h.date = Some(v),
                "content-type" => h.content_type = Some(v),
                "content-length" => h.length = v.parse().ok(),
                _ => {}
            }
        }
        Err("WARC header with more than 1024 lines; rest of file skipped".into())
    }
}

/// The page inside a record, or None for records that are not pages (images, redirects...).
fn page(h: &Header, body: Vec<u8>, loc: &str, opts: &IngestOptions) -> Result<Option<RawDoc>, IngestError> {
    let (content_type, encoding, payload) = if h.kind == "response" {
        match split_http(&body) {
            Some(http) if !(200..300).contains(&http.status) => return Ok(None),
            Some(http) => (http.content_type, http.encoding, body[http.body_start..].to_vec()),
            None => (None, None, body),
        }
    } else {
        (h.content_type.clone(), None, body)
    };
    let mime = content_type.as_deref().map(|c| c.split(';').next().unwrap_or("").trim().to_ascii_lowercase());
    let is_text = match mime.as_deref() {
        None | Some("") => false,
        Some(m) if m.contains("html") || m.contains("xml") => false,
        Some("text/plain") => true,
        Some(_) => return Ok(None),
    };
    let payload = match encoding.as_deref() {
        Some("gzip") | Some("x-gzip") => inflate(GzDecoder::new(&payload[..]), loc, opts)?,
        Some("deflate") => inflate(ZlibDecoder::new(&payload[..]), loc, opts)?,
        _ => payload,
    };
    let charset = content_type.as_deref().and_then(charset_param);
    let mut raw = if is_text {
        RawDoc::text(loc, crate::files::decode_text(&payload))
    } else {
        RawDoc { source: loc.to_string(), content: RawContent::Html { bytes: payload, charset }, ..Default::default() }
    };
    raw.url = h.uri.clone();
    raw.fetched = h.date.clone();
    raw.published = opts.published.clone();
    Ok(Some(raw))
}

fn inflate(r: impl Read, loc: &str, opts: &IngestOptions) -> Result<Vec<u8>, IngestError> {
    match read_capped(r, opts.max_record_bytes) {
        Ok(Ok(b)) => Ok(b),
        Ok(Err(_)) => Err(IngestError::new(loc, format!("compressed page inflates beyond the {} record limit; skipped", mib(opts.max_record_bytes)))),
        Err(e) => Err(IngestError::new(loc, format!("corrupt compressed page: {e}"))),
    }
}

struct Http {
    status: u16,
    content_type: Option<String>,
    encoding: Option<String>,
    body_start: usize,
}

fn split_http(body: &[u8]) -> Option<Http> {
    if !body.starts_with(b"HTTP/") {
        return None;
    }
    let end = find(body, b"\r\n\r\n").map(|i| i + 4).or_else(|| find(body, b"\n\n").map(|i| i + 2))?;
    let head = String::from_utf8_lossy(&body[..end]);
    let mut lines = head.lines();
    let status = lines.next()?.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(200);
    let mut http = Http { status, content_type: None, encoding: None, body_start: end };
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            match k.trim().to_ascii_lowercase().as_str() {
                "content-type" => http.content_type = Some(v.trim().to_string()),
                "content-encoding" => http.encoding = Some(v.trim().to_ascii_lowercase()),
                _ => {}
            }
        }
    }
    Some(http)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// `text/html; charset="ISO-8859-1"` -> `ISO-8859-1`.
fn charset_param(ct: &str) -> Option<String> {
    ct.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim().eq_ignore_ascii_case("charset")).then(|| v.trim().trim_matches(['"', '\'']).to_string())
    }).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    #[test]
    fn charset_from_content_type() {
        assert_eq!(super::charset_param("text/html; charset=\"ISO-8859-1\"").as_deref(), Some("ISO-8859-1"));
        assert_eq!(super::charset_param("text/html"), None);
    }
}
