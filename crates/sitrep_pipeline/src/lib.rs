//! The pipeline: a [`PipelineConfig`] builds a validated [`Pipeline`] that turns one
//! [`RawDoc`] into a fully extracted [`Document`] (clean → annotate → extract). Each document
//! is independent, so batches run in parallel with rayon and clusters map over documents.
//!
//! ```no_run
//! use sitrep_pipeline::{Pipeline, PipelineConfig};
//! use sitrep_model::RawDoc;
//! let pipeline = Pipeline::new(&PipelineConfig::default()).unwrap();
//! let doc = pipeline.process(&RawDoc::text("example", "Russia attacked Ukraine.")).unwrap();
//! println!("{} events", doc.events.len());
//! ```

use std::path::PathBuf;

use rayon::prelude::*;
use sitrep_clean::CleanConfig;
use sitrep_model::{Document, RawDoc};

/// How far to run: `clean` stops after cleaning, `annotate` after the language layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Until {
    Clean,
    Annotate,
    #[default]
    Extract,
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct PipelineConfig {
    /// Directory of knowledge files overriding the built-in ones (`--knowledge DIR`).
    pub knowledge: Option<PathBuf>,
    pub clean: CleanConfig,
    pub until: Until,
}

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error(transparent)]
    NlpKnowledge(#[from] sitrep_nlp::KnowledgeError),
    #[error(transparent)]
    ExtractKnowledge(#[from] sitrep_extract::KnowledgeError),
    #[error(transparent)]
    Clean(#[from] sitrep_clean::CleanError),
}

/// A ready pipeline; cheap to share across threads (`&Pipeline` is `Sync`).
pub struct Pipeline {
    config: PipelineConfig,
    nlp: sitrep_nlp::Knowledge,
    extract: sitrep_extract::ExtractKnowledge,
}

impl Pipeline {
    pub fn new(config: &PipelineConfig) -> Result<Self, PipelineError> {
        let dir = config.knowledge.as_deref();
        Ok(Pipeline {
            config: config.clone(),
            nlp: sitrep_nlp::Knowledge::load(dir)?,
            extract: sitrep_extract::ExtractKnowledge::load(dir)?,
        })
    }

    /// One document through every stage up to `config.until`.
    pub fn process(&self, raw: &RawDoc) -> Result<Document, PipelineError> {
        let mut doc = sitrep_clean::clean(raw, &self.config.clean)?;
        self.annotate_and_extract(&mut doc);
        Ok(doc)
    }

    /// Run the stages after clean on a document built elsewhere (an evaluation text).
    pub fn annotate_and_extract(&self, doc: &mut Document) {
        if self.config.until == Until::Clean {
            return;
        }
        sitrep_nlp::annotate(doc, &self.nlp);
        if self.config.until == Until::Extract {
            sitrep_extract::extract(doc, &self.extract);
        }
    }

    /// A batch in parallel, results in input order.
    pub fn process_batch(&self, raws: &[RawDoc]) -> Vec<Result<Document, PipelineError>> {
        raws.par_iter().map(|r| self.process(r)).collect()
    }
}
