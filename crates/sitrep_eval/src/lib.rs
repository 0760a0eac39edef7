//! Evaluation: scores sitrep on the shared data sets (`sitrep eval SET --data DIR`).
//! One module per set; each returns a [`Report`] of named figures, which the CLI prints
//! and checks against the floors in `eval/floors.toml`.

use serde::Serialize;

pub mod floors;

/// What one evaluation measured.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Set name, e.g. `clean`, `timex`, `geo`, `plover`.
    pub set: String,
    /// Figures in display order: (`f1`, 0.953) ...
    pub metrics: Vec<Metric>,
    /// Anything else worth printing (per-subset figures, error samples).
    #[serde(skip_serializing_if = "serde_json::Value::is_null")]
    pub details: serde_json::Value,
}

#[derive(Debug, Clone, Serialize)]
pub struct Metric {
    pub name: String,
    pub value: f64,
}

impl Report {
    pub fn new(set: &str) -> Self {
        Report { set: set.to_string(), metrics: vec![], details: serde_json::Value::Null }
    }
    pub fn push(&mut self, name: &str, value: f64) {
        self.metrics.push(Metric { name: name.to_string(), value });
    }
    pub fn get(&self, name: &str) -> Option<f64> {
        self.metrics.iter().find(|m| m.name == name).map(|m| m.value)
    }
}

pub mod clean;
pub mod geo;
pub mod offtopic;
pub mod petrarch;
pub mod plover;
pub mod polnear;
pub mod syndication;
pub mod timex;
pub mod ucdp;

use std::path::PathBuf;

/// What every evaluation takes.
#[derive(Debug, Clone, Default)]
pub struct EvalOptions {
    /// The set's folder (default `../shared/data/<folder>`).
    pub data: PathBuf,
    /// Score only the first N records (quick checks).
    pub limit: Option<usize>,
    /// Knowledge directory passed to the pipeline (`--knowledge`).
    pub knowledge: Option<PathBuf>,
}

/// A known evaluation set: its name on the command line and its default folder under `shared/data`.
pub struct EvalSet {
    pub name: &'static str,
    pub folder: &'static str,
    pub about: &'static str,
    pub run: fn(&EvalOptions) -> anyhow::Result<Report>,
}

/// Every set `sitrep eval` knows.
pub const SETS: &[EvalSet] = &[
    EvalSet { name: "clean", folder: "trafilatura-eval", about: "main-content extraction: snippet P/R/F1, title, date", run: clean::run },
    EvalSet { name: "timex", folder: "tempeval3", about: "TIMEX3 span F1 and value accuracy (TimeBank, AQUAINT)", run: timex::run },
    EvalSet { name: "geo", folder: "geoparsing", about: "toponym P/R/F1 and accuracy within 161 km", run: geo::run },
    EvalSet { name: "plover", folder: "plover-gsr", about: "PLOVER event type accuracy, macro-F1, actor F1", run: plover::run },
    EvalSet { name: "polnear", folder: "polnear", about: "attribution source, cue and content span F1", run: polnear::run },
    EvalSet { name: "ucdp", folder: "ucdp-ged", about: "deaths and dates from headlines", run: ucdp::run },
    EvalSet { name: "petrarch", folder: "petrarch2-unittest", about: "(source, target, CAMEO root) triples with its own dictionaries", run: petrarch::run },
    EvalSet { name: "offtopic", folder: "bbc-news", about: "violent-type events per 1,000 sentences in BBC sport and entertainment (false-positive proxy; lower is better)", run: offtopic::run },
    EvalSet { name: "syndication", folder: "bbc-news", about: "duplicate-pair precision and recall, exact and edited copies", run: syndication::run },
];
