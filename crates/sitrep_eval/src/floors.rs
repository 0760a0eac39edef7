//! Floors: the lowest figure CI accepts per set and metric (`eval/floors.toml`).

use std::collections::BTreeMap;

use crate::Report;

/// `[set] metric = floor`.
pub type Floors = BTreeMap<String, BTreeMap<String, f64>>;

pub fn parse(text: &str) -> Result<Floors, toml::de::Error> {
    toml::from_str(text)
}

/// Every metric of `report` that is below its floor, as `(metric, value, floor)`.
/// A floor for a metric the report lacks is a failure too (value NaN).
pub fn violations(report: &Report, floors: &Floors) -> Vec<(String, f64, f64)> {
    let Some(set) = floors.get(&report.set) else { return vec![] };
    set.iter()
        .filter_map(|(name, &floor)| match report.get(name) {
            Some(v) if v >= floor => None,
            Some(v) => Some((name.clone(), v, floor)),
            None => Some((name.clone(), f64::NAN, floor)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn below_floor_is_reported() {
        let floors = parse("[clean]\nf1 = 0.9\nrecall = 0.8\n").unwrap();
        let mut r = Report::new("clean");
        r.push("f1", 0.95);
        r.push("recall", 0.7);
        let v = violations(&r, &floors);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].0, "recall");
    }

    #[test]
    fn missing_metric_fails() {
        let floors = parse("[clean]\nf1 = 0.9\n").unwrap();
        let r = Report::new("clean");
        assert_eq!(violations(&r, &floors).len(), 1);
    }
}
