//! Weapons: named systems (case-sensitive: "Fath-360", "HIMARS", "Storm Shadow") and classes
//! (case-insensitive: "glide bombs", "cruise missiles", "artillery") from `knowledge/weapons.tsv`,
//! each with a canonical name and class. Longest match wins ("cruise missiles" over "missiles").

use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use sitrep_model::{Document, Span, Weapon};

use crate::text::{self, Hit};
use crate::{kfile, KnowledgeError};

const WEAPONS: &str = include_str!("../../../../knowledge/weapons.tsv");

struct Entry {
    name: String,
    class: String,
}

pub(crate) struct WeaponKnowledge {
    named: AhoCorasick,
    named_entries: Vec<usize>,
    classes: AhoCorasick,
    class_entries: Vec<usize>,
    entries: Vec<Entry>,
}

fn build(p: &[String], ci: bool) -> Result<AhoCorasick, KnowledgeError> {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(ci)
        .build(p)
        .map_err(|e| kfile::bad("weapons.tsv", e.to_string()))
}

impl WeaponKnowledge {
    pub(crate) fn load(dir: Option<&Path>) -> Result<Self, KnowledgeError> {
        let text = kfile::read(dir, "weapons.tsv", WEAPONS)?;
        let (mut named_p, mut named_e, mut class_p, mut class_e) = (vec![], vec![], vec![], vec![]);
        let mut entries = Vec::new();
        for r in kfile::rows(&text) {
            let (Some(surfaces), Some(name), Some(class)) = (r.first(), r.get(1), r.get(2)) else { continue };
            entries.push(Entry { name: name.to_string(), class: class.to_string() });
            for s in kfile::list(surfaces) {
                // A surface with a capital or a digit names a system: match it exactly.
                let exact = s.chars().any(|c| c.is_uppercase() || c.is_ascii_digit());
                let (p, e) = if exact { (&mut named_p, &mut named_e) } else { (&mut class_p, &mut class_e) };
                // Later rows override earlier ones with the same surface.
                if let Some(i) = p.iter().position(|x: &String| x == s) {
                    e[i] = entries.len() - 1;
                } else {
                    p.push(s.to_string());
                    e.push(entries.len() - 1);
                }
            }
        }
        Ok(WeaponKnowledge {
            named: build(&named_p, false)?,
            named_entries: named_e,
            classes: build(&class_p, true)?,
            class_entries: class_e,
            entries,
        })
    }
}

pub(crate) fn annotate(doc: &mut Document, k: &WeaponKnowledge) {
    let t = doc.text.as_str();
    let mut hits: Vec<(Hit, usize)> = text::longest_hits(&k.named, t).into_iter().map(|h| (h, k.named_entries[h.pattern])).collect();
    hits.extend(text::longest_hits(&k.classes, t).into_iter().map(|h| (h, k.class_entries[h.pattern])));
    hits.sort_by_key(|(h, _)| (h.start, std::cmp::Reverse(h.end)));
    let mut last_end = 0;
    let mut out = Vec::new();
    for (h, e) in hits {
        if h.start < last_end {
            continue;
        }
        last_end = h.end;
        let entry = &k.entries[e];
        out.push(Weapon {
            span: Span::new(h.start, h.end),
            text: t[h.start..h.end].to_string(),
            name: entry.name.clone(),
            class: entry.class.clone(),
            rule: Some(format!("weapons.tsv:{}", entry.name)),
        });
    }
    doc.weapons = out;
}
