//! The prefilter parses less but finds exactly what a full parse finds.

use std::path::{Path, PathBuf};

use ferret::rules;
use ferret::scan::{RuleSettings, ScanOptions, scan};

/// Every rule, on by default or not, over `paths`, test and generated code included.
fn options(paths: Vec<PathBuf>, full_parse: bool) -> ScanOptions {
    let mut options = ScanOptions::new(paths);
    options.rules = rules::registry()
        .iter()
        .map(|r| RuleSettings::new(r))
        .collect();
    options.include_tests = true;
    options.include_generated = true;
    options.full_parse = full_parse;
    options.collect_evidence = true;
    // Items too big for a worker's stack are analysed in a child process, as the CLI does.
    options.isolation_exe = Some(PathBuf::from(env!("CARGO_BIN_EXE_ferret")));
    options
}

fn assert_same_findings(paths: Vec<PathBuf>) -> usize {
    let fast = scan(&options(paths.clone(), false)).expect("prefiltered scan");
    let full = scan(&options(paths, true)).expect("full scan");
    assert_eq!(
        fast.files_scanned + fast.problems.len(),
        full.files_scanned + full.problems.len()
    );
    let key = |f: &ferret::Finding| {
        format!(
            "{}:{}:{} {} {}",
            f.path, f.line, f.column, f.rule, f.message
        )
    };
    let fast_keys: Vec<String> = fast.findings.iter().map(key).collect();
    let full_keys: Vec<String> = full.findings.iter().map(key).collect();
    assert_eq!(fast_keys, full_keys);
    assert_eq!(fast.findings, full.findings);
    for (a, b) in fast.crates.iter().zip(&full.crates) {
        assert_eq!(
            a.observations, b.observations,
            "evidence of crate {}",
            a.name
        );
    }
    full.findings.len()
}

#[test]
fn same_findings_on_the_test_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("test-corpus");
    let n = assert_same_findings(vec![root]);
    assert!(n > 20, "the corpus should produce findings, got {n}");
}

/// Real published code: the sources of some of ferret's own dependencies, which cargo has
/// unpacked in its registry to build ferret.
#[test]
fn same_findings_on_real_crates() {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .expect("CARGO_HOME or HOME is set");
    let mut dirs = Vec::new();
    for index in std::fs::read_dir(home.join("registry/src")).expect("cargo registry sources") {
        let index = index.expect("entry").path();
        for krate in std::fs::read_dir(&index).expect("registry index dir") {
            let krate = krate.expect("entry").path();
            let name = krate.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let wanted = [
                "syn-2",
                "serde_json-1",
                "rayon-core-1",
                "ignore-0",
                "toml-",
                "clap_builder-4",
            ];
            if wanted.iter().any(|w| name.starts_with(w)) {
                dirs.push(krate);
            }
        }
    }
    dirs.sort();
    assert!(
        dirs.len() >= 4,
        "expected ferret's dependencies in the registry, found {dirs:?}"
    );
    assert_same_findings(dirs);
}
