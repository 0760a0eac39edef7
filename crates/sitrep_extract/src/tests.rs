//! Unit tests on documents built by hand (no language layer): attribution, certainty,
//! modality, roles and claims.

use sitrep_model::{Document, Entity, EntityKind, Mention, Modality, Quantity, Span, Time};

use crate::{extract, ExtractKnowledge};

/// A document with mentions: each (surface, entity id, name, kind, country, sector); every
/// occurrence of the surface string becomes a mention.
/// (surface, entity id, name, kind, country, sector)
type Actor<'a> = (&'a str, &'a str, &'a str, EntityKind, &'a str, Option<&'a str>);

pub(crate) fn doc(text: &str, actors: &[Actor]) -> Document {
    let mut d = Document::new("t", "test", text.to_string());
    d.published = Some("2024-10-09".into());
    for (surface, id, name, kind, country, sector) in actors {
        let spans: Vec<Span> = text.match_indices(surface).map(|(i, m)| Span::new(i, i + m.len())).collect();
        // skip occurrences inside a longer surface already added
        for sp in spans {
            if d.mentions.iter().any(|m| m.span.overlaps(sp)) {
                continue;
            }
            d.mentions.push(Mention { span: sp, text: surface.to_string(), entity: id.to_string(), country: Some(country.to_string()), sector: sector.map(String::from), rule: "test".into() });
        }
        if !d.entities.iter().any(|e| e.id == *id) {
            d.entities.push(Entity { id: id.to_string(), name: name.to_string(), kind: *kind, country: Some(country.to_string()), sector: sector.map(String::from), role: None, mentions: vec![], rule: None });
        }
    }
    d.mentions.sort_by_key(|m| m.span);
    d
}

fn run(mut d: Document) -> Document {
    let k = ExtractKnowledge::load(None).unwrap();
    extract(&mut d, &k);
    d
}

use EntityKind::*;

#[test]
fn according_to_names_the_source_and_keeps_content() {
    let d = run(doc(
        "North Korea is now sending troops to fight in Ukraine alongside Russian soldiers, according to Seoul's defense minister, Kim Yong-hyun.",
        &[("North Korea", "e1", "North Korea", Country, "PRK", None), ("Ukraine", "e2", "Ukraine", Country, "UKR", None), ("Russian soldiers", "e3", "Russia", Country, "RUS", Some("MIL")), ("Seoul", "e4", "South Korea", Country, "KOR", Some("GOV")), ("Kim Yong-hyun", "e5", "Kim Yong-hyun", Person, "KOR", Some("GOV"))],
    ));
    assert_eq!(d.events.len(), 1, "{:#?}", d.events);
    let e = &d.events[0];
    assert_eq!(e.kind, "AID");
    assert_eq!(e.mode.as_deref(), Some("military"));
    assert_eq!(e.actor1.as_ref().unwrap().country.as_deref(), Some("PRK"));
    assert_eq!(e.actor2.as_ref().unwrap().country.as_deref(), Some("RUS"));
    let src = e.attribution.source.as_ref().unwrap();
    assert_eq!(src.entity.as_deref(), Some("e5"));
    assert_eq!(e.attribution.cue.as_ref().unwrap().text, "according to");
    assert_eq!(e.attribution.certainty.label, "reported");
    assert!(d.text[e.attribution.content.unwrap().start..].starts_with("North Korea is now"));
}

#[test]
fn hedge_gives_highly_likely_and_passive_roles() {
    let d = run(doc(
        "Kim told South Korean politicians on Tuesday it was “highly likely” six North Korean officers were killed in a Ukrainian missile strike on Donetsk last week.",
        &[("Kim", "e5", "Kim Yong-hyun", Person, "KOR", Some("GOV")), ("South Korean politicians", "e4", "South Korea", Country, "KOR", Some("LEG")), ("North Korean officers", "e1", "North Korea", Country, "PRK", Some("MIL")), ("Ukrainian", "e2", "Ukraine", Country, "UKR", None)],
    ));
    let e = d.events.iter().find(|e| e.kind == "ASSAULT").expect("assault");
    assert_eq!(e.actor1.as_ref().unwrap().country.as_deref(), Some("UKR"), "{:#?}", e.rules);
    assert_eq!(e.actor2.as_ref().unwrap().sector.as_deref(), Some("MIL"));
    assert_eq!(e.attribution.certainty.label, "highly_likely");
    assert!((e.attribution.certainty.low - 0.80).abs() < 1e-9);
    assert_eq!(e.attribution.source.as_ref().unwrap().name, "Kim Yong-hyun");
    assert_eq!(d.events.iter().filter(|e| e.kind == "ASSAULT").count(), 1, "killed + missile strike are one event");
}

#[test]
fn quote_then_pronoun_then_continuation() {
    let t = "“Relations are almost as close as an alliance,” Kim said. “The relations are evolving,” he said. “As such, more troops could be deployed in the war.”";
    let d = run(doc(t, &[("Kim", "e5", "Kim Yong-hyun", Person, "KOR", Some("GOV"))]));
    assert_eq!(d.claims.len(), 3, "{:#?} {:#?}", d.claims, d.events);
    for c in &d.claims {
        assert!(c.attribution.quote);
        assert_eq!(c.attribution.source.as_ref().unwrap().entity.as_deref(), Some("e5"));
    }
    assert_eq!(d.claims[0].text, "Relations are almost as close as an alliance");
    assert_eq!(d.claims[2].modality, Modality::Possible);
    assert!(d.events.is_empty(), "a voiced possibility is a claim: {:#?}", d.events);
}

#[test]
fn claims_cue_marks_interested_party() {
    let d = run(doc(
        "South Korea claims that Pyongyang has become a major supplier of weapons for Russia in the war.",
        &[("South Korea", "e4", "South Korea", Country, "KOR", None), ("Pyongyang", "e1", "North Korea", Country, "PRK", Some("GOV")), ("Russia", "e3", "Russia", Country, "RUS", None)],
    ));
    let e = &d.events[0];
    assert_eq!(e.kind, "AID");
    assert_eq!(e.attribution.certainty.label, "claimed");
    assert_eq!(e.actor1.as_ref().unwrap().entity.as_deref(), Some("e1"));
    assert_eq!(e.actor2.as_ref().unwrap().entity.as_deref(), Some("e3"));
}

#[test]
fn party_to_the_event_is_claimed_and_trailing_attribution() {
    let d = run(doc(
        "A Ukrainian drone struck a key arms depot inside Russia, the Ukrainian military said Wednesday.",
        &[("Ukrainian military", "e2", "Ukraine", Country, "UKR", Some("MIL")), ("Ukrainian", "e2", "Ukraine", Country, "UKR", None), ("Russia", "e3", "Russia", Country, "RUS", None)],
    ));
    let e = &d.events[0];
    assert_eq!(e.kind, "ASSAULT");
    assert_eq!(e.actor1.as_ref().unwrap().country.as_deref(), Some("UKR"));
    assert_eq!(e.actor2.as_ref().unwrap().country.as_deref(), Some("RUS"));
    assert_eq!(e.attribution.cue.as_ref().unwrap().text, "said");
    assert_eq!(e.attribution.certainty.label, "claimed");
    assert!(e.rules.iter().any(|r| r.starts_with("type: trigger 'struck'")));
}

#[test]
fn modality_future_expected_negated() {
    let mut d = doc(
        "On Friday, Putin will meet with Iranian President Masoud Pezeshkian. They expect Pyongyang to send more soldiers to Russia. Iran did not attack Israel.",
        &[("Putin", "p", "Vladimir Putin", Person, "RUS", Some("GOV")), ("Iranian President Masoud Pezeshkian", "z", "Masoud Pezeshkian", Person, "IRN", Some("GOV")), ("Pyongyang", "k", "North Korea", Country, "PRK", Some("GOV")), ("Russia", "r", "Russia", Country, "RUS", None), ("Iran", "i", "Iran", Country, "IRN", None), ("Israel", "s", "Israel", Country, "ISR", None)],
    );
    d.times.push(Time { span: Span::new(3, 9), text: "Friday".into(), value: "2024-10-11".into(), precision: "day".into(), timex_type: "DATE".into(), range: None, rule: None });
    let d = run(d);
    let meet = d.events.iter().find(|e| e.kind == "CONSULT").unwrap();
    assert_eq!(meet.modality, Modality::Planned);
    assert_eq!(meet.date.as_ref().unwrap().value, "2024-10-11");
    assert_eq!(meet.attribution.certainty.label, "scheduled");
    let send = d.events.iter().find(|e| e.kind == "AID").unwrap();
    assert_eq!(send.modality, Modality::Expected);
    assert!(send.date.as_ref().unwrap().unresolved);
    let atk = d.events.iter().find(|e| e.kind == "ASSAULT").unwrap();
    assert_eq!(atk.modality, Modality::Negated);
}

#[test]
fn reciprocal_subjects_and_nominal_pact() {
    let d = run(doc(
        "Russia and North Korea signed a defense pact in June.",
        &[("Russia", "r", "Russia", Country, "RUS", None), ("North Korea", "k", "North Korea", Country, "PRK", None)],
    ));
    assert_eq!(d.events.len(), 1, "{:#?}", d.events);
    let e = &d.events[0];
    assert_eq!((e.kind.as_str(), e.mode.as_deref()), ("AGREE", Some("pact")));
    let pair = [e.actor1.as_ref().unwrap().country.clone().unwrap(), e.actor2.as_ref().unwrap().country.clone().unwrap()];
    assert_eq!(pair, ["RUS".to_string(), "PRK".to_string()]);
    assert_eq!(e.cameo.as_deref(), Some("05"));
    assert_eq!(e.acled.as_ref().unwrap().sub_event_type.as_deref(), Some("Agreement"));
}

#[test]
fn fatalities_from_casualty_quantities() {
    let mut d = doc("Shelling killed six civilians in Kharkiv.", &[]);
    d.quantities.push(Quantity { span: Span::new(16, 19), text: "six".into(), value: Some(6.0), low: None, high: None, unit: None, approx: false, converted: None, casualty: Some("killed".into()), counted: Some("civilians".into()), rule: None });
    let d = run(d);
    let e = &d.events[0];
    assert_eq!(e.kind, "ASSAULT");
    let f = e.fatalities.as_ref().unwrap();
    assert_eq!((f.low, f.high), (6.0, 6.0));
    assert_eq!(e.attribution.source, None, "outlet's own voice");
}

#[test]
fn user_knowledge_extends_triggers_and_hedges() {
    let dir = std::env::temp_dir().join(format!("sitrep-extract-k-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("triggers.toml"), "[[trigger]]\ntype = \"PROTEST\"\nverbs = [\"kvetch\"]\n").unwrap();
    std::fs::write(dir.join("hedges.toml"), "[[band]]\nlabel = \"likely\"\nlow = 0.6\nhigh = 0.7\nphrases = [\"plausibly\"]\n").unwrap();
    let k = ExtractKnowledge::load(Some(&dir)).unwrap();
    let mut d = doc("Farmers kvetched in Paris, police said. Farmers plausibly marched, police said.", &[]);
    extract(&mut d, &k);
    assert_eq!(d.events[0].kind, "PROTEST");
    assert_eq!(d.events[1].attribution.certainty.label, "likely");
    assert!((d.events[1].attribution.certainty.high - 0.7).abs() < 1e-9);
    let _ = std::fs::remove_dir_all(&dir);
}

fn a1(e: &sitrep_model::Event) -> &str {
    e.actor1.as_ref().and_then(|a| a.country.as_deref()).unwrap_or("-")
}

fn a2(e: &sitrep_model::Event) -> &str {
    e.actor2.as_ref().and_then(|a| a.country.as_deref()).unwrap_or("-")
}

#[test]
fn coordinated_recipients_keep_actor2_first() {
    let d = run(doc(
        "Pakistan threatened to break off relations with Congo and Costa Rica over their ties with Israel.",
        &[("Pakistan", "e1", "Pakistan", Country, "PAK", None), ("Congo", "e2", "Congo", Country, "COG", None), ("Costa Rica", "e3", "Costa Rica", Country, "CRI", None), ("Israel", "e4", "Israel", Country, "ISR", None)],
    ));
    let e = &d.events[0];
    assert_eq!((a1(e), a2(e)), ("PAK", "COG"));
    let r: Vec<&str> = e.recipients.iter().filter_map(|a| a.country.as_deref()).collect();
    assert_eq!(r, ["COG", "CRI"], "{:?}", e.rules);
}

#[test]
fn apposition_and_participle_do_not_steal_the_actor() {
    let d = run(doc(
        "Pakistan, a key U.S. ally in the war, has refused to deploy peacekeepers in Iraq.",
        &[("Pakistan", "e1", "Pakistan", Country, "PAK", None), ("U.S.", "e2", "United States", Country, "USA", None), ("Iraq", "e3", "Iraq", Country, "IRQ", None)],
    ));
    assert_eq!(a1(&d.events[0]), "PAK", "{:?}", d.events[0].rules);
    let d = run(doc(
        "Russia launched missiles at Kyiv on Monday, killing 12 Ukrainian civilians.",
        &[("Russia", "e1", "Russia", Country, "RUS", None), ("Ukrainian civilians", "e2", "Ukraine", Country, "UKR", Some("CVL"))],
    ));
    let e = d.events.iter().find(|e| e.kind == "ASSAULT").expect("assault");
    assert_eq!((a1(e), a2(e)), ("RUS", "UKR"), "{:?}", e.rules);
}

#[test]
fn reported_obligation_is_a_demand_by_the_source() {
    let d = run(doc(
        "Russia said on Tuesday that Sudan must return a helicopter captured last week.",
        &[("Russia", "e1", "Russia", Country, "RUS", None), ("Sudan", "e2", "Sudan", Country, "SDN", None)],
    ));
    let e = &d.events[0];
    assert_eq!(e.kind, "REQUEST", "{:?}", e.rules);
    assert_eq!((a1(e), a2(e)), ("RUS", "SDN"));
}

#[test]
fn implicit_victim_count_fills_fatalities() {
    let d = run(doc("Gunmen kill doctor, his associate in east Afghanistan.", &[]));
    let e = d.events.iter().find(|e| e.kind == "ASSAULT").expect("assault");
    assert_eq!(e.fatalities.as_ref().map(|f| f.low), Some(2.0), "{:?}", e.rules);
}
