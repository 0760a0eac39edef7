//! Off-topic violence: violent-type events per 1,000 sentences in BBC News sport and
//! entertainment articles (../shared/data/bbc-news), where armed conflict is almost absent.
//! A proxy for false positives from figurative and sports language ("beat X to the award",
//! "Nadal's drop shot", "the United attack"), not a precision: a few of these events are
//! real (a stabbing outside a club, a film about the Mumbai bombings). Lower is better.
//! Politics articles are reported beside them for contrast, and the machine-labelled
//! ngec-synthetic stories (a sibling folder) as a smoke figure in `details` only.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde_json::Value;

use crate::plover::common;
use crate::{EvalOptions, Report};

const TYPES: [&str; 4] = ["ASSAULT", "COERCE", "THREATEN", "MOBILIZE"];

/// Sentences and violent-type event counts of a group of documents.
#[derive(Default, Clone)]
struct Tally {
    docs: usize,
    sentences: usize,
    events: [usize; 4],
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.docs += o.docs;
        self.sentences += o.sentences;
        for (a, b) in self.events.iter_mut().zip(o.events) {
            *a += b;
        }
    }
    fn per_1k(&self, i: usize) -> f64 {
        if self.sentences == 0 {
            0.0
        } else {
            1000.0 * self.events[i] as f64 / self.sentences as f64
        }
    }
    fn json(&self) -> Value {
        let mut m = serde_json::Map::new();
        m.insert("docs".into(), self.docs.into());
        m.insert("sentences".into(), self.sentences.into());
        for (i, t) in TYPES.iter().enumerate() {
            m.insert(t.to_lowercase(), self.events[i].into());
            m.insert(format!("{}_per_1k", t.to_lowercase()), ((self.per_1k(i) * 100.0).round() / 100.0).into());
        }
        Value::Object(m)
    }
}

fn tally(p: &sitrep_pipeline::Pipeline, id: &str, text: &str) -> Tally {
    let doc = common::run_text(p, id, text, None);
    let mut t = Tally { docs: 1, sentences: doc.sentences.len(), ..Default::default() };
    for e in &doc.events {
        if let Some(i) = TYPES.iter().position(|x| *x == e.kind) {
            t.events[i] += 1;
        }
    }
    t
}

pub fn run(opts: &EvalOptions) -> anyhow::Result<Report> {
    let p = common::pipeline(opts)?;
    let recs = common::read_jsonl(&opts.data.join("bbc_news.jsonl"), opts.limit)?;
    let per: Vec<(String, Tally)> = recs
        .par_iter()
        .map(|r| {
            let cat = r["gold_category"].as_str().unwrap_or("?").to_string();
            let title = r["title"].as_str().unwrap_or("");
            let body = r["body"].as_str().unwrap_or("");
            let id = r["id"].as_str().unwrap_or("?");
            (cat, tally(&p, id, &format!("{title}\n\n{body}")))
        })
        .collect();
    let mut by_cat: BTreeMap<String, Tally> = BTreeMap::new();
    for (c, t) in &per {
        by_cat.entry(c.clone()).or_default().add(t);
    }
    let mut off = Tally::default();
    for c in ["sport", "entertainment"] {
        if let Some(t) = by_cat.get(c) {
            off.add(t);
        }
    }
    let mut report = Report::new("offtopic");
    for (i, t) in TYPES.iter().enumerate() {
        report.push(&format!("{}_per_1k", t.to_lowercase()), off.per_1k(i));
    }
    let mut details = serde_json::Map::new();
    details.insert("sport_entertainment".into(), off.json());
    for (c, t) in &by_cat {
        details.insert(c.clone(), t.json());
    }
    // Smoke only: ngec-synthetic labels are machine-made, never a headline figure.
    let ngec = opts.data.parent().map(|d| d.join("ngec-synthetic/ngec_synthetic_stories.jsonl")).filter(|f| f.exists());
    if let Some(f) = ngec {
        let recs = common::read_jsonl(&f, opts.limit)?;
        let ts: Vec<(bool, Tally)> = recs.par_iter().map(|r| (r["pseudo_event"].as_str() == Some("ASSAULT"), tally(&p, r["id"].as_str().unwrap_or("?"), r["text"].as_str().unwrap_or("")))).collect();
        let mut all = Tally::default();
        for (_, t) in &ts {
            all.add(t);
        }
        let mut smoke = all.json();
        // stories generated as ASSAULT that keep at least one ASSAULT event (a recall smoke test)
        let labelled = ts.iter().filter(|(a, _)| *a).count();
        let kept = ts.iter().filter(|(a, t)| *a && t.events[0] > 0).count();
        if let Value::Object(m) = &mut smoke {
            m.insert("assault_labelled_stories".into(), labelled.into());
            m.insert("assault_labelled_with_assault_event".into(), kept.into());
        }
        details.insert("ngec_synthetic_smoke".into(), smoke);
    }
    report.details = Value::Object(details);
    Ok(report)
}
