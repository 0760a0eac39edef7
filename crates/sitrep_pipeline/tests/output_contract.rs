//! The v1 contract on real output: every document the pipeline produces from the seed page and
//! the project's examples validates against the committed JSON Schema, every span slices back
//! to its text, and the pipeline is deterministic.

use std::path::PathBuf;

use sitrep_model::Document;
use sitrep_pipeline::{Pipeline, PipelineConfig};

fn inputs() -> Vec<PathBuf> {
    let mut paths = vec![sitrep_testkit::workspace_dir().join("examples")];
    if let Some(seed) = sitrep_testkit::seed_path() {
        paths.push(seed);
    }
    paths.retain(|p| p.exists());
    paths
}

fn run_all() -> Vec<Document> {
    let pipeline = Pipeline::new(&PipelineConfig::default()).expect("built-in knowledge loads");
    sitrep_ingest::open(&inputs(), &Default::default())
        .filter_map(Result::ok)
        .map(|raw| pipeline.process(&raw).expect("pipeline processes the page"))
        .collect()
}

#[test]
fn output_validates_against_committed_schema() {
    let path = sitrep_testkit::workspace_dir().join("schema/sitrep-v1.schema.json");
    let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let docs = run_all();
    assert!(!docs.is_empty(), "no inputs found");
    for doc in docs {
        let value = serde_json::to_value(&doc).unwrap();
        let errors: Vec<String> = validator.iter_errors(&value).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{} does not validate: {errors:?}", doc.source);
    }
}

#[test]
fn every_span_slices_back_to_its_text() {
    for doc in run_all() {
        let bad = doc.invalid_spans();
        assert!(bad.is_empty(), "{}: invalid spans {bad:?}", doc.source);
        for m in &doc.mentions {
            assert_eq!(doc.slice(m.span), m.text, "{}: mention text differs from its span", doc.source);
        }
        for t in &doc.times {
            assert_eq!(doc.slice(t.span), t.text, "{}: time text differs from its span", doc.source);
        }
        for ev in &doc.events {
            assert_eq!(doc.slice(ev.evidence.span), ev.evidence.text, "{}: {} evidence", doc.source, ev.id);
        }
        for c in &doc.claims {
            assert_eq!(doc.slice(c.span), c.text, "{}: {} claim text", doc.source, c.id);
        }
    }
}

#[test]
fn pipeline_is_deterministic() {
    let a = serde_json::to_string(&run_all()).unwrap();
    let b = serde_json::to_string(&run_all()).unwrap();
    assert_eq!(a, b);
}
