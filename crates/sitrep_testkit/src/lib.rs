//! Test support: where the shared evaluation data lives, and [`render`], which prints a
//! document with its annotations underlined beneath each sentence, for insta snapshots
//! that a reviewer can read like the page itself.

use std::path::PathBuf;

use sitrep_model::{Document, Event, Span};

/// `../shared` beside the checkout (`SITREP_SHARED` overrides), if it exists.
pub fn shared_dir() -> Option<PathBuf> {
    let p = std::env::var_os("SITREP_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    p.exists().then_some(p)
}

/// The workspace root.
pub fn workspace_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The seed page of the walkthrough, if the shared folder is present.
pub fn seed_path() -> Option<PathBuf> {
    shared_dir().map(|d| d.join("corpus/seed/north-korean-troops-seoul-says.txt"))
}

/// The seed page's prose as a Document published 2024-10-09, built without the clean stage
/// (stage crates must not depend on it): lines of eight or more words that end like a sentence.
pub fn seed_prose_document() -> Option<Document> {
    let Some(path) = seed_path() else {
        eprintln!("shared folder absent: seed test skipped");
        return None;
    };
    let raw = std::fs::read_to_string(path).ok()?;
    let body: Vec<&str> = raw
        .lines()
        .skip(1)
        .map(str::trim)
        .filter(|l| l.split_whitespace().count() >= 8 && l.chars().any(char::is_lowercase))
        .filter(|l| l.ends_with(['.', '!', '?', '”', '"']))
        .collect();
    let mut doc = Document::new("seed", "seed", body.join("\n\n"));
    doc.published = Some("2024-10-09".into());
    Some(doc)
}

/// One annotation to draw under the text: its span and a short label.
struct Mark {
    span: Span,
    label: String,
}

/// Every sentence on its own line, each annotation inside it underlined with `^` and labelled,
/// then the events and claims that cite the sentence. Deterministic, for snapshots.
pub fn render(doc: &Document) -> String {
    let marks = marks(doc);
    let mut out = String::new();
    if let Some(t) = &doc.title {
        out.push_str(&format!("# {t}\n"));
    }
    out.push_str(&format!("published: {}\n\n", doc.published.as_deref().unwrap_or("-")));
    let sentences: Vec<Span> = if doc.sentences.is_empty() {
        vec![Span::new(0, doc.text.len())]
    } else {
        doc.sentences.clone()
    };
    for s in sentences {
        let Some(text) = doc.get(s) else { continue };
        out.push_str(&format!("{}\n", text.replace('\n', " ")));
        let mut inside: Vec<&Mark> = marks.iter().filter(|m| s.contains(m.span) && !m.span.is_empty()).collect();
        inside.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
        for m in inside {
            let col = doc.text[s.start..m.span.start].chars().count();
            let width = doc.text[m.span.start..m.span.end].chars().count().max(1);
            out.push_str(&format!("{}{} {}\n", " ".repeat(col), "^".repeat(width), m.label));
        }
        for ev in doc.events.iter().filter(|e| s.contains(e.evidence.span) || e.evidence.span.contains(s)) {
            out.push_str(&format!("  => {}\n", event_line(ev)));
        }
        for c in doc.claims.iter().filter(|c| s.overlaps(c.span)) {
            let src = c.attribution.source.as_ref().map(|s| s.name.as_str()).unwrap_or("outlet");
            out.push_str(&format!("  => claim {} [{:?}] by {src}\n", c.id, c.modality));
        }
        out.push('\n');
    }
    out
}

fn event_line(ev: &sitrep_model::Event) -> String {
    let actor = |a: &Option<sitrep_model::ActorRef>| {
        a.as_ref()
            .map(|a| format!("{}{}", a.country.as_deref().unwrap_or("?"), a.sector.as_deref().map(|s| format!("/{s}")).unwrap_or_default()))
            .unwrap_or_else(|| "-".into())
    };
    let src = ev.attribution.source.as_ref().map(|s| s.name.as_str()).unwrap_or("outlet");
    format!(
        "{} {}{} {} -> {} [{:?}] date={} by {src} ({})",
        ev.id,
        ev.kind,
        ev.mode.as_deref().map(|m| format!("/{m}")).unwrap_or_default(),
        actor(&ev.actor1),
        actor(&ev.actor2),
        ev.modality,
        ev.date.as_ref().map(|d| d.value.as_str()).unwrap_or("-"),
        ev.attribution.certainty.label,
    )
}

fn marks(doc: &Document) -> Vec<Mark> {
    let mut m = Vec::new();
    for x in &doc.mentions {
        let who = doc.entities.iter().find(|e| e.id == x.entity).map(|e| e.name.as_str()).unwrap_or(&x.entity);
        let tag = [x.country.as_deref(), x.sector.as_deref()].iter().flatten().copied().collect::<Vec<_>>().join("/");
        m.push(Mark { span: x.span, label: format!("actor {who} {tag}") });
    }
    m.extend(doc.times.iter().map(|t| Mark { span: t.span, label: format!("time {} ({})", t.value, t.precision) }));
    m.extend(doc.quantities.iter().map(|q| Mark {
        span: q.span,
        label: format!(
            "qty {}{}{}",
            q.value.map(|v| v.to_string()).unwrap_or_else(|| format!("{:?}-{:?}", q.low, q.high)),
            q.unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default(),
            q.casualty.as_deref().map(|c| format!(" {c}")).unwrap_or_default()
        ),
    }));
    m.extend(doc.places.iter().map(|p| Mark {
        span: p.span,
        label: format!("place {} {} ({})", p.name, p.country.as_deref().unwrap_or("?"), p.precision),
    }));
    m.extend(doc.weapons.iter().map(|w| Mark { span: w.span, label: format!("weapon {} ({})", w.name, w.class) }));
    m
}

/// A bare asserted ASSAULT event whose evidence is all of `text` (ids and fields a store test
/// does not care about left empty), built through the v1 JSON so it stays a valid event.
pub fn event_with_evidence(text: &str) -> Event {
    serde_json::from_value(serde_json::json!({
        "id": "ev1", "type": "ASSAULT", "mode": null, "context": [], "cameo": null, "acled": null,
        "modality": "asserted", "actor1": null, "actor2": null, "place": null, "date": null,
        "fatalities": null, "injuries": null, "weapons": [], "trigger": null,
        "attribution": {"source": null, "cue": null, "content": null, "quote": false, "certainty": sitrep_model::Certainty::default()},
        "evidence": {"span": [0, text.len()], "text": text},
        "rules": []
    }))
    .expect("event JSON matches the v1 model")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn underlines_under_the_right_characters() {
        let mut doc = Document::new("d", "t", "Kim met Putin in Moscow.".to_string());
        doc.sentences.push(Span::new(0, 24));
        doc.places.push(sitrep_model::Place {
            span: Span::new(17, 23),
            name: "Moscow".into(),
            country: Some("RUS".into()),
            lat: None,
            lon: None,
            precision: "capital".into(),
            geonames_id: None,
            rule: None,
        });
        let r = render(&doc);
        let lines: Vec<&str> = r.lines().collect();
        let under = lines.iter().position(|l| l.contains("place Moscow")).expect("place line");
        assert_eq!(lines[under].find('^'), Some(17));
        assert!(lines[under].starts_with(&" ".repeat(17)));
        assert!(lines[under].contains("^^^^^^ place Moscow RUS (capital)"));
    }
}
