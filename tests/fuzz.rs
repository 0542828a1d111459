//! Property tests: whatever the input, the scan ends, and every file is either analysed or listed
//! as a problem. Scans run in the `ferret` binary, a child process, because the failure this
//! guards against (a stack overflow) aborts the process it happens in.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use proptest::test_runner::Config;

/// Tokens to build random sources from: brackets that may not balance, every prefix and binary
/// operator that nests, strings, comments, and the literals that make the prefilter select text.
const TOKENS: &[&str] = &[
    "fn",
    "f",
    "x",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "<",
    ">",
    "|",
    "||",
    "&",
    "&&",
    "-",
    "!",
    "*",
    "const",
    "mut",
    ",",
    ";",
    ".",
    "=",
    "==",
    "=>",
    "->",
    "::",
    "?",
    "..",
    "#",
    "match",
    "if",
    "else",
    "impl",
    "dyn",
    "Fn",
    "move",
    "async",
    "let",
    "unsafe",
    "1",
    "1.0",
    "\"s\"",
    "'a'",
    "'a",
    "r#\"x\"#",
    "b'x'",
    "/*",
    "*/",
    "//",
    "\n",
    " ",
    "unwrap_or_default",
    "map_err",
    "allow",
    "unbounded_channel",
    "format!",
    "#[allow(x)]",
    "// ferret: expect(x)",
    "\u{1b}[2J",
];

/// One level of each recursive construct, and what closes it.
const LEVELS: &[(&str, &str)] = &[
    ("Vec<", ">"),
    ("|| ", ""),
    ("|a, b| ", ""),
    ("- ", ""),
    ("!", ""),
    ("&", ""),
    ("*const ", ""),
    ("(", ",)"),
    ("Some(", ")"),
    ("a + ", ""),
    ("a = ", ""),
    ("", ".f()"),
    ("m!(", ")"),
    ("impl Fn() -> ", ""),
    ("HashMap<u8, ", ">"),
    ("if a {} else ", ""),
    ("[", "]"),
    ("{", "}"),
];

fn corpus_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("test-corpus");
    let mut files = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("test-corpus is readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn random_tokens() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..300).prop_map(|t| t.join(" "))
}

/// A prefix of a corpus file, cut at a random character.
fn truncated_corpus_file(files: &'static [PathBuf]) -> impl Strategy<Value = String> {
    (prop::sample::select(files), 0.0f64..1.0).prop_map(|(path, cut)| {
        let text = std::fs::read_to_string(path).expect("corpus file");
        let chars = text.chars().count();
        // Truncating `cut * chars` toward zero keeps the prefix within the text.
        let keep = (cut * chars as f64) as usize;
        text.chars().take(keep).collect()
    })
}

/// One or two constructs nested up to 60,000 levels inside a selected function.
fn deep_construct() -> impl Strategy<Value = String> {
    (
        prop::sample::select(LEVELS),
        prop::sample::select(LEVELS),
        0usize..60_000,
        0usize..100,
    )
        .prop_map(|((open_a, close_a), (open_b, close_b), n, m)| {
            format!(
                "fn f() {{ x.unwrap_or_default(); let _ = {}{}1{}{}; }}\n",
                open_a.repeat(n),
                open_b.repeat(m),
                close_b.repeat(m),
                close_a.repeat(n)
            )
        })
}

fn sources(files: &'static [PathBuf]) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(
        prop_oneof![
            random_tokens(),
            truncated_corpus_file(files),
            deep_construct()
        ],
        1..8,
    )
}

/// Scans `sources` as files of one folder with the built binary; checks the process ended on
/// its own with a report in which every file is analysed or a problem.
fn scan_survives(sources: &[String], full_parse: bool) -> Result<(), TestCaseError> {
    let dir = tempfile::TempDir::new().expect("tempdir");
    for (i, text) in sources.iter().enumerate() {
        std::fs::write(dir.path().join(format!("f{i}.rs")), text).expect("write");
    }
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_ferret"));
    cmd.args(["--format", "json", "--no-cache", "--file-timeout", "5"]);
    if full_parse {
        cmd.arg("--full-parse");
    }
    let out = cmd.arg(dir.path()).output().expect("ferret runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    // `code()` is `None` when a signal (an abort) ended the process.
    prop_assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{:?}: {stderr}",
        out.status
    );
    let doc: serde_json::Value =
        serde_json::from_slice(&out.stdout).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let count = |key: &str| doc[key].as_u64().unwrap_or(u64::MAX);
    let problems = doc["problems"].as_array().map_or(0, Vec::len) as u64;
    prop_assert_eq!(
        count("files_scanned") + count("files_generated") + problems,
        sources.len() as u64,
        "{}",
        doc
    );
    Ok(())
}

proptest! {
    // Each case runs the binary once on up to 7 files: a few dozen cases keep the debug-build
    // test within seconds.
    #![proptest_config(Config { cases: 24, ..Config::default() })]

    #[test]
    fn any_input_is_analysed_or_a_problem(
        sources in sources(Box::leak(corpus_files().into_boxed_slice())),
        full_parse in any::<bool>(),
    ) {
        scan_survives(&sources, full_parse)?;
    }
}

proptest! {
    // The lexer-level measures run on every file before anything else: they must take any text.
    #![proptest_config(Config { cases: 2_000, ..Config::default() })]

    #[test]
    fn shape_and_escaping_take_any_text(text in any::<String>()) {
        let shape = ferret::lex::shape(&text);
        // A token takes at least one byte, a doc comment (4 tokens) at least three.
        prop_assert!(shape.item_tokens <= 2 * text.len());
        let shown = ferret::report::safe_text::one_line(&text);
        prop_assert!(!shown.chars().any(|c| c.is_control()));
    }
}
