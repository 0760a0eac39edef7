//! PETRARCH-style verb dictionaries (`*.verbs.txt` in a `--knowledge DIR`) read as extra
//! triggers, so users can bring existing CAMEO coding dictionaries.

use std::collections::HashMap;
use std::path::Path;

use sitrep_model::Document;

use crate::knowledge::TriggerEntry;
use crate::sentence::Sent;
use crate::{ExtractKnowledge, KnowledgeError};

mod agents;
mod phrases;
mod recode;
#[cfg(test)]
mod tests_recode;

/// Prefix, among the paired-code keys, of a verb's code with a compound subject
/// (value "root:second root", the second possibly empty).
pub(crate) const COMPOUND: &str = "%";
/// Prefix, among the paired-code keys, of the position of the verb in a pattern phrase.
pub(crate) const VERB_AT: &str = "@";

/// What a loaded PETRARCH dictionary set adds beside its triggers, for [`recode`]: the second
/// code of paired codes and pattern notes, discard phrases, agent roles.
#[derive(Debug, Default)]
pub(crate) struct Dictionaries {
    pairs: recode::Pairs,
    /// (phrase, whole story?) from `*.discards.txt`.
    discards: Vec<(String, bool)>,
    agents: agents::Agents,
}

/// A discards dictionary: one phrase a line, `+` for a phrase that discards the whole story
/// (else only its sentence), `#` comments. Phrases come back lowercase, `_` as a space.
fn parse_discards(text: &str) -> Vec<(String, bool)> {
    text.lines()
        .filter_map(|raw| {
            let line = raw.split('#').next().unwrap_or("").trim();
            let (story, w) = match line.strip_prefix('+') {
                Some(w) => (true, w),
                None => (false, line),
            };
            let w = words(w);
            (!w.is_empty()).then_some((w, story))
        })
        .collect()
}

/// Code the events as PETRARCH does when a verbs dictionary is loaded; a no-op otherwise.
/// (Called from `extract` once the events are built.)
pub(crate) fn recode(doc: &mut Document, sents: &[Sent], k: &ExtractKnowledge) {
    let Some(d) = &k.petrarch else { return };
    let discards: Vec<(&str, bool)> = d.discards.iter().map(|(p, story)| (p.as_str(), *story)).collect();
    recode::discard(doc, sents, &discards);
    recode::recode(doc, sents, &d.pairs, &d.agents);
}

/// What [`load_dir`] reads: trigger entries, irregular forms, the rest of the dictionary set.
pub(crate) type Loaded = (Vec<TriggerEntry>, HashMap<String, String>, Option<Dictionaries>);

/// Trigger entries and irregular forms from every `*.verbs.txt` file in `dir`, and the rest
/// of the dictionary set (`*.discards.txt`, `*.agents.txt`) when a verbs file was found.
pub(crate) fn load_dir(dir: &Path) -> Result<Loaded, KnowledgeError> {
    let mut entries = Vec::new();
    let mut irregular = HashMap::new();
    let mut dicts = Dictionaries::default();
    let Ok(rd) = std::fs::read_dir(dir) else { return Ok((entries, irregular, None)) };
    let mut files: Vec<_> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
    files.sort();
    for p in files {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
        let discards = name.ends_with(".discards.txt");
        let agent_file = name.ends_with(".agents.txt");
        if !name.ends_with(".verbs.txt") && !discards && !agent_file {
            continue;
        }
        let text = std::fs::read(&p).map_err(|e| KnowledgeError { file: p.display().to_string(), message: e.to_string() })?;
        let text = String::from_utf8_lossy(&text);
        if agent_file {
            dicts.agents.extend(agents::parse(&text));
            continue;
        }
        if discards {
            dicts.discards.extend(parse_discards(&text));
            continue;
        }
        let (e, i, pairs) = parse_verbs_paired(&text);
        entries.extend(e);
        irregular.extend(i);
        dicts.pairs.extend(pairs);
    }
    let dicts = (!entries.is_empty()).then_some(dicts);
    // "LEFT [032]" beside "LEAVE [012]": a verb listed in an inflected form is that very word,
    // so it goes first and wins the lexicon's tie between equally long phrases.
    let inflected = |e: &TriggerEntry| {
        let first = e.verbs.first().and_then(|v| v.split(' ').next()).unwrap_or("");
        irregular.contains_key(first) || crate::knowledge::IRREGULAR.iter().any(|(f, _)| *f == first)
    };
    entries.sort_by_key(|e| !inflected(e));
    Ok((entries, irregular, dicts))
}

/// PLOVER type for a CAMEO root ("01" public statements and codes outside CAMEO have none;
/// they keep "STATEMENT").
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
        "18" | "19" | "20" => "ASSAULT",
        // a root outside CAMEO (a user's own code, "904"): an event with no PLOVER type,
        // never violence (the gate would drop it, and it must not count as an attack)
        _ => "STATEMENT",
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

/// Dictionary words as a lowercase phrase; `+` marks the inflected word of a multiword verb.
fn words(s: &str) -> String {
    s.replace('+', "").replace('_', " ").to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

fn entry(verb: String, root: String) -> TriggerEntry {
    TriggerEntry { kind: plover_of_root(&root).into(), mode: None, context: vec![], cameo: Some(root), acled: None, verbs: vec![verb], nouns: vec![] }
}

/// Synsets of a verbs dictionary: `&NAME` followed by `+MEMBER` lines up to a blank line;
/// a member may itself be a synset (`+&TIETYPES`).
fn synsets(text: &str) -> HashMap<String, Vec<String>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    let mut cur: Option<String> = None;
    for raw in text.lines() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() || line.starts_with("---") {
            cur = None;
        } else if line.starts_with('&') {
            let name = line.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
            out.entry(name.clone()).or_default();
            cur = Some(name);
        } else if let (Some(c), Some(m)) = (&cur, line.strip_prefix('+')) {
            out.entry(c.clone()).or_default().push(m.trim().to_string());
        }
    }
    out
}

/// Cap on the phrases one pattern expands to through its synsets.
const MAX_EXPANSIONS: usize = 64;

/// One pattern word sequence: (lowercase word, a gap may come before it).
type Seq = Vec<(String, bool)>;

/// Expand a pattern chunk list into word sequences. Underscores join words that must be
/// consecutive; spaces let other words come between. Actor slots (`$`, `+`, `%`, `^`) are
/// gaps; `*` is the verb; `&NAME` expands to each member of the synset.
fn expand(body: &str, verb: &str, syn: &HashMap<String, Vec<String>>, depth: usize) -> Vec<Seq> {
    let mut seqs: Vec<Seq> = vec![vec![]];
    let mut gap;
    for chunk in body.split_whitespace() {
        gap = true;
        for w in chunk.split('_') {
            let alts: Vec<Seq> = if w.is_empty() {
                continue;
            } else if w == "*" {
                vec![verb.split(' ').map(|v| (v.to_string(), false)).collect()]
            } else if let Some(name) = w.strip_prefix('&') {
                let members = syn.get(&format!("&{}", name.to_ascii_uppercase())).cloned().unwrap_or_default();
                if depth > 3 {
                    vec![]
                } else {
                    // a member continues its chunk: "NEW_&TIETYPES_RELATIONS" is consecutive
                    let mut v: Vec<Seq> = members.iter().flat_map(|m| expand(m, verb, syn, depth + 1)).collect();
                    for s in &mut v {
                        if let Some(f) = s.first_mut() {
                            f.1 = false;
                        }
                    }
                    v
                }
            } else {
                let clean: String = w.chars().filter(|c| !matches!(c, '$' | '+' | '%' | '^' | '{' | '}' | '|')).collect();
                if clean.is_empty() {
                    gap = true;
                    continue;
                }
                vec![vec![(clean.to_lowercase(), false)]]
            };
            if alts.is_empty() {
                return vec![];
            }
            let mut next = Vec::new();
            for s in &seqs {
                for a in &alts {
                    let mut n = s.clone();
                    // TreeBank splits clitics ("DID N'T"); the text keeps "didn't" whole
                    let clitic = a.len() == 1 && (a[0].0.starts_with('\'') || a[0].0 == "n't");
                    if let (true, Some(last)) = (clitic, n.last_mut()) {
                        last.0.push_str(&a[0].0);
                        next.push(n);
                        continue;
                    }
                    for (k, (word, g)) in a.iter().enumerate() {
                        n.push((word.clone(), if k == 0 { gap || *g } else { *g }));
                    }
                    next.push(n);
                    if next.len() >= MAX_EXPANSIONS {
                        break;
                    }
                }
            }
            seqs = next;
            gap = false;
        }
    }
    seqs
}

/// A lexicon phrase from a word sequence: `*` marks where other words may come between.
fn phrase(seq: &Seq) -> String {
    let mut out = String::new();
    for (i, (w, gap)) in seq.iter().enumerate() {
        if i > 0 {
            out.push_str(if *gap { " * " } else { " " });
        }
        out.push_str(w);
    }
    out
}

/// Parse a PETRARCH verbs dictionary: `--- VERB [code] ---` blocks, verb lines with
/// `{irregular forms}`, and `- words * words [code]` patterns, which apply to every verb
/// of their block (words before the `*` become part of the phrase, synsets `&X` expand).
#[cfg(test)]
pub(crate) fn parse_verbs(text: &str) -> (Vec<TriggerEntry>, HashMap<String, String>) {
    let (e, i, _) = parse_verbs_paired(text);
    (e, i)
}

/// The second root of a paired code: "032:033" -> "03".
fn second_root(code: &str) -> Option<String> {
    code.split_once(':').and_then(|(_, b)| root_of(b))
}

/// [`parse_verbs`], with the second root of every paired code keyed by its phrase.
pub(crate) fn parse_verbs_paired(text: &str) -> (Vec<TriggerEntry>, HashMap<String, String>, HashMap<String, String>) {
    let mut pairs = HashMap::new();
    let mut block_pair: Option<String> = None;
    let syn = synsets(text);
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
            block_pair = bracket(line).and_then(second_root);
            verbs.clear();
            continue;
        }
        if let Some(pat) = line.strip_prefix('-') {
            let root = bracket(pat).map_or(block_root.clone(), root_of);
            let pair = bracket(pat).map_or(block_pair.clone(), second_root);
            let Some(root) = root else { continue };
            let body = pat.split('[').next().unwrap_or("");
            if !body.contains('*') {
                continue;
            }
            // "- % * [030:030]": the verb with a compound subject ("X and Y agree")
            if body.split_whitespace().collect::<Vec<_>>() == ["%", "*"] {
                for verb in &verbs {
                    pairs.insert(format!("{COMPOUND}{verb}"), format!("{root}:{}", pair.clone().unwrap_or_default()));
                }
                continue;
            }
            for verb in &verbs {
                for seq in expand(body, verb, &syn, 0) {
                    // a bare verb adds nothing to its own verb line
                    if seq.len() > verb.split(' ').count() {
                        if let Some(p) = &pair {
                            pairs.insert(phrase(&seq), p.clone());
                        }
                        // "neither * nor * boycott": where the verb stands in the phrase, so
                        // its subject is sought before it and its object after it
                        let first = verb.split(' ').next().unwrap_or("");
                        if let Some(k) = seq.iter().position(|w| w.0 == first).filter(|&k| k > 0) {
                            pairs.insert(format!("{VERB_AT}{}", phrase(&seq)), k.to_string());
                        }
                        out.push(entry(phrase(&seq), root.clone()));
                    }
                }
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
            // "WIRE_+TAP {WIRE_+TAPPED}": each word that differs is a form of the verb's word
            let lemma: Vec<&str> = verb.split(' ').collect();
            for form in line[a + 1..b.max(a + 1)].split_whitespace() {
                let f = words(form);
                for (k, w) in f.split(' ').enumerate() {
                    if let Some(l) = lemma.get(k).filter(|l| **l != w && !w.is_empty()) {
                        irregular.insert(w.to_string(), l.to_string());
                    }
                }
            }
        }
        let root = bracket(line).and_then(root_of).or(block_root.clone());
        let pair = bracket(line).map_or(block_pair.clone(), second_root);
        if let Some(root) = root {
            if let Some(p) = pair {
                pairs.insert(verb.clone(), p);
            }
            out.push(entry(verb.clone(), root));
        }
        verbs.push(verb);
    }
    (out, irregular, pairs)
}

#[cfg(test)]
mod tests_verbs;
