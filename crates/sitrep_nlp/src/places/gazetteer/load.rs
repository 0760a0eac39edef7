//! Building the gazetteer: entries from the country table, `knowledge/regions.tsv` and
//! `knowledge/gazetteer.tsv.gz` (plus a `gazetteer.tsv` in the user's knowledge directory),
//! every reading of each name (common words filtered out), and the admin-1 and capital
//! indexes.

use std::collections::HashMap;
use std::collections::HashSet;
use std::io::Read;
use std::path::Path;

use super::{first_word, Cand, Fx, Gaz, Gazetteer, Kind};
use crate::countries::Countries;
use crate::{kfile, text, KnowledgeError};

const GAZETTEER_GZ: &[u8] = include_bytes!("../../../../../knowledge/gazetteer.tsv.gz");
const REGIONS: &str = include_str!("../../../../../knowledge/regions.tsv");

#[derive(Default)]
struct Builder {
    entries: Vec<Gaz>,
    index: HashMap<String, usize, Fx>,
    /// Per name, the head of its candidate list in `pool` (linked by the `u32`, `u32::MAX` ends).
    heads: Vec<u32>,
    pool: Vec<(Cand, u32)>,
    stop: HashSet<&'static str, Fx>,
    first_words: HashSet<String, Fx>,
    max_len: usize,
}

impl Builder {
    fn name(&mut self, name: &str, entry: usize, main: bool) {
        self.add(name, entry, main, false)
    }
    fn demonym(&mut self, name: &str, entry: usize) {
        if name.len() >= 3 && !name.contains('.') && name != "US" && name != "UK" {
            self.push(name, entry, Cand { entry: entry as u32, main: true, demonym: true });
        }
    }
    /// `force`: countries and hand-written regions skip the common-word filter.
    fn add(&mut self, name: &str, entry: usize, main: bool, force: bool) {
        if !force && (name.len() < 3 || self.stop.contains(name)) {
            return;
        }
        self.push(name, entry, Cand { entry: entry as u32, main, demonym: false });
    }
    fn push(&mut self, name: &str, entry: usize, cand: Cand) {
        let i = match self.index.get(name) {
            Some(&i) => i,
            None => {
                let w = first_word(name);
                if !self.first_words.contains(w) {
                    self.first_words.insert(w.to_string());
                }
                self.max_len = self.max_len.max(name.len());
                self.index.insert(name.to_string(), self.heads.len());
                self.heads.push(u32::MAX);
                self.heads.len() - 1
            }
        };
        let mut at = self.heads[i];
        while at != u32::MAX {
            if self.pool[at as usize].0.entry as usize == entry {
                return;
            }
            at = self.pool[at as usize].1;
        }
        self.pool.push((cand, self.heads[i]));
        self.heads[i] = (self.pool.len() - 1) as u32;
    }
    /// Flatten the linked lists, each in insertion order.
    fn flat(&self) -> (Vec<Cand>, Vec<(u32, u32)>) {
        let mut cands = Vec::with_capacity(self.pool.len());
        let mut spans = Vec::with_capacity(self.heads.len());
        for &h in &self.heads {
            let start = cands.len();
            let mut at = h;
            while at != u32::MAX {
                cands.push(self.pool[at as usize].0);
                at = self.pool[at as usize].1;
            }
            cands[start..].reverse();
            spans.push((start as u32, cands.len() as u32));
        }
        (cands, spans)
    }
    fn entry(&mut self, g: Gaz) -> usize {
        self.entries.push(g);
        self.entries.len() - 1
    }
}

/// Alternate names that are ordinary English words or names far more often than places.
const EXTRA_STOP: &[&str] = &[
    "Police", "City", "Government", "Republic", "Union", "University", "Court", "Centre", "Center",
    "North", "South", "East", "West", "Central", "Best", "Hope", "Victoria", "Bay", "Mobile",
    "Reading", "Mercedes", "Florence", "Aurora", "Phoenix", "Columbia", "Lincoln", "Jackson",
    "Man", "Split", "Nice", "Mary", "Orange", "Marathon", "Bar", "Of", "Sale", "Wells", "Deal",
    "Obama", "Trump", "Biden", "Jordan", "Drug", "Federal", "Valley", "Chad", "Niger", "Guinea", "Turkey",
];

fn gz_text() -> Result<String, KnowledgeError> {
    let mut s = String::new();
    flate2::read::GzDecoder::new(GAZETTEER_GZ)
        .read_to_string(&mut s)
        .map_err(|e| kfile::bad("gazetteer.tsv.gz", e.to_string()))?;
    Ok(s)
}

impl Gazetteer {
    pub(crate) fn load(dir: Option<&Path>, countries: &Countries) -> Result<Self, KnowledgeError> {
        let mut b = Builder::default();
        // About 170k names: reserving avoids rehashing them all a few times.
        b.index.reserve(200_000);
        b.stop = text::STOP_CAPS.iter().chain(EXTRA_STOP).copied().collect();
        for c in &countries.list {
            let Some((lat, lon)) = c.centre else { continue };
            let i = b.entry(Gaz {
                name: c.names.first().cloned().unwrap_or_default(),
                country: Some(c.iso3.clone()),
                admin1: String::new(),
                lat,
                lon,
                population: c.population.max(1_000_000),
                geonameid: c.geonameid,
                kind: Kind::Country,
                capital: false,
                small: false,
            });
            for n in &c.names {
                if n.len() >= 3 || n.contains('.') || n == "US" || n == "UK" {
                    b.add(n, i, true, true);
                }
            }
            if let Some(n) = c.names.first().filter(|n| n.len() >= 4) {
                b.add(&n.to_uppercase(), i, true, true);
            }
            for d in &c.demonyms {
                b.demonym(d, i);
            }
        }
        let regions = kfile::read(dir, "regions.tsv", REGIONS)?;
        for r in kfile::rows(&regions) {
            let (Some(names), Some(lat), Some(lon)) = (r.first(), r.get(2).and_then(|x| x.parse().ok()), r.get(3).and_then(|x| x.parse().ok())) else { continue };
            let kind = if r.get(4) == Some(&"admin1") { Kind::Admin1 } else { Kind::Region };
            let first = kfile::list(names).next().unwrap_or_default().to_string();
            let i = b.entry(Gaz { name: first, country: kfile::opt(r.get(1)), admin1: String::new(), lat, lon, population: 2_000_000, geonameid: None, kind, capital: false, small: false });
            for n in kfile::list(names) {
                b.add(n, i, true, true);
            }
        }
        let mut gaz = gz_text()?;
        if let Some(extra) = kfile::read_user(dir, "gazetteer.tsv")? {
            gaz.push('\n');
            gaz.push_str(&extra);
        }
        for r in kfile::rows(&gaz) {
            if r.len() < 9 {
                continue;
            }
            let (Ok(lat), Ok(lon)) = (r[5].parse::<f64>(), r[6].parse::<f64>()) else { continue };
            let country = kfile::opt(Some(&r[3]));
            let small = r[0] == "town";
            let capital = !small
                && country
                .as_deref()
                .and_then(|c| countries.by_iso3.get(c))
                .and_then(|&ci| countries.list[ci].capital.as_deref())
                .is_some_and(|cap| cap == r[1] || kfile::list(r[2]).any(|a| a == cap));
            let kind = match r[0] {
                "admin1" => Kind::Admin1,
                "admin2" => Kind::Admin2,
                "region" => Kind::Region,
                _ => Kind::City,
            };
            let population: u64 = r[7].parse().unwrap_or(0);
            let i = b.entry(Gaz {
                name: r[1].to_string(),
                country,
                admin1: r[4].to_string(),
                lat,
                lon,
                population,
                geonameid: r[8].parse().ok(),
                kind,
                capital,
                small,
            });
            b.name(r[1], i, true);
            // Datelines ("BEIRUT (Reuters) -") and headlines spell big places in capitals.
            if population >= 100_000 && r[1].len() >= 4 {
                b.name(&r[1].to_uppercase(), i, true);
            }
            for a in kfile::list(r[2]) {
                // Two capitals name a region or province only as its own abbreviation ("EU", "BC").
                let abbrev = a.len() == 2 && a.bytes().all(|c| c.is_ascii_uppercase()) && matches!(kind, Kind::Region | Kind::Admin1);
                b.add(a, i, false, abbrev);
            }
            for d in r.get(9).map(|d| kfile::list(d)).into_iter().flatten() {
                b.demonym(d, i);
            }
        }
        let (first_words, max_len) = (std::mem::take(&mut b.first_words), b.max_len);
        let mut admin1: HashMap<String, Vec<usize>, Fx> = HashMap::default();
        for (i, e) in b.entries.iter().enumerate().filter(|(_, e)| e.kind == Kind::Admin1) {
            admin1.entry(first_word(&e.name).to_string()).or_default().push(i);
        }
        let mut capitals: HashMap<String, usize, Fx> = HashMap::default();
        for (i, e) in b.entries.iter().enumerate().filter(|(_, e)| e.capital) {
            if let Some(c) = &e.country {
                let best = capitals.entry(c.clone()).or_insert(i);
                if b.entries[*best].population < e.population {
                    *best = i;
                }
            }
        }
        let (cands, spans) = b.flat();
        Ok(Gazetteer { entries: b.entries, names: b.index, first_words, max_len, cands, spans, admin1, capitals })
    }
}
