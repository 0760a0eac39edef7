//! PETRARCH / TABARI `.actors` dictionaries read from `--knowledge DIR` (every
//! `*.actors.txt` there), so a user can code with an existing CAMEO actor dictionary as is.
//!
//! Format: `NAME_WITH_UNDERSCORES [CODE]` starts an entry; `+ALIAS` lines add names to it;
//! the code may stand on its own indented line, and several dated codes
//! (`[HOB < 950601]`, `[HOBGOV 19950601 - 19990815]`, `[HOBREB > 990816]`) may follow, of
//! which the last (most recent) is kept. `#` starts a comment; `<!-- ... -->` blocks are
//! skipped. A CAMEO code is a country (or IGO) code of three letters followed by role codes:
//! `ISRMIL` is Israel, military.

use std::path::Path;

use crate::KnowledgeError;

/// One dictionary entry: its names as they appear in text, and its code.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub names: Vec<String>,
    pub code: String,
}

impl Entry {
    /// The three-letter country (or IGO) part of the code.
    pub fn country(&self) -> String {
        self.code.chars().take(3).collect()
    }
    /// The first role after the country ("MIL" in ISRMIL), if any.
    pub fn sector(&self) -> Option<String> {
        let s: String = self.code.chars().skip(3).take(3).collect();
        (s.len() == 3).then_some(s)
    }
}

/// Every `*.actors.txt` file in `dir`, in file-name order.
pub(crate) fn load_dir(dir: Option<&Path>) -> Result<Vec<Entry>, KnowledgeError> {
    Ok(read_dir_texts(dir, ".actors.txt")?.iter().flat_map(|t| parse(t)).collect())
}

/// The text of every file in `dir` whose name ends with `suffix` (ASCII case-insensitive),
/// in file-name order; none when `dir` is absent or unreadable. Shared by the `.actors`
/// and `.agents` readers.
pub(crate) fn read_dir_texts(dir: Option<&Path>, suffix: &str) -> Result<Vec<String>, KnowledgeError> {
    let Some(dir) = dir else { return Ok(vec![]) };
    let Ok(rd) = std::fs::read_dir(dir) else { return Ok(vec![]) };
    let mut files: Vec<_> = rd
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.to_ascii_lowercase().ends_with(suffix)))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            std::fs::read(p)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .map_err(|e| KnowledgeError { file: p.display().to_string(), message: e.to_string() })
        })
        .collect()
}

/// The code inside the first `[...]` of `s`, without date restrictions and markers.
fn code_in(s: &str) -> Option<String> {
    let a = s.find('[')?;
    let b = s[a..].find(']')? + a;
    let code: String = s[a + 1..b].split_whitespace().next()?.trim_start_matches('~').to_uppercase();
    (code.len() >= 3 && code.chars().all(|c| c.is_ascii_alphanumeric())).then_some(code)
}

fn name_of(s: &str) -> String {
    s.split('[').next().unwrap_or("").replace('_', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) fn parse(text: &str) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    let mut cur: Option<Entry> = None;
    let mut in_comment = false;
    let flush = |cur: &mut Option<Entry>, out: &mut Vec<Entry>| {
        if let Some(e) = cur.take().filter(|e| !e.code.is_empty() && !e.names.is_empty()) {
            out.push(e);
        }
    };
    for raw in text.lines() {
        let t = raw.trim();
        if in_comment {
            in_comment = !t.contains("-->");
            continue;
        }
        if t.starts_with("<!--") {
            in_comment = !t.contains("-->");
            continue;
        }
        let line = raw.split('#').next().unwrap_or("");
        let body = line.trim();
        if body.is_empty() {
            continue;
        }
        if let Some(alias) = body.strip_prefix('+') {
            if let Some(e) = cur.as_mut() {
                let n = name_of(alias);
                if !n.is_empty() {
                    e.names.push(n);
                }
                if let Some(c) = code_in(alias).filter(|_| e.code.is_empty()) {
                    e.code = c;
                }
            }
            continue;
        }
        if body.starts_with('[') {
            // a (dated) code line of the current entry: the last one is the most recent
            if let (Some(e), Some(c)) = (cur.as_mut(), code_in(body)) {
                e.code = c;
            }
            continue;
        }
        flush(&mut cur, &mut out);
        let n = name_of(body);
        if !n.is_empty() {
            cur = Some(Entry { names: vec![n], code: code_in(body).unwrap_or_default() });
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// How a dictionary name may be written in text: PETRARCH writes names in capitals;
/// news writes "Israeli troops", "Israeli Troops", and acronyms as "IMF".
pub(crate) fn surface_forms(name: &str) -> Vec<String> {
    let words: Vec<String> = name.split(' ').map(str::to_lowercase).collect();
    let cap = |w: &str| {
        let mut c = w.chars();
        c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
    };
    let title: Vec<String> = words.iter().map(|w| if matches!(w.as_str(), "of" | "the" | "and" | "for" | "de") { w.clone() } else { cap(w) }).collect();
    let mut out = vec![title.join(" ")];
    let sentence: Vec<String> = words.iter().enumerate().map(|(i, w)| if i == 0 { cap(w) } else { w.clone() }).collect();
    out.push(sentence.join(" "));
    if words.len() == 1 && name.len() <= 5 && name.chars().all(|c| c.is_ascii_uppercase()) {
        out.push(name.to_string());
    }
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_aliases_and_dated_codes() {
        let t = "<!-- head\n# note\n-->\nISRAELI_TROOPS [ISRMIL]\n+IDF\nGOLLUM  # pas\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBREB > 990816]\nENT  \n\t[ENT]\nPALESTINIAN [pse] # c\nNOCODE\n";
        let e = parse(t);
        assert_eq!(e.len(), 4, "{e:?}");
        assert_eq!(e[0], Entry { names: vec!["ISRAELI TROOPS".into(), "IDF".into()], code: "ISRMIL".into() });
        assert_eq!(e[0].sector().as_deref(), Some("MIL"));
        assert_eq!(e[1].names, ["GOLLUM", "SMEAGOL"]);
        assert_eq!(e[1].code, "HOBREB");
        assert_eq!(e[2].code, "ENT");
        assert_eq!(e[3].country(), "PSE");
        assert_eq!(e[3].sector(), None);
    }

    #[test]
    fn surface_forms_cover_news_casing() {
        let f = surface_forms("ISRAELI TROOPS");
        assert!(f.contains(&"Israeli Troops".to_string()) && f.contains(&"Israeli troops".to_string()), "{f:?}");
        assert!(surface_forms("IMF").contains(&"IMF".to_string()));
        assert!(surface_forms("EUROPEAN UNION").contains(&"European Union".to_string()));
    }
}
