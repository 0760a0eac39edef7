//! Arbitrary bytes as a WARC, WARC.gz and JSONL file: ingest must never panic, and must
//! terminate with bounded memory (records are capped small here).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_ingest::{open, parse_record, IngestOptions};

fuzz_target!(|data: &[u8]| {
    let opts = IngestOptions { max_record_bytes: 1 << 16, ..Default::default() };
    let dir = std::env::temp_dir().join(format!("sitrep-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    for name in ["x.warc", "x.warc.gz", "x.jsonl", "x.html", "x.txt"] {
        let p = dir.join(name);
        if std::fs::write(&p, data).is_ok() {
            for item in open(&[p], &opts).take(1000) {
                let _ = item;
            }
        }
    }
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = parse_record(s, "fuzz:1", &opts);
    }
});
