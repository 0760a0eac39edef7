//! Development aid for the time resolver: annotate TempEval-3 records (`tbaq_*.jsonl`) and
//! print one JSON line per document with the gold TIMEX3 and our times in character
//! offsets, for error analysis outside the eval (`sitrep eval timex` is the scored figure).
//!
//!     cargo run --release -p sitrep_nlp --example timex_dump -- FILE.jsonl... > times.jsonl

use sitrep_model::Document;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let k = sitrep_nlp::Knowledge::load(None)?;
    for path in std::env::args().skip(1) {
        for line in std::fs::read_to_string(&path)?.lines().filter(|l| !l.trim().is_empty()) {
            let rec: serde_json::Value = serde_json::from_str(line)?;
            let text = rec["text"].as_str().unwrap_or("").to_string();
            let mut doc = Document::new(rec["docid"].as_str().unwrap_or(""), "tempeval3", text);
            doc.published = rec["gold_dct"]["value"].as_str().map(str::to_string);
            sitrep_nlp::annotate(&mut doc, &k);
            let ch = |b: usize| doc.text.get(..b).map_or(0, |s| s.chars().count());
            let pred: Vec<_> = doc
                .times
                .iter()
                .map(|t| serde_json::json!({"start": ch(t.span.start), "end": ch(t.span.end), "text": t.text, "value": t.value, "rule": t.rule}))
                .collect();
            let out = serde_json::json!({"file": path, "docid": rec["docid"], "dct": doc.published, "text": doc.text, "gold": rec["gold_timex3"], "pred": pred});
            println!("{out}");
        }
    }
    Ok(())
}
