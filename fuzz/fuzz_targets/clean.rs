//! Arbitrary bytes as an HTML page and (when UTF-8) as flattened text: clean must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_clean::{clean, CleanConfig};
use sitrep_model::RawDoc;

fuzz_target!(|data: &[u8]| {
    let cfg = CleanConfig::default();
    let mut raw = RawDoc::html("fuzz", data.to_vec());
    raw.url = Some("https://fuzz.example/2024/10/09/x".into());
    if let Ok(doc) = clean(&raw, &cfg) {
        assert!(doc.text.split("\n\n").all(|p| !p.is_empty()));
    }
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = clean(&RawDoc::text("fuzz", s), &cfg);
    }
});
