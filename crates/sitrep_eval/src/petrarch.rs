//! Skeleton: not measured yet.
use crate::{EvalOptions, Report};

pub fn run(_opts: &EvalOptions) -> anyhow::Result<Report> {
    anyhow::bail!("this evaluation is not implemented yet")
}
