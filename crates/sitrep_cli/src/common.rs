//! What several subcommands share: logging, pipeline options, progress bars.

use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressStyle};
use sitrep_pipeline::{Pipeline, PipelineConfig};

pub fn init_logging(verbose: u8) {
    // html5ever warns about every malformed page it repairs; that is normal for the web, not news.
    let default = match verbose {
        0 => "warn,html5ever=error",
        1 => "info,html5ever=error",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).init();
}

/// Options every pipeline-running command takes.
#[derive(clap::Args, Debug, Clone)]
pub struct PipelineArgs {
    /// Directory of knowledge files that extend or override the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub knowledge: Option<PathBuf>,
    /// Publication date for inputs that carry none (YYYY-MM-DD); times are resolved against it.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub published: Option<String>,
}

impl PipelineArgs {
    pub fn pipeline(&self) -> anyhow::Result<Pipeline> {
        let cfg = PipelineConfig { knowledge: self.knowledge.clone(), ..Default::default() };
        Ok(Pipeline::new(&cfg)?)
    }
    pub fn ingest_options(&self) -> sitrep_ingest::IngestOptions {
        sitrep_ingest::IngestOptions { published: self.published.clone(), ..Default::default() }
    }
}

/// A spinner/bar on stderr, hidden when stderr is not a terminal.
pub fn progress(len: Option<u64>, what: &str) -> ProgressBar {
    let bar = match len {
        Some(n) => ProgressBar::new(n),
        None => ProgressBar::new_spinner(),
    };
    if !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let template = format!("{{spinner}} {what} {{pos}}{} [{{elapsed}}] {{per_sec}}", if len.is_some() { "/{len}" } else { "" });
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    bar
}
