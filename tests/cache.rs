//! The result cache makes re-scans fast and is never wrong.

mod common;

use std::ffi::OsStr;
use std::path::Path;

use assert_cmd::Command;
use common::{json_doc, json_findings, path_line, write};
use tempfile::TempDir;

/// (rule, path, line) of every finding, from a JSON scan with the cache in `cache`.
fn scan(tree: &Path, cache: &Path, extra: &[&str]) -> Vec<(String, String, u64)> {
    let mut args: Vec<&OsStr> = vec![OsStr::new("--cache-dir"), cache.as_os_str()];
    args.extend(extra.iter().map(OsStr::new));
    args.push(tree.as_os_str());
    json_findings(&args)
        .iter()
        .map(|f| {
            let (path, line) = path_line(f);
            (f["rule"].as_str().unwrap_or("").to_string(), path, line)
        })
        .collect()
}

fn cache_files(cache: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(cache)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default()
}

/// What the cache directory holds: `results` for a result cache file, `index` for the model's
/// index cache, the file name for anything else (a temporary file left behind). Sorted.
fn cache_names(cache: &Path) -> Vec<String> {
    let mut names: Vec<String> = cache_files(cache)
        .iter()
        .map(|p| {
            let name = p
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            if name.starts_with("index-v") && name.ends_with(".json") {
                "index".to_string()
            } else if name.starts_with('v') && name.ends_with(".json") {
                "results".to_string()
            } else {
                name
            }
        })
        .collect();
    names.sort();
    names
}

fn allow(line: &str) -> (String, String, u64) {
    ("allow-attribute".to_string(), line.to_string(), 1)
}

#[test]
fn a_changed_file_is_analysed_again() {
    let (tree, cache) = (TempDir::new().expect("tmp"), TempDir::new().expect("tmp"));
    write(tree.path(), "a.rs", "fn a() {}\n");
    write(tree.path(), "b.rs", "#[allow(dead_code)]\nfn b() {}\n");
    assert_eq!(scan(tree.path(), cache.path(), &[]), [allow("b.rs")]);
    assert_eq!(
        cache_names(cache.path()),
        ["index", "results"],
        "the scan wrote its result cache and the model's index cache"
    );
    // Edited files are read and hashed again; only unchanged content reuses the cache.
    write(tree.path(), "a.rs", "#[allow(dead_code)]\nfn a() {}\n");
    write(tree.path(), "b.rs", "fn b() {}\n");
    assert_eq!(scan(tree.path(), cache.path(), &[]), [allow("a.rs")]);
}

#[test]
fn a_touched_file_keeps_its_findings() {
    let (tree, cache) = (TempDir::new().expect("tmp"), TempDir::new().expect("tmp"));
    write(tree.path(), "b.rs", "#[allow(dead_code)]\nfn b() {}\n");
    let first = scan(tree.path(), cache.path(), &[]);
    write(tree.path(), "b.rs", "#[allow(dead_code)]\nfn b() {}\n");
    assert_eq!(scan(tree.path(), cache.path(), &[]), first);
}

#[test]
fn another_config_does_not_reuse_results() {
    let (tree, cache) = (TempDir::new().expect("tmp"), TempDir::new().expect("tmp"));
    write(tree.path(), "b.rs", "#[allow(dead_code)]\nfn b() {}\n");
    assert_eq!(scan(tree.path(), cache.path(), &[]), [allow("b.rs")]);
    assert!(
        scan(
            tree.path(),
            cache.path(),
            &["--exclude-rules", "allow-attribute"]
        )
        .is_empty()
    );
    assert_eq!(scan(tree.path(), cache.path(), &[]), [allow("b.rs")]);
    write(
        tree.path(),
        "tests/t.rs",
        "#[allow(dead_code)]\nfn t() {}\n",
    );
    let with_tests = scan(tree.path(), cache.path(), &["--include-tests"]);
    assert_eq!(with_tests.len(), 2);
    assert_eq!(
        cache_names(cache.path()),
        ["index", "results", "results", "results"],
        "one result cache file per config; the model's indexes do not depend on it"
    );
}

#[test]
fn a_corrupt_cache_is_ignored_and_rebuilt() {
    let (tree, cache) = (TempDir::new().expect("tmp"), TempDir::new().expect("tmp"));
    write(tree.path(), "b.rs", "#[allow(dead_code)]\nfn b() {}\n");
    let first = scan(tree.path(), cache.path(), &[]);
    for file in cache_files(cache.path()) {
        std::fs::write(&file, "{\"format\":1,\"key\":").expect("corrupt it");
    }
    assert_eq!(scan(tree.path(), cache.path(), &[]), first);
    for file in cache_files(cache.path()) {
        let text = std::fs::read_to_string(&file).expect("read");
        serde_json::from_str::<serde_json::Value>(&text).expect("rebuilt as valid JSON");
    }
}

#[test]
fn no_cache_writes_nothing() {
    let (tree, cache) = (TempDir::new().expect("tmp"), TempDir::new().expect("tmp"));
    write(tree.path(), "b.rs", "fn b() {}\n");
    Command::cargo_bin("ferret")
        .expect("built")
        .env("XDG_CACHE_HOME", cache.path())
        .arg("--no-cache")
        .arg(tree.path())
        .assert()
        .code(0);
    assert!(cache_files(cache.path()).is_empty());
}

#[test]
fn concurrent_runs_do_not_corrupt_the_cache() {
    let (tree, cache) = (TempDir::new().expect("tmp"), TempDir::new().expect("tmp"));
    for i in 0..60 {
        write(
            tree.path(),
            &format!("m{i:02}.rs"),
            &format!("#[allow(dead_code)]\nfn f{i}() {{}}\n"),
        );
    }
    let spawn = || {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("ferret"))
            .args(["--format", "json", "--cache-dir"])
            .arg(cache.path())
            .arg(tree.path())
            .output()
    };
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(spawn);
        let b = s.spawn(spawn);
        (a.join(), b.join())
    });
    let (a, b) = (
        a.expect("thread").expect("runs"),
        b.expect("thread").expect("runs"),
    );
    assert_eq!(a.status.code(), Some(1));
    assert_eq!(b.status.code(), Some(1));
    let findings = |out: &[u8]| -> serde_json::Value {
        serde_json::from_slice::<serde_json::Value>(out).expect("json")["findings"].clone()
    };
    assert_eq!(findings(&a.stdout), findings(&b.stdout));
    assert_eq!(scan(tree.path(), cache.path(), &[]).len(), 60);
    assert_eq!(
        cache_names(cache.path()),
        ["index", "results"],
        "no temporary files left behind"
    );
}

/// A file's findings may depend on other files through the workspace model: editing only the
/// file that raises a variant must bring back the finding on the untouched file declaring it.
#[test]
fn a_change_in_another_file_that_changes_the_model_invalidates_findings() {
    let (tree, cache) = (TempDir::new().expect("tmp"), TempDir::new().expect("tmp"));
    let rules = ["--rules", "unraised-error-variant"];
    write(
        tree.path(),
        "error.rs",
        "#[derive(Debug, thiserror::Error)]\npub enum E {\n    #[error(\"x\")]\n    Gone,\n}\n",
    );
    write(tree.path(), "user.rs", "fn f() -> E { E::Gone }\n");
    assert_eq!(scan(tree.path(), cache.path(), &rules), []);
    // `error.rs` is unchanged (its cached entry matches by size and mtime), yet its finding
    // appears once `user.rs` no longer constructs the variant.
    write(tree.path(), "user.rs", "fn f() -> Option<E> { None }\n");
    let unraised = (
        "unraised-error-variant".to_string(),
        "error.rs".to_string(),
        4,
    );
    assert_eq!(
        scan(tree.path(), cache.path(), &rules),
        std::slice::from_ref(&unraised)
    );
    // And an edit that changes no fact the model holds keeps the cached findings valid.
    write(
        tree.path(),
        "user.rs",
        "fn f() -> Option<E> {\n    None\n}\n",
    );
    assert_eq!(scan(tree.path(), cache.path(), &rules), [unraised]);
}

/// Copies the test-corpus case `case` into a fresh directory.
fn copy_case(case: &str) -> TempDir {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).expect("mkdir");
        for entry in std::fs::read_dir(from).expect("read_dir").flatten() {
            let target = to.join(entry.file_name());
            if entry.path().is_dir() {
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), &target).expect("copy");
            }
        }
    }
    let tree = TempDir::new().expect("tmp");
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("test-corpus")
            .join(case),
        tree.path(),
    );
    tree
}

/// Every finding of a scan, whole (rule, place, severity, message...), as `--format json` gives
/// them.
fn full_scan(tree: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    all.push(tree.as_os_str());
    json_findings(&all)
}

/// The whole `--format json` document of a scan.
fn scan_doc(tree: &Path, args: &[&str]) -> serde_json::Value {
    let mut all: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    all.push(tree.as_os_str());
    json_doc(&all)
}

/// The findings of a `--format json` document.
fn findings_of(doc: &serde_json::Value) -> Vec<serde_json::Value> {
    doc["findings"].as_array().cloned().unwrap_or_default()
}

/// The model's rules over a multi-crate workspace: a cached re-scan (the model is not even
/// built when nothing changed) reports exactly what a cold scan reports; after an edit of the
/// file that decides a cross-file fact (which variant a response conversion sends to clients),
/// the untouched files' findings follow it, as a cold scan of the edited tree reports them.
#[test]
fn warm_and_incremental_scans_equal_cold_ones() {
    let tree = copy_case("error-detail-leak/constructors");
    let cache = TempDir::new().expect("tmp");
    let cache_arg = cache.path().to_str().expect("utf-8 path");
    let cached = ["--cache-dir", cache_arg];
    let cold = full_scan(tree.path(), &["--no-cache"]);
    assert_eq!(
        cold.iter()
            .filter(|f| f["rule"] == "error-detail-leak")
            .count(),
        5,
        "{cold:#?}"
    );
    let first = scan_doc(tree.path(), &cached);
    assert_eq!(findings_of(&first), cold, "first cached scan");
    let indexed = first["model_index"]["files"].as_u64().unwrap_or(0);
    assert!(indexed >= 3, "the model indexes the workspace: {first:#}");
    assert_eq!(first["model_index"]["from_cache"], 0, "nothing cached yet");
    let warm = scan_doc(tree.path(), &cached);
    assert_eq!(findings_of(&warm), cold, "warm re-scan");
    assert!(
        warm["model_index"].is_null(),
        "nothing changed: every outcome is cached and the model is not built"
    );
    // `Database` no longer reaches a 500 body with its text: `app`'s findings, from an
    // unchanged file, are no longer about a leak through the response.
    write(
        tree.path(),
        "crates/errors/src/response.rs",
        "use axum::http::StatusCode;\n\
         use axum::response::{IntoResponse, Response};\n\
         use crate::ApiError;\n\
         impl IntoResponse for ApiError {\n\
         \x20   fn into_response(self) -> Response {\n\
         \x20       (StatusCode::INTERNAL_SERVER_ERROR, \"internal error\").into_response()\n\
         \x20   }\n\
         }\n",
    );
    let edited_cold = full_scan(tree.path(), &["--no-cache"]);
    assert_ne!(edited_cold, cold, "the edit changes a cross-file fact");
    let after = scan_doc(tree.path(), &cached);
    assert_eq!(findings_of(&after), edited_cold, "after the edit");
    // Only the edited file was indexed again; the model was assembled from the others' cached
    // indexes.
    assert_eq!(after["model_index"]["files"].as_u64(), Some(indexed));
    assert_eq!(
        after["model_index"]["from_cache"].as_u64(),
        Some(indexed - 1),
        "{after:#}"
    );
    assert_eq!(
        full_scan(tree.path(), &cached),
        edited_cold,
        "warm after the edit"
    );
}

/// Taint summaries of a callee in another file are computed after the model's fingerprint is
/// known, on first use: an edit of the callee's body alone (its signature and calls unchanged)
/// must still reach the cached findings of the unchanged caller file.
#[test]
fn an_edit_of_a_summarised_callee_reaches_cached_callers() {
    let tree = copy_case("sql-injection/helpers");
    let cache = TempDir::new().expect("tmp");
    let cache_arg = cache.path().to_str().expect("utf-8 path");
    let cached = ["--cache-dir", cache_arg];
    let cold = full_scan(tree.path(), &["--no-cache"]);
    let injections = |findings: &[serde_json::Value]| {
        findings
            .iter()
            .filter(|f| f["rule"] == "sql-injection")
            .count()
    };
    assert_eq!(injections(&cold), 3, "{cold:#?}");
    assert_eq!(full_scan(tree.path(), &cached), cold, "first cached scan");
    assert_eq!(full_scan(tree.path(), &cached), cold, "warm re-scan");
    // `find_by_name` no longer splices its parameter: the same calls, no flow.
    let db = tree.path().join("src/db.rs");
    let text = std::fs::read_to_string(&db).expect("read db.rs");
    let edited = text.replace("WHERE name = '{name}'", "WHERE name = 'nobody'");
    assert_ne!(edited, text, "the edit applies");
    write(tree.path(), "src/db.rs", &edited);
    let edited_cold = full_scan(tree.path(), &["--no-cache"]);
    assert_eq!(injections(&edited_cold), 2, "{edited_cold:#?}");
    assert_eq!(
        full_scan(tree.path(), &cached),
        edited_cold,
        "after the edit"
    );
    assert_eq!(
        full_scan(tree.path(), &cached),
        edited_cold,
        "warm after the edit"
    );
}

/// The model is built in parallel and merged in path order: one worker and several give the
/// same report, findings of the model's rules included.
#[test]
fn model_results_do_not_depend_on_the_thread_count() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("test-corpus");
    let run = |jobs: &str| {
        let out = Command::cargo_bin("ferret")
            .expect("built")
            .args(["--no-cache", "--format", "json", "--jobs", jobs])
            .args([
                "--rules",
                "unraised-error-variant,error-detail-leak,detached-spawn,unvalidated-input,\
                 sql-injection,path-traversal,tls-verification-disabled",
            ])
            .arg(&corpus)
            .output()
            .expect("runs");
        let mut doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        doc.as_object_mut().expect("object").remove("duration");
        doc
    };
    let one = run("1");
    let total = one["counts"]["total"].as_u64().unwrap_or(0);
    assert!(total > 20, "the model's rules fire on their cases: {total}");
    assert_eq!(one, run("4"));
}
