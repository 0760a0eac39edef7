//! Linking one batch in memory. Everything the batch could link to is read up front in a few
//! set queries (band hits for syndication, event clusters by block and date window, their
//! story pairs); then each document and event is linked in order against that and against
//! the batch's own earlier rows, and the results are written at the end with bulk inserts.
//! The outcome is the same as linking row by row against the database, without a query per
//! event.

use std::collections::BTreeSet;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use sitrep_link::events::DATE_WINDOW_DAYS;
use sitrep_link::{ClusterState, EventFacts, EventKey, Signature};

use crate::sql::{marks, Db, V};
use crate::StoreError;

/// Candidate near-duplicates: stored documents sharing a band with the batch, then the
/// batch's own documents as they are assigned.
#[derive(Default)]
pub struct Stories {
    /// (story cluster, signature) of each candidate document.
    docs: Vec<(i64, Signature)>,
    by_band: HashMap<i64, Vec<usize>>,
}

impl Stories {
    /// Documents held (candidates for later ones).
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn load(db: &mut dyn Db, sigs: &[&Signature]) -> Result<Stories, StoreError> {
        let mut bands: Vec<i64> = sigs.iter().flat_map(|s| s.bands()).collect();
        bands.sort_unstable();
        bands.dedup();
        let mut s = Stories::default();
        let mut seen: HashMap<i64, usize> = HashMap::default();
        for chunk in bands.chunks(2000) {
            let sql = format!(
                "SELECT b.band, d.rid, d.story_cluster, d.minhash FROM doc_bands b JOIN documents d ON d.rid = b.doc \
                 WHERE b.band IN ({}) ORDER BY d.rid",
                marks(chunk.len())
            );
            let params: Vec<V> = chunk.iter().map(|b| V::Int(*b)).collect();
            for r in db.rows(&sql, &params)? {
                let (Some(band), Some(rid), Some(story), Some(bytes)) = (r[0].int(), r[1].int(), r[2].int(), r[3].blob()) else {
                    continue;
                };
                let idx = *seen.entry(rid).or_insert_with(|| {
                    s.docs.push((story, Signature::from_bytes(bytes)));
                    s.docs.len() - 1
                });
                s.by_band.entry(band).or_default().push(idx);
            }
        }
        Ok(s)
    }

    /// The story of the most similar near-duplicate (earliest stored on ties), or `own` when
    /// there is none; the document then becomes a candidate for the rest of the batch.
    pub fn assign(&mut self, sig: &Signature, own: i64) -> i64 {
        let bands = sig.bands();
        let mut idxs: Vec<usize> = bands.iter().filter_map(|b| self.by_band.get(b)).flatten().copied().collect();
        idxs.sort_unstable();
        idxs.dedup();
        let mut best: Option<(f64, i64)> = None;
        for i in idxs {
            let (story, other) = &self.docs[i];
            let s = other.similarity(sig);
            if other.is_duplicate_of(sig) && best.is_none_or(|(b, _)| s > b) {
                best = Some((s, *story));
            }
        }
        let story = best.map_or(own, |(_, s)| s);
        self.docs.push((story, sig.clone()));
        let idx = self.docs.len() - 1;
        for b in bands {
            self.by_band.entry(b).or_default().push(idx);
        }
        story
    }
}

pub const CLUSTER_COLS: [&str; 17] = [
    "id", "block", "kind", "day", "date", "place_name", "place_country", "lat", "lon", "fatalities_low",
    "fatalities_high", "reports", "corroboration", "asserts", "denies", "first_seen", "last_seen",
];

fn cluster_from_row(r: &[V]) -> ClusterState {
    ClusterState {
        id: r[0].int().unwrap_or(0),
        facts: EventFacts {
            kind: r[2].text().unwrap_or_default(),
            day: r[3].int(),
            date: r[4].text(),
            place_name: r[5].text(),
            place_country: r[6].text(),
            lat: r[7].real(),
            lon: r[8].real(),
            fatalities_low: r[9].real(),
            fatalities_high: r[10].real(),
        },
        reports: r[11].int().unwrap_or(0),
        corroboration: r[12].int().unwrap_or(0),
        asserts: r[13].int().unwrap_or(0),
        denies: r[14].int().unwrap_or(0),
        first_seen: r[15].text(),
        last_seen: r[16].text(),
    }
}

/// Every column of [`CLUSTER_COLS`] after `id` and `block`.
fn cluster_values(c: &ClusterState) -> Vec<V> {
    let f = &c.facts;
    vec![
        V::from(f.kind.as_str()),
        V::from(f.day),
        V::from(&f.date),
        V::from(&f.place_name),
        V::from(&f.place_country),
        V::from(f.lat),
        V::from(f.lon),
        V::from(f.fatalities_low),
        V::from(f.fatalities_high),
        V::Int(c.reports),
        V::Int(c.corroboration),
        V::Int(c.asserts),
        V::Int(c.denies),
        V::from(&c.first_seen),
        V::from(&c.last_seen),
    ]
}

/// Event clusters the batch can join, and what it changes. Between batches of a bulk load
/// the writer keeps it (with [`Stories`]) as its link cache: [`Clusters::begin`] starts the
/// next batch on it instead of [`Clusters::load`] reading the database again.
#[derive(Default)]
pub struct Clusters {
    state: HashMap<i64, ClusterState>,
    /// Per block, its clusters by (day, id): a report reads only its date window, however
    /// many clusters the block has collected (clusters of a block always have a day).
    by_block: HashMap<String, BTreeSet<(i64, i64)>>,
    block_of: HashMap<i64, Option<String>>,
    /// Stored clusters the batch changed (UPDATE), and those it made (INSERT), in order.
    changed: HashSet<i64>,
    created: Vec<i64>,
    created_set: HashSet<i64>,
    /// (cluster, story) pairs stored or added, and the added ones.
    stories: HashSet<(i64, i64)>,
    new_stories: Vec<(i64, i64)>,
    free_ids: std::vec::IntoIter<i64>,
}

/// A revision row: cluster, document, field, old, new.
pub type RevisionRow = Vec<V>;

impl Clusters {
    /// Reads the stored clusters any of `keys` could join: per block, those dated within the
    /// window of the batch's events of that block; and their story pairs.
    pub fn load(db: &mut dyn Db, keys: &[&EventKey]) -> Result<Clusters, StoreError> {
        // Per block, the union of each event's date window: a block that is busy all year
        // (a type between two big countries) must not load every cluster it ever had.
        let mut days: HashMap<String, Vec<i64>> = HashMap::default();
        for k in keys {
            if let (Some(b), Some(day)) = (k.block(), k.facts.day) {
                days.entry(b).or_default().push(day);
            }
        }
        let mut windows: Vec<(String, i64, i64)> = Vec::new();
        for (b, mut ds) in days {
            ds.sort_unstable();
            let mut cur: Option<(i64, i64)> = None;
            for d in ds {
                let (lo, hi) = (d - DATE_WINDOW_DAYS, d + DATE_WINDOW_DAYS);
                cur = match cur {
                    Some((a, z)) if lo <= z + 1 => Some((a, hi.max(z))),
                    Some((a, z)) => {
                        windows.push((b.clone(), a, z));
                        Some((lo, hi))
                    }
                    None => Some((lo, hi)),
                };
            }
            if let Some((a, z)) = cur {
                windows.push((b, a, z));
            }
        }
        let mut c = Clusters::default();
        let cols = CLUSTER_COLS.iter().map(|x| format!("c.{x}")).collect::<Vec<_>>().join(", ");
        for chunk in windows.chunks(1000) {
            let mut params = Vec::with_capacity(chunk.len() * 3);
            let mut tuples = Vec::with_capacity(chunk.len());
            for (b, lo, hi) in chunk {
                let n = params.len();
                tuples.push(format!("(?{}, CAST(?{} AS BIGINT), CAST(?{} AS BIGINT))", n + 1, n + 2, n + 3));
                params.extend([V::from(b.as_str()), V::Int(*lo), V::Int(*hi)]);
            }
            let sql = format!(
                "WITH q(block, lo, hi) AS (VALUES {}) SELECT {cols} FROM q JOIN event_clusters c \
                 ON c.block = q.block AND c.day BETWEEN q.lo AND q.hi",
                tuples.join(",")
            );
            for r in db.rows(&sql, &params)? {
                let st = cluster_from_row(&r);
                if c.state.contains_key(&st.id) {
                    continue;
                }
                let block = r[1].text();
                c.index(st.id, block.as_deref(), st.facts.day);
                c.block_of.insert(st.id, block);
                c.state.insert(st.id, st);
            }
        }
        let ids: Vec<i64> = c.state.keys().copied().collect();
        for chunk in ids.chunks(2000) {
            let sql = format!("SELECT cluster, story FROM cluster_stories WHERE cluster IN ({})", marks(chunk.len()));
            let params: Vec<V> = chunk.iter().map(|i| V::Int(*i)).collect();
            for r in db.rows(&sql, &params)? {
                if let (Some(a), Some(b)) = (r[0].int(), r[1].int()) {
                    c.stories.insert((a, b));
                }
            }
        }
        c.begin(db, keys.len())?;
        Ok(c)
    }

    /// Starts a batch of `n` reports: reserves cluster ids for them.
    /// Clusters held.
    pub fn len(&self) -> usize {
        self.state.len()
    }

    pub fn begin(&mut self, db: &mut dyn Db, n: usize) -> Result<(), StoreError> {
        self.changed.clear();
        self.created.clear();
        self.created_set.clear();
        self.new_stories.clear();
        self.free_ids = db.reserve_ids("event_clusters", "id", n)?.into_iter();
        Ok(())
    }

    fn index(&mut self, id: i64, block: Option<&str>, day: Option<i64>) {
        if let (Some(b), Some(d)) = (block, day) {
            self.by_block.entry(b.to_string()).or_default().insert((d, id));
        }
    }

    /// Joins the report to the matching cluster with the closest date (lowest id on ties) or
    /// starts one; returns the cluster id and appends the revisions the merge made.
    pub fn link(&mut self, key: &EventKey, seen: Option<&str>, story: i64, doc: i64, revisions: &mut Vec<RevisionRow>) -> Result<i64, StoreError> {
        let block = key.block();
        // `matches` rejects days outside the window, so reading only the window changes nothing.
        let window = key.facts.day.map(|d| (d - DATE_WINDOW_DAYS, i64::MIN)..=(d + DATE_WINDOW_DAYS, i64::MAX));
        let best = block
            .as_ref()
            .and_then(|b| self.by_block.get(b))
            .zip(window)
            .into_iter()
            .flat_map(|(set, w)| set.range(w))
            .filter_map(|(_, id)| self.state.get(id))
            .filter(|c| c.matches(key))
            .min_by_key(|c| (c.facts.day.zip(key.facts.day).map(|(a, b)| (a - b).abs()).unwrap_or(0), c.id))
            .map(|c| c.id);
        if let Some(id) = best {
            let new_story = self.stories.insert((id, story));
            if new_story {
                self.new_stories.push((id, story));
            }
            let Some(c) = self.state.get_mut(&id) else { return Ok(id) };
            let before = c.facts.day;
            for r in c.merge(key, seen, new_story) {
                revisions.push(vec![V::Int(id), V::Int(doc), V::from(r.field), V::from(r.old), V::from(r.new)]);
            }
            let after = c.facts.day;
            if before != after {
                let block = self.block_of.get(&id).cloned().flatten();
                if let (Some(b), Some(d)) = (&block, before) {
                    if let Some(set) = self.by_block.get_mut(b) {
                        set.remove(&(d, id));
                    }
                }
                self.index(id, block.as_deref(), after);
            }
            if !self.created_set.contains(&id) {
                self.changed.insert(id);
            }
            return Ok(id);
        }
        let id = self.free_ids.next().ok_or_else(|| StoreError::Schema("ran out of reserved cluster ids".into()))?;
        let mut c = ClusterState::start(key, seen);
        c.id = id;
        self.index(id, block.as_deref(), c.facts.day);
        self.block_of.insert(id, block);
        self.state.insert(id, c);
        self.created.push(id);
        self.created_set.insert(id);
        self.stories.insert((id, story));
        self.new_stories.push((id, story));
        Ok(id)
    }

    /// Writes new clusters, changed stored clusters and new story pairs.
    pub fn flush(&mut self, db: &mut dyn Db) -> Result<(), StoreError> {
        let mut rows = Vec::with_capacity(self.created.len());
        for id in &self.created {
            let Some(c) = self.state.get(id) else { continue };
            let mut r = vec![V::Int(*id), V::from(self.block_of.get(id).cloned().flatten())];
            r.extend(cluster_values(c));
            rows.push(r);
        }
        db.insert_many("event_clusters", &CLUSTER_COLS, rows)?;
        // Changed stored clusters: one multi-row upsert per 500 instead of an UPDATE each.
        let mut changed: Vec<i64> = self.changed.drain().collect();
        changed.sort_unstable();
        let set = CLUSTER_COLS[2..].iter().map(|c| format!("{c} = excluded.{c}")).collect::<Vec<_>>().join(", ");
        for ids in changed.chunks(500) {
            let mut params = Vec::with_capacity(ids.len() * CLUSTER_COLS.len());
            let mut n = 0;
            for id in ids {
                let Some(c) = self.state.get(id) else { continue };
                params.push(V::Int(*id));
                params.push(V::from(self.block_of.get(id).cloned().flatten()));
                params.extend(cluster_values(c));
                n += 1;
            }
            if n > 0 {
                let sql = format!("{} ON CONFLICT (id) DO UPDATE SET {set}", crate::sql::multi_insert("event_clusters", &CLUSTER_COLS, n));
                db.exec(&sql, &params)?;
            }
        }
        let pairs = self.new_stories.drain(..).map(|(c, s)| vec![V::Int(c), V::Int(s)]).collect();
        db.insert_many("cluster_stories", &["cluster", "story"], pairs)
    }
}
