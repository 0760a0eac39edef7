//! Files, directories and stdin: picks the reader for each input by name (or by sniffing the
//! first bytes for stdin and unknown names) and attaches `NAME.meta.json` sidecars.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::read::MultiGzDecoder;
use sitrep_model::RawDoc;

use crate::jsonl::JsonlDocs;
use crate::limits::{looks_binary, mib, read_capped};
use crate::warc::WarcDocs;
use crate::{Docs, IngestError, IngestOptions};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Warc,
    Jsonl,
    Html,
    Text,
    /// Decide from the first bytes.
    Sniff,
}

/// What a file name says about its format, and whether it is gzipped. `None`: not a document
/// (a sidecar or an unknown type), skipped when met inside a directory.
fn kind_of(path: &Path) -> Option<(Kind, bool)> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    if name.ends_with(".meta.json") {
        return None;
    }
    let (stem, gz) = match name.strip_suffix(".gz") {
        Some(s) => (s.to_string(), true),
        None => (name.clone(), false),
    };
    let ext = Path::new(&stem).extension().and_then(|e| e.to_str()).unwrap_or("");
    let kind = match ext {
        "warc" | "arc" => Kind::Warc,
        "jsonl" | "ndjson" => Kind::Jsonl,
        "html" | "htm" | "xhtml" | "shtml" => Kind::Html,
        "txt" | "text" => Kind::Text,
        _ if gz => Kind::Sniff,
        _ => return None,
    };
    Some((kind, gz))
}

/// A directory's documents: files with a known extension and subdirectories, sorted by name.
/// Hidden entries and symlinked directories (possible loops) are skipped.
pub(crate) fn list_dir(dir: &Path) -> Result<Vec<PathBuf>, IngestError> {
    let err = |e: std::io::Error| IngestError::new(dir.display().to_string(), format!("cannot list directory: {e}"));
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(err)? {
        let entry = entry.map_err(err)?;
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_dir() || (ft.is_file() || ft.is_symlink()) && path.is_file() && kind_of(&path).is_some() {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

/// One file's documents (a WARC or JSONL file holds many).
pub(crate) fn open_file(path: &Path, opts: &IngestOptions) -> Docs {
    let loc = path.display().to_string();
    let (kind, gz) = kind_of(path).unwrap_or((Kind::Sniff, false));
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return one(Err(IngestError::new(loc, format!("cannot open: {e}")))),
    };
    let reader: Box<dyn BufRead + Send> = if gz {
        Box::new(BufReader::with_capacity(64 * 1024, MultiGzDecoder::new(BufReader::new(file))))
    } else {
        Box::new(BufReader::with_capacity(64 * 1024, file))
    };
    let kind = if kind == Kind::Sniff { return sniffed(reader, loc, opts, Some(path)) } else { kind };
    open_reader(reader, kind, loc, opts, Some(path))
}

/// Stdin (`-`): gzip is unwrapped, then the format is sniffed from the first bytes.
pub(crate) fn open_stdin(opts: &IngestOptions) -> Docs {
    let mut reader: Box<dyn BufRead + Send> = Box::new(BufReader::with_capacity(64 * 1024, std::io::stdin()));
    if matches!(reader.fill_buf(), Ok(b) if b.starts_with(&[0x1f, 0x8b])) {
        reader = Box::new(BufReader::with_capacity(64 * 1024, MultiGzDecoder::new(reader)));
    }
    sniffed(reader, "-".to_string(), opts, None)
}

fn sniffed(mut reader: Box<dyn BufRead + Send>, loc: String, opts: &IngestOptions, path: Option<&Path>) -> Docs {
    let head = match reader.fill_buf() {
        Ok(b) => b,
        Err(e) => return one(Err(IngestError::new(loc, format!("read failed: {e}")))),
    };
    let trimmed = head.strip_prefix(&[0xef, 0xbb, 0xbf][..]).unwrap_or(head);
    let first = trimmed.iter().copied().find(|b| !b.is_ascii_whitespace());
    let kind = if trimmed.starts_with(b"WARC/") {
        Kind::Warc
    } else if first == Some(b'{') {
        Kind::Jsonl
    } else if first == Some(b'<') {
        Kind::Html
    } else {
        Kind::Text
    };
    open_reader(reader, kind, loc, opts, path)
}

fn open_reader(reader: Box<dyn BufRead + Send>, kind: Kind, loc: String, opts: &IngestOptions, path: Option<&Path>) -> Docs {
    match kind {
        Kind::Warc => Box::new(WarcDocs::new(reader, loc, opts.clone())),
        Kind::Jsonl => Box::new(JsonlDocs::new(reader, loc, opts.clone())),
        Kind::Html | Kind::Text | Kind::Sniff => one(single(reader, kind == Kind::Html, loc, opts, path)),
    }
}

fn one(item: Result<RawDoc, IngestError>) -> Docs {
    Box::new(std::iter::once(item))
}

/// A file (or stdin) holding one page.
fn single(reader: impl Read, is_html: bool, loc: String, opts: &IngestOptions, path: Option<&Path>) -> Result<RawDoc, IngestError> {
    let bytes = match read_capped(reader, opts.max_record_bytes) {
        Err(e) => return Err(IngestError::new(loc, format!("read failed: {e}"))),
        Ok(Err(_)) => {
            let msg = format!("page exceeds the {} record limit; skipped", mib(opts.max_record_bytes));
            return Err(IngestError::new(loc, msg));
        }
        Ok(Ok(b)) => b,
    };
    if looks_binary(&bytes) {
        return Err(IngestError::new(loc, "binary content (NUL or control bytes), not a text or HTML page"));
    }
    let mut raw = if is_html { RawDoc::html(&loc, bytes) } else { RawDoc::text(&loc, decode_text(&bytes)) };
    if let Some(p) = path {
        apply_sidecar(&mut raw, p, &loc)?;
    }
    if raw.published.is_none() {
        raw.published = opts.published.clone();
    }
    Ok(raw)
}

/// Plain text is usually UTF-8; anything else is detected rather than mangled.
pub(crate) fn decode_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(&[0xef, 0xbb, 0xbf][..]).unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc.decode(bytes).0.into_owned();
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    det.guess(None, chardetng::Utf8Detection::Allow).decode(bytes).0.into_owned()
}

/// `NAME.meta.json` beside `NAME.txt`: published, title, url (and id) as a crawler supplies them.
fn apply_sidecar(raw: &mut RawDoc, path: &Path, loc: &str) -> Result<(), IngestError> {
    let meta = path.with_extension("meta.json");
    let Ok(m) = std::fs::read_to_string(&meta) else { return Ok(()) };
    let v: serde_json::Value = serde_json::from_str(&m)
        .map_err(|e| IngestError::new(loc, format!("invalid sidecar {}: {e}", meta.display())))?;
    let s = |k: &str| v.get(k).and_then(|x| x.as_str()).filter(|s| !s.trim().is_empty()).map(str::to_string);
    raw.published = s("published").or_else(|| s("date"));
    raw.title = s("title");
    raw.url = s("url");
    if let Some(id) = s("id") {
        raw.id = Some(id);
    }
    Ok(())
}
