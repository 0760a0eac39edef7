//! Criterion bench of `clean` over a sample of real pages (the first 50 of the trafilatura
//! evaluation set when `../shared` is present, else the project's examples).
//! Run: `cargo bench -p sitrep_clean --bench clean`.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sitrep_clean::{clean, CleanConfig};
use sitrep_model::RawDoc;

fn sample() -> Vec<RawDoc> {
    let mut pages = Vec::new();
    if let Some(dir) = sitrep_testkit::shared_dir().map(|d| d.join("data/trafilatura-eval/html")) {
        if let Ok(rd) = std::fs::read_dir(&dir) {
            let mut files: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
            files.sort();
            for f in files.into_iter().take(50) {
                if let Ok(b) = std::fs::read(&f) {
                    pages.push(RawDoc::html(f.display().to_string(), b));
                }
            }
        }
    }
    if pages.is_empty() {
        let ex = sitrep_testkit::workspace_dir().join("examples");
        for name in ["geneva-talks-stall.html", "kharkiv-depot-drone-strike.html", "sahel-convoy-ambush.html"] {
            if let Ok(b) = std::fs::read(ex.join(name)) {
                pages.push(RawDoc::html(name, b));
            }
        }
    }
    pages
}

fn bench(c: &mut Criterion) {
    let pages = sample();
    let cfg = CleanConfig::default();
    let mut g = c.benchmark_group("clean");
    g.throughput(Throughput::Elements(pages.len() as u64));
    g.sample_size(10);
    g.bench_function(format!("{}_pages", pages.len()), |b| {
        b.iter(|| pages.iter().filter(|p| clean(p, &cfg).is_ok()).count())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
