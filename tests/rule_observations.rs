//! The evidence counters that `unbounded-channel` and `sql-interpolation` record for the
//! Markdown report's strengths, checked on their corpus files. Observations are recorded in
//! production code only: a strength is a claim about what ships.

use std::path::Path;

use ferret::rules;
use ferret::scan::{RuleSettings, ScanOptions, scan};

fn observed(rule: &str, file: &str, key: &str) -> u64 {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test-corpus")
        .join(rule)
        .join(file);
    let mut options = ScanOptions::new(vec![path]);
    // As the CLI does: items too big for a worker's stack go to a child process.
    options.isolation_exe = Some(env!("CARGO_BIN_EXE_ferret").into());
    options.rules = vec![RuleSettings::new(rules::find(rule).expect("rule exists"))];
    let result = scan(&options).expect("corpus file scans");
    result
        .crates
        .iter()
        .filter_map(|c| c.observations.get(key))
        .sum()
}

#[test]
fn bounded_constructors_are_counted() {
    // 15 bounded constructors in quiet.rs, minus oneshot and watch (not queues).
    assert_eq!(
        observed("unbounded-channel", "quiet.rs", "unbounded-channel/bounded"),
        13
    );
    assert_eq!(
        observed("unbounded-channel", "globs.rs", "unbounded-channel/bounded"),
        2
    );
}

#[test]
fn checked_sqlx_macros_are_counted_in_production_code_only() {
    assert_eq!(
        observed(
            "sql-interpolation",
            "quiet.rs",
            "sql-interpolation/checked-macro"
        ),
        3
    );
    assert_eq!(
        observed(
            "sql-interpolation",
            "test_code.rs",
            "sql-interpolation/checked-macro"
        ),
        0,
        "the `sqlx::query!` in test_code.rs is in a test"
    );
}

#[test]
fn exported_pointer_taking_fns_are_counted_outside_tests() {
    // quiet.rs: 10 exported `extern` fns take a pointer; `own_allocation` takes none, and
    // `test_shim` is in `#[cfg(test)]`.
    assert_eq!(
        observed(
            "ffi-unchecked-pointer",
            "quiet.rs",
            "ffi-unchecked-pointer/pointer-export"
        ),
        10
    );
}

/// `unsafe` the engine counts for the "zero `unsafe`" strength, wherever it is written in
/// production code: macro bodies it does not parse, trait declarations, `unsafe extern` blocks.
#[test]
fn unsafe_is_counted_in_unparsed_macros_traits_and_extern_blocks() {
    let count = |source: &str| {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("lib.rs"), source).expect("write");
        let mut options = ScanOptions::audit(vec![dir.path().to_path_buf()]);
        options.rules.clear();
        let result = scan(&options).expect("scans");
        result
            .crates
            .iter()
            .filter_map(|c| c.observations.get("engine/unsafe"))
            .sum::<u64>()
    };
    let cases = [
        "macro_rules! cast { ($x:expr) => { unsafe { $x.to_int_unchecked() } }; }",
        "fn f() -> proc_macro2::TokenStream { quote::quote! { unsafe impl Send for X {} } }",
        "pub trait FromPtr { unsafe fn from_ptr(p: *mut u8) -> Self; }",
        "unsafe extern \"C\" { fn abs(x: i32) -> i32; }",
        "extern \"C\" { fn abs(x: i32) -> i32; }",
    ];
    for source in cases {
        assert_eq!(count(source), 1, "{source}");
    }
    for quiet in [
        "/// ```\n/// # unsafe { f() }\n/// ```\npub fn f() {}",
        "pub fn f() { println!(\"unsafe {}\", 1); }",
        "#[cfg(test)]\nmod tests { macro_rules! m { () => { unsafe {} }; } }",
    ] {
        assert_eq!(count(quiet), 0, "{quiet}");
    }
}
