//! UCDP GED: deaths and dates from the event's source headlines. Each record's headlines
//! become one document (one paragraph each, published on the first source date); the
//! prediction is the largest fatality count of its events and the date of its first
//! violent event (PRESENT_REF read as the publication day). Records without headlines are
//! skipped. `SITREP_EVAL_VERBOSE=1 ... --json` lists every deaths miss (`errors`) and every
//! date more than a day off (`date_errors`) with the events and casualty counts seen.

use crate::plover::common;

use common::ratio;
use rayon::prelude::*;
use serde_json::Value;

use crate::{EvalOptions, Report};

struct One {
    deaths: Option<(f64, f64)>,
    low: f64,
    high: f64,
    date: Option<String>,
    gold_date: String,
    /// For the verbose error listing: the headlines, events and casualty counts seen.
    note: String,
}

fn day_number(d: &str) -> Option<i64> {
    let y: i64 = d.get(0..4)?.parse().ok()?;
    let m: i64 = d.get(5..7)?.parse().ok()?;
    let dd: i64 = d.get(8..10)?.parse().ok()?;
    // days from civil (Howard Hinnant's algorithm)
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + dd - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146097 + doe)
}

fn score(p: &sitrep_pipeline::Pipeline, r: &Value) -> Option<One> {
    let heads: Vec<&str> = r["source_headlines"].as_array()?.iter().filter_map(Value::as_str).collect();
    if heads.is_empty() {
        return None;
    }
    let text = heads.join("\n\n");
    let published = r["source_dates"].as_array().and_then(|d| d.first()).and_then(Value::as_str);
    let doc = common::run_text(p, &r["id"].to_string(), &text, published);
    let deaths = doc
        .events
        .iter()
        .filter_map(|e| e.fatalities.as_ref())
        .map(|f| (f.low, f.high))
        .max_by(|a, b| a.1.total_cmp(&b.1));
    let date = doc
        .events
        .iter()
        .find(|e| e.kind == "ASSAULT")
        .or(doc.events.first())
        .and_then(|e| e.date.as_ref())
        // TimeML's PRESENT_REF ("now", "currently") is the document's creation time
        .map(|d| if d.value == "PRESENT_REF" { published.map_or(d.value.clone(), String::from) } else { d.value.clone() })
        .or(published.map(String::from));
    let evs: Vec<String> = doc.events.iter().map(|e| format!("{}:{}:{}", e.kind, e.trigger.as_ref().map_or("", |t| t.text.as_str()), e.fatalities.as_ref().map_or(String::new(), |f| format!("{}-{}", f.low, f.high)))).collect();
    let cas: Vec<String> = doc.quantities.iter().filter_map(|q| q.casualty.as_ref().map(|c| format!("{}/{c}", q.text))).collect();
    let note = format!("pub {published:?} ev {evs:?} cas {cas:?} | {}", text.replace("\n\n", " || "));
    Some(One {
        note,
        deaths,
        low: r["gold_deaths_low"].as_f64().unwrap_or(0.0),
        high: r["gold_deaths_high"].as_f64().unwrap_or(0.0),
        date,
        gold_date: r["gold_date_start"].as_str().unwrap_or("").to_string(),
    })
}

pub fn run(opts: &EvalOptions) -> anyhow::Result<Report> {
    let p = common::pipeline(opts)?;
    let recs = common::read_jsonl(&opts.data.join("ucdp_ged_dev.jsonl"), opts.limit)?;
    let ones: Vec<One> = recs.par_iter().filter_map(|r| score(&p, r)).collect();
    let n = ones.len();
    let found = ones.iter().filter(|o| o.deaths.is_some()).count();
    let within = |o: &One| o.deaths.is_some_and(|(l, h)| l >= o.low && h <= o.high);
    let ok = ones.iter().filter(|o| within(o)).count();
    let dist = |o: &One| Some((day_number(o.date.as_deref()?)? - day_number(&o.gold_date)?).abs());
    let exact = ones.iter().filter(|o| dist(o) == Some(0)).count();
    let near = ones.iter().filter(|o| dist(o).is_some_and(|d| d <= 1)).count();
    let mut report = Report::new("ucdp");
    report.push("deaths_within", ratio(ok, n));
    report.push("deaths_found", ratio(found, n));
    report.push("deaths_within_found", ratio(ok, found));
    report.push("date_exact", ratio(exact, n));
    report.push("date_within_1d", ratio(near, n));
    let verbose = std::env::var_os("SITREP_EVAL_VERBOSE").is_some();
    let errors: Vec<String> = ones
        .iter()
        .filter(|o| verbose && !within(o))
        .map(|o| format!("{} gold {}-{} pred {:?} date {:?}/{} {}", if o.deaths.is_some() { "WRONG" } else { "MISS" }, o.low, o.high, o.deaths, o.date, o.gold_date, o.note))
        .collect();
    // Dates more than one day off (or missing), with the same note, to group date misses by cause.
    let date_errors: Vec<String> = ones
        .iter()
        .filter(|o| verbose && dist(o).is_none_or(|d| d > 1))
        .map(|o| format!("DATE pred {:?} gold {} | {}", o.date, o.gold_date, o.note))
        .collect();
    report.details = serde_json::json!({"records_with_headlines": n, "records": recs.len(), "errors": errors, "date_errors": date_errors});
    Ok(report)
}

#[cfg(test)]
mod tests {
    #[test]
    fn day_numbers_count_days() {
        let a = super::day_number("2024-02-28").unwrap();
        assert_eq!(super::day_number("2024-03-01").unwrap() - a, 2);
        assert_eq!(super::day_number("2025-01-01").unwrap() - super::day_number("2024-12-31").unwrap(), 1);
    }
}
