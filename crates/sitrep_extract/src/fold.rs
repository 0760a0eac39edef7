//! Folding: one clause often names one attack several times ("fighters ambushed a convoy,
//! killing 12 soldiers and wounding 8"). Triggers of the same type in the same sentence are
//! one event; the later ones only add what the first lacks (casualties, weapons, place).

use sitrep_model::Event;

/// Merges each event into an earlier one of the same type and sentence, then renumbers.
/// Also returns the attributions folding would lose: a merged event reported by another
/// cue ("Republicans said the department mishandled it and Democrats accused the GOP")
/// keeps the first cue, and the other is still somebody's statement.
pub(crate) fn fold_same_sentence(events: Vec<Event>) -> (Vec<Event>, Vec<Event>) {
    let mut kept: Vec<Event> = Vec::with_capacity(events.len());
    let mut lost = vec![];
    for ev in events {
        match kept.iter_mut().find(|k| k.kind == ev.kind && k.evidence.span == ev.evidence.span && k.modality == ev.modality) {
            Some(first) => {
                let cue = |e: &Event| e.attribution.cue.as_ref().map(|c| c.span);
                if cue(&ev).is_some() && cue(&ev) != cue(first) {
                    lost.push(ev.clone());
                }
                absorb(first, ev)
            }
            None => kept.push(ev),
        }
    }
    for (i, ev) in kept.iter_mut().enumerate() {
        ev.id = format!("ev{}", i + 1);
    }
    (kept, lost)
}

/// Fill the gaps of `first` from `later`; actors stay those of the first trigger, whose
/// clause names them (a participle's subject is the main clause's).
fn absorb(first: &mut Event, later: Event) {
    let trigger = later.trigger.as_ref().map(|t| t.text.clone()).unwrap_or_default();
    if first.fatalities.is_none() {
        first.fatalities = later.fatalities;
    }
    if first.injuries.is_none() {
        first.injuries = later.injuries;
    }
    if first.place.is_none() {
        first.place = later.place;
    }
    if first.mode.is_none() {
        first.mode = later.mode;
    }
    // "ambushed ..., killing 12 soldiers": the participle may name who was hit
    let a1 = first.actor1.as_ref().and_then(|a| a.entity.clone());
    if first.actor2.is_none() && later.actor2.as_ref().is_some_and(|a| a.entity != a1 || a1.is_none()) {
        first.actor2 = later.actor2;
        first.recipients = later.recipients;
    }
    for w in later.weapons {
        if !first.weapons.contains(&w) {
            first.weapons.push(w);
        }
    }
    first.rules.push(format!("fold: trigger '{trigger}' in the same sentence is the same {} event", first.kind));
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::{Attribution, CountRef, Evidence, Modality, Span};

    fn ev(kind: &str, span: Span, trigger: &str) -> Event {
        Event {
            id: String::new(),
            kind: kind.into(),
            mode: None,
            context: vec![],
            cameo: None,
            acled: None,
            modality: Modality::Asserted,
            actor1: None,
            actor2: None,
            actors: vec![],
            recipients: vec![],
            place: None,
            date: None,
            fatalities: None,
            injuries: None,
            weapons: vec![],
            trigger: Some(Evidence { span: Span::new(0, 1), text: trigger.into() }),
            evidence: Evidence { span, text: String::new() },
            attribution: Attribution::default(),
            rules: vec![],
        }
    }

    #[test]
    fn same_type_same_sentence_becomes_one_event_with_the_casualties() {
        let s = Span::new(0, 100);
        let mut killing = ev("ASSAULT", s, "killing");
        killing.fatalities = Some(CountRef { low: 12.0, high: 12.0, span: None, text: None });
        let (out, lost) = fold_same_sentence(vec![ev("ASSAULT", s, "ambushed"), killing, ev("AID", s, "giving")]);
        assert!(lost.is_empty());
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].fatalities.as_ref().map(|f| f.low), Some(12.0));
        assert_eq!(out[1].id, "ev2");
    }

    #[test]
    fn other_sentences_stay_apart() {
        let (out, _) = fold_same_sentence(vec![ev("ASSAULT", Span::new(0, 10), "a"), ev("ASSAULT", Span::new(11, 20), "b")]);
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn a_second_cue_survives_folding() {
        let s = Span::new(0, 100);
        let cue = |a: usize, t: &str| Attribution { cue: Some(sitrep_model::Cue { text: t.into(), span: Span::new(a, a + t.len()) }), ..Default::default() };
        let mut first = ev("ACCUSE", s, "mishandled");
        first.attribution = cue(12, "said");
        let mut second = ev("ACCUSE", s, "accused");
        second.attribution = cue(60, "accused");
        let (out, lost) = fold_same_sentence(vec![first, second]);
        assert_eq!(out.len(), 1);
        assert_eq!(lost.len(), 1);
        assert_eq!(lost[0].attribution.cue.as_ref().map(|c| c.text.as_str()), Some("accused"));
    }
}
