//! Geoparsing on GeoWebNews and GeoVirus (`geoparsing/`): toponym P/R/F1 (overlap match),
//! accuracy within 161 km over all gold toponyms (a name not found counts as wrong) and over the
//! found ones, and median error in km. Gold toponyms are those with coordinates; gold offsets are
//! character offsets, so our byte spans are converted before matching.

use std::path::Path;

use anyhow::Context;
use serde::Deserialize;
use sitrep_model::Document;

use crate::{EvalOptions, Report};

#[derive(Deserialize)]
struct Record {
    docid: serde_json::Value,
    text: String,
    gold_toponyms: Vec<Gold>,
}

#[derive(Deserialize)]
struct Gold {
    start: i64,
    end: i64,
    text: String,
    lat: Option<f64>,
    lon: Option<f64>,
}

#[derive(Default)]
struct Tally {
    gold: usize,
    pred: usize,
    matched_pred: usize,
    found: usize,
    within: usize,
    errors: Vec<f64>,
    misses: Vec<String>,
    far: Vec<String>,
    /// Every match and error as a TSV row when `SITREP_GEO_ERRORS` names a file (for error analysis).
    dump: Option<Vec<String>>,
}

/// Great-circle distance in km.
pub fn haversine_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (a.0.to_radians(), a.1.to_radians(), b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2) + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// Byte offset -> character offset for every byte position of `text`.
fn char_offsets(text: &str) -> Vec<usize> {
    let mut map = vec![0; text.len() + 1];
    let mut n = 0;
    for (i, c) in text.char_indices() {
        for slot in map.iter_mut().skip(i).take(c.len_utf8()) {
            *slot = n;
        }
        n += 1;
    }
    map[text.len()] = n;
    map
}

/// The sentence-sized context of a character range, on one line.
fn context(text: &str, start: i64, end: i64) -> String {
    let (s, e) = (start.max(0) as usize, end.max(0) as usize);
    let chars: Vec<char> = text.chars().collect();
    let a = s.saturating_sub(60).min(chars.len());
    let b = (e + 60).min(chars.len());
    let mut out: String = chars[a..s.min(chars.len()).max(a)].iter().collect();
    out.push('[');
    out.extend(&chars[s.min(chars.len())..e.min(chars.len()).max(s.min(chars.len()))]);
    out.push(']');
    out.extend(&chars[e.min(chars.len())..b.max(e.min(chars.len()))]);
    out.replace(['\n', '\t'], " ")
}

fn score_file(path: &Path, k: &sitrep_nlp::Knowledge, limit: Option<usize>, t: &mut Tally) -> anyhow::Result<()> {
    let raw = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    for (n, line) in raw.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        if limit.is_some_and(|l| n >= l) {
            break;
        }
        let r: Record = serde_json::from_str(line).with_context(|| format!("{}:{}", path.display(), n + 1))?;
        let mut doc = Document::new(r.docid.to_string(), path.display().to_string(), r.text.clone());
        sitrep_nlp::annotate(&mut doc, k);
        let offs = char_offsets(&doc.text);
        let preds: Vec<(i64, i64, f64, f64, String)> = sitrep_nlp::toponyms(&doc, k)
            .into_iter()
            .filter_map(|p| Some((offs[p.span.start] as i64, offs[p.span.end] as i64, p.lat?, p.lon?, format!("{} {} {}", p.name, p.country.unwrap_or_default(), p.rule.unwrap_or_default()))))
            .collect();
        // A few gold offsets could not be realigned (negative): they still count as gold.
        let gold: Vec<(&Gold, f64, f64)> = r.gold_toponyms.iter().filter_map(|g| Some((g, g.lat?, g.lon?))).collect();
        t.gold += gold.len();
        t.pred += preds.len();
        let mut used = vec![false; preds.len()];
        for (g, lat, lon) in &gold {
            let hit = preds.iter().enumerate().find(|(i, p)| !used[*i] && p.0 < g.end && g.start < p.1);
            let Some((i, p)) = hit else {
                if let Some(d) = t.dump.as_mut() {
                    d.push(format!("miss\t{}\t{}\t{}\t{lat}\t{lon}\t\t{}", r.docid, g.start, g.text, context(&r.text, g.start, g.end)));
                }
                if t.misses.len() < 40 {
                    t.misses.push(g.text.clone());
                }
                continue;
            };
            used[i] = true;
            t.found += 1;
            let km = haversine_km((p.2, p.3), (*lat, *lon));
            t.errors.push(km);
            if km <= 161.0 {
                t.within += 1;
                if let Some(d) = t.dump.as_mut() {
                    d.push(format!("ok\t{}\t{}\t{}\t{lat}\t{lon}\t{km:.0} km, said {},{} ({})\t", r.docid, g.start, g.text, p.2, p.3, p.4));
                }
                continue;
            }
            if let Some(d) = t.dump.as_mut() {
                d.push(format!("far\t{}\t{}\t{}\t{lat}\t{lon}\t{km:.0} km, said {},{} ({})\t{}", r.docid, g.start, g.text, p.2, p.3, p.4, context(&r.text, g.start, g.end)));
            }
            if t.far.len() < 40 {
                t.far.push(format!("{} ({km:.0} km)", g.text));
            }
        }
        // Predictions overlapping any gold toponym (even one already matched) are not false positives.
        t.matched_pred += preds.iter().filter(|p| gold.iter().any(|(g, _, _)| p.0 < g.end && g.start < p.1)).count();
        if let Some(d) = t.dump.as_mut() {
            for p in preds.iter().filter(|p| !gold.iter().any(|(g, _, _)| p.0 < g.end && g.start < p.1)) {
                let text: String = r.text.chars().skip(p.0 as usize).take((p.1 - p.0) as usize).collect();
                d.push(format!("fp\t{}\t{}\t{text}\t{}\t{}\t{}\t{}", r.docid, p.0, p.2, p.3, p.4, context(&r.text, p.0, p.1)));
            }
        }
    }
    Ok(())
}

pub fn run(opts: &EvalOptions) -> anyhow::Result<Report> {
    let k = sitrep_nlp::Knowledge::load(opts.knowledge.as_deref())?;
    let mut report = Report::new("geo");
    let mut details = serde_json::Map::new();
    for set in ["geowebnews", "geovirus"] {
        let path = opts.data.join(format!("{set}.jsonl"));
        if !path.exists() {
            continue;
        }
        let dump_to = std::env::var_os("SITREP_GEO_ERRORS").map(|f| format!("{}.{set}.tsv", f.to_string_lossy()));
        let mut t = Tally { dump: dump_to.as_ref().map(|_| Vec::new()), ..Default::default() };
        score_file(&path, &k, opts.limit, &mut t)?;
        if let (Some(f), Some(d)) = (&dump_to, &t.dump) {
            std::fs::write(f, d.join("\n")).with_context(|| format!("writing {f}"))?;
        }
        let p = t.matched_pred as f64 / t.pred.max(1) as f64;
        let r = t.found as f64 / t.gold.max(1) as f64;
        let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        t.errors.sort_by(f64::total_cmp);
        let median = t.errors.get(t.errors.len() / 2).copied().unwrap_or(f64::NAN);
        report.push(&format!("{set}_precision"), p);
        report.push(&format!("{set}_recall"), r);
        report.push(&format!("{set}_f1"), f1);
        report.push(&format!("{set}_acc161_all"), t.within as f64 / t.gold.max(1) as f64);
        report.push(&format!("{set}_acc161_found"), t.within as f64 / t.found.max(1) as f64);
        report.push(&format!("{set}_median_km"), median);
        details.insert(set.to_string(), serde_json::json!({"gold": t.gold, "predicted": t.pred, "found": t.found, "misses": t.misses, "far": t.far}));
    }
    anyhow::ensure!(!report.metrics.is_empty(), "no geowebnews.jsonl or geovirus.jsonl in {}", opts.data.display());
    report.details = serde_json::Value::Object(details);
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn haversine_matches_known_distance() {
        // Seoul to Pyongyang is about 195 km.
        let d = haversine_km((37.5665, 126.978), (39.0392, 125.7625));
        assert!((d - 195.0).abs() < 10.0, "{d}");
    }

    #[test]
    fn char_offsets_count_scalars() {
        let m = char_offsets("a’b");
        assert_eq!((m[0], m[1], m[4], m[5]), (0, 1, 2, 3));
    }
}
