//! Developer tasks: `cargo run -p xtask -- <task>`.
//!
//! - `schema`: write `schema/sitrep-v1.schema.json` from the model types (a test in
//!   `sitrep_model` fails when the committed file drifts from the types).

use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let task = std::env::args().nth(1).unwrap_or_else(|| "help".into());
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    match task.as_str() {
        "schema" => {
            let path = root.join("schema/sitrep-v1.schema.json");
            std::fs::create_dir_all(path.parent().expect("schema path has a parent"))?;
            let text = serde_json::to_string_pretty(&sitrep_model::json_schema())? + "\n";
            std::fs::write(&path, text)?;
            println!("wrote {}", path.display());
            Ok(())
        }
        _ => {
            println!("usage: cargo run -p xtask -- <task>\n\ntasks:\n  schema   regenerate schema/sitrep-v1.schema.json");
            Ok(())
        }
    }
}
