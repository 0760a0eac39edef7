//! Building events and claims: triggers grouped per sentence, typed with PLOVER (mode,
//! context, CAMEO root, ACLED type), given roles, attachments, modality, attribution and
//! certainty; attributed statements without an event become claims.

use sitrep_model::{
    Acled, Attribution, Certainty, Claim, Cue, Document, Event, Evidence, Modality, SourceRef, Span,
};

use crate::attribution::Found;
use crate::lexicon::Match;
use crate::sentence::Sent;
use crate::{attach, demand, roles, victims, ExtractKnowledge};

/// Triggers of one event: the first match leads; same-type matches close by join it
/// ("signed a defense pact", "were killed in a ... missile strike").
struct Group {
    ms: Vec<Match>,
}

fn group(ms: Vec<Match>, s: &Sent, k: &ExtractKnowledge) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for m in ms {
        let kind = &k.triggers.entries[m.entry].kind;
        if let Some(g) = out.last_mut() {
            let last = g.ms.last().map_or(0, Match::last);
            let gap = m.first().saturating_sub(last);
            let clean = (last + 1..m.first()).all(|i| !matches!(s.word(i), "," | ";" | ":" | "and" | "but" | "when" | "while" | "as" | "after"));
            if &k.triggers.entries[g.ms[0].entry].kind == kind && gap <= 6 && clean {
                g.ms.push(m);
                continue;
            }
            // "sending troops to fight": a purpose infinitive belongs to the event before it.
            if !m.noun && m.first() > 0 && s.word(m.first() - 1) == "to" && gap <= 4 {
                continue;
            }
        }
        out.push(Group { ms: vec![m] });
    }
    out
}

fn outlet() -> Attribution {
    Attribution::default()
}

fn to_attribution(f: &Found, certainty: Certainty) -> Attribution {
    Attribution {
        source: f.source_name.as_ref().map(|n| SourceRef { entity: f.source_entity.clone(), name: n.clone(), span: f.source_span }),
        cue: (!f.cue_text.is_empty()).then(|| Cue { text: f.cue_text.clone(), span: f.cue_span }),
        content: Some(f.content),
        quote: f.quote,
        certainty,
        via: None,
    }
}

pub(crate) fn build(doc: &Document, sents: &[Sent], attrs: &[Found], k: &ExtractKnowledge) -> (Vec<Event>, Vec<Claim>) {
    let mut events: Vec<Event> = Vec::new();
    let mut claims: Vec<Claim> = Vec::new();
    let mut attr_has_event = vec![false; attrs.len()];
    let doc_forms = crate::gate::DocForms::default();
    for (si, s) in sents.iter().enumerate() {
        let ms = k.triggers.find_sent(s, &k.irregular);
        let mut sent_events: Vec<Event> = Vec::new();
        for g in group(ms, s, k) {
            let lead = &g.ms[0];
            let t0 = lead.first();
            let t1 = lead.last();
            let tspan = s.tspan(t0, g.ms.last().map_or(t1, Match::last));
            // "glide bombs": a weapon's name, not the verb "bomb".
            if g.ms.len() == 1 && doc.weapons.iter().any(|w| w.span.contains(s.tspan(t0, t1))) {
                continue;
            }
            // "beat X to the award", "the United attack": ambiguous words need conflict evidence.
            let kind = &k.triggers.entries[lead.entry].kind;
            if let Some(why) = k.gate.suppress(doc, s, kind, &g.ms, &k.irregular, &doc_forms) {
                if std::env::var_os("SITREP_GATE_LOG").is_some() {
                    eprintln!("{}\t{}\t{why}", doc.id, doc.get(s.span).unwrap_or("").replace(['\n', '\t'], " "));
                }
                continue;
            }
            // Inside a source phrase or a cue: not an event ("a source told").
            // (A speech-act trigger that is also a cue, "demanded", "rejected", stays an event.)
            // But an attitude cue whose "source" holds a finite violent verb is an adjective
            // ("army kills wanted militant": no one wants anything) and gives way.
            let inside: Vec<usize> = attrs.iter().enumerate().filter(|(_, a)| a.sent == si && a.source_span.is_some_and(|x| x.contains(s.tspan(t0, t1)))).map(|(i, _)| i).collect();
            if !inside.is_empty() {
                let violent_verb = !lead.noun && matches!(kind.as_str(), "ASSAULT" | "COERCE") && s.word(t0).ends_with('s') && !s.word(t0).ends_with("ss");
                if violent_verb && inside.iter().all(|&i| attrs[i].cue_kind == "attitude") {
                    for &i in &inside {
                        attr_has_event[i] = true; // no claim from a misread cue
                    }
                } else {
                    continue;
                }
            }
            let (ai, carried) = pick_attribution(attrs, si, s, sents, s.tspan(t0, t1));
            let clause = match ai {
                Some(i) if !carried => attrs[i].content,
                _ => s.span,
            };
            let ev = make_event(doc, s, si, sents, &g, clause, tspan, ai.map(|i| (&attrs[i], carried)), k, events.len() + sent_events.len());
            let Some(mut ev) = ev else { continue };
            if let Some(i) = ai.filter(|_| !carried) {
                demand::apply(doc, s, t0, &attrs[i], &mut ev);
            }
            demand::conditional_threat(s, t0, &mut ev);
            if ev.modality == Modality::Possible && ai.is_some() && !carried {
                continue; // a possibility someone voices is a claim, not an event
            }
            if let Some(i) = ai {
                attr_has_event[i] = true;
            }
            sent_events.push(ev);
        }
        // "Kim Jong Un wished ... and claimed ...": the actor is the source of his own act.
        for ev in sent_events.iter_mut().filter(|e| e.attribution.source.is_none()) {
            let a1 = ev.actor1.as_ref().and_then(|a| a.entity.clone());
            if let Some(f) = attrs.iter().find(|f| f.sent == si && f.source_entity.is_some() && f.source_entity == a1 && f.cue_span.start > ev.evidence.span.start) {
                let cert = f.cue_band.as_deref().and_then(|b| k.hedges.band(b)).unwrap_or_else(|| k.hedges.default.clone());
                ev.attribution = to_attribution(f, cert);
                ev.attribution.content = Some(ev.evidence.span);
                ev.rules.push(format!("attribution: the actor is the source ('{}' in the same sentence)", f.cue_text));
            }
        }
        // Weapons named in a following sentence with no event of its own, in the same
        // paragraph or from the same source ("..., Ukraine said").
        if sent_events.is_empty() {
            let same_source = |e: &Event| {
                let src = e.attribution.source.as_ref().and_then(|x| x.entity.clone());
                src.is_some() && attrs.iter().any(|f| f.sent == si && f.source_entity == src)
            };
            if let Some(last) = events.last_mut().filter(|e| sents.get(si.wrapping_sub(1)).is_some_and(|p| p.span.contains(e.evidence.span)) && (sents.iter().any(|p| p.span.contains(e.evidence.span) && p.para == s.para) || same_source(e))) {
                for (name, _) in attach::weapons(doc, s.span) {
                    if !last.weapons.contains(&name) {
                        last.rules.push(format!("weapons: '{name}' from the next sentence of the paragraph"));
                        last.weapons.push(name);
                    }
                }
            }
            attach::spread_casualties(doc, s, si, sents, &mut events);
        }
        events.extend(sent_events);
    }
    for (i, f) in attrs.iter().enumerate() {
        if attr_has_event[i] || f.cue_text.is_empty() {
            continue;
        }
        let s = &sents[f.sent];
        let a = s.tok_at(f.content.start);
        let b = s.toks.iter().rposition(|t| t.span.end <= f.content.end).map_or(a, |x| x + 1);
        let (modality, _) = k.modality.of(s, a, b.saturating_sub(1).max(a));
        let modality = first_modality(s, a, b, k).unwrap_or(modality);
        let cert = certainty_for(k, s, a, b.saturating_sub(1).max(a), b, f, None).0;
        claims.push(Claim {
            id: format!("c{}", claims.len() + 1),
            span: f.content,
            text: doc.get(f.content).unwrap_or("").to_string(),
            modality,
            attribution: to_attribution(f, cert),
            rules: f.rules.clone(),
        });
    }
    (events, claims)
}

/// The modality of the first modal cue in a claim's content ("troops could be deployed").
fn first_modality(s: &Sent, a: usize, b: usize, k: &ExtractKnowledge) -> Option<Modality> {
    (a..b).find_map(|i| {
        let (m, w) = k.modality.of(s, i, i + 1);
        w.map(|_| m).filter(|m| *m != Modality::Asserted)
    })
}

/// The attribution whose content holds the trigger; else, within one paragraph, an
/// "according to" attribution of the sentence before carries over.
fn pick_attribution(attrs: &[Found], si: usize, s: &Sent, sents: &[Sent], t: Span) -> (Option<usize>, bool) {
    // the innermost attribution holding the trigger ("Kim said ... they expect X to send")
    let inner = attrs.iter().enumerate().filter(|(_, a)| a.sent == si && a.content.contains(t)).min_by_key(|(_, a)| a.content.len());
    if let Some((i, _)) = inner {
        return (Some(i), false);
    }
    if attrs.iter().any(|a| a.sent == si) || si == 0 {
        return (None, false);
    }
    let prev = attrs.iter().rposition(|a| a.sent == si - 1 && a.cue_kind == "according");
    match prev {
        Some(i) if sents[si - 1].para == s.para => (Some(i), true),
        _ => (None, false),
    }
}

fn certainty_for(k: &ExtractKnowledge, s: &Sent, a: usize, t0: usize, b: usize, f: &Found, actor1_country: Option<&str>) -> (Certainty, String) {
    if let Some((c, w)) = k.hedges.find(s, a, t0, b) {
        return (c, format!("certainty: hedge '{w}' (hedges.toml {})", f.cue_text));
    }
    if let Some(c) = f.cue_band.as_deref().and_then(|b| k.hedges.band(b)) {
        return (c, format!("certainty: cue '{}' implies {}", f.cue_text, f.cue_band.as_deref().unwrap_or("")));
    }
    let _ = actor1_country;
    (k.hedges.default.clone(), "certainty: no hedge; reported".into())
}

#[allow(clippy::too_many_arguments)]
fn make_event(
    doc: &Document,
    s: &Sent,
    si: usize,
    sents: &[Sent],
    g: &Group,
    clause: Span,
    tspan: Span,
    attr: Option<(&Found, bool)>,
    k: &ExtractKnowledge,
    n: usize,
) -> Option<Event> {
    let lead = &g.ms[0];
    let t0 = lead.first();
    let t1 = lead.last();
    let entry = &k.triggers.entries[lead.entry];
    let moded = g.ms.iter().map(|m| &k.triggers.entries[m.entry]).find(|e| e.mode.is_some()).unwrap_or(entry);
    let kind = entry.kind.clone();
    let info = k.types.get(&kind);
    let mut rules = Vec::new();
    let trig_text = doc.get(tspan)?.to_string();
    let phrases: Vec<&str> = g.ms.iter().map(|m| m.phrase.as_str()).collect();
    rules.push(format!("type: trigger '{}' (triggers.toml {kind} '{}'){}", trig_text, phrases.join("' + '"), if lead.noun { ", nominal" } else { "" }));
    let prev = si.checked_sub(1).map(|p| &sents[p]);
    let merged_nouns = g.ms.iter().skip(1).filter(|m| m.noun).map(Match::first).collect();
    let single_noun = lead.noun && g.ms.len() == 1;
    let tr = roles::Trig { t0, t1: if single_noun { g.ms.last().map_or(t1, Match::last).max(t1) } else { t1 }, noun: single_noun, merged_nouns };
    let r = roles::assign(doc, s, &tr, &kind, clause, prev);
    // a merged nominal trigger can supply the actor the verb lacked ("in a Ukrainian missile strike")
    let mut actor1 = r.actor1;
    let mut actor2 = r.actor2;
    let (actors, mut recipients) = (r.actors, r.recipients);
    rules.extend(r.rules);
    for m in g.ms.iter().skip(1).filter(|m| m.noun) {
        let tm = roles::Trig { t0: m.first(), t1: m.last(), noun: true, merged_nouns: vec![] };
        let rn = roles::assign(doc, s, &tm, &kind, clause, prev);
        // the verb's own object ("they would meet U.N. mediator X") is acted on: its
        // modifier does not act; a prepositional phrase's does ("in a Ukrainian missile strike")
        let object = m.first() > t1 && m.first() <= t1 + 4 && !(t1 + 1..m.first()).any(|i| matches!(s.word(i), "in" | "by" | "with" | "during" | "after" | "from" | "through" | "under"));
        match rn.actor1 {
            Some(a) if actor1.is_none() && !object => {
                rules.push(format!("actor1: modifier '{}' of the merged nominal trigger '{}'", a.name, m.phrase));
                actor1 = Some(a);
            }
            Some(a) if actor2.is_none() && object && roles::ent(&actor1) != a.entity.as_deref() => {
                rules.push(format!("actor2: modifier '{}' of the nominal object '{}'", a.name, m.phrase));
                actor2 = Some(a);
            }
            _ => {}
        }
        if actor2.is_none() {
            actor2 = rn.actor2;
            recipients = rn.recipients;
        }
    }
    // "Iraq said it would allow ...": a pronoun subject is the source.
    if actor1.is_none() {
        if let Some((f, false)) = attr {
            let pron = (s.tok_at(clause.start)..t0).any(|i| matches!(s.word(i), "it" | "they" | "he" | "she" | "we" | "i"));
            let m = f.source_entity.as_ref().and_then(|e| doc.mentions.iter().find(|m| &m.entity == e && f.source_span.is_some_and(|sp| sp.overlaps(m.span))).or_else(|| doc.mentions.iter().find(|m| &m.entity == e)));
            if let (true, Some(m)) = (pron, m) {
                actor1 = Some(sitrep_model::ActorRef { entity: Some(m.entity.clone()), name: f.source_name.clone().unwrap_or_else(|| m.text.clone()), country: m.country.clone(), sector: m.sector.clone(), span: Some(m.span) });
                rules.push(format!("actor1: pronoun subject resolved to the source '{}'", m.text));
            }
        }
    }
    let weapons = attach::weapons(doc, clause);
    let mut mode = moded.mode.clone();
    let mut acled = moded.acled.clone().or_else(|| info.map(|i| i.acled.clone()));
    if mode.is_none() && kind == "ASSAULT" {
        if let Some((m, sub)) = weapons.iter().find_map(|(_, c)| assault_mode(c)) {
            rules.push(format!("mode: {m} from a weapon named in the clause"));
            mode = Some(m.into());
            acled = Some(["Explosions/Remote violence".into(), sub.into()]);
        }
    }
    if mode.is_none() && kind == "AID" && (!weapons.is_empty() || (t0..s.toks.len().min(t1 + 4)).any(|i| matches!(s.word(i), "troops" | "soldiers" | "forces"))) {
        mode = Some("military".into());
        rules.push("mode: military (weapons or troops sent)".into());
    }
    let cameo = moded.cameo.clone().or_else(|| info.map(|i| i.cameo.clone()));
    let ctx_a = s.tok_at(clause.start);
    let (mut modality, mcue) = k.modality.of(s, ctx_a, t0);
    if s.toks[ctx_a.min(t0)..t0].iter().any(|t| t.lower.ends_with("n't")) && modality == Modality::Asserted {
        modality = Modality::Negated;
    }
    if let Some(w) = &mcue {
        rules.push(format!("modality: {modality:?} from '{w}' (modality.toml)").to_lowercase());
    }
    if let Some((f, _)) = attr.filter(|(f, c)| f.cue_kind == "expect" && !c && modality == Modality::Asserted) {
        modality = Modality::Expected;
        rules.push(format!("modality: expected by cue '{}'", f.cue_text));
    }
    if let Some((f, _)) = attr.filter(|(f, _)| f.cue_kind == "deny") {
        modality = Modality::Denied;
        rules.push(format!("modality: denied by cue '{}'", f.cue_text));
    }
    let (mut date, mut drule) = attach::date(doc, s, t0, t1, clause);
    if date.as_ref().is_some_and(|d| d.unresolved) && clause != s.span {
        // "..., the Ukrainian military said Wednesday": the date of the report.
        let (d2, r2) = attach::date(doc, s, t0, t1, s.span);
        if d2.as_ref().is_some_and(|d| !d.unresolved) {
            date = d2;
            drule = format!("{r2} (the date of the report)");
        }
    }
    rules.push(drule);
    if let (Some(d), Some(p)) = (&date, doc.published_date()) {
        let (dy, py) = (d.value.get(..4).and_then(|y| y.parse::<i32>().ok()), p.get(..4).and_then(|y| y.parse::<i32>().ok()));
        if let (Some(dy), Some(py)) = (dy, py) {
            if !d.unresolved && dy + k.modality.historical_years < py && modality == Modality::Asserted {
                modality = Modality::Historical;
                rules.push(format!("modality: historical (event year {dy}, published {py})"));
            }
        }
    }
    let visit = moded.mode.as_deref() == Some("visit");
    let place = attach::place(doc, s, t0, t1, clause, visit).map(|(p, why)| {
        rules.push(why);
        p
    });
    let (mut fatalities, mut injuries, crules) = if matches!(kind.as_str(), "ASSAULT" | "COERCE") { attach::casualties(doc, s, clause) } else { (None, None, vec![]) };
    rules.extend(crules);
    // "dozens reported killed": a reporting cue cut the count off the clause; the sentence's count
    if fatalities.is_none() && injuries.is_none() && clause != s.span && matches!(kind.as_str(), "ASSAULT" | "COERCE") {
        let (f2, i2, r2) = attach::casualties(doc, s, s.span);
        if f2.is_some() || i2.is_some() {
            rules.extend(r2.into_iter().map(|r| format!("{r} (in the sentence, outside the attributed clause)")));
            fatalities = f2;
            injuries = i2;
        }
    }
    if let Some(q) = fatalities.as_ref().filter(|_| kind == "ASSAULT") {
        if let Some((c, why)) = victims::deaths_around_count(doc, s, clause, t0, q, &|w| k.gate.is_person(w)) {
            rules.push(why);
            fatalities = Some(c);
        }
    }
    if fatalities.is_none() && kind == "ASSAULT" {
        if let Some((c, why)) = victims::implicit_deaths(doc, s, clause, t0, &|w| k.gate.is_person(w)) {
            rules.push(why);
            fatalities = Some(c);
        }
    }
    if fatalities.is_none() && injuries.is_none() && kind == "ASSAULT" {
        if let Some((c, why)) = victims::implicit_injuries(doc, s, clause, t0, &|w| k.gate.is_person(w)) {
            rules.push(why);
            injuries = Some(c);
        }
    }
    if !weapons.is_empty() {
        rules.push(format!("weapons: named in the clause ({})", weapons.iter().map(|w| w.0.as_str()).collect::<Vec<_>>().join(", ")));
    }
    let attribution = match attr {
        Some((f, carried)) => {
            let a = s.tok_at(f.content.start.max(s.span.start)).min(t0);
            let b = s.toks.iter().rposition(|t| t.span.end <= f.content.end.min(s.span.end)).map_or(s.toks.len(), |x| x + 1);
            let (mut c, mut crule) = certainty_for(k, s, a, t0, b, f, None);
            let a1c = actor1.as_ref().and_then(|x| x.country.clone());
            let src_c = f.source_entity.as_ref().and_then(|e| doc.mentions.iter().find(|m| &m.entity == e)).and_then(|m| m.country.clone());
            if c.label == k.hedges.default.label && a1c.is_some() && a1c == src_c {
                if let Some(cl) = k.hedges.band("claimed") {
                    c = cl;
                    crule = "certainty: claimed (the source is a party to the event)".into();
                }
            }
            rules.push(format!("attribution: source '{}' via cue '{}'{}", f.source_name.as_deref().unwrap_or("?"), f.cue_text, if carried { " (carried over from the previous sentence of the paragraph)" } else { "" }));
            rules.extend(f.rules.iter().cloned());
            rules.push(crule);
            to_attribution(f, c)
        }
        None => {
            let mut a = outlet();
            rules.push("attribution: the outlet's own voice (no reporting cue)".into());
            if let Some((c, w)) = k.hedges.find(s, ctx_a, t0, s.toks.len()) {
                rules.push(format!("certainty: hedge '{w}' in the outlet's own voice"));
                a.certainty = c;
            }
            a
        }
    };
    if modality == Modality::Expected && attribution.certainty.label == k.hedges.default.label {
        rules.push("certainty: expected".into());
    }
    Some(Event {
        id: format!("ev{}", n + 1),
        kind,
        mode,
        context: moded.context.clone(),
        cameo,
        acled: acled.map(|[e, s]| Acled { event_type: e, sub_event_type: Some(s) }),
        modality,
        actor1,
        actor2,
        actors,
        recipients,
        place,
        date,
        fatalities,
        injuries,
        weapons: weapons.into_iter().map(|w| w.0).collect(),
        trigger: Some(Evidence { span: tspan, text: trig_text }),
        evidence: Evidence { span: s.span, text: doc.get(s.span)?.to_string() },
        attribution,
        rules,
    })
}

fn assault_mode(class: &str) -> Option<(&'static str, &'static str)> {
    match class {
        "drone" => Some(("drone", "Air/drone strike")),
        "aircraft" | "bomb" | "glide_bomb" => Some(("aerial", "Air/drone strike")),
        "missile" | "ballistic_missile" | "cruise_missile" | "artillery" | "rocket" => Some(("heavy-weapons", "Shelling/artillery/missile attack")),
        "explosive" => Some(("explosion", "Remote explosive/landmine/IED")),
        _ => None,
    }
}
