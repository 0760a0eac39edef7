//! PLOVER gold-standard sentences: event-type accuracy and macro-F1 (old PLOVER 0.5 names
//! mapped to current ones: DEMAND->REQUEST, DISAPPROVE->ACCUSE, FIGHT->ASSAULT,
//! INVESTIGATE->ACCUSE), and actor code precision / recall / F1.
//!
//! A sentence's predicted type is its first event. PLOVER codes a stated intention to
//! cooperate ("will release", "offered to negotiate") as AGREE, while sitrep keeps the
//! underlying type with a planned / expected modality; the scorer applies PLOVER's
//! conventions (intent to cooperate -> AGREE, intent to act against -> THREATEN, refused
//! cooperation -> REJECT) and reports the figure without them too (`accuracy_raw`).

/// Helpers shared by the extract evaluations (polnear, ucdp and petrarch use them from here).
#[path = "extract_common.rs"]
pub(crate) mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{ratio, Prf};
use rayon::prelude::*;
use serde_json::Value;
use sitrep_model::{Event, Modality};

use crate::{EvalOptions, Report};

/// Types whose announced intention PLOVER codes as AGREE.
const INTENT_TO_AGREE: &[&str] = &["AID", "COOPERATE", "CONCEDE", "RETREAT", "CONSULT", "AGREE", "SUPPORT"];

/// Types whose announced intention PLOVER codes as THREATEN ("will boycott", "would blockade").
const INTENT_TO_THREATEN: &[&str] = &["PROTEST", "SANCTION", "COERCE", "ASSAULT", "MOBILIZE"];

/// PLOVER's coding conventions over sitrep's (type, modality): intentions to cooperate are
/// AGREE, intentions to act against are THREATEN, a refused or failed cooperation is REJECT.
fn plover_type(e: &Event) -> String {
    let k = e.kind.as_str();
    let intent = matches!(e.modality, Modality::Planned | Modality::Expected | Modality::Possible);
    if intent && INTENT_TO_AGREE.contains(&k) {
        "AGREE".into()
    } else if intent && INTENT_TO_THREATEN.contains(&k) {
        "THREATEN".into()
    } else if matches!(e.modality, Modality::Negated | Modality::Denied) && (INTENT_TO_AGREE.contains(&k) || k == "REQUEST") {
        "REJECT".into()
    } else {
        e.kind.clone()
    }
}

/// Gold codes, with the two old CAMEO country codes the set uses read as ISO 3166.
fn codes(list: &Value) -> BTreeSet<String> {
    list.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x["code"].as_str())
                .map(|c| match c {
                    "JAP" => "JPN".to_string(),
                    "ITL" => "ITA".to_string(),
                    c => c.to_string(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// An actor's code as PLOVER's gold writes it: international and non-governmental
/// organisations are `IGO` / `NGO`, everything else its ISO3 code.
/// ISO 3166 alpha-3 codes (the first column of the shipped countries table): an IGO's own
/// code ("ARL", "OAS") in an actor's country field is not a state.
fn is_state(code: &str) -> bool {
    static CODES: std::sync::OnceLock<std::collections::HashSet<&'static str>> = std::sync::OnceLock::new();
    CODES
        .get_or_init(|| include_str!("../../../knowledge/countries.tsv").lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split('\t').next()).collect())
        .contains(code)
}

fn actor_code(doc: &sitrep_model::Document, a: &sitrep_model::ActorRef) -> Option<String> {
    let org = a.entity.as_ref().and_then(|id| doc.entities.iter().find(|e| &e.id == id)).is_some_and(|e| e.kind == sitrep_model::EntityKind::Organisation);
    match a.sector.as_deref() {
        // (a person speaking for an IGO carries its code: "Arab League Secretary-General X")
        Some("IGO") | Some("NGO") if org || a.country.as_deref().is_some_and(|c| !is_state(c)) => Some("IGO".into()),
        _ if org && a.country.as_deref().is_some_and(|c| c.len() != 3) => Some("IGO".into()),
        _ => a.country.clone(),
    }
}

struct One {
    gold: String,
    pred: Option<String>,
    pred_raw: Option<String>,
    actors: Prf,
    roles: Prf,
    id: String,
    text: String,
    actor_note: String,
}

fn score(p: &sitrep_pipeline::Pipeline, k: &sitrep_extract::ExtractKnowledge, r: &Value) -> One {
    let text = r["text"].as_str().unwrap_or("").trim();
    let doc = common::run_text(p, r["id"].as_str().unwrap_or("plover"), text, r["date_placeholder"].as_str());
    let gold_raw = r["gold_event"].as_str().unwrap_or("");
    let gold = k.current_type(gold_raw).0.to_string();
    let ev = doc.events.first();
    let src = codes(&r["gold_source_actors"]);
    let mut tgt = codes(&r["gold_target_actors"]);
    // NGO and IGO are one class for scoring: sitrep does not tell them apart reliably.
    let fold = |s: BTreeSet<String>| s.into_iter().map(|c| if c == "NGO" { "IGO".to_string() } else { c }).collect::<BTreeSet<_>>();
    let src = fold(src);
    tgt = fold(tgt);
    let gold_all: BTreeSet<String> = src.union(&tgt).cloned().collect();
    // every actor and recipient when several are coordinated
    let side = |one: Option<&sitrep_model::ActorRef>, all: &[sitrep_model::ActorRef]| -> BTreeSet<String> {
        one.into_iter().chain(all.iter()).filter_map(|a| actor_code(&doc, a)).collect()
    };
    let a1 = ev.map(|e| side(e.actor1.as_ref(), &e.actors)).unwrap_or_default();
    let a2 = ev.map(|e| side(e.actor2.as_ref(), &e.recipients)).unwrap_or_default();
    let pred_all: BTreeSet<String> = a1.union(&a2).cloned().collect();
    let hit = pred_all.intersection(&gold_all).count();
    let actors = Prf { tp_pred: hit, pred: pred_all.len(), tp_gold: hit, gold: gold_all.len() };
    // Role-aware: actor1 against sources, actor2 against targets (a gold actor marked both
    // source and target, as in reciprocal events, matches either role).
    let h1 = a1.iter().filter(|c| src.contains(*c)).count();
    let h2 = a2.iter().filter(|c| tgt.contains(*c) || (tgt.is_empty() && src.contains(*c))).count();
    let roles = Prf { tp_pred: h1 + h2, pred: a1.len() + a2.len(), tp_gold: (h1 + h2).min(gold_all.len()), gold: gold_all.len() };
    One {
        gold,
        pred: ev.map(plover_type),
        pred_raw: ev.map(|e| e.kind.clone()),
        actors,
        roles,
        actor_note: format!("gold {:?} pred {:?}", gold_all, pred_all),
        id: r["id"].as_str().unwrap_or("").to_string(),
        text: text.chars().take(120).collect(),
    }
}

fn macro_f1(rows: &[(String, Option<String>)]) -> f64 {
    let classes: BTreeSet<&String> = rows.iter().map(|r| &r.0).collect();
    let mut sum = 0.0;
    for c in &classes {
        let tp = rows.iter().filter(|r| &r.0 == *c && r.1.as_ref() == Some(*c)).count();
        let pred = rows.iter().filter(|r| r.1.as_ref() == Some(*c)).count();
        let gold = rows.iter().filter(|r| &r.0 == *c).count();
        let f = Prf { tp_pred: tp, pred, tp_gold: tp, gold };
        sum += f.f1();
    }
    if classes.is_empty() { 0.0 } else { sum / classes.len() as f64 }
}

pub fn run(opts: &EvalOptions) -> anyhow::Result<Report> {
    let p = common::pipeline(opts)?;
    let k = sitrep_extract::ExtractKnowledge::load(opts.knowledge.as_deref())?;
    let recs = common::read_jsonl(&opts.data.join("plover_gsr_dev.jsonl"), opts.limit)?;
    let ones: Vec<One> = recs.par_iter().map(|r| score(&p, &k, r)).collect();
    let n = ones.len();
    let rows: Vec<(String, Option<String>)> = ones.iter().map(|o| (o.gold.clone(), o.pred.clone())).collect();
    let correct = ones.iter().filter(|o| o.pred.as_ref() == Some(&o.gold)).count();
    let correct_raw = ones.iter().filter(|o| o.pred_raw.as_ref() == Some(&o.gold)).count();
    let found = ones.iter().filter(|o| o.pred.is_some()).count();
    let mut actors = Prf::default();
    let mut roles = Prf::default();
    for o in &ones {
        actors.add(o.actors);
        roles.add(o.roles);
    }
    let mut report = Report::new("plover");
    report.push("accuracy", ratio(correct, n));
    report.push("macro_f1", macro_f1(&rows));
    report.push("accuracy_raw", ratio(correct_raw, n));
    report.push("event_recall", ratio(found, n));
    report.push("actor_precision", actors.p());
    report.push("actor_recall", actors.r());
    report.push("actor_f1", actors.f1());
    report.push("actor_role_f1", roles.f1());
    // Confusions, to see what the lexicon misses.
    let mut confusion: BTreeMap<String, usize> = BTreeMap::new();
    for o in ones.iter().filter(|o| o.pred.as_ref() != Some(&o.gold)) {
        *confusion.entry(format!("{} -> {}", o.gold, o.pred.as_deref().unwrap_or("none"))).or_default() += 1;
    }
    let misses: Vec<Value> = ones
        .iter()
        .filter(|o| o.pred.as_ref() != Some(&o.gold))
        .take(if std::env::var_os("SITREP_EVAL_VERBOSE").is_some() { 500 } else { 0 })
        .map(|o| serde_json::json!({"id": o.id, "gold": o.gold, "pred": o.pred, "text": o.text}))
        .collect();
    let actor_misses: Vec<Value> = ones
        .iter()
        .filter(|o| o.actors.tp_gold < o.actors.gold)
        .take(if std::env::var_os("SITREP_EVAL_VERBOSE").is_some() { 500 } else { 0 })
        .map(|o| serde_json::json!({"id": o.id, "actors": o.actor_note, "text": o.text}))
        .collect();
    report.details = serde_json::json!({"sentences": n, "confusions": confusion, "misses": misses, "actor_misses": actor_misses});
    Ok(report)
}
