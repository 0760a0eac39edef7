//! Scale benchmark: generate documents holding N events (default 1,000,000), ingest them
//! through `Store::write_batch` (linking included), then time a mix of filtered queries.
//!
//!   cargo run --release -p sitrep_store --example scale -- [EVENTS] [DB]
//!   DB: a SQLite path (default /tmp/sitrep-scale.db, deleted first) or a postgres:// URL
//!   (its tables must not exist yet: use a fresh database or schema).
//!
//! Events vary type (PLOVER, skewed like real extractions), actors (60 countries x sectors),
//! dates (two years), places (240 towns with coordinates), fatalities, modality and sources;
//! one document in five is a syndicated copy of an earlier one, so linking does real work.

use std::time::Instant;

use sitrep_model::{ActorRef, Attribution, Certainty, CountRef, DateRef, Document, Event, Evidence, Modality, PlaceRef, SourceRef, Span};
use sitrep_store::{Filter, Prepared};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn f(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const TYPES: &[(&str, usize)] = &[
    ("ASSAULT", 22), ("AID", 10), ("AGREE", 9), ("CONSULT", 12), ("ACCUSE", 8), ("REQUEST", 6), ("SUPPORT", 5),
    ("COOPERATE", 5), ("COERCE", 6), ("REJECT", 4), ("PROTEST", 5), ("THREATEN", 4), ("RETREAT", 1), ("SANCTION", 2), ("MOBILIZE", 1),
];
const COUNTRIES: &[&str] = &[
    "USA", "RUS", "UKR", "CHN", "GBR", "FRA", "DEU", "ISR", "PSE", "IRN", "IRQ", "SYR", "TUR", "IND", "PAK", "AFG",
    "KOR", "PRK", "JPN", "TWN", "SDN", "SSD", "ETH", "SOM", "NGA", "MLI", "BFA", "NER", "COD", "LBY", "EGY", "SAU",
    "YEM", "LBN", "JOR", "MMR", "THA", "PHL", "IDN", "MEX", "COL", "VEN", "BRA", "ARG", "HTI", "CUB", "POL", "BLR",
    "GEO", "ARM", "AZE", "KAZ", "SRB", "KOS", "ITA", "ESP", "CAN", "AUS", "ZAF", "KEN",
];
const SECTORS: &[&str] = &["GOV", "MIL", "REB", "OPP", "CVL", "MED", "BUS", "IGO", "NGO", "POL"];
const MODES: &[&str] = &["aerial", "drone", "military", "visit", "ground", "naval"];
const CERTAINTY: &[(&str, f64, f64)] = &[("reported", 0.95, 1.0), ("claimed", 0.5, 0.8), ("likely", 0.55, 0.8), ("possible", 0.2, 0.45), ("unverified", 0.3, 0.6)];
const SOURCES: &[&str] = &["officials", "the ministry", "police", "witnesses", "the army", "a spokesman"];
const SITES: &[&str] = &["wire.example", "daily.example", "times.example", "post.example", "herald.example", "news.example", "radio.example", "tv.example"];

fn event(rng: &mut Rng, i: usize, places: &[(String, &str, f64, f64)], base_day: i64, sentence: Span, text: &str) -> Event {
    let total: usize = TYPES.iter().map(|t| t.1).sum();
    let mut pick = rng.below(total);
    let kind = TYPES.iter().find(|t| { if pick < t.1 { true } else { pick -= t.1; false } }).map_or("ASSAULT", |t| t.0);
    let c1 = COUNTRIES[rng.below(COUNTRIES.len())];
    let c2 = COUNTRIES[rng.below(COUNTRIES.len())];
    let p = &places[rng.below(places.len())];
    let day = base_day + rng.below(730) as i64;
    let (y, m, d) = civil(day);
    let cert = CERTAINTY[rng.below(CERTAINTY.len())];
    let fat = (kind == "ASSAULT" && rng.below(2) == 0).then(|| rng.below(40) as f64);
    let modality = match rng.below(20) { 0 => Modality::Denied, 1 => Modality::Expected, 2 => Modality::Possible, _ => Modality::Asserted };
    Event {
        id: format!("ev{}", i + 1),
        kind: kind.into(),
        mode: (rng.below(2) == 0).then(|| MODES[rng.below(MODES.len())].to_string()),
        context: vec!["military".into()],
        cameo: Some("19".into()),
        acled: None,
        modality,
        actor1: Some(ActorRef { entity: None, name: format!("{c1} forces"), country: Some(c1.into()), sector: Some(SECTORS[rng.below(SECTORS.len())].into()), span: None }),
        actor2: (rng.below(5) > 0).then(|| ActorRef { entity: None, name: format!("{c2} government"), country: Some(c2.into()), sector: Some(SECTORS[rng.below(SECTORS.len())].into()), span: None }),
        place: (rng.below(4) > 0).then(|| PlaceRef { name: p.0.clone(), country: Some(p.1.into()), lat: Some(p.2), lon: Some(p.3), precision: Some("city".into()), span: None }),
        date: Some(DateRef { value: format!("{y:04}-{m:02}-{d:02}"), precision: "day".into(), span: None, unresolved: false }),
        fatalities: fat.map(|f| CountRef { low: f, high: f, span: None, text: None }),
        injuries: None,
        weapons: vec![],
        trigger: None,
        evidence: Evidence { span: sentence, text: text[sentence.start..sentence.end].to_string() },
        attribution: Attribution {
            source: Some(SourceRef { entity: None, name: SOURCES[rng.below(SOURCES.len())].into(), span: None }),
            certainty: Certainty { label: cert.0.into(), low: cert.1, high: cert.2 },
            ..Default::default()
        },
        rules: vec![],
    }
}

fn civil(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// A Zipf-like vocabulary of 4,000 made-up words, so full-text terms range from common to rare.
fn word(rng: &mut Rng) -> String {
    const SYL: &[&str] = &["ka", "ro", "mi", "tan", "vel", "or", "su", "pre", "dos", "li", "gar", "nu", "te", "bas", "zi", "qua"];
    let r = rng.f();
    let k = ((4000f64).powf(r) as usize).min(3999);
    let (a, b, c) = (k % 16, (k / 16) % 16, k / 256);
    format!("{}{}{}", SYL[a], SYL[b], SYL[c % 16])
}

fn generate(rng: &mut Rng, n: usize, per_doc: usize, places: &[(String, &str, f64, f64)], earlier: &mut Vec<(String, Vec<Event>)>) -> Prepared {
    let site = SITES[rng.below(SITES.len())];
    let (text, events) = if !earlier.is_empty() && rng.below(5) == 0 {
        let (t, e) = earlier[rng.below(earlier.len())].clone();
        (format!("{t}\n\nShare this story. Copyright {site}."), e)
    } else {
        let mut text = String::new();
        let mut spans = Vec::new();
        for s in 0..per_doc {
            let start = text.len();
            text.push_str(&format!("Report {n} sentence {s}:"));
            for _ in 0..18 {
                text.push(' ');
                text.push_str(&word(rng));
            }
            text.push_str(". ");
            spans.push(Span::new(start, text.len() - 1));
        }
        let events: Vec<Event> = spans.iter().enumerate().map(|(i, sp)| event(rng, i, places, 19_700, *sp, &text)).collect();
        if earlier.len() < 5000 {
            earlier.push((text.clone(), events.clone()));
        } else {
            let k = rng.below(earlier.len());
            earlier[k] = (text.clone(), events.clone());
        }
        (text, events)
    };
    let mut doc = Document::new(format!("gen-{n}"), format!("gen/{n}.txt"), text);
    doc.site = Some(site.into());
    doc.published = events.first().and_then(|e| e.date.as_ref()).map(|d| d.value.clone());
    doc.title = Some(format!("Generated report {n}"));
    doc.events = events;
    let key = sitrep_model::content_hash(format!("{n}").as_bytes());
    Prepared::new(doc, key)
}

fn pct(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let total: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    let db = args.get(2).cloned().unwrap_or_else(|| "/tmp/sitrep-scale.db".into());
    if !db.starts_with("postgres") {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{db}{suffix}"));
        }
    }
    let per_doc = 8;
    let mut rng = Rng(42);
    let mut places = Vec::new();
    for i in 0..240 {
        let c = COUNTRIES[i % COUNTRIES.len()];
        places.push((format!("Town{i}"), c, rng.f() * 120.0 - 50.0, rng.f() * 300.0 - 150.0));
    }
    let mut store = sitrep_store::open(&db)?;
    let t0 = Instant::now();
    let (mut events, mut docs, mut gen_secs) = (0usize, 0usize, 0.0f64);
    let mut earlier = Vec::new();
    while events < total {
        let g = Instant::now();
        let batch: Vec<Prepared> = (0..1000).map(|_| { docs += 1; generate(&mut rng, docs, per_doc, &places, &mut earlier) }).collect();
        gen_secs += g.elapsed().as_secs_f64();
        events += batch.iter().map(|p| p.doc.events.len()).sum::<usize>();
        store.write_batch(&batch)?;
        if docs % 20_000 == 0 {
            eprintln!("{docs} docs, {events} events, {:.1} s", t0.elapsed().as_secs_f64());
        }
    }
    store.optimize()?;
    let ingest = t0.elapsed().as_secs_f64();
    let stats = store.stats()?;
    println!("backend {}: {} documents ({} stories), {} events in {} clusters ({} corroborated)", stats.backend, stats.documents, stats.story_clusters, stats.events, stats.event_clusters, stats.corroborated_clusters);
    println!("ingest: {ingest:.1} s total ({:.1} s generating documents, {:.1} s storing) = {:.0} events/s stored", gen_secs, ingest - gen_secs, events as f64 / (ingest - gen_secs));

    let mut qrng = Rng(7);
    let mut by_kind: std::collections::BTreeMap<&str, Vec<f64>> = Default::default();
    let mut all = Vec::new();
    for i in 0..400 {
        let c = COUNTRIES[qrng.below(COUNTRIES.len())].to_string();
        let kind = TYPES[qrng.below(TYPES.len())].0.to_string();
        let (y, m, d) = civil(19_700 + qrng.below(700) as i64);
        let since = format!("{y:04}-{m:02}-{d:02}");
        let (y2, m2, d2) = civil(19_700 + qrng.below(700) as i64 + 30);
        let until = format!("{y2:04}-{m2:02}-{d2:02}");
        let (name, f) = match i % 8 {
            0 => ("type+dates", Filter { kind: Some(kind), since: Some(since), until: Some(until), ..Default::default() }),
            1 => ("actor+type", Filter { actor: Some(c), kind: Some(kind), ..Default::default() }),
            2 => ("country", Filter { country: Some(c), ..Default::default() }),
            3 => ("bbox", { let (x, y) = (qrng.f() * 300.0 - 150.0, qrng.f() * 120.0 - 50.0); Filter { bbox: Some([x, y, x + 10.0, y + 10.0]), ..Default::default() } }),
            4 => ("text", Filter { text: Some(word(&mut qrng)), ..Default::default() }),
            5 => ("corroborated+type", Filter { min_corroboration: Some(2), kind: Some(kind), ..Default::default() }),
            6 => ("recipient+since", Filter { recipient: Some(c), since: Some(since), ..Default::default() }),
            _ => ("place+certainty", Filter { place: Some(format!("town{}", qrng.below(240))), min_certainty: Some(0.9), ..Default::default() }),
        };
        let f = Filter { limit: Some(50), ..f };
        let t = Instant::now();
        let n = store.query(&f)?.len();
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        std::hint::black_box(n);
        by_kind.entry(name).or_default().push(ms);
        all.push(ms);
    }
    for (k, v) in &mut by_kind {
        println!("  {k:<20} p50 {:>7.2} ms  p95 {:>7.2} ms", pct(v, 0.5), pct(v, 0.95));
    }
    println!("queries (limit 50, {} of them): p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms", all.len(), pct(&mut all, 0.5), pct(&mut all, 0.95), pct(&mut all, 1.0));
    Ok(())
}
