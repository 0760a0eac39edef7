//! The country table: ISO codes, names, demonyms, capitals with coordinates. Generated part in
//! `knowledge/countries.tsv` (scripts/gen_gazetteer.py), hand-written additions in
//! `knowledge/countries_extra.tsv`. Shared by actors and places.

use std::collections::HashMap;
use std::path::Path;

use crate::{kfile, KnowledgeError};

const COUNTRIES: &str = include_str!("../../../knowledge/countries.tsv");
const COUNTRIES_EXTRA: &str = include_str!("../../../knowledge/countries_extra.tsv");

#[derive(Debug, Clone, Default)]
pub(crate) struct Country {
    pub iso3: String,
    /// First is the canonical name.
    pub names: Vec<String>,
    pub demonyms: Vec<String>,
    pub capital: Option<String>,
    pub capital_at: Option<(f64, f64)>,
    /// A representative point (centre) of the country.
    pub centre: Option<(f64, f64)>,
    pub population: u64,
    pub geonameid: Option<u64>,
}

#[derive(Debug, Default)]
pub(crate) struct Countries {
    pub list: Vec<Country>,
    pub by_iso3: HashMap<String, usize>,
}

fn coord(lat: Option<&&str>, lon: Option<&&str>) -> Option<(f64, f64)> {
    Some((lat?.parse().ok()?, lon?.parse().ok()?))
}

impl Countries {
    pub(crate) fn load(dir: Option<&Path>) -> Result<Self, KnowledgeError> {
        let mut c = Countries::default();
        let main = kfile::read(dir, "countries.tsv", COUNTRIES)?;
        for r in kfile::rows(&main) {
            if r.len() < 3 || r[0].len() != 3 {
                continue;
            }
            let i = c.entry(r[0]);
            let e = &mut c.list[i];
            for n in kfile::list(r[2]) {
                if !e.names.iter().any(|x| x == n) {
                    e.names.push(n.to_string());
                }
            }
            if let Some(d) = r.get(3) {
                for n in kfile::list(d) {
                    if !e.demonyms.iter().any(|x| x == n) {
                        e.demonyms.push(n.to_string());
                    }
                }
            }
            if let Some(cap) = kfile::opt(r.get(4)) {
                e.capital = Some(cap);
            }
            e.capital_at = coord(r.get(5), r.get(6)).or(e.capital_at);
            e.centre = coord(r.get(7), r.get(8)).or(e.centre).or(e.capital_at);
            e.population = r.get(9).and_then(|p| p.parse().ok()).unwrap_or(e.population);
            e.geonameid = r.get(10).and_then(|p| p.parse().ok()).or(e.geonameid);
        }
        let extra = kfile::read(dir, "countries_extra.tsv", COUNTRIES_EXTRA)?;
        for r in kfile::rows(&extra) {
            if r.len() < 2 || r[0].len() != 3 {
                continue;
            }
            let i = c.entry(r[0]);
            let e = &mut c.list[i];
            for n in kfile::list(r[1]) {
                if !e.names.iter().any(|x| x == n) {
                    e.names.push(n.to_string());
                }
            }
            for n in r.get(2).map(|d| kfile::list(d).collect::<Vec<_>>()).unwrap_or_default() {
                if !e.demonyms.iter().any(|x| x == n) {
                    e.demonyms.push(n.to_string());
                }
            }
        }
        c.unshare();
        Ok(c)
    }

    /// A demonym or name several territories share ("American": USA and the Northern Mariana
    /// Islands; "French": France and its overseas parts) means the most populous one in news.
    fn unshare(&mut self) {
        let mut owner: HashMap<String, (u64, usize)> = HashMap::new();
        for (i, c) in self.list.iter().enumerate() {
            for n in c.demonyms.iter().chain(&c.names) {
                let e = owner.entry(n.clone()).or_insert((c.population, i));
                if c.population > e.0 {
                    *e = (c.population, i);
                }
            }
        }
        for (i, c) in self.list.iter_mut().enumerate() {
            c.demonyms.retain(|n| owner.get(n).is_none_or(|o| o.1 == i));
            // Keep the canonical name even when shared, so every country stays addressable.
            let first = c.names.first().cloned();
            c.names.retain(|n| Some(n) == first.as_ref() || owner.get(n).is_none_or(|o| o.1 == i));
        }
    }

    fn entry(&mut self, iso3: &str) -> usize {
        if let Some(&i) = self.by_iso3.get(iso3) {
            return i;
        }
        self.list.push(Country { iso3: iso3.to_string(), ..Default::default() });
        self.by_iso3.insert(iso3.to_string(), self.list.len() - 1);
        self.list.len() - 1
    }
}
