//! Places: toponyms found with the gazetteer automaton, resolved to coordinates with a precision
//! (`country`, `admin1`, `region`, `city`, `capital`). Ambiguous names are resolved by the
//! document's country context (actors and unambiguous places), a following ", Region" and
//! population. Capitals used as governments ("Seoul says") are actor mentions, not places.

mod gazetteer;
mod score;

use std::collections::HashSet;
use std::path::Path;

use sitrep_model::{Document, EntityKind, Place, Span};

use crate::countries::Countries;
use crate::text::{self, Hit};
use crate::KnowledgeError;
use gazetteer::{Gazetteer, Kind};

const GIVEN_NAMES: &str = include_str!("../../../../knowledge/given_names.txt");

pub(crate) struct PlaceKnowledge {
    countries: Countries,
    gaz: Gazetteer,
    /// Common given names (`knowledge/given_names.txt`): "Jeremy Allen" is a person.
    given: HashSet<String>,
}

impl PlaceKnowledge {
    pub(crate) fn load(dir: Option<&Path>) -> Result<Self, KnowledgeError> {
        let countries = Countries::load(dir)?;
        let gaz = Gazetteer::load(dir, &countries)?;
        let given = crate::kfile::read(dir, "given_names.txt", GIVEN_NAMES)?
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect();
        Ok(PlaceKnowledge { countries, gaz, given })
    }
}

/// Town names used as surnames in this story: one seen right after a given name ("Jeremy
/// Allen") is the person's name everywhere in the story ("Allen said"), one sense per story.
fn surnames<'t>(t: &'t str, hits: &[Hit], k: &PlaceKnowledge) -> HashSet<&'t str> {
    hits.iter()
        .filter(|h| town_only(k, h) && !t[h.start..h.end].contains(' '))
        .filter(|h| {
            text::prev_word(t, h.start)
                .is_some_and(|(ws, w)| ws + w.len() + 1 == h.start && t[ws + w.len()..h.start] == *" " && k.given.contains(w))
        })
        .map(|h| &t[h.start..h.end])
        .collect()
}

/// Every reading of the hit is a town (no capital, province, country or demonym).
fn town_only(k: &PlaceKnowledge, h: &Hit) -> bool {
    k.gaz.cands(h.pattern).iter().all(|c| {
        let e = &k.gaz.entries[c.entry as usize];
        e.kind == Kind::City && !e.capital && !c.demonym
    })
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

/// "Mexicans" are people; "Mexican" (officials) is of Mexico: geoparsing golds count the
/// adjective as a toponym, never the plural noun.
fn plural_demonym(k: &PlaceKnowledge, word: &str) -> bool {
    word.strip_suffix('s').is_some_and(|w| k.gaz.is_demonym(w))
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
/// mention inside it ("New Jersey" over "Jersey", "Northern Ireland" over "Ireland"). For
/// geoparsing, a country or capital name that is also a province ("Georgia", "Washington") is
/// left to the gazetteer, which weighs both readings by the document's context.
fn owned_by_actor(doc: &Document, h: &Hit, mode: Mode, place_like: bool, province: bool) -> bool {
    doc.mentions.iter().filter(|m| !m.rule.starts_with("place:")).any(|m| {
        let (b, inside) = (m.span, h.start <= m.span.start && m.span.end <= h.end && h.end - h.start > m.span.end - m.span.start);
        if !(b.start < h.end && h.start < b.end) || inside {
            return false;
        }
        match mode {
            Mode::Places => true,
            // Organisations do not hide their place ("Syrian Observatory"); people hide cities
            // ("Sydney Smith") but not their country ("Russian President Vladimir Putin").
            Mode::Geoparse if province && (m.rule.starts_with("dict:country") || m.rule.starts_with("metonym:capital")) => false,
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
    let mut near = score::around(t, &hits, k);
    let mut ctx = score::Ctx::new();
    for m in &doc.mentions {
        if let Some(c) = &m.country {
            ctx.add_country(c, m.span.start, m.span.end);
        }
    }
    let surnames = surnames(t, &hits, k);
    let mut kept: Vec<usize> = Vec::new();
    for (i, h) in hits.iter().enumerate() {
        let cands = k.gaz.cands(h.pattern);
        if surnames.contains(&t[h.start..h.end]) && town_only(k, h) {
            continue;
        }
        let demonym_only = cands.iter().all(|c| c.demonym);
        if demonym_only && (mode == Mode::Places || plural_demonym(k, &t[h.start..h.end])) {
            continue;
        }
        // Well known: a country, a named region, a town of 100,000 people or a province or county
        // of 20,000 (the parishes of the Isle of Man are no reason to read "Michael O'Leary" as
        // a place; "Cavan County Council" still names County Cavan).
        let big = cands.iter().any(|c| {
            let e = &k.gaz.entries[c.entry as usize];
            c.demonym
                || match e.kind {
                    Kind::Country | Kind::Region => true,
                    Kind::Admin1 | Kind::Admin2 => e.population >= 20_000,
                    Kind::City => e.population >= 100_000 && !e.small,
                }
        });
        let province = cands.iter().any(|c| k.gaz.entries[c.entry as usize].kind == Kind::Admin1);
        if owned_by_actor(doc, h, mode, !big, province) {
            continue;
        }
        // Inside a longer name: for geoparsing only well-known places ("Texas Rangers"), since
        // a small town's name is as often a person's ("Sydney Smith").
        if glued_to_name(t, h, &starts) {
            if mode == Mode::Places || !big {
                continue;
            }
            // Town against town ("Cambridge Analytica"): the best-known one, whatever the story's
            // country. A province or country reading keeps the context ("New York Times").
            near[i].glued = cands.iter().all(|c| k.gaz.entries[c.entry as usize].kind == Kind::City);
        }
        // Small towns add readings to known names, never credibility to a name.
        let single_alt = cands.iter().all(|c| !c.main || k.gaz.entries[c.entry as usize].small) && !t[h.start..h.end].contains(' ');
        if single_alt && crate::actors::sentence_start(t, h.start) {
            continue;
        }
        // One reading besides small towns: that place's country and province are context.
        let mut solid = cands.iter().filter(|c| !k.gaz.entries[c.entry as usize].small);
        if let (Some(only), None) = (solid.next(), solid.next()) {
            let e = &k.gaz.entries[only.entry as usize];
            if let Some(c) = &e.country {
                ctx.add_country(c, h.start, h.end);
                if matches!(e.kind, Kind::Admin1 | Kind::Admin2) && !e.admin1.is_empty() {
                    ctx.admin1.insert((c.clone(), e.admin1.clone()));
                }
            }
        }
        kept.push(i);
    }
    let best = |i: usize, ctx: &score::Ctx| {
        k.gaz
            .cands(hits[i].pattern)
            .iter()
            .filter(|c| mode == Mode::Geoparse || !c.demonym)
            .map(|c| (score::score(k, &hits, i, near[i], c, t, ctx), c))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, c)| *c)
    };
    // Admin-1 regions as first resolved ("Florida") then steer the cities ("Parkland").
    let mut found = Vec::new();
    for &i in &kept {
        if let Some(c) = best(i, &ctx) {
            let e = &k.gaz.entries[c.entry as usize];
            if let (Kind::Admin1 | Kind::Admin2, Some(cc)) = (e.kind, &e.country) {
                if !e.admin1.is_empty() {
                    found.push((cc.clone(), e.admin1.clone()));
                }
            }
        }
    }
    ctx.admin1.extend(found);
    let mut places = Vec::with_capacity(kept.len());
    for i in kept {
        let h = &hits[i];
        let Some(c) = best(i, &ctx) else { continue };
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
            // The gazetteer's GeoNames point for the capital: countryinfo's is off for a few
            // (Tunis by 340 km, Brasília by 830).
            (pk.gaz.capital_of(&c.iso3).map(|e| (e.lat, e.lon)).or(c.capital_at), "capital")
        } else if rule.starts_with("demonym") && plural_demonym(pk, doc.text.get(m.span.start..m.span.end).unwrap_or_default()) {
            continue;
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
    fn a_country_name_that_is_also_a_state_follows_the_context() {
        let (_, topo) = run("The outbreak reached Atlanta, Georgia on Monday.");
        assert!(topo.contains(&"Georgia admin1".to_string()), "{topo:?}");
        let (_, topo) = run("Cases rose in Ohio, Georgia and Utah.");
        assert!(topo.contains(&"Georgia admin1".to_string()), "{topo:?}");
        let (_, topo) = run("Protesters marched in Tbilisi, Georgia, against the new law.");
        assert!(topo.contains(&"Georgia country".to_string()), "{topo:?}");
    }

    #[test]
    fn a_town_inside_an_organisation_name_is_the_best_known_one() {
        let t = "Cambridge Analytica harvested the data of American voters, the Federal Trade Commission in Washington said.";
        let k = crate::Knowledge::load(None).expect("knowledge");
        let mut doc = Document::new("t", "t", t.to_string());
        crate::annotate(&mut doc, &k);
        let topo = super::toponyms(&doc, &k);
        let cambridge = topo.iter().find(|p| &t[p.span.start..p.span.end] == "Cambridge").expect("Cambridge");
        assert_eq!(cambridge.country.as_deref(), Some("GBR"));
    }

    fn countries_of(t: &str, name: &str) -> Vec<String> {
        let k = crate::Knowledge::load(None).expect("knowledge");
        let mut doc = Document::new("t", "t", t.to_string());
        crate::annotate(&mut doc, &k);
        doc.places.iter().filter(|p| &t[p.span.start..p.span.end] == name).filter_map(|p| p.country.clone()).collect()
    }

    #[test]
    fn a_small_town_needs_its_province_named() {
        // Nelson (10,000 people) is in British Columbia; the bigger Nelson is in New Zealand.
        assert_eq!(countries_of("The ministry opened a service office in Nelson, and BC officials welcomed it.", "Nelson"), ["CAN"]);
        assert_eq!(countries_of("The ministry opened a service office in Nelson on Monday.", "Nelson"), ["NZL"]);
        // A famous namesake wins unless the town is written with its province.
        let t = "Voters in Ohio and in Louisville went to the polls.";
        let k = crate::Knowledge::load(None).expect("knowledge");
        let mut doc = Document::new("t", "t", t.to_string());
        crate::annotate(&mut doc, &k);
        let louisville = doc.places.iter().find(|p| &t[p.span.start..p.span.end] == "Louisville").expect("Louisville");
        assert!(louisville.lat.is_some_and(|lat| lat < 39.0), "{louisville:?}");
    }

    #[test]
    fn a_capital_that_is_also_a_state_follows_the_context() {
        let (_, topo) = run("A bakery in Tacoma, Washington shared its recipes.");
        assert!(topo.contains(&"Washington admin1".to_string()), "{topo:?}");
        let (_, topo) = run("Officials in Washington said the talks would resume.");
        assert!(topo.iter().any(|p| p.starts_with("Washington capital")), "{topo:?}");
    }

    #[test]
    fn plural_demonyms_are_people_not_toponyms() {
        let (_, topo) = run("Mexican officials said thousands of Mexicans and Canadians crossed.");
        assert!(topo.iter().any(|p| p.starts_with("Mexican ") && p.ends_with(" country")), "{topo:?}");
        assert!(!topo.iter().any(|p| p.starts_with("Mexicans") || p.starts_with("Canadians")), "{topo:?}");
    }

    #[test]
    fn a_town_name_after_a_given_name_is_a_surname_in_the_whole_story() {
        let (_, topo) = run("Jeremy Allen hosted a tasting. Allen said the wine was good.");
        assert!(!topo.iter().any(|p| p == "Allen city"), "{topo:?}");
        // Without a given name before it, the town stays.
        let (places, _) = run("The council met in Allen on Monday; Allen has 100,000 residents.");
        assert_eq!(places, ["Allen city", "Allen city"]);
    }

    #[test]
    fn first_names_of_people_are_not_small_provinces() {
        // "Michael" and "Paul" are also tiny subdivisions (Isle of Man, Cape Verde).
        let (places, topo) = run("Ryanair chief Michael O'Leary and his lawyer Paul Kemp met in Dublin.");
        assert!(!topo.iter().any(|p| p.starts_with("Michael") || p.starts_with("Paul")), "{topo:?}");
        assert_eq!(places, ["Dublin capital"]);
    }

    #[test]
    fn a_list_of_provinces_reads_its_names_as_provinces() {
        // Oregon and Wyoming are also towns in other states; in such a list they are the states.
        let (places, _) = run("Illnesses were reported in Ohio, Oregon, Texas and Wyoming.");
        assert_eq!(places, ["Ohio admin1", "Oregon admin1", "Texas admin1", "Wyoming admin1"]);
        // A town in the list makes it a list of places, not of provinces.
        let (places, _) = run("After stops in Washington, New York and Boston, he flew home.");
        assert_eq!(places[2], "Boston city");
        assert_ne!(places[0], "Washington admin1");
    }

    #[test]
    fn provinces_outside_the_us_and_longer_names_win() {
        let (places, _) = run("Protests spread from Tamil Nadu to New Mexico.");
        assert_eq!(places, ["Tamil Nadu admin1", "New Mexico admin1"]);
    }
}
