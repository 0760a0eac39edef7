//! PETRARCH / TABARI `.agents` dictionaries read from `--knowledge DIR` (every
//! `*.agents.txt` there): common nouns that give an actor its role code ("foreign minister"
//! is `~GOVFRM`, so "Arnor's foreign minister" codes as `ARNGOVFRM`).
//!
//! Format: `WORDS_WITH_UNDERSCORES {PLURALS} [~CODE]`. `{}` means "no plural"; without braces
//! the regular English plural of the last word is added, as PETRARCH does. `[~GOV]` is a
//! role suffix and `[NGO~]` a prefix code; both become the actor's sector here. A line
//! `!NAME! = A, B` defines a substitution set, and `!NAME!` inside a phrase expands to each
//! of its words (`CONGRESS!PERSON!` gives congressman, congresswoman...). `#` starts a
//! comment; `<!-- ... -->` lines are skipped.

use std::collections::HashMap;
use std::path::Path;

use crate::KnowledgeError;

/// One agent phrase (lower-cased, as it may appear in text) and the code it carries.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Agent {
    pub phrase: String,
    pub code: String,
}

/// Every `*.agents.txt` file in `dir`, in file-name order.
pub(crate) fn load_dir(dir: Option<&Path>) -> Result<Vec<Agent>, KnowledgeError> {
    Ok(super::petrarch::read_dir_texts(dir, ".agents.txt")?.iter().flat_map(|t| parse(t)).collect())
}

/// The code inside `[...]`: `~GOV` and `NGO~` both give the letters; None without one.
fn code_in(s: &str) -> Option<String> {
    let a = s.find('[')?;
    let b = s[a..].find(']')? + a;
    let code: String = s[a + 1..b].chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_uppercase();
    (!code.is_empty()).then_some(code)
}

/// PETRARCH's regular plural of the last word: -y -> -ies, sibilants -> -es, man -> men.
fn plural(phrase: &str) -> String {
    let (head, last) = phrase.rsplit_once(' ').map_or(("", phrase), |(h, l)| (h, l));
    let p = if let Some(stem) = last.strip_suffix("man") {
        format!("{stem}men")
    } else if last.ends_with('y') && !last.ends_with("ay") && !last.ends_with("ey") && !last.ends_with("oy") {
        format!("{}ies", &last[..last.len() - 1])
    } else if ["s", "x", "ch", "sh", "z"].iter().any(|e| last.ends_with(e)) {
        format!("{last}es")
    } else {
        format!("{last}s")
    };
    if head.is_empty() { p } else { format!("{head} {p}") }
}

/// Expands `!NAME!` markers with their substitution sets (every combination).
fn expand(phrase: &str, subs: &HashMap<String, Vec<String>>) -> Vec<String> {
    let Some(a) = phrase.find('!') else { return vec![phrase.to_string()] };
    let Some(len) = phrase[a + 1..].find('!') else { return vec![phrase.to_string()] };
    let name = &phrase[a..a + len + 2];
    let Some(words) = subs.get(name) else { return vec![phrase.replacen(name, "", 1)] };
    words
        .iter()
        .flat_map(|w| expand(&phrase.replacen(name, w, 1), subs))
        .collect()
}

pub(crate) fn parse(text: &str) -> Vec<Agent> {
    let mut subs: HashMap<String, Vec<String>> = HashMap::new();
    let mut out = Vec::new();
    let mut in_comment = false;
    for raw in text.lines() {
        let t = raw.trim();
        if in_comment || t.starts_with("<!--") {
            in_comment = !t.contains("-->");
            continue;
        }
        let body = raw.split('#').next().unwrap_or("").trim();
        if body.is_empty() {
            continue;
        }
        if let Some((name, list)) = body.split_once('=').filter(|(n, _)| n.trim().starts_with('!')) {
            let words = list.split(',').map(|w| w.trim().to_lowercase()).filter(|w| !w.is_empty()).collect();
            subs.insert(name.trim().to_lowercase(), words);
            continue;
        }
        let Some(code) = code_in(body) else { continue };
        let head_end = body.find(['{', '[']).unwrap_or(body.len());
        let phrase = body[..head_end].replace('_', " ").to_lowercase();
        let phrase = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
        if phrase.is_empty() {
            continue;
        }
        // `{}`: no plural; `{A, B}`: these plurals; no braces: the regular plural.
        let explicit: Option<Vec<String>> = body.find('{').and_then(|a| {
            let b = body[a..].find('}')? + a;
            Some(body[a + 1..b].split(',').map(|w| w.trim().replace('_', " ").to_lowercase()).filter(|w| !w.is_empty()).collect())
        });
        for form in expand(&phrase, &subs) {
            let form = form.split_whitespace().collect::<Vec<_>>().join(" ");
            let plurals = match &explicit {
                Some(list) => list.iter().flat_map(|p| expand(p, &subs)).collect(),
                None => vec![plural(&form)],
            };
            out.push(Agent { phrase: form.clone(), code: code.clone() });
            for p in plurals {
                out.push(Agent { phrase: p, code: code.clone() });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_plurals_and_substitutions() {
        let t = "<!-- head -->\n!PERSON! = MAN, WOMAN\nFOREIGN_MINISTER [~GOVFRM] # jap\nPOLICE {} [ ~COP]\n\
                 ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\nCONGRESS!PERSON! [~LEG]\nRIGHTS_BODY  [  NGO~]\nNOCODE\nAUTHORITY [~GOV]\n";
        let a = parse(t);
        let find = |p: &str| a.iter().find(|x| x.phrase == p).map(|x| x.code.as_str());
        assert_eq!(find("foreign minister"), Some("GOVFRM"));
        assert_eq!(find("foreign ministers"), Some("GOVFRM"));
        assert_eq!(find("police"), Some("COP"));
        assert_eq!(find("polices"), None, "{{}} means no plural");
        assert_eq!(find("attorneys general"), Some("GOV"));
        assert_eq!(find("attorney generals"), None);
        assert_eq!(find("congressman"), Some("LEG"));
        assert_eq!(find("congresswomen"), Some("LEG"));
        assert_eq!(find("rights body"), Some("NGO"));
        assert_eq!(find("rights bodies"), Some("NGO"));
        assert_eq!(find("authorities"), Some("GOV"));
        assert_eq!(find("nocode"), None);
    }

    #[test]
    fn plurals_follow_english_endings() {
        assert_eq!(plural("army"), "armies");
        assert_eq!(plural("attorney"), "attorneys");
        assert_eq!(plural("church"), "churches");
        assert_eq!(plural("border policeman"), "border policemen");
        assert_eq!(plural("soldier"), "soldiers");
    }
}
