//! The seed walkthrough, section 5: the twelve events of the North Korean troops page, each
//! with type, actors, date, fatalities, weapons, source and certainty, through the whole
//! pipeline (ingest, clean, annotate, extract). Every row is checked; the test fails listing
//! the rows that do not match.

use sitrep_model::{Document, Event, Modality};

struct Row {
    n: usize,
    kind: &'static str,
    /// actor1 country, actor2 country ("" = not checked)
    a1: &'static str,
    a2: &'static str,
    /// reciprocal: the two may come in either order
    either: bool,
    mode: Option<&'static str>,
    date: Option<&'static str>,
    fatalities: Option<f64>,
    weapons: &'static [&'static str],
    /// source entity name fragment; "" = the outlet's own voice
    source: &'static str,
    certainty: &'static str,
    modality: Modality,
}

const ROWS: &[Row] = &[
    Row { n: 1, kind: "AID", a1: "PRK", a2: "RUS", either: false, mode: Some("military"), date: None, fatalities: None, weapons: &[], source: "Kim Yong-hyun", certainty: "reported", modality: Modality::Asserted },
    Row { n: 2, kind: "ASSAULT", a1: "UKR", a2: "PRK", either: false, mode: None, date: Some("2024-W40"), fatalities: Some(6.0), weapons: &["missile"], source: "Kim Yong-hyun", certainty: "highly_likely", modality: Modality::Asserted },
    Row { n: 3, kind: "AID", a1: "PRK", a2: "RUS", either: false, mode: Some("military"), date: None, fatalities: None, weapons: &[], source: "Kim Yong-hyun", certainty: "expected", modality: Modality::Expected },
    Row { n: 4, kind: "AGREE", a1: "RUS", a2: "PRK", either: true, mode: None, date: Some("2024-06"), fatalities: None, weapons: &[], source: "", certainty: "reported", modality: Modality::Asserted },
    Row { n: 5, kind: "AID", a1: "PRK", a2: "RUS", either: false, mode: Some("military"), date: None, fatalities: None, weapons: &[], source: "South Korea", certainty: "claimed", modality: Modality::Asserted },
    Row { n: 6, kind: "MOBILIZE", a1: "PRK", a2: "", either: false, mode: None, date: None, fatalities: None, weapons: &["artillery", "cruise missile"], source: "", certainty: "reported", modality: Modality::Asserted },
    Row { n: 7, kind: "REJECT", a1: "RUS", a2: "UN", either: false, mode: Some("veto"), date: Some("2024-03"), fatalities: None, weapons: &[], source: "", certainty: "reported", modality: Modality::Asserted },
    Row { n: 8, kind: "ASSAULT", a1: "UKR", a2: "RUS", either: false, mode: Some("drone"), date: Some("2024-10-09"), fatalities: None, weapons: &["drone", "glide bomb", "ammunition"], source: "Ukrain", certainty: "claimed", modality: Modality::Asserted },
    Row { n: 9, kind: "AID", a1: "IRN", a2: "RUS", either: false, mode: Some("military"), date: None, fatalities: None, weapons: &["missile"], source: "United States", certainty: "reported", modality: Modality::Asserted },
    Row { n: 10, kind: "COOPERATE", a1: "RUS", a2: "IRN", either: true, mode: None, date: None, fatalities: None, weapons: &["Fath-360"], source: "United States", certainty: "reported", modality: Modality::Asserted },
    Row { n: 11, kind: "CONSULT", a1: "RUS", a2: "IRN", either: true, mode: None, date: Some("2024-10-11"), fatalities: None, weapons: &[], source: "", certainty: "scheduled", modality: Modality::Planned },
    Row { n: 12, kind: "SUPPORT", a1: "PRK", a2: "RUS", either: false, mode: None, date: Some("2024-10-07"), fatalities: None, weapons: &[], source: "Kim Jong Un", certainty: "claimed", modality: Modality::Asserted },
];

fn country(a: &Option<sitrep_model::ActorRef>) -> &str {
    a.as_ref().and_then(|a| a.country.as_deref()).unwrap_or("")
}

/// What is wrong with `ev` for `row` (empty = matches).
fn check(row: &Row, ev: &Event) -> Vec<String> {
    let mut bad = vec![];
    let (c1, c2) = (country(&ev.actor1), country(&ev.actor2));
    let actors_ok = (row.a1.is_empty() || c1 == row.a1) && (row.a2.is_empty() || c2 == row.a2)
        || row.either && c1 == row.a2 && c2 == row.a1;
    if !actors_ok {
        bad.push(format!("actors {c1}->{c2}"));
    }
    if let Some(m) = row.mode {
        if ev.mode.as_deref() != Some(m) {
            bad.push(format!("mode {:?}", ev.mode));
        }
    }
    if let Some(d) = row.date {
        if ev.date.as_ref().map(|d| d.value.as_str()) != Some(d) {
            bad.push(format!("date {:?}", ev.date.as_ref().map(|d| &d.value)));
        }
    }
    if let Some(f) = row.fatalities {
        if ev.fatalities.as_ref().map(|x| (x.low, x.high)) != Some((f, f)) {
            bad.push(format!("fatalities {:?}", ev.fatalities));
        }
    }
    for w in row.weapons {
        if !ev.weapons.iter().any(|x| x.eq_ignore_ascii_case(w)) {
            bad.push(format!("weapon {w} missing from {:?}", ev.weapons));
        }
    }
    let src = ev.attribution.source.as_ref().map(|s| s.name.as_str()).unwrap_or("");
    if (row.source.is_empty() && !src.is_empty()) || !src.contains(row.source) {
        bad.push(format!("source {src:?}"));
    }
    if ev.attribution.certainty.label != row.certainty {
        bad.push(format!("certainty {}", ev.attribution.certainty.label));
    }
    if ev.modality != row.modality {
        bad.push(format!("modality {:?}", ev.modality));
    }
    bad
}

fn seed_doc() -> Option<Document> {
    let shared = sitrep_testkit::shared_dir()?;
    let path = shared.join("corpus/seed/north-korean-troops-seoul-says.txt");
    let pipeline = sitrep_pipeline::Pipeline::new(&Default::default()).ok()?;
    let opts = sitrep_ingest::IngestOptions::default();
    let raw = sitrep_ingest::open(&[path], &opts).next()?.ok()?;
    pipeline.process(&raw).ok()
}

#[test]
fn seed_walkthrough_events() {
    let Some(doc) = seed_doc() else {
        eprintln!("shared data not found; skipping the seed walkthrough test");
        return;
    };
    let mut failures = vec![];
    let mut passed = vec![];
    for row in ROWS {
        // the best candidate of the row's type: fewest mismatches
        let best = doc
            .events
            .iter()
            .filter(|e| e.kind == row.kind)
            .map(|e| (check(row, e), e))
            .min_by_key(|(bad, _)| bad.len());
        match best {
            Some((bad, _)) if bad.is_empty() => passed.push(row.n),
            Some((bad, e)) => failures.push(format!("row {} {} ({}): {}", row.n, row.kind, e.id, bad.join("; "))),
            None => failures.push(format!("row {} {}: no event of that type", row.n, row.kind)),
        }
    }
    eprintln!("seed rows passing: {passed:?}");
    assert!(failures.is_empty(), "seed rows failing:\n{}", failures.join("\n"));
}

#[test]
fn seed_claims() {
    let Some(doc) = seed_doc() else { return };
    let has = |frag: &str, src: &str, modality: Modality| {
        doc.claims.iter().any(|c| {
            c.text.contains(frag)
                && c.modality == modality
                && c.attribution.source.as_ref().is_some_and(|s| s.name.contains(src))
        })
    };
    assert!(has("almost as close as a military alliance", "Kim Yong-hyun", Modality::Asserted), "{:#?}", doc.claims);
    assert!(has("could be deployed", "Kim Yong-hyun", Modality::Possible));
    assert!(doc.claims.iter().any(|c| c.text.contains("Putin would lead") && c.attribution.source.as_ref().is_some_and(|s| s.name.contains("Kim Jong Un"))));
}

#[test]
fn every_event_explains_its_fields() {
    let Some(doc) = seed_doc() else { return };
    for ev in &doc.events {
        for field in ["type:", "date:", "attribution:"] {
            assert!(ev.rules.iter().any(|r| r.starts_with(field) || r.contains(field)), "{} lacks a '{field}' rule: {:?}", ev.id, ev.rules);
        }
        assert!(doc.get(ev.evidence.span).is_some());
    }
    assert!(doc.invalid_spans().is_empty(), "{:?}", doc.invalid_spans());
}

#[test]
fn headline_source_nests_the_ministers_attribution() {
    let Some(doc) = seed_doc() else { return };
    let ev = doc
        .events
        .iter()
        .find(|e| e.attribution.source.as_ref().is_some_and(|s| s.name.contains("Kim Yong-hyun")))
        .expect("an event Kim Yong-hyun reports");
    assert_eq!(ev.attribution.via.as_ref().map(|v| v.name.as_str()), Some("Seoul"), "title {:?}", doc.title);
}
