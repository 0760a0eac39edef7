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
