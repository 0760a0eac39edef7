//! Criterion bench of the whole annotate stage, in words per second, on the first 200 clean
//! texts of the shared BBC news set (or the bundled seed prose when the shared data is not
//! there). Throughput is reported per whitespace word, as `examples/annotate_speed.rs` and
//! `scripts/spacy_baseline.py` count them.
//!
//!     cargo bench -p sitrep_nlp --bench annotate

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sitrep_model::Document;

fn texts() -> Vec<String> {
    let from_shared = sitrep_testkit::shared_dir().and_then(|d| std::fs::read_to_string(d.join("data/bbc-news/bbc_news.jsonl")).ok());
    match from_shared {
        Some(s) => s
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v.get("body").and_then(|b| b.as_str()).map(str::to_string))
            .take(200)
            .collect(),
        None => {
            eprintln!("shared data not found: benching on the seed prose only");
            sitrep_testkit::seed_prose_document().map(|d| d.text).into_iter().collect()
        }
    }
}

fn bench(c: &mut Criterion) {
    let k = sitrep_nlp::Knowledge::load(None).expect("embedded knowledge loads");
    let texts = texts();
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let mut g = c.benchmark_group("annotate");
    g.throughput(Throughput::Elements(words as u64));
    g.sample_size(10);
    g.bench_function("whole_stage", |b| {
        b.iter(|| {
            for t in &texts {
                let mut doc = Document::new("bench", "bench", t.clone());
                doc.published = Some("2005-01-01".into());
                sitrep_nlp::annotate(&mut doc, &k);
                std::hint::black_box(&doc);
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
