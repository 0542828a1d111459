//! Regression benchmark: scanning the in-repo sample (`test-corpus/`) with every rule, with the
//! prefilter and with full parses. Run with `cargo bench`; compare runs of the same machine only.
//! The side-by-side figures against ripgrep and ast-grep come from `../shared/bench/compare.sh`.

use std::path::{Path, PathBuf};

use ferret::rules;
use ferret::scan::{RuleSettings, ScanOptions, scan};

fn main() {
    divan::main();
}

/// `test-corpus/` is dense with findings; ferret's own `src/` is ordinary code with none.
fn options(sample: &str, full_parse: bool) -> ScanOptions {
    let sample: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join(sample);
    let mut options = ScanOptions::new(vec![sample]);
    // As the CLI does: items too big for a worker's stack go to a child process.
    options.isolation_exe = Some(env!("CARGO_BIN_EXE_ferret").into());
    options.rules = rules::registry()
        .iter()
        .map(|r| RuleSettings::new(r))
        .collect();
    options.include_tests = true;
    options.jobs = Some(1);
    options.full_parse = full_parse;
    options
}

#[divan::bench(args = ["test-corpus", "src"])]
fn prefiltered(bencher: divan::Bencher, sample: &str) {
    let options = options(sample, false);
    bencher.bench(|| scan(&options).map(|r| r.findings.len()));
}

#[divan::bench(args = ["test-corpus", "src"])]
fn full_parse(bencher: divan::Bencher, sample: &str) {
    let options = options(sample, true);
    bencher.bench(|| scan(&options).map(|r| r.findings.len()));
}
