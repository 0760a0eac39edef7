//! Knowledge files: the embedded default plus, when `--knowledge DIR` holds a file of the same
//! name, its rows appended after the defaults (later rows override earlier ones with the same key).

use std::path::Path;

use crate::KnowledgeError;

/// The default text followed by the user's file of the same name, if any.
pub(crate) fn read(dir: Option<&Path>, name: &str, default: &str) -> Result<String, KnowledgeError> {
    let mut text = default.to_string();
    if let Some(extra) = read_user(dir, name)? {
        text.push('\n');
        text.push_str(&extra);
    }
    Ok(text)
}

/// The user's file `name` in `dir`, if it exists.
pub(crate) fn read_user(dir: Option<&Path>, name: &str) -> Result<Option<String>, KnowledgeError> {
    let Some(dir) = dir else { return Ok(None) };
    let path = dir.join(name);
    if !path.exists() {
        return Ok(None);
    }
    std::fs::read_to_string(&path)
        .map(Some)
        .map_err(|e| KnowledgeError { file: path.display().to_string(), message: e.to_string() })
}

/// Rows of a TSV file: tab-separated fields, `#` comments and blank lines skipped.
pub(crate) fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

/// A `|`-separated list field, empty entries dropped.
pub(crate) fn list(field: &str) -> impl Iterator<Item = &str> {
    field.split('|').map(str::trim).filter(|s| !s.is_empty())
}

/// An optional field: empty or `-` is none.
pub(crate) fn opt(field: Option<&&str>) -> Option<String> {
    field.filter(|s| !s.is_empty() && **s != "-").map(|s| s.to_string())
}

pub(crate) fn bad(file: &str, message: impl Into<String>) -> KnowledgeError {
    KnowledgeError { file: file.to_string(), message: message.into() }
}
