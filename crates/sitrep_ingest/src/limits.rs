//! Bounded reads: every read of untrusted input stops at a cap, so a 50 MB line, a huge WARC
//! record or a gzip bomb costs at most the cap in memory (and is then skipped, not buffered).

use std::io::{self, BufRead, Read};

/// What [`read_line_capped`] found.
pub(crate) enum Line {
    /// A line (without its `\n`) is in the buffer.
    Ok,
    /// The line was longer than the cap; it has been consumed and discarded. Holds its length.
    TooLong(u64),
    Eof,
}

/// Read one `\n`-terminated line into `buf` (cleared first), keeping at most `cap` bytes.
/// An over-long line is drained to its end without being stored.
pub(crate) fn read_line_capped<R: BufRead + ?Sized>(r: &mut R, buf: &mut Vec<u8>, cap: usize) -> io::Result<Line> {
    buf.clear();
    let mut total: u64 = 0;
    let mut any = false;
    loop {
        let (done, used) = {
            let avail = match r.fill_buf() {
                Ok(a) => a,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if avail.is_empty() {
                if !any {
                    return Ok(Line::Eof);
                }
                (true, 0)
            } else {
                any = true;
                let (chunk, done, used) = match memchr(b'\n', avail) {
                    Some(i) => (&avail[..i], true, i + 1),
                    None => (avail, false, avail.len()),
                };
                total += chunk.len() as u64;
                if total <= cap as u64 {
                    buf.extend_from_slice(chunk);
                }
                (done, used)
            }
        };
        r.consume(used);
        if done {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(if total > cap as u64 { Line::TooLong(total) } else { Line::Ok });
        }
    }
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

/// Read everything from `r`, up to `cap` bytes. `Ok(Err(n))` means the input was larger than the
/// cap (at least `n` bytes were seen) and nothing more was kept.
pub(crate) fn read_capped<R: Read>(r: R, cap: usize) -> io::Result<Result<Vec<u8>, u64>> {
    let mut buf = Vec::new();
    let n = r.take(cap as u64 + 1).read_to_end(&mut buf)?;
    if n > cap {
        return Ok(Err(n as u64));
    }
    Ok(Ok(buf))
}

/// Discard exactly `n` bytes (or up to EOF); returns how many were skipped.
pub(crate) fn skip<R: Read>(r: &mut R, n: u64) -> io::Result<u64> {
    io::copy(&mut r.take(n), &mut io::sink())
}

pub(crate) fn mib(n: usize) -> String {
    format!("{} MiB", n / (1024 * 1024))
}

/// Heuristic: bytes that are not text (NUL bytes or many control characters in the first 8 KiB).
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    // UTF-16 text is full of NULs; a byte-order mark says it is text.
    if head.is_empty() || head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) {
        return false;
    }
    if head.contains(&0) {
        return true;
    }
    let ctrl = head.iter().filter(|&&b| b < 0x09 || (0x0e..0x20).contains(&b) || b == 0x7f).count();
    ctrl * 10 > head.len()
}
