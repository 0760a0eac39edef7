//! The seed page rendered with every annotation underlined and every event listed under its
//! sentence. A change anywhere in the pipeline shows up here as a readable diff
//! (`cargo insta review`).

use sitrep_model::Document;
use sitrep_pipeline::{Pipeline, PipelineConfig};

/// The seed page through the whole pipeline; None (test skipped) without the shared data.
fn seed_doc() -> Option<Document> {
    let Some(seed) = sitrep_testkit::seed_path() else {
        eprintln!("shared data not found; skipping");
        return None;
    };
    let pipeline = Pipeline::new(&PipelineConfig::default()).expect("pipeline");
    let raw = sitrep_ingest::open(&[seed], &Default::default()).next().expect("seed read").expect("seed ok");
    Some(pipeline.process(&raw).expect("seed processed"))
}

#[test]
fn seed_page_annotated() {
    let Some(doc) = seed_doc() else { return };
    insta::assert_snapshot!(sitrep_testkit::render(&doc));
}

/// `sitrep explain` shows why each claim was attributed: every claim names its cue rule.
#[test]
fn seed_claims_explain_their_cue() {
    let Some(doc) = seed_doc() else { return };
    assert!(!doc.claims.is_empty());
    for c in &doc.claims {
        if c.attribution.cue.is_some() {
            assert!(c.rules.iter().any(|r| r.starts_with("cue:")), "{}: {:?}", c.id, c.rules);
        }
    }
}
