//! Deaths and events from conflict headlines through the whole language layer and extract
//! (issue 4): Title Case headlines, quoted verbs, "murdered"/"died" triggers, casualty counts
//! reaching their event, singular victims counting one, vague counts, and combined
//! "killed and wounded" counts that are not deaths. Sentences written for these tests.

use sitrep_model::{Document, Event};
use sitrep_pipeline::{Pipeline, PipelineConfig};

fn pipeline() -> Pipeline {
    Pipeline::new(&PipelineConfig::default()).expect("pipeline")
}

fn run(p: &Pipeline, text: &str) -> Document {
    let mut doc = Document::new("t", "t", text.to_string());
    doc.published = Some("2020-05-01".into());
    p.annotate_and_extract(&mut doc);
    doc
}

fn assaults(d: &Document) -> Vec<&Event> {
    d.events.iter().filter(|e| e.kind == "ASSAULT").collect()
}

/// (low, high) of the largest fatality count of any event.
fn deaths(d: &Document) -> Option<(f64, f64)> {
    d.events.iter().filter_map(|e| e.fatalities.as_ref()).map(|f| (f.low, f.high)).max_by(|a, b| a.1.total_cmp(&b.1))
}

fn injuries(d: &Document) -> Option<(f64, f64)> {
    d.events.iter().filter_map(|e| e.injuries.as_ref()).map(|f| (f.low, f.high)).max_by(|a, b| a.1.total_cmp(&b.1))
}

fn show(d: &Document) -> String {
    d.events.iter().map(|e| format!("{}:{}:{:?}:{:?}", e.kind, e.trigger.as_ref().map_or("", |t| t.text.as_str()), e.fatalities.as_ref().map(|f| (f.low, f.high)), e.injuries.as_ref().map(|f| (f.low, f.high)))).collect::<Vec<_>>().join(" | ")
}

/// Prints what each line of the file in SITREP_PROBE gives (`cargo test -- --ignored probe --nocapture`).
#[test]
#[ignore]
fn probe() {
    let Some(path) = std::env::var_os("SITREP_PROBE") else { return };
    let p = pipeline();
    for line in std::fs::read_to_string(path).unwrap_or_default().lines().filter(|l| !l.trim().is_empty()) {
        let d = run(&p, &line.replace(" || ", "\n\n"));
        let cas: Vec<String> = d.quantities.iter().filter_map(|q| q.casualty.as_ref().map(|c| format!("{}/{c}:{:?}-{:?}", q.text, q.low, q.high))).collect();
        println!("## {line}\n    {}\n    cas {cas:?}", show(&d));
        if std::env::var_os("SITREP_PROBE_ALL").is_some() {
            let ms: Vec<String> = d.mentions.iter().map(|m| format!("{}={}", m.text, m.entity)).collect();
            println!("    mentions {ms:?}\n    weapons {:?}\n    claims {:?}", d.weapons.iter().map(|w| &w.name).collect::<Vec<_>>(), d.claims.iter().map(|c| &c.text).collect::<Vec<_>>());
            for e in &d.events { println!("    rules {:?}", e.rules); }
        }
    }
}

/// Prints the ASSAULT events of sport and entertainment stories in the JSONL file in
/// SITREP_PROBE_BBC (the off-topic set), one line each.
#[test]
#[ignore]
fn probe_offtopic() {
    let Some(path) = std::env::var_os("SITREP_PROBE_BBC") else { return };
    let p = pipeline();
    for line in std::fs::read_to_string(path).unwrap_or_default().lines() {
        let Ok(r) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        let cat = r["gold_category"].as_str().unwrap_or("");
        if cat != "sport" && cat != "entertainment" {
            continue;
        }
        let text = format!("{}\n\n{}", r["title"].as_str().unwrap_or(""), r["body"].as_str().unwrap_or(""));
        let d = run(&p, &text);
        for e in d.events.iter().filter(|e| e.kind == "ASSAULT") {
            println!("{}\t{}\t{}", r["id"].as_str().unwrap_or(""), e.trigger.as_ref().map_or("", |t| t.text.as_str()), e.evidence.text.replace('\n', " "));
        }
    }
}

#[test]
fn title_case_headlines_find_their_verbs() {
    let p = pipeline();
    let d = run(&p, "Four Rebel Fighters Kill Two Villagers During Raid In Northern Province");
    assert!(!assaults(&d).is_empty(), "{}", show(&d));
    assert_eq!(deaths(&d), Some((2.0, 2.0)), "{}", show(&d));
    let d = run(&p, "Twelve Insurgents Were Killed In Mountain Clashes");
    assert_eq!(deaths(&d), Some((12.0, 12.0)), "{}", show(&d));
    // a participle before a noun is an adjective, not an arming: no AID event
    let d = run(&p, "Armed Gunmen Killed In Border Village Shootout");
    assert!(d.events.iter().all(|e| e.kind != "AID"), "{}", show(&d));
    assert!(!assaults(&d).is_empty(), "{}", show(&d));
    // in an ordinary sentence a capitalised mid-sentence word is still a name
    let d = run(&p, "The band played Kill Your Darlings at the festival on Friday.");
    assert!(assaults(&d).is_empty(), "{}", show(&d));
}

#[test]
fn quoted_headline_verbs_make_events() {
    let p = pipeline();
    let d = run(&p, "Police 'kill wanted robbery suspect' in the capital");
    assert_eq!(assaults(&d).len(), 1, "{}", show(&d));
    assert_eq!(deaths(&d), Some((1.0, 1.0)), "{}", show(&d));
    let d = run(&p, "Militia kill \"dozens\" in attack on remote village");
    assert_eq!(deaths(&d), Some((24.0, 99.0)), "{}", show(&d));
}

#[test]
fn murdered_and_died_are_triggers_with_conflict_evidence() {
    let p = pipeline();
    let d = run(&p, "3 farmers murdered on Sunday night by gunmen");
    assert_eq!(deaths(&d), Some((3.0, 3.0)), "{}", show(&d));
    let d = run(&p, "Rebel shelling continued.\n\n45 died on Monday, including 12 soldiers of the army");
    assert_eq!(deaths(&d), Some((45.0, 45.0)), "{}", show(&d));
    // natural deaths, accidents, obituaries: no event
    for s in [
        "Her grandfather died peacefully in his sleep at the age of 94.",
        "Seven people died in the crash on the motorway on Sunday.",
        "The actor, who died of cancer last year, is remembered in a new film.",
        "Two climbers died in an avalanche near the summit.",
        "Obituary: the novelist who died on Tuesday wrote twenty books.",
    ] {
        let d = run(&p, s);
        assert!(assaults(&d).is_empty(), "{s}: {}", show(&d));
    }
    // the bare form reports no death, even among troops: an intent, a future
    for s in ["North Korea is sending troops to fight and die in Ukraine alongside Russian soldiers.", "Soldiers will die if the convoy is not stopped, the general warned."] {
        let d = run(&p, s);
        assert!(assaults(&d).iter().all(|e| e.trigger.as_ref().is_none_or(|t| !t.text.to_lowercase().contains("die"))), "{s}: {}", show(&d));
    }
    // a death toll in a document naming no cause of death is a toll of violence ("222 died
    // yesterday" heads a war report); one naming an accident or a disaster is none
    let d = run(&p, "14 died yesterday");
    assert_eq!(deaths(&d), Some((14.0, 14.0)), "{}", show(&d));
    for s in ["14 died yesterday.\n\nThe bus overturned on a mountain road.", "Three died when floods swept the valley."] {
        let d = run(&p, s);
        assert!(assaults(&d).is_empty(), "{s}: {}", show(&d));
    }
    // the trial of a murder is no new violence without evidence; a sport "kill" counts nobody
    let d = run(&p, "The actor has denied murder and will face trial next year.");
    assert!(assaults(&d).is_empty(), "{}", show(&d));
    for s in ["The striker killed the game with a late goal.", "Producers killed off the character in the final episode.", "Senators killed the bill on Tuesday.", "A light frost will not kill the plant, but the leaves will fall off."] {
        let d = run(&p, s);
        assert!(assaults(&d).is_empty(), "{s}: {}", show(&d));
    }
    // the same object with conflict evidence stays violence
    let d = run(&p, "Gunmen killed the match referee and two players outside the stadium.");
    assert!(!assaults(&d).is_empty(), "{}", show(&d));
}

#[test]
fn a_count_cut_off_by_a_reporting_cue_reaches_its_event() {
    let p = pipeline();
    let d = run(&p, "Army besieges rebel town\n\ndozens reported killed");
    assert_eq!(deaths(&d), Some((24.0, 99.0)), "{}", show(&d));
}

#[test]
fn a_singular_victim_counts_one() {
    let p = pipeline();
    for s in ["Prominent local youth leader killed in the capital", "Village Elder Shot Dead In The North", "Gunmen gun down tribal chief near the market"] {
        let d = run(&p, s);
        assert_eq!(deaths(&d), Some((1.0, 1.0)), "{s}: {}", show(&d));
    }
    let d = run(&p, "Woman chased and shot near the bus station");
    assert_eq!(injuries(&d), Some((1.0, 1.0)), "{}", show(&d));
    assert_eq!(deaths(&d), None, "{}", show(&d));
    // a plural without a number stays unknown
    let d = run(&p, "Youth killed in clashes with police");
    assert_eq!(deaths(&d), None, "{}", show(&d));
}

#[test]
fn vague_and_bounded_counts() {
    let p = pipeline();
    let d = run(&p, "Several soldiers were killed in an ambush by the rebels");
    assert_eq!(deaths(&d), Some((3.0, 9.0)), "{}", show(&d));
    let d = run(&p, "More than 80 civilians were killed in the shelling");
    let f = d.events.iter().find_map(|e| e.fatalities.clone()).expect("fatalities");
    assert_eq!((f.low, f.high), (81.0, 81.0));
    assert_eq!(f.text.as_deref(), Some("More than 80"));
    let e = d.events.iter().find(|e| e.fatalities.is_some()).expect("event");
    assert!(e.rules.iter().any(|r| r.contains("lower bound")), "{:?}", e.rules);
}

#[test]
fn killed_and_wounded_together_are_not_deaths() {
    let p = pipeline();
    for s in [
        "More than 30 killed and wounded in shelling of the city",
        "Twenty soldiers killed or wounded in a new attack in the desert",
        "Air strikes kill and wound more than 50 fighters near the border",
    ] {
        let d = run(&p, s);
        assert!(!assaults(&d).is_empty(), "{s}: {}", show(&d));
        assert_eq!(deaths(&d), None, "{s}: {}", show(&d));
    }
    // separate counts stay separate
    let d = run(&p, "At least 30 soldiers killed, 12 injured in the rebel attack");
    assert_eq!(deaths(&d), Some((30.0, 30.0)), "{}", show(&d));
    assert_eq!(injuries(&d), Some((12.0, 12.0)), "{}", show(&d));
}

#[test]
fn killed_and_wounded_counts_stay_apart() {
    let p = pipeline();
    let d = run(&p, "A car bomb killed at least 5 people and wounded more than 20 in Baghdad on Monday.");
    assert_eq!((deaths(&d), injuries(&d)), (Some((5.0, 5.0)), Some((21.0, 21.0))), "{}", show(&d));
    let d = run(&p, "Shelling kills one, injures five in Donetsk");
    assert_eq!((deaths(&d), injuries(&d)), (Some((1.0, 1.0)), Some((5.0, 5.0))), "{}", show(&d));
    // a part "among" the whole: the whole
    let d = run(&p, "18 civilians among 25 dead in Idlib airstrikes");
    assert_eq!(deaths(&d), Some((25.0, 25.0)), "{}", show(&d));
    // a count among other victims counts them all
    let d = run(&p, "Policeman, two militants killed in encounter");
    assert_eq!(deaths(&d), Some((3.0, 3.0)), "{}", show(&d));
}

#[test]
fn a_count_in_the_lead_reaches_the_headline_event() {
    let p = pipeline();
    let d = run(&p, "Taliban attack checkpoint in Kunduz\n\nThe death toll rose to 9, officials said.");
    assert_eq!(assaults(&d).len(), 1, "{}", show(&d));
    assert_eq!(deaths(&d), Some((9.0, 9.0)), "{}", show(&d));
    // not past a sentence with an event of its own, nor from a later paragraph
    let d = run(&p, "Taliban attack checkpoint in Kunduz\n\nPolice arrested a suspect.\n\nThe toll rose to 9.");
    assert_eq!(deaths(&d), None, "{}", show(&d));
}
