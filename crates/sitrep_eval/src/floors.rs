//! Floors: the lowest figure CI accepts per set and metric (`eval/floors.toml`).

use std::collections::BTreeMap;

use crate::Report;

/// `[set] metric = floor`.
pub type Floors = BTreeMap<String, BTreeMap<String, f64>>;

pub fn parse(text: &str) -> Result<Floors, toml::de::Error> {
    toml::from_str(text)
}

/// Every metric of `report` that is below its floor, as `(metric, value, floor)`.
/// A key ending in `_max` is a ceiling for the metric without that suffix (figures where
/// lower is better, e.g. `offtopic.assault_per_1k_max = 12`); it fails above the ceiling.
/// A floor for a metric the report lacks is a failure too (value NaN).
pub fn violations(report: &Report, floors: &Floors) -> Vec<(String, f64, f64)> {
    let Some(set) = floors.get(&report.set) else { return vec![] };
    set.iter()
        .filter_map(|(name, &bound)| {
            let (metric, ceiling) = match name.strip_suffix("_max") {
                Some(m) if report.get(name).is_none() => (m, true),
                _ => (name.as_str(), false),
            };
            match report.get(metric) {
                Some(v) if (!ceiling && v >= bound) || (ceiling && v <= bound) => None,
                Some(v) => Some((name.clone(), v, bound)),
                None => Some((name.clone(), f64::NAN, bound)),
            }
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
    fn a_max_key_is_a_ceiling() {
        let floors = parse("[offtopic]\nassault_per_1k_max = 10.0\ncoerce_per_1k_max = 5.0\n").unwrap();
        let mut r = Report::new("offtopic");
        r.push("assault_per_1k", 12.5);
        r.push("coerce_per_1k", 4.0);
        let v = violations(&r, &floors);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].0, "assault_per_1k_max");
    }

    #[test]
    fn missing_metric_fails() {
        let floors = parse("[clean]\nf1 = 0.9\n").unwrap();
        let r = Report::new("clean");
        assert_eq!(violations(&r, &floors).len(), 1);
    }
}
