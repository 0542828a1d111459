//! Runs every annotated file under `test-corpus/` and checks findings in both directions.
//!
//! A line that must produce a finding ends with `//~ RULE-ID` (several ids allowed, each
//! optionally `RULE-ID:severity`); every other line must produce none. A file under
//! `test-corpus/ID/` runs rule ID alone (plus the two suppression rules); a first-line header
//! `//@ rules: a, b` runs those rules instead, and `//@ include-tests` scans test code too.
//! `test-corpus/workspace/` is a multi-crate tree for the report snapshots, checked by its own test.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ferret::rules;
use ferret::scan::{RuleSettings, ScanOptions, scan};

fn corpus_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("test-corpus");
    let mut files = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("test-corpus is readable") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                if path != root.join("workspace") {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// (line, rule) -> expected severity (None: any).
type Expected = BTreeMap<(usize, String), Vec<Option<String>>>;

fn expectations(text: &str) -> Expected {
    let mut out = Expected::new();
    for (i, line) in text.lines().enumerate() {
        let Some(pos) = line.find("//~") else {
            continue;
        };
        for token in line[pos + 3..].split_whitespace() {
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

fn options_for(file: &Path, text: &str) -> ScanOptions {
    let folder = file
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .expect("corpus files live in a rule folder");
    let header: Vec<&str> = text.lines().take_while(|l| l.starts_with("//@")).collect();
    let mut ids: Vec<String> = vec![folder.to_string()];
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
    ids.push("suppression-without-reason".into());
    ids.push("unused-suppression".into());
    ids.sort();
    ids.dedup();
    let mut options = ScanOptions::new(vec![file.to_path_buf()]);
    options.rules = ids
        .iter()
        .map(|id| {
            let entry = rules::find(id)
                .unwrap_or_else(|| panic!("{}: unknown rule `{id}`", file.display()));
            RuleSettings::new(entry)
        })
        .collect();
    options.include_tests = include_tests;
    options
}

#[test]
fn corpus_findings_match_annotations() {
    let files = corpus_files();
    assert!(!files.is_empty(), "test-corpus/ has no files");
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("corpus file is UTF-8");
        let options = options_for(file, &text);
        let result = scan(&options).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for p in &result.problems {
            failures.push(format!(
                "{}: could not analyse: {}",
                file.display(),
                p.message
            ));
        }
        let mut expected = expectations(&text);
        for f in result.active_findings() {
            let key = (f.line, f.rule.clone());
            match expected.get_mut(&key).and_then(|v| v.pop()) {
                Some(sev) => {
                    if let Some(sev) = sev
                        && sev != f.severity.as_str()
                    {
                        failures.push(format!(
                            "{}:{}: {} reported at {} but annotated {sev}",
                            file.display(),
                            f.line,
                            f.rule,
                            f.severity
                        ));
                    }
                }
                None => failures.push(format!(
                    "{}:{}: unexpected {} finding: {}",
                    file.display(),
                    f.line,
                    f.rule,
                    f.message
                )),
            }
        }
        for ((line, rule), left) in expected {
            for _ in left {
                failures.push(format!(
                    "{}:{line}: expected a {rule} finding, got none",
                    file.display()
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
        for file in std::fs::read_dir(&dir).expect("readable") {
            let text = std::fs::read_to_string(file.expect("entry").path()).expect("UTF-8");
            fires |= expectations(&text)
                .keys()
                .any(|(_, rule)| rule == entry.meta.id);
        }
        assert!(fires, "test-corpus/{}/ has no firing case", entry.meta.id);
    }
}
