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

fn kinds(text: &str, actors: &[Actor], kind: &str) -> Vec<String> {
    let k = ExtractKnowledge::load(None).unwrap();
    let mut d = doc(text, actors);
    extract(&mut d, &k);
    d.events.iter().filter(|e| e.kind == kind).filter_map(|e| e.trigger.as_ref().map(|t| t.text.clone())).collect()
}

#[test]
fn a_death_or_injury_next_to_the_trigger_is_evidence() {
    for s in [
        "A man was chased and shot dead outside a shop in Leeds on Friday.",
        "The shopkeeper was beaten to death during the night.",
        "Two brothers are in hospital with serious injuries after being attacked with a bat.",
        "She was shot twice and later died at the scene.",
        "He was shot outside the bar and is in a critical condition.",
    ] {
        assert_eq!(assaults(s, &[]).len(), 1, "{s}: {:?}", assaults(s, &[]));
    }
    // the same trigger with the outcome far away, or in sport, is still no event
    assert!(assaults("The winger shot wide in the first half, and the season is now dead.", &[]).is_empty());
    assert!(assaults("His drop shot won the point before the rain came; the rally was long and the crowd died down.", &[]).is_empty());
    // an illness as the cause, or an outcome word inside a title, is no evidence
    assert!(assaults("The singer died of a heart attack at his home last week.", &[]).is_empty());
    assert!(assaults("The comedy won best film, beating Shaun of the Dead to the prize.", &[]).is_empty());
}

#[test]
fn a_person_hurt_or_a_crime_is_evidence() {
    for s in [
        "Man chased and shot in the street",
        "A teenager was attacked on his way home from school.",
        "A delivery driver was shot in the leg on Tuesday evening.",
        "Detectives are hunting a gunman after a woman was shot.",
        "Two men were arrested after a shopkeeper was attacked.",
    ] {
        assert_eq!(assaults(s, &[]).len(), 1, "{s}: {:?}", assaults(s, &[]));
    }
    for s in [
        "The film was shot in Morocco over six weeks.",
        "The keeper was beaten at his near post in the second half.",
        "A woman was hit by a falling branch in the park.",
        "The team was shot down by a late goal.",
    ] {
        assert!(assaults(s, &[]).is_empty(), "{s}: {:?}", assaults(s, &[]));
    }
}

#[test]
fn off_topic_threats_are_no_events() {
    let a = [("Wales", "WAL", "Wales", Country, "GBR", None), ("Germany", "DEU", "Germany", Country, "DEU", None)];
    for s in [
        "The striker threatened to leave the club if his wages were not raised.",
        "Heavy rain threatens the final on Sunday.",
        "Rising inflation threatens growth, economists said.",
        "Retailers warned of higher prices next year.",
        "Chelsea's main threat came from crosses.",
        "The coach warned his players not to be complacent.",
        "Wales twice threatened further scores before half-time.",
        "Germany coach Klaus Berg has warned his goalkeeper he may have to leave his club.",
        "The injury threatens his place in the squad.",
    ] {
        assert!(kinds(s, &a, "THREATEN").is_empty(), "{s}: {:?}", kinds(s, &a, "THREATEN"));
    }
}

#[test]
fn threats_of_force_or_coercion_stay_events() {
    let a = [
        ("Pakistan", "PAK", "Pakistan", Country, "PAK", None),
        ("India", "IND", "India", Country, "IND", None),
        ("North Korea", "PRK", "North Korea", Country, "PRK", None),
        ("United States", "USA", "United States", Country, "USA", None),
        ("the rebels", "REB", "rebels", Group, "RUR", Some("REB")),
    ];
    for s in [
        // a state actor and no figurative word
        "Pakistan threatened to break off diplomatic ties with India.",
        "North Korea warned of a nuclear strike against the United States.",
        // an armed actor
        "The rebels threatened to march on the capital.",
        // a coercive complement, with no actor the gazetteer knows
        "The militia leader threatened to attack the town unless the prisoners were freed.",
        "The union threatened a general strike over the pay freeze.",
        // a conflict word
        "Residents received warnings that troops would enter the village.",
    ] {
        assert_eq!(kinds(s, &a, "THREATEN").len(), 1, "{s}: {:?}", kinds(s, &a, "THREATEN"));
    }
    // a coercive complement beats sport words: a threat made at a cricket tour
    let s = "Pakistan threatened to impose sanctions on India over the cricket tour.";
    assert_eq!(kinds(s, &a, "THREATEN").len(), 1, "{:?}", kinds(s, &a, "THREATEN"));
}

#[test]
fn weak_triggers_fall_only_to_sport_or_accidents() {
    // no evidence needed
    assert_eq!(assaults("Five people were injured on Tuesday night.", &[]).len(), 1);
    assert_eq!(assaults("Protesters stormed the parliament building on Friday.", &[]).len(), 1);
    for s in [
        "The 34-year-old stormed to the 1,500m title in Birmingham.",
        "The winger limped off injured at half time.",
        "The pair said they had been injured in a motorcycle accident.",
    ] {
        assert!(assaults(s, &[]).is_empty(), "{s}: {:?}", assaults(s, &[]));
    }
    // a conflict word overrides the sport word
    assert_eq!(assaults("Two fans were injured when a mob stormed the stadium.", &[]).len(), 1);
    // words as common in war news as in sport are no sport signal
    let s = "The Red Cross said its medical teams had treated more than 200 wounded people at a hospital in Goma.";
    assert_eq!(assaults(s, &[]).len(), 1, "{s}");
}

#[test]
fn executions_need_a_person_or_an_armed_actor() {
    assert_eq!(assaults("The group executed five members of a rival clan.", &[]).len(), 1);
    assert_eq!(assaults("Militants executed the hostages on Sunday.", &[]).len(), 1);
    assert!(assaults("The winning try was perfectly executed by the backs.", &[]).is_empty());
    assert!(assaults("The bank could not execute the order in time.", &[]).is_empty());
}

#[test]
fn sport_bans_are_no_coercion() {
    let coerce = |s: &str, a: &[Actor]| kinds(s, a, "COERCE");
    assert!(coerce("The sprinter was handed a two-year doping ban by the federation.", &[]).is_empty());
    assert!(coerce("The midfielder was banned for three matches after the tackle.", &[]).is_empty());
    let gov = [("the government", "GOV", "government", Group, "RUR", Some("GOV"))];
    assert_eq!(coerce("On Monday the government banned the main opposition party.", &gov).len(), 1);
    assert_eq!(coerce("Authorities banned all public gatherings in the capital.", &[]).len(), 1);
}
