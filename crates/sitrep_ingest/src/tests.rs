//! Ingest tests: every format, sidecars, deterministic directory order, and bad input that
//! must give an error at the right location while the rest of the batch comes through.

use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::Compression;
use sitrep_model::{RawContent, RawDoc};

use super::*;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, bytes).unwrap();
    p
}

fn run(paths: &[PathBuf], opts: &IngestOptions) -> (Vec<RawDoc>, Vec<IngestError>) {
    let mut ok = vec![];
    let mut err = vec![];
    for r in open(paths, opts) {
        match r {
            Ok(d) => ok.push(d),
            Err(e) => err.push(e),
        }
    }
    (ok, err)
}

fn body(d: &RawDoc) -> String {
    match &d.content {
        RawContent::Text { text } => text.clone(),
        RawContent::Html { bytes, .. } => String::from_utf8_lossy(bytes).into_owned(),
    }
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn warc_record(kind: &str, uri: &str, payload: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-10-09T12:00:00Z\r\nContent-Length: {}\r\n\r\n",
        payload.len()
    )
    .into_bytes();
    r.extend_from_slice(payload);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(ct: &str, html: &[u8]) -> Vec<u8> {
    let mut v = format!("HTTP/1.1 200 OK\r\nContent-Type: {ct}\r\nServer: test\r\n\r\n").into_bytes();
    v.extend_from_slice(html);
    v
}

#[test]
fn jsonl_records_with_aliases_and_a_bad_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "a.jsonl",
        b"{\"id\":\"r1\",\"url\":\"https://x.org/a\",\"html\":\"<p>hi</p>\",\"published\":\"2024-10-09\"}\n\
          not json\n\
          \n\
          {\"docid\":7,\"body\":\"Plain body\",\"headline\":\"H\"}\n\
          {\"id\":\"r3\",\"nothing\":1}\n",
    );
    let (ok, err) = run(std::slice::from_ref(&p), &IngestOptions::default());
    assert_eq!(ok.len(), 2);
    assert_eq!(ok[0].id.as_deref(), Some("r1"));
    assert_eq!(ok[0].published.as_deref(), Some("2024-10-09"));
    assert!(matches!(ok[0].content, RawContent::Html { .. }));
    assert_eq!(ok[1].id.as_deref(), Some("7"));
    assert_eq!(ok[1].title.as_deref(), Some("H"));
    assert_eq!(body(&ok[1]), "Plain body");
    assert_eq!(ok[1].source, format!("{}:4", p.display()));
    let locs: Vec<&str> = err.iter().map(|e| e.location.as_str()).collect();
    assert_eq!(locs, vec![format!("{}:2", p.display()), format!("{}:5", p.display())]);
}

#[test]
fn jsonl_field_names_are_configurable() {
    let opts = IngestOptions { text_fields: vec!["story".into()], id_fields: vec!["key".into()], ..Default::default() };
    let d = parse_record(r#"{"key":"k9","story":"Once."}"#, "stdin:1", &opts).unwrap();
    assert_eq!(d.id.as_deref(), Some("k9"));
    assert!(parse_record(r#"{"text":"x"}"#, "stdin:2", &opts).is_err());
}

#[test]
fn warc_gz_responses_with_headers_stripped_and_charset() {
    let dir = tempfile::tempdir().unwrap();
    let mut data = Vec::new();
    data.extend(gz(&warc_record("warcinfo", "", b"software: test\r\n")));
    data.extend(gz(&warc_record("request", "https://a.org/1", b"GET / HTTP/1.1\r\n\r\n")));
    data.extend(gz(&warc_record("response", "https://a.org/1", &http("text/html; charset=ISO-8859-1", b"<p>Gr\xfc\xdfe</p>"))));
    data.extend(gz(&warc_record("response", "https://a.org/img", &http("image/png", b"\x89PNG"))));
    data.extend(gz(&warc_record("response", "https://a.org/2", &http("text/html", b"<p>second</p>"))));
    let p = write(dir.path(), "crawl.warc.gz", &data);
    let (ok, err) = run(std::slice::from_ref(&p), &IngestOptions::default());
    assert!(err.is_empty(), "{err:?}");
    assert_eq!(ok.len(), 2);
    assert_eq!(ok[0].url.as_deref(), Some("https://a.org/1"));
    assert_eq!(ok[0].fetched.as_deref(), Some("2024-10-09T12:00:00Z"));
    match &ok[0].content {
        RawContent::Html { bytes, charset } => {
            assert_eq!(bytes.as_slice(), b"<p>Gr\xfc\xdfe</p>");
            assert_eq!(charset.as_deref(), Some("ISO-8859-1"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(ok[0].source, format!("{}#3", p.display()));
    assert_eq!(body(&ok[1]), "<p>second</p>");
}

#[test]
fn truncated_gzip_gives_an_error_and_keeps_earlier_records() {
    let dir = tempfile::tempdir().unwrap();
    let mut data = gz(&warc_record("response", "https://a.org/1", &http("text/html", b"<p>first</p>")));
    let second = gz(&warc_record("response", "https://a.org/2", &http("text/html", &b"<p>second page</p>".repeat(200))));
    data.extend_from_slice(&second[..second.len() / 2]);
    let p = write(dir.path(), "cut.warc.gz", &data);
    let other = write(dir.path(), "z.txt", b"Another document.");
    let (ok, err) = run(&[p, other], &IngestOptions::default());
    assert_eq!(ok.len(), 2, "{err:?}");
    assert_eq!(body(&ok[1]), "Another document.");
    assert_eq!(err.len(), 1);
    assert!(err[0].location.ends_with("#2"), "{}", err[0]);
}

#[test]
fn gzip_bomb_in_a_warc_is_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let opts = IngestOptions { max_record_bytes: 1 << 20, ..Default::default() };
    // 64 MiB of zeros inside one response record compresses to ~64 KiB.
    let zeros = vec![b'a'; 64 << 20];
    let mut data = gz(&warc_record("response", "https://bomb.org/", &http("text/html", &zeros)));
    drop(zeros);
    data.extend(gz(&warc_record("response", "https://ok.org/", &http("text/html", b"<p>fine</p>"))));
    // And a page served gzip-encoded that inflates past the cap.
    let mut enc = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    enc.extend(gz(&vec![b'b'; 4 << 20]));
    data.extend(gz(&warc_record("response", "https://bomb2.org/", &enc)));
    let p = write(dir.path(), "bomb.warc.gz", &data);
    let (ok, err) = run(&[p], &opts);
    assert_eq!(ok.len(), 1, "{err:?}");
    assert_eq!(ok[0].url.as_deref(), Some("https://ok.org/"));
    assert_eq!(err.len(), 2);
    assert!(err.iter().all(|e| e.message.contains("limit")), "{err:?}");
}

#[test]
fn directories_are_sorted_recursive_and_use_sidecars() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b.txt", b"Bee story.");
    write(dir.path(), "b.meta.json", br#"{"published":"2024-10-09","title":"Bee","url":"https://b.org/"}"#);
    write(dir.path(), "a/z.html", b"<p>Zed</p>");
    write(dir.path(), "a/c.txt", b"Sea.");
    write(dir.path(), "image.png", b"\x89PNG\x00");
    write(dir.path(), ".hidden.txt", b"no");
    let (ok, err) = run(&[dir.path().to_path_buf()], &IngestOptions { published: Some("2000-01-01".into()), ..Default::default() });
    assert!(err.is_empty(), "{err:?}");
    let names: Vec<String> = ok.iter().map(|d| Path::new(&d.source).file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, vec!["c.txt", "z.html", "b.txt"]);
    assert_eq!(ok[2].published.as_deref(), Some("2024-10-09"));
    assert_eq!(ok[2].title.as_deref(), Some("Bee"));
    assert_eq!(ok[0].published.as_deref(), Some("2000-01-01"));
}

#[test]
fn oversized_binary_and_invalid_utf8_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let opts = IngestOptions { max_record_bytes: 1 << 20, ..Default::default() };
    let big = write(dir.path(), "big.html", &vec![b'x'; (1 << 20) + 10]);
    let bin = write(dir.path(), "bin.txt", &[0u8, 1, 2, 3, 0, 0xff, 7, 8]);
    let latin = write(dir.path(), "latin.txt", b"Caf\xe9 in K\xf6ln, officials said.");
    let long_line = write(dir.path(), "long.jsonl", &[vec![b'{'; (1 << 20) + 5], b"\n{\"text\":\"after\"}\n".to_vec()].concat());
    let (ok, err) = run(&[big, bin, latin, long_line], &opts);
    assert_eq!(err.len(), 3, "{err:?}");
    assert!(err[0].message.contains("limit"));
    assert!(err[1].message.contains("binary"));
    assert!(err[2].location.ends_with(":1"));
    assert_eq!(ok.len(), 2);
    assert!(body(&ok[0]).contains("Köln"), "{}", body(&ok[0]));
    assert_eq!(body(&ok[1]), "after");
}

#[test]
fn fifty_megabyte_page_is_refused_with_the_limit_named() {
    let dir = tempfile::tempdir().unwrap();
    let page = [b"<html><body><p>".to_vec(), vec![b'w'; 50 << 20], b"</p></body></html>".to_vec()].concat();
    let big = write(dir.path(), "huge.html", &page);
    drop(page);
    let small = write(dir.path(), "small.html", b"<p>small</p>");
    let (ok, err) = run(&[big, small], &IngestOptions::default());
    assert_eq!(ok.len(), 1);
    assert_eq!(err.len(), 1);
    assert!(err[0].message.contains("20 MiB"), "{}", err[0]);
}
