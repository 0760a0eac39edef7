//! How plausible each reading of a toponym is, given the rest of the document: population,
//! the kind of place, the countries and provinces named elsewhere, and the words around it
//! ("Paris, Texas"; "Atlanta, Georgia"; "Ohio, Oregon and Utah").

use std::collections::{HashMap, HashSet};

use super::gazetteer::{Cand, Gaz, Kind};
use super::PlaceKnowledge;
use crate::text::Hit;

/// What the document says around and besides each hit.
pub(super) struct Ctx {
    /// Countries the document names, with the spans naming them: a name is no evidence for its
    /// own reading ("Georgia" alone does not make a story Georgian).
    countries: HashMap<String, Vec<(usize, usize)>>,
    /// (country, admin-1 code) of provinces the document names: "Parkland" in a story about Florida.
    pub admin1: HashSet<(String, String)>,
}

impl Ctx {
    pub(super) fn new() -> Self {
        Ctx { countries: HashMap::new(), admin1: HashSet::new() }
    }

    pub(super) fn add_country(&mut self, iso3: &str, start: usize, end: usize) {
        self.countries.entry(iso3.to_string()).or_default().push((start, end));
    }

    /// Whether the document names `iso3` somewhere other than inside `h`.
    fn names_country(&self, iso3: &str, h: &Hit) -> bool {
        self.countries.get(iso3).is_some_and(|spans| spans.iter().any(|&(s, e)| e <= h.start || s >= h.end))
    }
}

/// Neighbours of a hit in the text.
#[derive(Default, Clone, Copy)]
pub(super) struct Around {
    /// In a list of provinces ("Ohio, Oregon and Utah", no town only a town): a province too.
    pub region_list: bool,
    /// The hit just before, joined by a comma ("Atlanta, Georgia"): a place inside this one.
    pub after: Option<usize>,
    /// Part of a longer name ("Cambridge Analytica", "Venice Commission") that only towns could
    /// be: that names the best-known one, whatever country the story is about.
    pub glued: bool,
}

/// Separators of a list of names.
const LIST_SEPS: &[&str] = &[", ", " and ", ", and ", " or ", ", or ", " & "];

/// Where each hit stands among its neighbours.
pub(super) fn around(t: &str, hits: &[Hit], k: &PlaceKnowledge) -> Vec<Around> {
    let kinds = |h: &Hit| {
        let cands = k.gaz.cands(h.pattern);
        let kind = |c: &&Cand| k.gaz.entries[c.entry as usize].kind;
        // Only a province by its main name; only a town, with no province or country reading.
        let province = cands.iter().filter(|c| c.main).all(|c| kind(&c) == Kind::Admin1) && cands.iter().any(|c| c.main);
        let town = cands.iter().all(|c| kind(&c) == Kind::City);
        (province, town)
    };
    let joined = |a: &Hit, b: &Hit| a.end <= b.start && LIST_SEPS.contains(&&t[a.end..b.start]);
    let mut out = vec![Around::default(); hits.len()];
    let mut i = 0;
    while i < hits.len() {
        // The run of names joined as a list, hits[i..j].
        let mut j = i + 1;
        while j < hits.len() && joined(&hits[j - 1], &hits[j]) {
            j += 1;
        }
        let (mut provinces, mut towns) = (0, 0);
        for h in &hits[i..j] {
            let (p, tw) = kinds(h);
            provinces += usize::from(p);
            towns += usize::from(tw);
        }
        for (n, a) in out[i..j].iter_mut().enumerate() {
            let (own, _) = kinds(&hits[i + n]);
            a.region_list = j - i > 1 && towns == 0 && provinces > usize::from(own);
        }
        for n in i + 1..j {
            if &t[hits[n - 1].end..hits[n].start] == ", " {
                out[n].after = Some(n - 1);
            }
        }
        i = j;
    }
    out
}

/// True when `inner` (a town or province) lies in `outer` (a province or country).
fn inside(inner: &Gaz, outer: &Gaz) -> bool {
    inner.country.is_some()
        && inner.country == outer.country
        && match outer.kind {
            Kind::Country => inner.kind != Kind::Country,
            Kind::Admin1 => matches!(inner.kind, Kind::City | Kind::Admin2) && inner.admin1 == outer.admin1,
            _ => false,
        }
}

/// The score of reading `c` for hit `hits[i]`.
pub(super) fn score(k: &PlaceKnowledge, hits: &[Hit], i: usize, near: Around, c: &Cand, t: &str, ctx: &Ctx) -> f64 {
    let h = &hits[i];
    let g = &k.gaz.entries[c.entry as usize];
    let mut s = ((g.population + 1) as f64).ln();
    // A small town is meant only when the story names its province, and over a well-known
    // namesake ("Louisville", Kentucky) only when written with it ("Louisville, Ohio").
    let famous = || k.gaz.cands(h.pattern).iter().any(|o| k.gaz.entries[o.entry as usize].population >= 100_000 && !k.gaz.entries[o.entry as usize].small);
    let context = !(near.glued || (g.small && famous()));
    let in_province = g.kind == Kind::City && g.country.as_ref().is_some_and(|c| ctx.admin1.contains(&(c.clone(), g.admin1.clone())));
    if context && in_province {
        s += 5.0;
    }
    if context && (!g.small || in_province) && g.country.as_ref().is_some_and(|x| ctx.names_country(x, h)) {
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
    if near.region_list && g.kind == Kind::Admin1 {
        s += 4.0;
    }
    // "Atlanta, Georgia": the place before the comma lies in this reading.
    if let Some(j) = near.after {
        if k.gaz.cands(hits[j].pattern).iter().any(|p| inside(&k.gaz.entries[p.entry as usize], g)) {
            s += 20.0;
        }
    }
    // "Paris, Texas": the region or country after a comma decides (not in a list of
    // provinces: "Washington, Pennsylvania and California").
    if let Some(rest) = t.get(h.end..).and_then(|r| r.strip_prefix(", ")).filter(|_| !near.region_list) {
        let next: String = rest.chars().take_while(|c| c.is_alphabetic() || *c == ' ' || *c == '.').take(30).collect();
        if k.gaz.admin1_at_start(&next).any(|e| e.admin1 == g.admin1 && e.country == g.country)
            || g.country.as_deref().and_then(|iso| k.countries.by_iso3.get(iso)).is_some_and(|&ci| k.countries.list[ci].names.iter().any(|n| next.starts_with(n.as_str())))
        {
            s += 20.0;
        }
    }
    s
}
