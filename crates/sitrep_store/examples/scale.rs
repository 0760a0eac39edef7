//! Scale benchmark: N events (default 1,000,000) generated from real extractions, ingested
//! through `Store::write_batch` (linking included), then a mix of filtered queries timed.
//!
//!   sitrep extract ../shared/data/bbc-news ../shared/data/trafilatura-eval/html > /tmp/real.jsonl
//!   cargo run --release -p sitrep_store --example scale -- /tmp/real.jsonl [EVENTS] [DB]
//!
//! EVENTS 0 runs only the queries against an existing DB (migrating it first if it is older).
//! It allocates with mimalloc, as the `sitrep` binary does, so the writer CPU it reports is
//! the one `sitrep ingest` pays, and it prints the writer's wall time per phase.
//! DB: a SQLite path (default /tmp/sitrep-scale.db, deleted first) or a postgres:// URL (its
//! tables must not exist yet: use a fresh database or schema, e.g.
//! `postgres://sitrep@127.0.0.1:55432/sitrep?options=-csearch_path%3Dscale` after
//! `CREATE SCHEMA scale`). Figures and how to read them: docs/store.md.
//!
//! The seed file is what `sitrep extract` prints (one v1 document per line). Its events, with
//! their real evidence sentences, types, actors, modalities, certainty and sources, are the
//! pool. Each generated document strings together 4-10 evidence sentences drawn at random
//! (so documents differ as real ones do), each with its event; dates are spread over two
//! years, a third of the places and actors are swapped for others seen in the pool, and ids
//! are fresh. One document in five is a syndicated copy of an earlier one (with site
//! boilerplate), so syndication and corroboration do real work. Other spans inside an event
//! keep their offsets from the source page; the store reads only the evidence span.

use std::io::BufRead;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::time::Instant;

use sitrep_model::{ActorRef, DateRef, Document, Event, PlaceRef, Span};
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
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

/// What the real extractions offer.
#[derive(Default)]
struct Pool {
    events: Vec<Event>,
    actors: Vec<ActorRef>,
    places: Vec<PlaceRef>,
    titles: Vec<String>,
    sites: Vec<String>,
    /// Every word of every evidence sentence (so sampling it is frequency-weighted).
    words: Vec<String>,
}

fn load(path: &str) -> Result<Pool, Box<dyn std::error::Error>> {
    let mut pool = Pool::default();
    for line in std::io::BufReader::new(std::fs::File::open(path)?).lines() {
        let Ok(doc) = serde_json::from_str::<Document>(&line?) else { continue };
        pool.titles.extend(doc.title.clone());
        pool.sites.extend(doc.site.clone());
        for ev in doc.events {
            if ev.evidence.text.trim().is_empty() {
                continue;
            }
            pool.actors.extend(ev.actor1.iter().chain(ev.actor2.iter()).cloned());
            pool.places.extend(ev.place.iter().filter(|p| p.lat.is_some()).cloned());
            pool.words.extend(sitrep_link::minhash::words(&ev.evidence.text));
            pool.events.push(ev);
        }
    }
    if pool.events.is_empty() || pool.actors.is_empty() || pool.places.is_empty() {
        return Err(format!("{path}: no events with actors and places (expected `sitrep extract` output)").into());
    }
    pool.sites.sort();
    pool.sites.dedup();
    if pool.sites.is_empty() {
        pool.sites.push("news.example".into());
    }
    Ok(pool)
}

fn civil(z: i64) -> String {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    format!("{:04}-{m:02}-{d:02}", yoe + era * 400 + i64::from(m <= 2))
}

const BASE_DAY: i64 = 19_700;

/// One real event, re-dated and partly re-cast, placed at `span` of the new text.
fn vary(rng: &mut Rng, pool: &Pool, i: usize, published: i64, span: Span, text: &str) -> Event {
    let mut ev = rng.pick(&pool.events).clone();
    ev.id = format!("ev{}", i + 1);
    ev.evidence.span = span;
    ev.evidence.text = text[span.start..span.end].to_string();
    let day = published - rng.below(4) as i64;
    let precision = ev.date.as_ref().map_or_else(|| "day".to_string(), |d| d.precision.clone());
    ev.date = Some(DateRef { value: civil(day), precision, span: None, unresolved: false });
    if ev.actor1.is_none() || rng.below(3) == 0 {
        ev.actor1 = Some(rng.pick(&pool.actors).clone());
    }
    if ev.actor2.is_some() && rng.below(3) == 0 {
        ev.actor2 = Some(rng.pick(&pool.actors).clone());
    }
    if ev.place.is_none() && rng.below(2) == 0 || rng.below(3) == 0 {
        ev.place = Some(rng.pick(&pool.places).clone());
    }
    ev
}

fn generate(rng: &mut Rng, pool: &Pool, n: usize, earlier: &mut Vec<(String, Vec<Event>, i64)>) -> Prepared {
    let site = rng.pick(&pool.sites).clone();
    let (text, events, published) = if !earlier.is_empty() && rng.below(5) == 0 {
        let (t, e, p) = earlier[rng.below(earlier.len())].clone();
        (format!("{t}\n\nShare this story. Copyright {site}."), e, p + rng.below(2) as i64)
    } else {
        let published = BASE_DAY + rng.below(730) as i64;
        let mut text = String::new();
        let mut spans = Vec::new();
        for _ in 0..4 + rng.below(7) {
            let start = text.len();
            text.push_str(rng.pick(&pool.events).evidence.text.trim());
            spans.push(Span::new(start, text.len()));
            text.push_str("\n\n");
        }
        let events: Vec<Event> = spans.iter().enumerate().map(|(i, sp)| vary(rng, pool, i, published, *sp, &text)).collect();
        if earlier.len() < 5000 {
            earlier.push((text.clone(), events.clone(), published));
        } else {
            let k = rng.below(earlier.len());
            earlier[k] = (text.clone(), events.clone(), published);
        }
        (text, events, published)
    };
    let mut doc = Document::new(format!("gen-{n}"), format!("gen/{n}.txt"), text);
    doc.site = Some(site);
    doc.published = Some(civil(published));
    doc.title = Some(rng.pick(&pool.titles).clone());
    doc.events = events;
    let key = sitrep_model::content_hash(format!("{n}").as_bytes());
    Prepared::new(doc, key)
}

fn pct(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

/// utime + stime from /proc (Linux; clock ticks of 100 Hz) of `self` (the process) or
/// `thread-self` (the calling thread).
fn cpu_secs(who: &str) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{who}/stat")).unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    let t = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (t(11) + t(12)) / 100.0
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let seed = args.get(1).ok_or("usage: scale SEED.jsonl [EVENTS] [DB]")?;
    let total: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    let db = args.get(3).cloned().unwrap_or_else(|| "/tmp/sitrep-scale.db".into());
    if !db.starts_with("postgres") && total > 0 {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{db}{suffix}"));
        }
    }
    let pool = load(seed)?;
    eprintln!("pool: {} real events, {} actors, {} places, {} titles", pool.events.len(), pool.actors.len(), pool.places.len(), pool.titles.len());
    let mut store = sitrep_store::open(&db)?;
    if total > 0 {
        ingest(&mut *store, &pool, total)?;
    }
    queries(&mut *store, &pool)
}

/// Generates batches on a second thread (as `sitrep ingest` runs the pipeline beside the
/// writer), writes them on this one; reports wall time and the CPU time of each side.
fn ingest(store: &mut dyn sitrep_store::Store, pool: &Pool, total: usize) -> Result<(), Box<dyn std::error::Error>> {
    store.bulk_load(true)?;
    let (t0, c0, w0) = (Instant::now(), cpu_secs("self"), cpu_secs("thread-self"));
    let (mut events, mut docs) = (0usize, 0usize);
    let gen_cpu = std::thread::scope(|s| -> Result<f64, Box<dyn std::error::Error>> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Prepared>>(2);
        let producer = s.spawn(move || {
            let g0 = cpu_secs("thread-self");
            let (mut rng, mut earlier, mut made, mut n) = (Rng(42), Vec::new(), 0usize, 0usize);
            while made < total {
                let batch: Vec<Prepared> = (0..1000).map(|_| { n += 1; generate(&mut rng, pool, n, &mut earlier) }).collect();
                made += batch.iter().map(|p| p.doc.events.len()).sum::<usize>();
                if tx.send(batch).is_err() {
                    break;
                }
            }
            cpu_secs("thread-self") - g0
        });
        for batch in rx {
            events += batch.iter().map(|p| p.doc.events.len()).sum::<usize>();
            docs += batch.len();
            store.write_batch(&batch)?;
            if docs % 20_000 == 0 {
                eprintln!("{docs} docs, {events} events, {:.1} s", t0.elapsed().as_secs_f64());
            }
        }
        Ok(producer.join().unwrap_or(0.0))
    })?;
    let (load, write_cpu) = (t0.elapsed().as_secs_f64(), cpu_secs("thread-self") - w0);
    store.bulk_load(false)?;
    let built = t0.elapsed().as_secs_f64();
    store.optimize()?;
    eprintln!("indexes and full-text {:.1} s, ANALYZE {:.1} s", built - load, t0.elapsed().as_secs_f64() - built);
    let ingest = t0.elapsed().as_secs_f64();
    let (cpu, index_cpu) = (cpu_secs("self") - c0, cpu_secs("thread-self") - w0 - write_cpu);
    for (name, secs) in sitrep_store::write_phases() {
        println!("  write phase {name:<16} {secs:>7.1} s");
    }
    let stats = store.stats()?;
    println!("backend {}: {} documents ({} stories), {} events in {} clusters ({} corroborated)", stats.backend, stats.documents, stats.story_clusters, stats.events, stats.event_clusters, stats.corroborated_clusters);
    println!(
        "ingest: {ingest:.1} s wall ({load:.1} s loading, {:.1} s indexes + ANALYZE), {cpu:.1} s CPU = {gen_cpu:.1} s generating documents + signatures (own thread) + {write_cpu:.1} s writing + {index_cpu:.1} s indexes; {:.0} events/s wall",
        ingest - load,
        events as f64 / ingest
    );
    Ok(())
}

fn queries(store: &mut dyn sitrep_store::Store, pool: &Pool) -> Result<(), Box<dyn std::error::Error>> {

    let kinds: Vec<&str> = pool.events.iter().map(|e| e.kind.as_str()).collect();
    let countries: Vec<&str> = pool.actors.iter().filter_map(|a| a.country.as_deref()).collect();
    let mut qrng = Rng(7);
    let mut by_kind: std::collections::BTreeMap<&str, Vec<f64>> = Default::default();
    let mut all = Vec::new();
    for i in 0..480 {
        let c = qrng.pick(&countries).to_string();
        let kind = qrng.pick(&kinds).to_string();
        let since = civil(BASE_DAY + qrng.below(700) as i64);
        let until = civil(BASE_DAY + qrng.below(700) as i64 + 30);
        let (name, f) = match i % 8 {
            0 => ("type+dates", Filter { kind: Some(kind), since: Some(since), until: Some(until), ..Default::default() }),
            1 => ("actor+type", Filter { actor: Some(c), kind: Some(kind), ..Default::default() }),
            2 => ("country", Filter { country: Some(c), ..Default::default() }),
            3 => ("bbox", { let p = qrng.pick(&pool.places); let (x, y) = (p.lon.unwrap_or(0.0), p.lat.unwrap_or(0.0)); Filter { bbox: Some([x - 2.0, y - 2.0, x + 2.0, y + 2.0]), ..Default::default() } }),
            4 => ("text", Filter { text: Some(qrng.pick(&pool.words).clone()), ..Default::default() }),
            5 => ("corroborated+type", Filter { min_corroboration: Some(2), kind: Some(kind), ..Default::default() }),
            6 => ("recipient+since", Filter { recipient: Some(c), since: Some(since), ..Default::default() }),
            _ => ("place+certainty", Filter { place: Some(qrng.pick(&pool.places).name.clone()), min_certainty: Some(0.9), ..Default::default() }),
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
        println!("  {k:<20} p50 {:>7.2} ms  p95 {:>7.2} ms  max {:>7.2} ms", pct(v, 0.5), pct(v, 0.95), pct(v, 1.0));
    }
    println!("queries (limit 50, {} of them): p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms", all.len(), pct(&mut all, 0.5), pct(&mut all, 0.95), pct(&mut all, 1.0));
    Ok(())
}
