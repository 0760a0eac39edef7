//! Reported obligations are demands: "Russia said Sudan must return the helicopter" is
//! Russia demanding something of Sudan (CAMEO 10, PLOVER REQUEST), not Sudan conceding.
//! When the trigger's clause says its subject "must / has to / needs to" act and someone
//! else reports it, the event becomes a REQUEST by the source of the subject.

use sitrep_model::{ActorRef, Document, Event};

use crate::attribution::Found;
use crate::sentence::Sent;

/// The obligation word a few tokens before the trigger ("must return", "must be ready to
/// mediate", "has to allow"), if any.
fn obligation(s: &Sent, t0: usize) -> Option<String> {
    let a = s.tok_at(s.span.start).max(t0.saturating_sub(5));
    (a..t0).find_map(|i| match (s.word(i), s.word(i + 1)) {
        ("must", _) => Some("must".to_string()),
        ("has" | "have" | "needs" | "need", "to") => Some(format!("{} to", s.word(i))),
        _ => None,
    })
}

/// Turn `ev` into the source's demand of its subject, when the rule applies.
pub(crate) fn apply(doc: &Document, s: &Sent, t0: usize, f: &Found, ev: &mut Event) {
    let Some(word) = obligation(s, t0) else { return };
    let Some(src) = f.source_entity.as_ref() else { return };
    if ev.actor1.as_ref().and_then(|a| a.entity.as_ref()) == Some(src) || f.content.start > s.toks[t0].span.start {
        return;
    }
    let Some(m) = doc.mentions.iter().find(|m| &m.entity == src && f.source_span.is_some_and(|sp| sp.overlaps(m.span))).or_else(|| doc.mentions.iter().find(|m| &m.entity == src)) else { return };
    let source = ActorRef { entity: Some(src.clone()), name: f.source_name.clone().unwrap_or_else(|| m.text.clone()), country: m.country.clone(), sector: m.sector.clone(), span: Some(m.span) };
    ev.rules.push(format!("type: REQUEST, '{}' reports that the subject '{word}' {} (a demand)", source.name, ev.kind.to_lowercase()));
    ev.kind = "REQUEST".into();
    ev.cameo = Some("10".into());
    ev.mode = None;
    ev.acled = None;
    ev.actor2 = ev.actor1.take();
    ev.recipients = std::mem::take(&mut ev.actors);
    ev.actor1 = Some(source);
}

/// "Nigeria will withdraw its force unless ...": an announced act made conditional on the
/// other side's conduct is a threat (CAMEO 13, PLOVER THREATEN).
pub(crate) fn conditional_threat(s: &Sent, t0: usize, ev: &mut Event) {
    use sitrep_model::Modality::*;
    if !matches!(ev.modality, Planned | Expected) || ev.kind == "THREATEN" {
        return;
    }
    let Some(u) = (t0 + 1..s.toks.len()).find(|&i| s.word(i) == "unless") else { return };
    if u > t0 + 25 {
        return;
    }
    ev.rules.push(format!("type: THREATEN, the announced {} is conditional ('unless')", ev.kind.to_lowercase()));
    ev.kind = "THREATEN".into();
    ev.cameo = Some("13".into());
    ev.mode = None;
    ev.acled = None;
}
