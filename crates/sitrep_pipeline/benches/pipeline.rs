//! Whole pipeline (clean → annotate → extract) on one core, per page, over real news HTML from
//! the shared trafilatura evaluation set (first 100 pages) and the seed page.
//! `cargo bench -p sitrep_pipeline`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sitrep_model::RawDoc;
use sitrep_pipeline::{Pipeline, PipelineConfig, Until};

fn pages() -> Vec<RawDoc> {
    let Some(shared) = sitrep_testkit::shared_dir() else { return vec![] };
    let dir = shared.join("data/trafilatura-eval/html");
    let mut files: Vec<_> = std::fs::read_dir(&dir).map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect()).unwrap_or_default();
    files.sort();
    files
        .into_iter()
        .take(100)
        .filter_map(|p| std::fs::read(&p).ok().map(|b| RawDoc::html(p.display().to_string(), b)))
        .collect()
}

fn bench(c: &mut Criterion) {
    let pages = pages();
    if pages.is_empty() {
        eprintln!("shared data not found; nothing to benchmark");
        return;
    }
    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Elements(pages.len() as u64));
    group.sample_size(10);
    for (name, until) in [("clean", Until::Clean), ("annotate", Until::Annotate), ("extract", Until::Extract)] {
        let p = Pipeline::new(&PipelineConfig { until, ..Default::default() }).expect("pipeline");
        group.bench_function(format!("html_100_pages_until_{name}"), |b| {
            b.iter(|| pages.iter().filter_map(|r| p.process(r).ok()).map(|d| d.events.len()).sum::<usize>())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
