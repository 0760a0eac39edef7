//! Reliability: SIGKILL `sitrep ingest` at pseudo-random points, re-run until it finishes,
//! and check the database holds every document exactly once, the same rows as an
//! uninterrupted run, and passes `PRAGMA integrity_check` (SQLite) or sitrep's consistency
//! check (PostgreSQL, when SITREP_TEST_PG holds the URL of a throwaway server, e.g. from
//! scripts/pg_start.sh; it needs `psql` to make a schema per run).
//! SITREP_KILL_DOCS and SITREP_KILL_ROUNDS scale it (defaults 300 documents, 6 kills).

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_sitrep");

fn env_usize(k: &str, d: usize) -> usize {
    std::env::var(k).ok().and_then(|v| v.parse().ok()).unwrap_or(d)
}

fn write_corpus(dir: &Path, n: usize) {
    let places = ["Kharkiv", "Kherson", "Odesa", "Gaza", "Khan Younis", "Aleppo", "Mosul", "Goma"];
    let verbs = ["shelled", "struck", "attacked", "bombed"];
    for i in 0..n {
        let text = format!(
            "Russian forces {} {} on Monday, killing {} people, officials said.\n\n\
             The governor said report number {i} was confirmed by local police and rescue teams.\n\n\
             Separately, the foreign minister met his Turkish counterpart in Ankara to discuss grain exports ({i}).",
            verbs[i % verbs.len()],
            places[i % places.len()],
            i % 17 + 1
        );
        std::fs::write(dir.join(format!("doc{i:05}.txt")), text).unwrap();
    }
}

fn stats(db: impl AsRef<OsStr>) -> serde_json::Value {
    let out = Command::new(BIN).args(["stats", "--json", "--check", "--db"]).arg(db).output().unwrap();
    assert!(out.status.success(), "stats failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn ingest(corpus: &Path, db: impl AsRef<OsStr>) -> Command {
    let mut c = Command::new(BIN);
    c.args(["ingest", "--published", "2024-10-07", "--json", "--db"]).arg(db).arg(corpus);
    c.stdout(Stdio::piped()).stderr(Stdio::null());
    c
}

#[test]
fn sigkill_during_ingest_loses_and_duplicates_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let reference = tmp.path().join("ref.db");
    let killed = tmp.path().join("killed.db");
    kill_and_rerun(tmp.path(), reference.as_os_str(), killed.as_os_str(), &|| killed.exists());
}

/// Runs `psql` on the test server; false when there is no psql.
fn psql(url: &str, sql: &str) -> bool {
    let mut c = Command::new("psql");
    c.args([url, "-q", "-v", "ON_ERROR_STOP=1", "-c", sql]).env("PGOPTIONS", "-c client_min_messages=warning").stdout(Stdio::null());
    match c.status() {
        Ok(s) => {
            assert!(s.success(), "psql {sql} failed");
            true
        }
        Err(_) => false,
    }
}

#[test]
fn sigkill_during_postgres_ingest_loses_and_duplicates_nothing() {
    let Ok(url) = std::env::var("SITREP_TEST_PG") else {
        eprintln!("SITREP_TEST_PG not set; skipping the PostgreSQL kill test (see scripts/pg_start.sh)");
        return;
    };
    let (r, k) = (format!("kref{}", std::process::id()), format!("kkill{}", std::process::id()));
    if !psql(&url, &format!("DROP SCHEMA IF EXISTS {r} CASCADE; CREATE SCHEMA {r}; DROP SCHEMA IF EXISTS {k} CASCADE; CREATE SCHEMA {k}")) {
        eprintln!("no psql; skipping the PostgreSQL kill test");
        return;
    }
    let sep = if url.contains('?') { '&' } else { '?' };
    let scoped = |schema: &str| format!("{url}{sep}options=-csearch_path%3D{schema}");
    let tmp = tempfile::tempdir().unwrap();
    let (reference, killed) = (scoped(&r), scoped(&k));
    kill_and_rerun(tmp.path(), OsStr::new(&reference), OsStr::new(&killed), &|| true);
    psql(&url, &format!("DROP SCHEMA {r} CASCADE; DROP SCHEMA {k} CASCADE"));
}

/// Ingests a corpus into `reference` uninterrupted, then into `killed` with SIGKILLs at
/// pseudo-random points and a final full run, and compares the two databases.
fn kill_and_rerun(tmp: &Path, reference: &OsStr, db: &OsStr, exists: &dyn Fn() -> bool) {
    let n = env_usize("SITREP_KILL_DOCS", 300);
    let rounds = env_usize("SITREP_KILL_ROUNDS", 6);
    let corpus = tmp.join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    write_corpus(&corpus, n);

    // Reference: one uninterrupted run, timed to spread the kills over it.
    let t = Instant::now();
    let out = ingest(&corpus, reference).output().unwrap();
    let full = t.elapsed();
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["new"], n, "reference run stores every document");
    let want = stats(reference);

    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for round in 0..rounds {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let at = Duration::from_millis(seed % (full.as_millis() as u64).max(1));
        let mut child = ingest(&corpus, db).spawn().unwrap();
        std::thread::sleep(at);
        let finished = child.try_wait().unwrap().is_some();
        child.kill().ok(); // SIGKILL on Unix
        child.wait().unwrap();
        if exists() {
            let s = stats(db);
            assert_eq!(s["integrity"], "ok", "round {round} (killed at {at:?}, finished {finished})");
            assert!(s["documents"].as_u64().unwrap() <= n as u64);
        }
    }
    let out = ingest(&corpus, db).output().unwrap();
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let got = stats(db);
    assert_eq!(got["integrity"], "ok");
    // "indexes": a first run drops secondary indexes while it loads; a killed one must not leave them missing.
    for k in ["documents", "events", "claims", "entities", "story_clusters", "event_clusters", "indexes"] {
        assert_eq!(got[k], want[k], "{k} after kills and a re-run vs an uninterrupted run");
    }
    assert_eq!(
        summary["new"].as_u64().unwrap() + summary["already_stored"].as_u64().unwrap(),
        n as u64,
        "the re-run accounts for every input"
    );
    // And a further run adds nothing.
    let again: serde_json::Value = serde_json::from_slice(&ingest(&corpus, db).output().unwrap().stdout).unwrap();
    assert_eq!(again["new"], 0);
    assert_eq!(again["already_stored"], n);
}
