//! Same-event matching across documents and the merge of a report into an event cluster.
//!
//! Two reports are candidates for one real-world event when they share a block key (event
//! type plus both actors, by country code or else by lower-cased name) and their dates lie
//! within [`DATE_WINDOW_DAYS`]; the place must then be compatible (same country, or within
//! [`PLACE_KM`] when both have coordinates). Merging is pure: the store reads the cluster,
//! calls [`ClusterState::merge`], writes the result and the revisions it returns.

use sitrep_model::{Document, Event, Modality};

/// Reports whose event dates differ by more days than this are different events.
pub const DATE_WINDOW_DAYS: i64 = 3;
/// Places further apart than this are different events.
pub const PLACE_KM: f64 = 100.0;

/// Does a report assert the event happened, deny it, or neither (expected, possible...)?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Polarity {
    Asserts,
    Denies,
    Neutral,
}

impl Polarity {
    pub fn of(m: Modality) -> Polarity {
        match m {
            Modality::Asserted | Modality::Historical => Polarity::Asserts,
            Modality::Negated | Modality::Denied => Polarity::Denies,
            _ => Polarity::Neutral,
        }
    }
}

/// The facts of an event that a report states and a cluster keeps: what, when, where, how
/// many died. One struct for both sides, so a merge compares like with like.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EventFacts {
    pub kind: String,
    /// Event date as days since 1970-01-01 (day precision or finer only).
    pub day: Option<i64>,
    pub date: Option<String>,
    pub place_name: Option<String>,
    pub place_country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub fatalities_low: Option<f64>,
    pub fatalities_high: Option<f64>,
}

/// What matching needs from one event report: its facts plus who and whether it asserts.
#[derive(Debug, Clone, PartialEq)]
pub struct EventKey {
    pub facts: EventFacts,
    pub actor1: Option<String>,
    pub actor2: Option<String>,
    pub polarity: Polarity,
}

fn actor_key(a: &Option<sitrep_model::ActorRef>) -> Option<String> {
    let a = a.as_ref()?;
    a.country.clone().or_else(|| {
        let n = a.name.trim().to_lowercase();
        (!n.is_empty()).then_some(n)
    })
}

impl EventKey {
    pub fn of(ev: &Event, doc: &Document) -> EventKey {
        let date = ev.date.as_ref().map(|d| d.value.clone()).or_else(|| doc.published_date().map(str::to_string));
        let day = date.as_deref().and_then(days_from_iso);
        EventKey {
            facts: EventFacts {
                kind: ev.kind.clone(),
                day,
                date,
                place_name: ev.place.as_ref().map(|p| p.name.clone()),
                place_country: ev.place.as_ref().and_then(|p| p.country.clone()),
                lat: ev.place.as_ref().and_then(|p| p.lat),
                lon: ev.place.as_ref().and_then(|p| p.lon),
                fatalities_low: ev.fatalities.as_ref().map(|f| f.low),
                fatalities_high: ev.fatalities.as_ref().map(|f| f.high),
            },
            actor1: actor_key(&ev.actor1),
            actor2: actor_key(&ev.actor2),
            polarity: Polarity::of(ev.modality),
        }
    }

    /// The blocking key the store indexes. None when the report names neither actor nor
    /// place, or has no day-precise date ("in 2005" cannot tell two events apart): such an
    /// event stays a cluster of its own.
    pub fn block(&self) -> Option<String> {
        if self.facts.day.is_none() || (self.actor1.is_none() && self.actor2.is_none() && self.facts.place_name.is_none()) {
            return None;
        }
        Some(format!(
            "{}|{}|{}",
            self.facts.kind,
            self.actor1.as_deref().unwrap_or("-"),
            self.actor2.as_deref().unwrap_or("-")
        ))
    }
}

/// `YYYY-MM-DD...` to days since 1970-01-01; None for coarser or unparseable values.
pub fn days_from_iso(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = s.get(0..4)?.parse().ok()?;
    let m: i64 = s.get(5..7)?.parse().ok()?;
    let d: i64 = s.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().asin()
}

/// The current view of one event cluster, as the store keeps it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ClusterState {
    pub id: i64,
    /// The cluster's current view of the event (revised by later asserting reports).
    pub facts: EventFacts,
    /// Reports (event rows) in the cluster.
    pub reports: i64,
    /// Independent story clusters among those reports.
    pub corroboration: i64,
    pub asserts: i64,
    pub denies: i64,
    /// Publication dates of the earliest and latest report.
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
}

/// A field of an event cluster changed by a later report.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    pub field: &'static str,
    pub old: Option<String>,
    pub new: Option<String>,
}

fn fmt_f(v: Option<f64>) -> Option<String> {
    v.map(|x| if x.fract() == 0.0 { format!("{x:.0}") } else { format!("{x}") })
}

impl ClusterState {
    /// A new cluster from its first report.
    pub fn start(key: &EventKey, seen: Option<&str>) -> ClusterState {
        ClusterState {
            id: 0,
            facts: key.facts.clone(),
            reports: 1,
            corroboration: 1,
            asserts: i64::from(key.polarity == Polarity::Asserts),
            denies: i64::from(key.polarity == Polarity::Denies),
            first_seen: seen.map(str::to_string),
            last_seen: seen.map(str::to_string),
        }
    }

    /// Could this report describe the cluster's event? (The block key already matched.)
    pub fn matches(&self, key: &EventKey) -> bool {
        let (c, key) = (&self.facts, &key.facts);
        if key.kind != c.kind {
            return false;
        }
        match (c.day, key.day) {
            (Some(a), Some(b)) if (a - b).abs() > DATE_WINDOW_DAYS => return false,
            (Some(_), None) | (None, Some(_)) => return false,
            _ => {}
        }
        if let (Some(a), Some(b)) = (&c.place_country, &key.place_country) {
            if a != b {
                return false;
            }
        }
        if let (Some(la), Some(lo), Some(lb), Some(lob)) = (c.lat, c.lon, key.lat, key.lon) {
            if km(la, lo, lb, lob) > PLACE_KM {
                return false;
            }
        }
        true
    }

    pub fn contradicted(&self) -> bool {
        self.asserts > 0 && self.denies > 0
    }

    /// Adds a report. `new_story` says whether its story cluster was not yet among the
    /// cluster's reports (that is what corroboration counts). A report published no earlier
    /// than the latest one so far revises fields it states differently; fields the cluster
    /// lacks are filled from any asserting report. Returns the revisions made.
    pub fn merge(&mut self, key: &EventKey, seen: Option<&str>, new_story: bool) -> Vec<Revision> {
        let later = match (seen, self.last_seen.as_deref()) {
            (Some(s), Some(l)) => s >= l,
            _ => true,
        };
        // Only a report asserting the event speaks to its details; a denial is counted, not merged.
        let asserts = key.polarity == Polarity::Asserts;
        let mut revs = Vec::new();
        macro_rules! field {
            ($name:literal, $cur:expr, $new:expr, $fmt:expr) => {
                if asserts && $new.is_some() && $cur != $new && ($cur.is_none() || later) {
                    revs.push(Revision { field: $name, old: $fmt(&$cur), new: $fmt(&$new) });
                    $cur = $new.clone();
                }
            };
        }
        let (c, k) = (&mut self.facts, &key.facts);
        let s = |v: &Option<String>| v.clone();
        let f = |v: &Option<f64>| fmt_f(*v);
        field!("date", c.date, k.date, s);
        if asserts && c.date == k.date {
            c.day = k.day;
        }
        field!("place", c.place_name, k.place_name, s);
        if asserts && c.place_name == k.place_name {
            c.place_country = k.place_country.clone().or(c.place_country.take());
            if k.lat.is_some() {
                c.lat = k.lat;
                c.lon = k.lon;
            }
        }
        field!("fatalities_low", c.fatalities_low, k.fatalities_low, f);
        field!("fatalities_high", c.fatalities_high, k.fatalities_high, f);
        self.reports += 1;
        self.corroboration += i64::from(new_story);
        match key.polarity {
            Polarity::Asserts => self.asserts += 1,
            Polarity::Denies => self.denies += 1,
            Polarity::Neutral => {}
        }
        if let Some(s) = seen {
            if self.first_seen.as_deref().is_none_or(|f| s < f) {
                self.first_seen = Some(s.to_string());
            }
            if self.last_seen.as_deref().is_none_or(|l| s > l) {
                self.last_seen = Some(s.to_string());
            }
        }
        revs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(day: &str, fat: Option<f64>, pol: Polarity) -> EventKey {
        EventKey {
            facts: EventFacts {
                kind: "ASSAULT".into(),
                day: days_from_iso(day),
                date: Some(day.into()),
                place_name: Some("Kharkiv".into()),
                place_country: Some("UKR".into()),
                lat: Some(49.99),
                lon: Some(36.23),
                fatalities_low: fat,
                fatalities_high: fat,
            },
            actor1: Some("RUS".into()),
            actor2: Some("UKR".into()),
            polarity: pol,
        }
    }

    #[test]
    fn days_are_civil() {
        assert_eq!(days_from_iso("1970-01-01"), Some(0));
        assert_eq!(days_from_iso("2024-10-08"), Some(20004));
        assert_eq!(days_from_iso("2024-10"), None);
        assert_eq!(days_from_iso("2024-13-01"), None);
    }

    #[test]
    fn window_and_place_decide() {
        let c = ClusterState::start(&key("2024-10-08", None, Polarity::Asserts), Some("2024-10-08"));
        assert!(c.matches(&key("2024-10-10", None, Polarity::Asserts)));
        assert!(!c.matches(&key("2024-10-20", None, Polarity::Asserts)));
        let mut far = key("2024-10-08", None, Polarity::Asserts);
        far.facts.lat = Some(46.48);
        far.facts.lon = Some(30.72);
        assert!(!c.matches(&far));
    }

    #[test]
    fn later_report_revises_and_denial_contradicts() {
        let mut c = ClusterState::start(&key("2024-10-08", Some(3.0), Polarity::Asserts), Some("2024-10-08"));
        let revs = c.merge(&key("2024-10-08", Some(7.0), Polarity::Asserts), Some("2024-10-09"), true);
        assert_eq!(revs.len(), 2);
        assert_eq!(revs[0].old.as_deref(), Some("3"));
        assert_eq!(c.facts.fatalities_high, Some(7.0));
        assert_eq!((c.reports, c.corroboration), (2, 2));
        // An older report does not overwrite a newer figure.
        assert!(c.merge(&key("2024-10-08", Some(1.0), Polarity::Denies), Some("2024-10-07"), false).is_empty());
        assert_eq!((c.reports, c.corroboration), (3, 2));
        assert!(c.contradicted());
        assert_eq!(c.first_seen.as_deref(), Some("2024-10-07"));
        assert_eq!(c.last_seen.as_deref(), Some("2024-10-09"));
    }

    #[test]
    fn no_actor_no_place_no_block() {
        let mut k = key("2024-10-08", None, Polarity::Asserts);
        assert_eq!(k.block().as_deref(), Some("ASSAULT|RUS|UKR"));
        let mut undated = k.clone();
        undated.facts.day = None;
        assert_eq!(undated.block(), None);
        k.actor1 = None;
        k.actor2 = None;
        k.facts.place_name = None;
        assert_eq!(k.block(), None);
    }
}
