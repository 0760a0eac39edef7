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

/// PLOVER type for a CAMEO root ("01" public statements have none; they keep "STATEMENT").
pub(crate) fn plover_of_root(root: &str) -> &'static str {
    match root {
        "01" => "STATEMENT",
        "02" | "10" => "REQUEST",
        "03" => "AGREE",
        "04" => "CONSULT",
        "05" => "SUPPORT",
        "06" => "COOPERATE",
        "07" => "AID",
        "08" => "CONCEDE",
        "09" | "11" => "ACCUSE",
        "12" => "REJECT",
        "13" => "THREATEN",
        "14" => "PROTEST",
        "15" => "MOBILIZE",
        "16" => "SANCTION",
        "17" => "COERCE",
        _ => "ASSAULT",
    }
}

/// The CAMEO root of a dictionary code: "064" -> "06", "013:012" -> "01"; "---" is none.
fn root_of(code: &str) -> Option<String> {
    let digits: String = code.split(':').next()?.chars().take_while(char::is_ascii_digit).collect();
    (digits.len() >= 2 && &digits[..2] != "00").then(|| digits[..2].to_string())
}

fn bracket(line: &str) -> Option<&str> {
    let a = line.find('[')?;
    let b = line[a..].find(']')? + a;
    Some(line[a + 1..b].trim())
}

fn words(s: &str) -> String {
    s.trim_start_matches('+').replace('_', " ").to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

fn entry(verb: String, root: String) -> TriggerEntry {
    TriggerEntry { kind: plover_of_root(&root).into(), mode: None, context: vec![], cameo: Some(root), acled: None, verbs: vec![verb], nouns: vec![] }
}

/// Parse a PETRARCH verbs dictionary: `--- VERB [code] ---` blocks, verb lines with
/// `{irregular forms}`, and `- words * words [code]` patterns (the words after the verb
/// become a gapped phrase; synset references `&X` and words before the verb are skipped).
pub(crate) fn parse_verbs(text: &str) -> (Vec<TriggerEntry>, HashMap<String, String>) {
    let mut out = Vec::new();
    let mut irregular = HashMap::new();
    let mut block_root: Option<String> = None;
    let mut verbs: Vec<String> = Vec::new();
    let mut in_synset = false;
    for raw in text.lines() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() || line.starts_with("<!--") {
            in_synset = false;
            continue;
        }
        if line.starts_with('&') {
            in_synset = true;
            continue;
        }
        if in_synset && line.starts_with('+') {
            continue;
        }
        if line.starts_with("---") {
            block_root = bracket(line).and_then(root_of);
            verbs.clear();
            continue;
        }
        if let Some(pat) = line.strip_prefix('-') {
            let root = bracket(pat).and_then(root_of).or(block_root.clone());
            let (Some(root), Some(verb)) = (root, verbs.first()) else { continue };
            let body = pat.split('[').next().unwrap_or("");
            let Some(star) = body.find('*') else { continue };
            let after: Vec<String> = body[star + 1..]
                .split(|c: char| c.is_whitespace() || c == '_')
                .filter(|w| !w.is_empty())
                .take_while(|w| w.chars().all(|c| c.is_ascii_alphabetic() || c == '\'' || c == '-'))
                .take(2)
                .map(str::to_lowercase)
                .collect();
            if !after.is_empty() {
                out.push(entry(format!("{verb} * {}", after.join(" ")), root));
            }
            continue;
        }
        // a verb line: "BAN {BANS BANNED}", "+BREAK_DOWN {+BROKE_DOWN ...}"
        let head = line.split('{').next().unwrap_or("").trim();
        if head.is_empty() || head.starts_with('+') && head.contains('[') {
            continue;
        }
        let verb = words(head.split('[').next().unwrap_or(""));
        if verb.is_empty() {
            continue;
        }
        if let (Some(a), Some(b)) = (line.find('{'), line.find('}')) {
            let lemma_first = verb.split(' ').next().unwrap_or("").to_string();
            for form in line[a + 1..b.max(a + 1)].split_whitespace() {
                let f = words(form);
                if let Some(first) = f.split(' ').next().filter(|x| !x.is_empty()) {
                    irregular.insert(first.to_string(), lemma_first.clone());
                }
            }
        }
        let root = bracket(line).and_then(root_of).or(block_root.clone());
        if let Some(root) = root {
            out.push(entry(verb.clone(), root));
        }
        verbs.push(verb);
    }
    (out, irregular)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_blocks_forms_and_patterns() {
        let text = "&TIES\n+MILITARY\n\n--- RESTORE [064] ---\nRESTORE\n- * DIPLOMATIC TIES [064]\n- SO * AID [070] # c\n\n--- BAN [172] ---\nBAN {BANS BANNED}\n--- SAY [---] ---\nSAY\n";
        let (e, irr) = parse_verbs(text);
        let v: Vec<(String, String, String)> = e.iter().map(|x| (x.verbs[0].clone(), x.cameo.clone().unwrap(), x.kind.clone())).collect();
        assert!(v.contains(&("restore".into(), "06".into(), "COOPERATE".into())));
        assert!(v.contains(&("restore * diplomatic ties".into(), "06".into(), "COOPERATE".into())));
        assert!(v.contains(&("restore * aid".into(), "07".into(), "AID".into())));
        assert!(v.contains(&("ban".into(), "17".into(), "COERCE".into())));
        assert!(!v.iter().any(|x| x.0 == "say"), "[---] codes no event");
        assert_eq!(irr.get("banned").map(String::as_str), Some("ban"));
    }
}
