//! Runs every annotated file under `test-corpus/` and checks findings in both directions.
//!
//! A line that must produce a finding ends with `//~ RULE-ID` (several ids allowed, each
//! optionally `RULE-ID:severity`); every other line must produce none. A file under
//! `test-corpus/ID/` runs rule ID alone (plus the two suppression rules); a first-line header
//! `//@ rules: a, b` runs those rules instead, and `//@ include-tests` scans test code too. A
//! directory under `test-corpus/ID/` is one case scanned whole, its header in its `case.txt`.
//!
//! A top-level folder with a `case.txt` (`test-corpus/cross-file/`) is one case too: a cargo
//! workspace scanned whole with the rules its header lists, all at once, so that each rule's
//! cross-file findings and quiet look-alikes are checked together. Any other top-level folder
//! is a folder of cases, named after a rule or with a `rules:` header on each case.
//! `test-corpus/workspace/` is a multi-crate tree for the report snapshots, checked by
//! `tests/reports.rs`; it must hold no annotation, which this test would not check.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ferret::rules;
use ferret::scan::{RuleSettings, ScanOptions, scan};

/// One case: a single annotated `.rs` file directly in a rule folder, or a directory scanned as
/// a whole (a small workspace: several crates, `Cargo.toml`, `Cargo.lock`) for rules that read
/// across files: one in a rule folder, or a top-level folder with a `case.txt`. A directory's
/// options come from the `//@` lines of its `case.txt`; annotations are `//~` in `.rs` files and
/// `#~` in TOML and lock files.
struct Case {
    path: PathBuf,
    /// The files whose annotations are checked, with the path findings report for each.
    files: Vec<(String, PathBuf)>,
    header: String,
    /// The rule run when the header names none: the rule folder's name. `None` for a top-level
    /// case, whose header must name its rules.
    default_rule: Option<String>,
}

fn annotated(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.ends_with(".rs") || name.ends_with(".toml") || name == "Cargo.lock"
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("test-corpus is readable") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if annotated(&path) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// A directory scanned whole as one case.
fn directory_case(path: PathBuf, default_rule: Option<String>) -> Case {
    let files = files_under(&path)
        .into_iter()
        .map(|f| (ferret::discover::relative(&path, &f), f))
        .collect();
    let header = std::fs::read_to_string(path.join("case.txt")).unwrap_or_default();
    Case {
        path,
        files,
        header,
        default_rule,
    }
}

fn corpus_cases() -> Vec<Case> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("test-corpus");
    let mut cases = Vec::new();
    for rule_dir in std::fs::read_dir(&root).expect("test-corpus is readable") {
        let rule_dir = rule_dir.expect("directory entry").path();
        if !rule_dir.is_dir() {
            continue;
        }
        if rule_dir == root.join("workspace") {
            // Checked by tests/reports.rs: an annotation there would be checked by nothing.
            for file in files_under(&rule_dir) {
                let text = std::fs::read_to_string(&file).expect("UTF-8");
                assert!(
                    expectations(&text).is_empty(),
                    "{}: test-corpus/workspace/ is not annotated (the report snapshots check it); \
                     annotated cases go in a rule folder or a folder with a case.txt",
                    file.display()
                );
            }
            continue;
        }
        if rule_dir.join("case.txt").is_file() {
            cases.push(directory_case(rule_dir, None));
            continue;
        }
        let folder = rule_dir
            .file_name()
            .and_then(|n| n.to_str())
            .expect("rule folder names are UTF-8")
            .to_string();
        for entry in std::fs::read_dir(&rule_dir).expect("rule folder is readable") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                cases.push(directory_case(path, Some(folder.clone())));
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("corpus file is UTF-8");
                let name = path
                    .file_name()
                    .expect("file name")
                    .to_string_lossy()
                    .into();
                cases.push(Case {
                    files: vec![(name, path.clone())],
                    path,
                    header: text,
                    default_rule: Some(folder.clone()),
                });
            }
        }
    }
    cases.sort_by(|a, b| a.path.cmp(&b.path));
    cases
}

/// (line, rule) -> expected severity (None: any).
type Expected = BTreeMap<(usize, String), Vec<Option<String>>>;

fn expectations(text: &str) -> Expected {
    let mut out = Expected::new();
    for (i, line) in text.lines().enumerate() {
        let Some((pos, marker)) = line
            .find("//~")
            .map(|p| (p, 3))
            .or_else(|| line.find("#~").map(|p| (p, 2)))
        else {
            continue;
        };
        for token in line[pos + marker..].split_whitespace() {
            let (rule, severity) = match token.split_once(':') {
                Some((r, s)) => (r, Some(s.to_string())),
                None => (token, None),
            };
            out.entry((i + 1, rule.to_string()))
                .or_default()
                .push(severity);
        }
    }
    out
}

fn options_for(case: &Case) -> ScanOptions {
    let (file, text) = (&case.path, &case.header);
    let header: Vec<&str> = text.lines().take_while(|l| l.starts_with("//@")).collect();
    let mut ids: Vec<String> = case.default_rule.iter().cloned().collect();
    let mut include_tests = false;
    for h in header {
        let h = h.trim_start_matches("//@").trim();
        if let Some(list) = h.strip_prefix("rules:") {
            ids = list.split(',').map(|s| s.trim().to_string()).collect();
        } else if h == "include-tests" {
            include_tests = true;
        } else {
            panic!("{}: unknown corpus header `{h}`", file.display());
        }
    }
    assert!(
        !ids.is_empty(),
        "{}: a top-level case names its rules in case.txt (`//@ rules: a, b`)",
        file.display()
    );
    ids.push("suppression-without-reason".into());
    ids.push("unused-suppression".into());
    ids.sort();
    ids.dedup();
    let mut options = ScanOptions::new(vec![file.to_path_buf()]);
    // As the CLI does: items too big for a worker's stack go to a child process.
    options.isolation_exe = Some(env!("CARGO_BIN_EXE_ferret").into());
    options.rules = ids
        .iter()
        .map(|id| {
            let entry = rules::find(id)
                .unwrap_or_else(|| panic!("{}: unknown rule `{id}`", file.display()));
            RuleSettings::new(entry)
        })
        .collect();
    options.include_tests = include_tests;
    // The dependency rules read the project's small fixture database, never the user's.
    options.advisory_db = Some(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests")
            .join("data")
            .join("advisory-db"),
    );
    options
}

#[test]
fn corpus_findings_match_annotations() {
    let cases = corpus_cases();
    assert!(!cases.is_empty(), "test-corpus/ has no cases");
    let mut failures = Vec::new();
    for case in &cases {
        let options = options_for(case);
        let result = scan(&options).unwrap_or_else(|e| panic!("{}: {e}", case.path.display()));
        for p in &result.problems {
            failures.push(format!(
                "{}: could not analyse {}: {}",
                case.path.display(),
                p.path,
                p.message
            ));
        }
        // (path, line, rule) -> expected severities
        let mut expected = BTreeMap::new();
        for (shown, file) in &case.files {
            let text = std::fs::read_to_string(file).expect("corpus file is UTF-8");
            for ((line, rule), sevs) in expectations(&text) {
                expected.insert((shown.clone(), line, rule), sevs);
            }
        }
        let at = |path: &str, line: usize| format!("{}: {path}:{line}", case.path.display());
        for f in result.active_findings() {
            let key = (f.path.clone(), f.line, f.rule.clone());
            match expected.get_mut(&key).and_then(|v: &mut Vec<_>| v.pop()) {
                Some(sev) => {
                    if let Some(sev) = sev
                        && sev != f.severity.as_str()
                    {
                        failures.push(format!(
                            "{}: {} reported at {} but annotated {sev}",
                            at(&f.path, f.line),
                            f.rule,
                            f.severity
                        ));
                    }
                }
                None => failures.push(format!(
                    "{}: unexpected {} finding: {}",
                    at(&f.path, f.line),
                    f.rule,
                    f.message
                )),
            }
        }
        for ((path, line, rule), left) in expected {
            for _ in left {
                failures.push(format!(
                    "{}: expected a {rule} finding, got none",
                    at(&path, line)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every rule that can produce findings has a corpus folder with at least one firing case and
/// at least one quiet line.
#[test]
fn every_rule_has_corpus_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("test-corpus");
    for entry in rules::registry() {
        let dir = root.join(entry.meta.id);
        assert!(dir.is_dir(), "no test-corpus/{}/", entry.meta.id);
        let mut fires = false;
        for file in files_under(&dir) {
            let text = std::fs::read_to_string(file).expect("UTF-8");
            fires |= expectations(&text)
                .keys()
                .any(|(_, rule)| rule == entry.meta.id);
        }
        assert!(fires, "test-corpus/{}/ has no firing case", entry.meta.id);
    }
}
