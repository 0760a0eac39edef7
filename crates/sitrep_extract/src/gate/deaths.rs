//! The gate's death words and kill objects: "died" / "left 36 dead" need conflict evidence
//! (`deaths`, `death_causes`), "killed the game" is no violence (`killed_things`), and which
//! singular nouns name a person for the victim count (`persons`).

use std::collections::{HashMap, HashSet};

use sitrep_model::{Document, Mention};

use super::{all_lemmas, forms_except, DocForms, Gate};
use crate::lexicon::Match;
use crate::sentence::{mentions_in, Sent};
use crate::tokens::lemmas;

impl Gate {
    /// "killed the game", "killed off the character": an active "kill" whose object is a
    /// word of `killed_things`, in a sentence with no weapon, armed actor or conflict word.
    pub(super) fn killed_thing(&self, doc: &Document, s: &Sent, kind: &str, ms: &[Match], irregular: &HashMap<String, String>) -> Option<String> {
        let m = ms.iter().find(|m| !m.noun && m.phrase == "kill" && kind == "ASSAULT")?;
        let mut j = m.last() + 1;
        while matches!(s.word(j), "off" | "the" | "a" | "an" | "his" | "her" | "their" | "its" | "any" | "all" | "our" | "my" | "your") {
            j += 1;
        }
        let obj = s.toks.get(j).filter(|t| t.is_word)?;
        if !lemmas(&obj.lower, irregular).iter().any(|l| self.killed_things.contains(l)) {
            return None;
        }
        let armed = mentions_in(doc, s.span).iter().any(|x| x.sector.as_deref().is_some_and(|x| self.sectors.contains(x)));
        let forms = forms_except(s, std::slice::from_ref(m), irregular);
        if armed || doc.weapons.iter().any(|w| s.span.contains(w.span)) || self.conflict.find(&forms).is_some() {
            return None;
        }
        Some(format!("gate: 'kill' with the object '{}' (violence_gate.toml killed_things) and no conflict evidence", obj.lower))
    }

    /// A singular noun that names a person ("leader", "militant", "elder"): a word of
    /// `persons` or `patients`, or an agent noun ("driver", "journalist", "civilian").
    pub fn is_person(&self, w: &str) -> bool {
        self.persons.contains(w) || (w.len() > 4 && ["er", "or", "ist", "ian", "ant", "ent"].iter().any(|x| w.ends_with(x)) && !self.sectors.contains(w))
    }

    /// A death word ("died", "left 36 dead") is violence only with conflict evidence: a
    /// weapon, an armed actor or a conflict word in its sentence, or a death count in the
    /// sentence of a document that shows such evidence elsewhere ("179 died yesterday" in a
    /// war report) or names no cause of death at all ("222 died yesterday" alone); never
    /// when the sentence names an illness, an accident or a disaster.
    pub(super) fn suppress_death(&self, doc: &Document, s: &Sent, ms: &[Match], irregular: &HashMap<String, String>, cache: &DocForms) -> Option<String> {
        let trig_text = ms.iter().map(|m| m.phrase.as_str()).collect::<Vec<_>>().join("' + '");
        // the bare form reports no death: an intent, a future or a habit ("sending troops to
        // fight and die", "will die", "people die every day")
        if ms.iter().all(|m| s.word(m.first()) == "die") {
            return Some(format!("gate: death word '{trig_text}' in its bare form (to die, will die): no death reported"));
        }
        let lem = all_lemmas(s, irregular);
        if let Some(n) = self.death_causes.find(&lem) {
            return Some(format!("gate: death word '{trig_text}' with '{n}' (violence_gate.toml natural, death_causes)"));
        }
        let armed = |m: &&Mention| m.sector.as_deref().is_some_and(|x| self.sectors.contains(x));
        if doc.weapons.iter().any(|w| s.span.contains(w.span)) || mentions_in(doc, s.span).iter().any(armed) {
            return None;
        }
        let trig: HashSet<usize> = ms.iter().flat_map(|m| m.toks.iter().copied()).collect();
        let forms: Vec<Vec<String>> = lem.iter().enumerate().map(|(i, f)| if trig.contains(&i) { vec![] } else { f.clone() }).collect();
        if self.conflict.find(&forms).is_some() {
            return None;
        }
        let counted = doc.quantities.iter().any(|q| s.span.contains(q.span) && q.casualty.is_some());
        if counted {
            let text_lem = cache.lemmas(doc, irregular);
            let elsewhere = doc.weapons.iter().any(|w| !s.span.contains(w.span)) || doc.mentions.iter().filter(|m| !s.span.contains(m.span)).any(|m| armed(&m));
            // "222 died yesterday", "138 died yesterday" alone: a death toll whose document
            // names no illness, accident or disaster anywhere reports deaths by violence
            // (a toll of a crash or an outbreak names it: "three died when the bus overturned")
            if elsewhere || self.conflict.find(text_lem).is_some() || self.death_causes.find(text_lem).is_none() {
                return None;
            }
        }
        Some(format!("gate: death word '{trig_text}' with no conflict evidence in its sentence{}", if counted { " or document" } else { "" }))
    }
}
