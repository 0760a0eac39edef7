//! PETRARCH-style verb dictionaries (`*.verbs.txt` in a `--knowledge DIR`) read as extra
//! triggers, so users can bring existing CAMEO coding dictionaries.

use std::collections::HashMap;
use std::path::Path;

use crate::knowledge::TriggerEntry;
use crate::KnowledgeError;

/// Trigger entries and irregular forms from every `*.verbs.txt` file in `dir`.
pub(crate) fn load_dir(dir: &Path) -> Result<(Vec<TriggerEntry>, HashMap<String, String>), KnowledgeError> {
    let mut entries = Vec::new();
    let mut irregular = HashMap::new();
    let Ok(rd) = std::fs::read_dir(dir) else { return Ok((entries, irregular)) };
    let mut files: Vec<_> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
    files.sort();
    for p in files {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !name.to_ascii_lowercase().ends_with(".verbs.txt") {
            continue;
        }
        let text = std::fs::read(&p).map_err(|e| KnowledgeError { file: p.display().to_string(), message: e.to_string() })?;
        let text = String::from_utf8_lossy(&text);
        let (e, i) = parse_verbs(&text);
        entries.extend(e);
        irregular.extend(i);
    }
    Ok((entries, irregular))
}

/// Parse a PETRARCH verbs dictionary (filled in below).
pub(crate) fn parse_verbs(_text: &str) -> (Vec<TriggerEntry>, HashMap<String, String>) {
    (vec![], HashMap::new())
}
