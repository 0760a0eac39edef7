//! The role of an actor from a PETRARCH agents dictionary (`*.agents.txt`) when the agent
//! noun stands beside the coded name rather than inside its mention: "Bree Prime Minister
//! Romendacil" (BRE + GOV), "Soldiers from Gondor" (GON + MIL), "Ithilen's awful and evil
//! minister Calimehtar" (ITH + GOV). The language layer codes the mention; this adds the
//! sector PETRARCH reads off the rest of the noun phrase.
//!
//! Only role suffixes (`[~GOV]`) are read; prefix codes (`[NGO~]`) name another actor.

use std::collections::HashMap;

use super::phrases::STOP;
use crate::coord::Located;
use crate::sentence::Sent;

/// Agent phrases (lowercase words, plurals included) and their role code.
pub(crate) type Agents = HashMap<String, String>;

/// The regular English plural of the last word, as PETRARCH forms it.
fn plural(p: &str) -> String {
    if let Some(stem) = p.strip_suffix("man") {
        format!("{stem}men")
    } else if p.ends_with('y') && !p.ends_with("ay") && !p.ends_with("ey") && !p.ends_with("oy") {
        format!("{}ies", &p[..p.len() - 1])
    } else if ["s", "x", "ch", "sh", "z"].iter().any(|e| p.ends_with(e)) {
        format!("{p}es")
    } else {
        format!("{p}s")
    }
}

/// `WORDS_WITH_UNDERSCORES {PLURALS} [~CODE]` lines; `!SET!` substitutions are skipped.
pub(crate) fn parse(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for raw in text.lines() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() || line.starts_with("<!--") || line.contains('!') {
            continue;
        }
        let (Some(a), Some(b)) = (line.find('['), line.find(']')) else { continue };
        let code = line.get(a + 1..b).unwrap_or("").trim();
        let Some(code) = code.strip_prefix('~') else { continue };
        let code: String = code.chars().filter(char::is_ascii_alphanumeric).collect();
        let head = line[..a].split('{').next().unwrap_or("");
        let phrase = head.replace('_', " ").to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ");
        if phrase.is_empty() || code.is_empty() {
            continue;
        }
        let braces = line.find('{').zip(line.find('}')).map(|(x, y)| line[x + 1..y.max(x + 1)].to_string());
        let plurals: Vec<String> = match braces {
            Some(b) => b.split_whitespace().map(|w| w.replace('_', " ").to_lowercase()).collect(),
            None => vec![plural(&phrase)],
        };
        out.push((phrase, code.clone()));
        out.extend(plurals.into_iter().map(|p| (p, code.clone())));
    }
    out
}

/// The longest agent phrase starting at token `k` within `[k, end)`, with its length.
fn agent_at(s: &Sent, k: usize, end: usize, agents: &Agents) -> Option<(usize, String)> {
    (1..=4).rev().filter(|n| k + n <= end).find_map(|n| {
        let words: Vec<&str> = (k..k + n).map(|j| s.word(j).trim_end_matches("'s")).collect();
        agents.get(&words.join(" ")).map(|c| (n, c.clone()))
    })
}

/// The role code of the agent noun in the noun phrase of `ms[i]`: right after the name
/// ("Bree Prime Minister", "Ithilen's president"), after its possessive and modifiers, or
/// the head before "from / in / of" the name ("Soldiers from Gondor").
/// `verb` is the coded verb's token: the noun phrase never reaches it.
pub(crate) fn sector_near(s: &Sent, ms: &[Located], i: usize, verb: usize, agents: &Agents) -> Option<String> {
    if agents.is_empty() {
        return None;
    }
    let after = ms[i].1 + 1;
    let next_mention = ms.get(i + 1).map_or(s.toks.len(), |m| m.0);
    let bound = if verb >= after { next_mention.min(verb) } else { next_mention };
    let end = (after..bound.min(after + 6)).find(|&k| !s.toks[k].is_word || STOP.contains(&s.word(k)) || matches!(s.word(k), "and" | "or" | "nor")).unwrap_or(bound.min(after + 6));
    // the agent noun within the first words after the name ("first Deputy Prime Minister")
    for k in after..end.min(after + 3) {
        if let Some((_, c)) = agent_at(s, k, end, agents) {
            return Some(c);
        }
    }
    // possessed by the name across modifiers ("Ithilen's awful and evil minister")
    if s.word(ms[i].1).ends_with("'s") {
        let end = bound.min(after + 6);
        if let Some(c) = (after..end).find_map(|k| agent_at(s, k, end, agents).map(|x| x.1)) {
            return Some(c);
        }
    }
    // the head before "from / in / of" the name, or before the whole list it ends or
    // stands in ("The ambassadors of Arnor, Osgiliath and Gondor")
    let last = super::phrases::conjuncts(s, ms, i, true).last().copied().unwrap_or(i);
    let first = super::phrases::conjuncts(s, ms, last, false).last().copied().unwrap_or(last);
    for m in [i, first] {
        let Some(p) = ms[m].0.checked_sub(1) else { continue };
        if matches!(s.word(p), "from" | "in" | "of") {
            let start = p.saturating_sub(4);
            if let Some(c) = (start..p).find_map(|k| agent_at(s, k, p, agents).filter(|(n, _)| k + n == p).map(|x| x.1)) {
                return Some(c);
            }
        }
    }
    None
}
