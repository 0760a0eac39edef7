//! Test support: paths to the shared evaluation data and rendering of a document with its
//! annotations under the text, for insta snapshots.

use std::path::PathBuf;

/// `../shared` beside the checkout (`SITREP_SHARED` overrides), if it exists.
pub fn shared_dir() -> Option<PathBuf> {
    let p = std::env::var_os("SITREP_SHARED").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
    });
    p.exists().then_some(p)
}

/// The workspace root.
pub fn workspace_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}
