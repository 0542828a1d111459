//! The workspace phase end to end: the advisory database (present, missing, ignore list), lockfile
//! and manifest findings in every format, baselines, and workspace facts through the cache.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

/// The project's small fixture database (tests/data/advisory-db).
fn fixture_db() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/advisory-db")
}

/// The binary, with no user database reachable through `CARGO_HOME` and no user cache.
fn ferret(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("ferret").expect("ferret binary is built");
    cmd.env("CARGO_HOME", home.join("cargo-home"))
        .env("XDG_CACHE_HOME", home.join("cache"));
    cmd
}

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

const REGISTRY: &str = "registry+https://github.com/rust-lang/crates.io-index";
const CHECKSUM: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// A package locking `bytes` 1.11.0 (RUSTSEC-2026-0007 in the fixture database).
fn locked_tree() -> TempDir {
    let dir = TempDir::new().expect("tempdir");
    write(
        dir.path(),
        "Cargo.toml",
        "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    );
    write(dir.path(), "src/lib.rs", "pub fn f() {}\n");
    write(
        dir.path(),
        "Cargo.lock",
        &format!(
            "version = 4\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\n \"bytes\",\n]\n\n[[package]]\nname = \"bytes\"\nversion = \"1.11.0\"\nsource = \"{REGISTRY}\"\nchecksum = \"{CHECKSUM}\"\n"
        ),
    );
    dir
}

fn json(output: &[u8]) -> serde_json::Value {
    serde_json::from_slice(output).expect("JSON report")
}

#[test]
fn a_missing_database_is_one_note_and_the_scan_goes_on() {
    let tree = locked_tree();
    let home = TempDir::new().expect("tempdir");
    let assert = ferret(home.path())
        .args(["--no-cache"])
        .arg(tree.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no findings"));
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    let notes: Vec<&str> = stderr.lines().filter(|l| l.starts_with("note:")).collect();
    assert_eq!(notes.len(), 1, "{stderr}");
    assert!(notes[0].contains("cargo-home/advisory-db"), "{stderr}");
    assert!(notes[0].contains("--fetch-advisories"), "{stderr}");
}

#[test]
fn a_lockfile_finding_is_located_in_json_and_sarif() {
    let tree = locked_tree();
    let home = TempDir::new().expect("tempdir");
    let out = ferret(home.path())
        .args(["--no-cache", "--format", "json", "--advisory-db"])
        .arg(fixture_db())
        .arg(tree.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report = json(&out);
    let findings = report["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 1, "{report:#}");
    let f = &findings[0];
    assert_eq!(f["rule"], "vulnerable-dependency");
    assert_eq!(f["path"], "Cargo.lock");
    assert_eq!(f["line"], 11);
    assert_eq!(f["column"], 1);
    assert_eq!(f["severity"], "high");
    let message = f["message"].as_str().expect("message");
    for part in [
        "RUSTSEC-2026-0007",
        "`bytes` 1.11.0",
        ">=1.11.1",
        "app 0.1.0 → bytes 1.11.0",
    ] {
        assert!(message.contains(part), "{message} lacks {part}");
    }
    assert!(
        f["snippet"]
            .as_str()
            .expect("snippet")
            .starts_with("name = \"bytes\"\nversion")
    );
    assert_eq!(report["advisory_db"]["advisories"], 5);
    assert_eq!(report["advisory_db"]["newest_advisory"], "2099-01-03");

    let out = ferret(home.path())
        .args(["--no-cache", "--format", "sarif", "--advisory-db"])
        .arg(fixture_db())
        .arg(tree.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let sarif = json(&out);
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "vulnerable-dependency");
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "Cargo.lock");
    // The region covers the lines that say which package is locked, and the snippet is exactly
    // those lines (SARIF's snippet is the region's text); the checksum is left out.
    let region = &location["region"];
    assert_eq!(region["startLine"], 11);
    assert_eq!(region["startColumn"], 1);
    assert_eq!(region["endLine"], 13);
    let source_line = format!("source = \"{REGISTRY}\"");
    assert_eq!(region["endColumn"], source_line.len() + 1);
    assert_eq!(
        region["snippet"]["text"],
        format!("name = \"bytes\"\nversion = \"1.11.0\"\n{source_line}"),
        "{region:#}"
    );
    assert!(result["partialFingerprints"].is_object(), "{result:#}");
}

#[test]
fn an_ignored_advisory_is_kept_as_suppressed_with_its_reason() {
    let tree = locked_tree();
    let home = TempDir::new().expect("tempdir");
    write(
        tree.path(),
        "ferret.toml",
        "[advisories]\nignore = [{ id = \"RUSTSEC-2026-0007\", reason = \"sizes never come from input\" }]\n",
    );
    let out = ferret(home.path())
        .args(["--no-cache", "--format", "json", "--advisory-db"])
        .arg(fixture_db())
        .arg(tree.path())
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let report = json(&out);
    let f = &report["findings"][0];
    assert_eq!(f["rule"], "vulnerable-dependency");
    assert_eq!(f["suppression"]["kind"], "config");
    assert_eq!(
        f["suppression"]["justification"],
        "sizes never come from input"
    );

    write(
        tree.path(),
        "ferret.toml",
        "[advisories]\nignore = [{ id = \"RUSTSEC-2026-0007\" }]\n",
    );
    ferret(home.path())
        .args(["--no-cache", "--advisory-db"])
        .arg(fixture_db())
        .arg(tree.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a `reason`"));
}

#[test]
fn an_ignore_that_silences_nothing_is_an_unused_suppression() {
    let tree = locked_tree();
    let home = TempDir::new().expect("tempdir");
    // Line 3: used (bytes 1.11.0 is locked); line 4: an advisory for a crate not locked here;
    // line 5: an id the database does not have.
    write(
        tree.path(),
        "ferret.toml",
        "[advisories]\nignore = [\n  { id = \"RUSTSEC-2026-0007\", reason = \"sizes never come from input\" },\n  { id = \"RUSTSEC-2099-0002\", reason = \"we parse only our own YAML\" },\n  { id = \"RUSTSEC-2000-9999\", reason = \"typo\" },\n]\n",
    );
    let out = ferret(home.path())
        .args(["--no-cache", "--format", "json", "--advisory-db"])
        .arg(fixture_db())
        .arg(tree.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report = json(&out);
    let unused: Vec<(String, u64, String)> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "unused-suppression")
        .map(|f| {
            (
                f["path"].as_str().expect("path").to_string(),
                f["line"].as_u64().expect("line"),
                f["message"].as_str().expect("message").to_string(),
            )
        })
        .collect();
    assert_eq!(unused.len(), 2, "{unused:#?}");
    assert_eq!((unused[0].0.as_str(), unused[0].1), ("ferret.toml", 4));
    assert!(unused[0].2.contains("RUSTSEC-2099-0002"), "{}", unused[0].2);
    assert!(
        unused[0].2.contains("affects no package"),
        "{}",
        unused[0].2
    );
    assert_eq!((unused[1].0.as_str(), unused[1].1), ("ferret.toml", 5));
    assert!(
        unused[1].2.contains("not in the advisory database"),
        "{}",
        unused[1].2
    );

    // Without a database nothing can be judged: no finding, as the advisories are not checked.
    let out = ferret(home.path())
        .args(["--no-cache", "--format", "json"])
        .arg(tree.path())
        .assert()
        .get_output()
        .stdout
        .clone();
    let report = json(&out);
    assert!(
        report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .all(|f| f["rule"] != "unused-suppression"),
        "{report:#}"
    );
}

#[test]
fn a_baseline_covers_lockfile_findings() {
    let tree = locked_tree();
    let home = TempDir::new().expect("tempdir");
    let baseline = home.path().join("baseline.json");
    ferret(home.path())
        .args(["--no-cache", "--advisory-db"])
        .arg(fixture_db())
        .arg("--write-baseline")
        .arg(&baseline)
        .arg(tree.path())
        .assert()
        .code(1);
    ferret(home.path())
        .args(["--no-cache", "--advisory-db"])
        .arg(fixture_db())
        .arg("--baseline")
        .arg(&baseline)
        .arg(tree.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains("1 finding baselined"));
}

/// Every finding id of the Markdown report names one finding: a crate whose name starts with
/// the Dependency Audit's letter (`db`) does not share its ids with the advisories.
#[test]
fn markdown_finding_ids_are_unique_across_the_report() {
    let tree = locked_tree();
    write(
        tree.path(),
        "Cargo.toml",
        "[package]\nname = \"db\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    );
    write(
        tree.path(),
        "src/lib.rs",
        "use sqlx::postgres::{PgPool, PgPoolOptions};\n\npub async fn pool(url: &str) -> sqlx::Result<PgPool> {\n    PgPoolOptions::new().connect(url).await\n}\n",
    );
    let home = TempDir::new().expect("tempdir");
    let output = ferret(home.path())
        .args(["--no-cache", "--format", "markdown", "--advisory-db"])
        .arg(fixture_db())
        .arg(tree.path())
        .output()
        .expect("ferret runs");
    let report = String::from_utf8(output.stdout).expect("UTF-8 report");
    let heading = regex::Regex::new(r"Finding ([A-Z0-9]+-\d+) \(").expect("regex");
    let ids: Vec<&str> = heading
        .captures_iter(&report)
        .map(|c| c.get(1).expect("id").as_str())
        .collect();
    assert!(ids.contains(&"X-1") && ids.contains(&"D-1"), "{report}");
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(
        unique.len(),
        ids.len(),
        "an id names two findings: {ids:?}\n{report}"
    );
    // The work items list each finding once.
    let tracked: Vec<&str> = report
        .split("## Appendix: Remediation Tracking")
        .nth(1)
        .expect("remediation appendix")
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Work Item"))
        .filter_map(|l| l.split(" | ").nth(1))
        .flat_map(|ids| ids.split(", "))
        .collect();
    let mut once = tracked.clone();
    once.sort_unstable();
    once.dedup();
    assert_eq!(once.len(), tracked.len(), "{tracked:?}");
}

#[test]
fn the_markdown_report_has_a_dependency_audit() {
    let tree = locked_tree();
    let home = TempDir::new().expect("tempdir");
    ferret(home.path())
        .args(["--no-cache", "--format", "markdown", "--advisory-db"])
        .arg(fixture_db())
        .arg(tree.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("### Dependency Audit"))
        .stdout(predicate::str::contains(
            "**Finding X-1 (HIGH): `bytes` 1.11.0 is affected by RUSTSEC-2026-0007",
        ))
        .stdout(predicate::str::contains(
            "(5 advisories, newest advisory dated 2099-01-03)",
        ))
        // A vulnerable dependency is must-fix: in the High table and first among the work items.
        .stdout(predicate::str::contains(
            "| X-1 | `bytes` 1.11.0 is affected by RUSTSEC-2026-0007",
        ))
        .stdout(
            predicate::str::is_match(
                r"\| Dependency upgrade \| X-1[^|]* \| Urgent \| \d+ RustSec advisor",
            )
            .expect("regex"),
        )
        .stdout(predicate::str::contains("| High | 1 |"));
    ferret(home.path())
        .args(["--no-cache", "--format", "markdown"])
        .arg(tree.path())
        .assert()
        .stdout(predicate::str::contains(
            "No advisory database was available",
        ))
        .stdout(predicate::str::contains(
            "Dependency advisories: not checked",
        ));
}

/// A workspace whose `db` crate builds a pool and whose `settings` crate sets the timeout.
fn pooled_workspace() -> TempDir {
    let dir = TempDir::new().expect("tempdir");
    write(
        dir.path(),
        "Cargo.toml",
        "[workspace]\nmembers = [\"db\", \"settings\"]\n",
    );
    for name in ["db", "settings"] {
        write(
            dir.path(),
            &format!("{name}/Cargo.toml"),
            &format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\n"),
        );
    }
    write(
        dir.path(),
        "db/src/lib.rs",
        "use sqlx::postgres::PgPoolOptions;\npub fn pool() { let _ = PgPoolOptions::new(); }\n",
    );
    write(
        dir.path(),
        "settings/src/lib.rs",
        "pub const BOUND: &str = \"SET statement_timeout = '5s'\";\n",
    );
    dir
}

fn pool_findings(home: &Path, tree: &Path, jobs: &str) -> usize {
    let out = ferret(home)
        .args([
            "--rules",
            "no-statement-timeout",
            "--format",
            "json",
            "--jobs",
            jobs,
        ])
        .arg("--cache-dir")
        .arg(home.join("ferret-cache"))
        .arg(tree)
        .output()
        .expect("runs");
    json(&out.stdout)["findings"]
        .as_array()
        .expect("findings")
        .len()
}

#[test]
fn facts_of_cached_files_still_count() {
    let tree = pooled_workspace();
    let home = TempDir::new().expect("tempdir");
    assert_eq!(
        pool_findings(home.path(), tree.path(), "2"),
        0,
        "the timeout is in `settings`"
    );
    // Edit only `db`: `settings` now comes from the cache, and its fact must still count.
    write(
        tree.path(),
        "db/src/lib.rs",
        "use sqlx::postgres::PgPoolOptions;\n// edited\npub fn pool() { let _ = PgPoolOptions::new(); }\n",
    );
    assert_eq!(pool_findings(home.path(), tree.path(), "1"), 0);
    // Remove the timeout: now the pool stands alone.
    write(
        tree.path(),
        "settings/src/lib.rs",
        "pub const BOUND: &str = \"\";\n",
    );
    assert_eq!(pool_findings(home.path(), tree.path(), "2"), 1);
    assert_eq!(
        pool_findings(home.path(), tree.path(), "1"),
        1,
        "same with one thread, from the cache"
    );
}
