pub mod eval;
pub mod explain;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod query;
pub mod show;
pub mod stats;
