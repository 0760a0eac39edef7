//! The conflict-evidence gate on sentences written for these tests: sport, arts and
//! business senses of violent words make no ASSAULT; the same words with an armed actor,
//! a weapon word, a victim or a country actor outside sport stay events.

use sitrep_model::EntityKind::*;

use crate::tests::doc;
use crate::{extract, ExtractKnowledge};

/// (surface, short id, name, kind, country, sector) of an actor the test document holds.
type Actor<'a> = (&'a str, &'a str, &'a str, sitrep_model::EntityKind, &'a str, Option<&'a str>);

fn assaults(text: &str, actors: &[Actor]) -> Vec<String> {
    let k = ExtractKnowledge::load(None).unwrap();
    let mut d = doc(text, actors);
    extract(&mut d, &k);
    d.events.iter().filter(|e| e.kind == "ASSAULT").filter_map(|e| e.trigger.as_ref().map(|t| t.text.clone())).collect()
}

#[test]
fn sport_and_arts_senses_are_no_assault() {
    for s in [
        "The Glasgow band beat three rivals to the best album award on Tuesday.",
        "The long-awaited sequel finally hits cinema screens next month.",
        "She won the point with a delicate drop shot.",
        "The presenter lost a long battle with cancer last year.",
        "The visitors' attack looked toothless after the break.",
        "Organisers have set a target of 3 million visitors.",
        "The producer layered hip-hop beats under the chorus.",
        "The record label will fight the ruling in court.",
        "Shares in the retailer were hit by weak sales.",
    ] {
        assert!(assaults(s, &[]).is_empty(), "{s}: {:?}", assaults(s, &[]));
    }
}

#[test]
fn a_country_actor_in_sport_is_no_assault() {
    let a = [("Scotland", "SCO", "Scotland", Country, "GBR", None), ("Norway", "NOR", "Norway", Country, "NOR", None)];
    let s = "Scotland beat Norway 3-1 in the qualifier.";
    assert!(assaults(s, &a).is_empty(), "{:?}", assaults(s, &a));
    let s = "Scotland beat Norway in the cup final.";
    assert!(assaults(s, &a).is_empty(), "{:?}", assaults(s, &a));
}

#[test]
fn conflict_evidence_keeps_the_event() {
    let a = [("Ruritania", "RUR", "Ruritania", Country, "RUR", None), ("Borduria", "BOR", "Borduria", Country, "BOR", None)];
    // a country actor with no sport word
    assert_eq!(assaults("Ruritania attacked Borduria on Monday.", &a), vec!["attacked"]);
    // conflict words: troops, gunmen, civilians
    assert_eq!(assaults("Troops hit the rebel stronghold overnight.", &[]).len(), 1);
    assert_eq!(assaults("Gunmen shot two guards at the gate.", &[]).len(), 1);
    assert_eq!(assaults("The attack on the market left civilians dead.", &[]).len(), 1);
    // an armed actor's sector
    let police = [("border police", "POL", "border police", Group, "RUR", Some("COP"))];
    assert_eq!(assaults("The border police fought smugglers near the river.", &police).len(), 1);
    // a conflict word overrides a figurative one
    assert_eq!(assaults("Soldiers attacked the stadium during the match.", &[]).len(), 1);
}

#[test]
fn unambiguous_triggers_are_not_gated() {
    assert_eq!(assaults("Three people were killed in the town on Friday.", &[]).len(), 1);
    assert_eq!(assaults("The village was shelled overnight.", &[]).len(), 1);
}

#[test]
fn a_user_file_can_add_words() {
    let dir = std::env::temp_dir().join(format!("sitrep-gate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("violence_gate.toml"), "conflict = [\"stronghold\"]\n").unwrap();
    let k = ExtractKnowledge::load(Some(&dir)).unwrap();
    let mut d = doc("The visitors attacked the stronghold.", &[]);
    extract(&mut d, &k);
    assert_eq!(d.events.iter().filter(|e| e.kind == "ASSAULT").count(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}
