//! Places: toponyms found with the gazetteer automaton, resolved to coordinates with a precision
//! (`country`, `admin1`, `region`, `city`, `capital`). Ambiguous names are resolved by the
//! document's country context (actors and unambiguous places), a following ", Region" and
//! population. Capitals used as governments ("Seoul says") are actor mentions, not places.

mod gazetteer;

use std::collections::HashSet;
use std::path::Path;

use sitrep_model::{Document, EntityKind, Place, Span};

use crate::countries::Countries;
use crate::text::{self, Hit};
use crate::KnowledgeError;
use gazetteer::{Gazetteer, Kind};

pub(crate) struct PlaceKnowledge {
    countries: Countries,
    gaz: Gazetteer,
}

impl PlaceKnowledge {
    pub(crate) fn load(dir: Option<&Path>) -> Result<Self, KnowledgeError> {
        let countries = Countries::load(dir)?;
        let gaz = Gazetteer::load(dir, &countries)?;
        Ok(PlaceKnowledge { countries, gaz })
    }
}

/// Capitalised words after a name that make it part of a longer name ("Washington Post").
fn glued_to_name(t: &str, h: &Hit, starts: &HashSet<usize>) -> bool {
    let before = text::prev_word(t, h.start)
        .filter(|(ws, w)| ws + w.len() + 1 == h.start && t[ws + w.len()..h.start] == *" ")
        .is_some_and(|(ws, w)| text::is_name_word(w) && !crate::actors::sentence_start(t, ws));
    let after = text::next_word(t, h.end)
        .filter(|(ws, _)| *ws == h.end + 1 && &t[h.end..*ws] == " ")
        .is_some_and(|(ws, we)| text::is_name_word(&t[ws..we]) && !starts.contains(&ws));
    before || after
}

/// What a resolution is for: the document's places, or every toponym a geoparsing gold counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Literal places only: no demonyms, no names inside longer names, none an actor owns.
    Places,
    /// Also demonyms ("Kenyan"), names inside longer names ("New York Times", "Texas Rangers")
    /// and places inside organisation names: the GeoWebNews notion of a toponym.
    Geoparse,
}

pub(crate) fn annotate(doc: &mut Document, k: &PlaceKnowledge) {
    doc.places = resolve(doc, k, Mode::Places);
}

/// A hit the actor layer already owns, in this mode. A longer gazetteer name wins over an actor
/// mention inside it ("New Jersey" over "Jersey", "Northern Ireland" over "Ireland").
fn owned_by_actor(doc: &Document, h: &Hit, mode: Mode, place_like: bool) -> bool {
    doc.mentions.iter().filter(|m| !m.rule.starts_with("place:")).any(|m| {
        let (b, inside) = (m.span, h.start <= m.span.start && m.span.end <= h.end && h.end - h.start > m.span.end - m.span.start);
        if !(b.start < h.end && h.start < b.end) || inside {
            return false;
        }
        match mode {
            Mode::Places => true,
            // Organisations do not hide their place ("Syrian Observatory"); people hide cities
            // ("Sydney Smith") but not their country ("Russian President Vladimir Putin").
            Mode::Geoparse => {
                let kind = doc.entities.iter().find(|e| e.id == m.entity).map(|e| e.kind);
                match kind {
                    Some(EntityKind::Organisation) => false,
                    Some(EntityKind::Person) => place_like,
                    _ => !m.rule.starts_with("dict:org"),
                }
            }
        }
    })
}

fn resolve(doc: &Document, k: &PlaceKnowledge, mode: Mode) -> Vec<Place> {
    let t = doc.text.as_str();
    let hits = k.gaz.hits(t);
    let starts: HashSet<usize> = hits.iter().map(|h| h.start).collect();
    let mut context: HashSet<String> = doc.mentions.iter().filter_map(|m| m.country.clone()).collect();
    let mut kept: Vec<&Hit> = Vec::new();
    // (country, admin1) of unambiguous admin-1 names: "Parkland" in a story about Florida.
    let mut admin1: HashSet<(String, String)> = HashSet::new();
    for h in &hits {
        let cands = k.gaz.cands(h.pattern);
        let demonym_only = cands.iter().all(|c| c.demonym);
        if mode == Mode::Places && demonym_only {
            continue;
        }
        let big = cands.iter().any(|c| {
            let e = &k.gaz.entries[c.entry as usize];
            c.demonym || e.kind != Kind::City || e.population >= 100_000
        });
        if owned_by_actor(doc, h, mode, !big) {
            continue;
        }
        // Inside a longer name: for geoparsing only well-known places ("Texas Rangers"), since
        // a small town's name is as often a person's ("Sydney Smith").
        if glued_to_name(t, h, &starts) && (mode == Mode::Places || !big) {
            continue;
        }
        let single_alt = cands.iter().all(|c| !c.main) && !t[h.start..h.end].contains(' ');
        if single_alt && crate::actors::sentence_start(t, h.start) {
            continue;
        }
        if cands.len() == 1 {
            let e = &k.gaz.entries[cands[0].entry as usize];
            if let Some(c) = &e.country {
                context.insert(c.clone());
                if matches!(e.kind, Kind::Admin1 | Kind::Admin2) && !e.admin1.is_empty() {
                    admin1.insert((c.clone(), e.admin1.clone()));
                }
            }
        }
        kept.push(h);
    }
    let best = |h: &Hit, admin1: &HashSet<(String, String)>| {
        k.gaz
            .cands(h.pattern)
            .iter()
            .filter(|c| mode == Mode::Geoparse || !c.demonym)
            .max_by(|a, b| score(k, h, a, t, &context, admin1).total_cmp(&score(k, h, b, t, &context, admin1)))
            .copied()
    };
    // Admin-1 regions as first resolved ("Florida") then steer the cities ("Parkland").
    for h in &kept {
        if let Some(c) = best(h, &admin1) {
            let e = &k.gaz.entries[c.entry as usize];
            if let (Kind::Admin1 | Kind::Admin2, Some(cc)) = (e.kind, &e.country) {
                if !e.admin1.is_empty() {
                    admin1.insert((cc.clone(), e.admin1.clone()));
                }
            }
        }
    }
    let mut places = Vec::with_capacity(kept.len());
    for h in kept {
        let Some(c) = best(h, &admin1) else { continue };
        let g = &k.gaz.entries[c.entry as usize];
        let precision = match (g.kind, g.capital) {
            (Kind::Country, _) => "country",
            (Kind::Region, _) => "region",
            (Kind::Admin1, _) => "admin1",
            (Kind::Admin2, _) => "admin2",
            (Kind::City, true) => "capital",
            (Kind::City, false) => "city",
        };
        let how = if c.demonym { ":demonym" } else if c.main { "" } else { ":alt" };
        places.push(Place {
            span: Span::new(h.start, h.end),
            name: g.name.clone(),
            country: g.country.clone(),
            lat: Some(g.lat),
            lon: Some(g.lon),
            precision: precision.to_string(),
            geonames_id: g.geonameid,
            rule: Some(format!("gazetteer:{precision}{how}")),
        });
    }
    places
}

/// How plausible a reading of a toponym is here.
fn score(k: &PlaceKnowledge, h: &Hit, c: &gazetteer::Cand, t: &str, context: &HashSet<String>, admin1: &HashSet<(String, String)>) -> f64 {
    let g = &k.gaz.entries[c.entry as usize];
    let mut s = ((g.population + 1) as f64).ln();
    if g.kind == Kind::City && g.country.as_ref().is_some_and(|c| admin1.contains(&(c.clone(), g.admin1.clone()))) {
        s += 5.0;
    }
    if g.country.as_ref().is_some_and(|x| context.contains(x)) {
        s += 6.0;
    }
    if c.main {
        s += 3.0;
    }
    match g.kind {
        Kind::Country => s += 8.0,
        Kind::Region => s += 2.0,
        // Its population is the sum of its cities: without this "New York" would be the state.
        Kind::Admin1 | Kind::Admin2 => s -= 1.5,
        Kind::City if g.capital => s += 4.0,
        Kind::City => {}
    }
    // "Paris, Texas": the region or country after a comma decides.
    if let Some(rest) = t.get(h.end..).and_then(|r| r.strip_prefix(", ")) {
        let next: String = rest.chars().take_while(|c| c.is_alphabetic() || *c == ' ' || *c == '.').take(30).collect();
        if k.gaz.admin1.iter().map(|&i| &k.gaz.entries[i]).filter(|e| next.starts_with(&e.name)).any(|e| e.admin1 == g.admin1 && e.country == g.country)
            || g.country.as_deref().and_then(|iso| k.countries.by_iso3.get(iso)).is_some_and(|&ci| k.countries.list[ci].names.iter().any(|n| next.starts_with(n.as_str())))
        {
            s += 20.0;
        }
    }
    s
}

/// Toponyms of an annotated document for geoparsing evaluation: the places, plus countries,
/// demonyms and capitals that the actor layer kept as actors, placed at the country's centre
/// (or the capital for a capital metonym).
pub fn toponyms(doc: &Document, k: &crate::Knowledge) -> Vec<Place> {
    let pk = &k.places;
    let mut out = resolve(doc, pk, Mode::Geoparse);
    for m in &doc.mentions {
        let rule = m.rule.as_str();
        let Some(c) = m.country.as_deref().and_then(|iso| pk.countries.by_iso3.get(iso)).map(|&i| &pk.countries.list[i]) else { continue };
        let (at, precision) = if rule.starts_with("metonym:capital") {
            (c.capital_at, "capital")
        } else if rule.starts_with("dict:country") || rule.starts_with("demonym") {
            (c.centre, "country")
        } else {
            continue;
        };
        let Some((lat, lon)) = at else { continue };
        if out.iter().any(|p| p.span.start < m.span.end && m.span.start < p.span.end) {
            continue;
        }
        out.push(Place {
            span: m.span,
            name: c.names.first().cloned().unwrap_or_default(),
            country: Some(c.iso3.clone()),
            lat: Some(lat),
            lon: Some(lon),
            precision: precision.to_string(),
            geonames_id: None,
            rule: Some(format!("actor:{rule}")),
        });
    }
    out.sort_by_key(|p| p.span);
    out
}

#[cfg(test)]
mod tests {
    use sitrep_model::Document;

    fn run(t: &str) -> (Vec<String>, Vec<String>) {
        let k = crate::Knowledge::load(None).expect("knowledge");
        let mut doc = Document::new("t", "t", t.to_string());
        crate::annotate(&mut doc, &k);
        let show = |ps: &[sitrep_model::Place]| ps.iter().map(|p| format!("{} {}", &t[p.span.start..p.span.end], p.precision)).collect();
        (show(&doc.places), show(&super::toponyms(&doc, &k)))
    }

    #[test]
    fn names_inside_names_are_toponyms_not_places() {
        let (places, topo) = run("The New York Times said the Texas Rangers won.");
        assert!(places.is_empty(), "{places:?}");
        assert!(topo.contains(&"New York city".to_string()) || topo.contains(&"New York admin1".to_string()), "{topo:?}");
        assert!(topo.contains(&"Texas admin1".to_string()), "{topo:?}");
    }

    #[test]
    fn provinces_outside_the_us_and_longer_names_win() {
        let (places, _) = run("Protests spread from Tamil Nadu to New Mexico.");
        assert_eq!(places, ["Tamil Nadu admin1", "New Mexico admin1"]);
    }
}
