//! Bytes to text: the charset hint from HTTP or the record, else a `<meta charset>` /
//! `http-equiv` declaration in the first 4 KiB, else chardetng's guess; decoded with
//! encoding_rs (malformed sequences become U+FFFD, never an error).

use encoding_rs::Encoding;

/// Decode a page, keeping at most `max_bytes` of input (cut at a character boundary).
pub fn decode(bytes: &[u8], hint: Option<&str>, url: Option<&str>, max_bytes: usize) -> String {
    let bytes = &bytes[..bytes.len().min(max_bytes)];
    let enc = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| hint.and_then(|h| Encoding::for_label(h.trim().as_bytes())))
        .or_else(|| meta_charset(&bytes[..bytes.len().min(4096)]))
        .unwrap_or_else(|| detect(bytes, url));
    // A page labelled UTF-8 that is not is common; a legacy label on valid UTF-8 is too.
    let enc = if enc != encoding_rs::UTF_8 && std::str::from_utf8(bytes).is_ok() && !bytes.is_ascii() { encoding_rs::UTF_8 } else { enc };
    enc.decode(bytes).0.into_owned()
}

fn detect(bytes: &[u8], url: Option<&str>) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return encoding_rs::UTF_8;
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let tld = url.and_then(crate::host).and_then(|h| h.rsplit('.').next().map(str::to_string));
    // chardetng requires a lowercase ASCII label without dots.
    let tld = tld.filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
    det.guess(tld.as_deref().map(str::as_bytes), chardetng::Utf8Detection::Allow)
}

/// `<meta charset="x">` or `<meta http-equiv="Content-Type" content="text/html; charset=x">`.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"charset") {
        let at = from + i + b"charset".len();
        let rest = &lower[at..];
        let rest = rest.trim_ascii_start();
        if let Some(rest) = rest.strip_prefix(b"=") {
            let rest = rest.trim_ascii_start();
            let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
            let end = rest.iter().position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b' ' | b'/')).unwrap_or(rest.len());
            if let Some(e) = Encoding::for_label(&rest[..end]) {
                // A UTF-16 label in an ASCII-compatible byte stream is a lie (HTML spec).
                return Some(if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE { encoding_rs::UTF_8 } else { e });
            }
        }
        from = at;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_sources() {
        let latin = b"<html><head><meta charset=\"iso-8859-1\"></head><body>Gr\xfc\xdfe</body></html>";
        assert!(decode(latin, None, None, 1 << 20).contains("Grüße"));
        assert!(decode(b"Gr\xfc\xdfe", Some("windows-1252"), None, 1 << 20).contains("Grüße"));
        let utf8 = "<p>Grüße aus Köln</p>".as_bytes();
        assert!(decode(utf8, Some("iso-8859-1"), None, 1 << 20).contains("Grüße"));
        // Invalid bytes never fail.
        assert!(!decode(b"\xff\xfe\x00<p>\x80\x81</p>", None, None, 1 << 20).is_empty());
    }
}
