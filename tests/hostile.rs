//! Input written to defeat the scanner: constructs nested deep enough to exhaust any stack, and
//! source text that carries terminal escape sequences. The scan must survive the first (the file
//! is a problem, the others are analysed) and must not pass the second through to any report.

use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

const LEVELS: usize = 100_000;

fn ferret() -> Command {
    let mut cmd = Command::cargo_bin("ferret").expect("ferret binary is built");
    cmd.arg("--no-cache");
    cmd
}

/// A scanned folder whose `ferret.toml` opts into `unwrap-or-default` (off by default): its
/// `x.unwrap_or_default()` is the plain finding these tests expect to survive hostile input.
fn tree() -> TempDir {
    let dir = TempDir::new().expect("tempdir");
    write(
        dir.path(),
        "ferret.toml",
        "[rules.unwrap-or-default]\nenabled = true\n",
    );
    dir
}

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// `LEVELS` levels of each recursive construct, each inside a function the prefilter selects
/// (it holds a literal a rule looks for), so that the deep text really reaches the parser.
fn deep_constructs() -> Vec<(&'static str, String)> {
    let n = LEVELS;
    let body = |deep: String| format!("fn f() {{\n    x.unwrap_or_default();\n    {deep};\n}}\n");
    vec![
        (
            "generics",
            body(format!("let _: {}u8{}", "Vec<".repeat(n), ">".repeat(n))),
        ),
        ("closures", body(format!("let _ = {}0", "|| ".repeat(n)))),
        (
            "closures_with_params",
            body(format!("let _ = {}0", "|a, b| ".repeat(n))),
        ),
        ("negation", body(format!("let _ = {}1", "- ".repeat(n)))),
        ("not", body(format!("let _ = {}a", "!".repeat(n)))),
        ("references", body(format!("let _ = {}a", "&".repeat(n)))),
        (
            "raw_pointers",
            body(format!("let _: {}u8", "*const ".repeat(n))),
        ),
        (
            "tuples",
            body(format!("let _ = {}1{}", "(".repeat(n), ",)".repeat(n))),
        ),
        (
            "tuple_types",
            body(format!("let _: {}u8{}", "(".repeat(n), ",)".repeat(n))),
        ),
        (
            "patterns",
            body(format!("let {}x{} = y", "Some(".repeat(n), ")".repeat(n))),
        ),
        (
            "binary_chain",
            body(format!("let _ = a{}", " + a".repeat(n))),
        ),
        ("assignment_chain", body(format!("a{}", " = a".repeat(n)))),
        (
            "method_chain",
            body(format!("let _ = a{}", ".f()".repeat(n))),
        ),
        (
            "generic_args",
            body(format!(
                "let _: {}u8{}",
                "HashMap<u8, ".repeat(n),
                ">".repeat(n)
            )),
        ),
        (
            "attributes",
            format!(
                "#[cfg({}test{})]\nfn f() {{ x.unwrap_or_default(); }}\n",
                "all(".repeat(n),
                ")".repeat(n)
            ),
        ),
        (
            "macros",
            body(format!("{}x{}", "m!(".repeat(n), ")".repeat(n))),
        ),
        (
            "impl_trait",
            format!(
                "fn f() -> {}u8 {{ x.unwrap_or_default() }}\n",
                "impl Fn() -> ".repeat(n)
            ),
        ),
        (
            "else_if",
            body(format!("if a {{}}{}", " else if a {}".repeat(n))),
        ),
    ]
}

#[test]
fn deep_constructs_are_problems_and_the_scan_goes_on() {
    let dir = tree();
    write(
        dir.path(),
        "src/ordinary.rs",
        "fn g(x: Cached<u8>) -> u8 {\n    x.unwrap_or_default()\n}\n",
    );
    let constructs = deep_constructs();
    for (name, text) in &constructs {
        write(dir.path(), &format!("src/deep/{name}.rs"), text);
    }
    let out = ferret()
        .args(["--format", "json", "--file-timeout", "5"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json report");
    let findings = doc["findings"].as_array().expect("findings");
    assert!(
        findings
            .iter()
            .any(|f| f["path"] == "src/ordinary.rs" && f["rule"] == "unwrap-or-default"),
        "the ordinary finding is reported: {findings:?}"
    );
    let problems = doc["problems"].as_array().expect("problems");
    for (name, _) in &constructs {
        let path = format!("src/deep/{name}.rs");
        let problem = problems.iter().find(|p| p["path"] == path.as_str());
        let problem = problem.unwrap_or_else(|| panic!("{path} is not a problem: {problems:?}"));
        // Too deep for the cheap measure, for the parser's stack in a child process, or for
        // the time limit: each is the file reported, with the reason, and the scan going on.
        let kind = problem["kind"].as_str().unwrap_or("");
        assert!(kind == "too-deep" || kind == "timeout", "{path}: {problem}");
        assert!(
            findings.iter().all(|f| f["path"] != path.as_str()),
            "{path} was not analysed, so it has no finding"
        );
        assert!(
            stderr.contains(&path),
            "{path} is named on stderr: {stderr}"
        );
    }
}

/// A deep file that a handler calls into is not parsed for the taint summaries (the workspace
/// index reads it again for them) when the analysis would not parse it on a worker either.
#[test]
fn a_deep_callee_is_not_summarised() {
    let dir = tree();
    write(
        dir.path(),
        "src/main.rs",
        "mod deep;
use axum::extract::Path;
async fn h(Path(n): Path<String>) { deep::run(&n); }
",
    );
    write(
        dir.path(),
        "src/deep.rs",
        &format!(
            "pub fn run(name: &str) {{
    std::fs::read(name);
    let _: {}u8{};
}}
",
            "Vec<".repeat(LEVELS),
            ">".repeat(LEVELS)
        ),
    );
    let out = ferret()
        .args(["--format", "json"])
        .arg(dir.path())
        .output()
        .expect("runs");
    // Parsing it would overflow the stack: the process would die by a signal, without a report.
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json report");
    assert_eq!(doc["files_scanned"], 2, "{doc}");
}

/// An item too big for a worker's stack but not deep is analysed in a process of its own, and
/// its findings are reported like any other.
#[test]
fn a_big_shallow_item_is_analysed_in_a_child_process() {
    let dir = tree();
    let body = "    let a = b(1, 2);\n".repeat(20_000);
    write(
        dir.path(),
        "src/big.rs",
        &format!("fn big(x: Cached<u8>) {{\n{body}    x.unwrap_or_default();\n}}\n"),
    );
    let out = ferret()
        // The child re-indexes the workspace before its clock starts, but a debug build on a loaded
        // machine can still be slow: this test is about isolation, not the time limit.
        .args(["--format", "json", "--file-timeout", "120"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json report");
    assert_eq!(doc["problems"].as_array().map(Vec::len), Some(0), "{doc}");
    let findings = doc["findings"].as_array().expect("findings");
    assert!(
        findings
            .iter()
            .any(|f| f["rule"] == "unwrap-or-default" && f["line"] == 20_002),
        "{findings:?}"
    );
}

#[test]
fn a_file_over_the_time_limit_is_a_problem() {
    let dir = tree();
    write(
        dir.path(),
        "src/lib.rs",
        "fn g(x: Cached<u8>) -> u8 {\n    x.unwrap_or_default()\n}\n",
    );
    let out = ferret()
        .args(["--format", "json", "--file-timeout", "0.000001"])
        .arg(dir.path())
        .output()
        .expect("runs");
    // The file was not analysed: its finding is unknown, so it does not fail the scan.
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json report");
    assert_eq!(doc["problems"][0]["kind"], "timeout", "{doc}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--file-timeout"));
    ferret()
        .args(["--file-timeout", "-1"])
        .arg(dir.path())
        .assert()
        .code(2);
}

/// Characters that act on a terminal: CSI, OSC (window title, hyperlink), BEL, backspace, DEL,
/// a C1 CSI and a bidi override. (A string literal may not hold a bare CR.)
const HOSTILE: &str = "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{1b}]8;;x\u{7}\u{8}\u{7f}\u{9b}5m\u{202e}";
/// The same in a file name, which cannot hold `/`, but can hold a CR.
const HOSTILE_NAME: &str = "\u{1b}[2J\u{1b}]0;pwned\u{7}\r\u{8}\u{7f}\u{9b}5m\u{202e}";

fn is_terminal_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || ('\u{202a}'..='\u{202e}').contains(&c)
}

/// A tree whose findings, paths, crate name and problems all carry `HOSTILE`.
fn hostile_tree() -> TempDir {
    let dir = tree();
    let escaped = HOSTILE.escape_default().to_string();
    write(
        dir.path(),
        "Cargo.toml",
        "[package]\nname = \"<img src=x onerror=alert(1)>|x`\"\nversion = \"0.1.0\"\n",
    );
    // The literal holds the raw characters, as a hostile repository would write them.
    write(
        dir.path(),
        "src/lib.rs",
        &format!(
            "fn g(x: Cached<u8>) -> u8 {{\n    let _ = \"{HOSTILE}\"; x.unwrap_or_default() // ferret: expect(no-such-rule{HOSTILE}) {escaped}\n}}\n"
        ),
    );
    write(
        dir.path(),
        &format!("src/evil{HOSTILE_NAME}<b>|`.rs"),
        "fn h(x: Cached<u8>) -> u8 { x.unwrap_or_default() }\n",
    );
    write(
        dir.path(),
        &format!("src/broken{HOSTILE_NAME}.rs"),
        "fn h() { x.unwrap_or_default( }\n",
    );
    dir
}

fn run(dir: &TempDir, format: &str) -> (String, String) {
    let out = ferret()
        .args(["--format", format, "--color", "never"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("utf-8 report");
    let stderr = String::from_utf8(out.stderr).expect("utf-8 stderr");
    for (what, text) in [("report", &stdout), ("stderr", &stderr)] {
        let bad: Vec<char> = text.chars().filter(|&c| is_terminal_control(c)).collect();
        assert!(bad.is_empty(), "{format} {what} carries {bad:?}:\n{text}");
    }
    assert!(
        stderr.contains("broken\\u{1b}[2J"),
        "the problem's path is shown escaped: {stderr}"
    );
    (stdout, stderr)
}

#[test]
fn human_output_escapes_source_text_and_paths() {
    let dir = hostile_tree();
    let (stdout, _) = run(&dir, "human");
    assert!(
        stdout.contains("let _ = \"\\u{1b}[2J\\u{1b}]0;pwned\\u{7}"),
        "{stdout}"
    );
    assert!(stdout.contains("evil\\u{1b}[2J"), "{stdout}");
    // Underlines still sit under what they mark after the escapes widened the line: the method call,
    // and the suppression comment.
    let lines: Vec<&str> = stdout.lines().collect();
    let mut starts = Vec::new();
    for pair in lines.windows(2) {
        if pair[0].contains("let _ = \"\\u{1b}") {
            let caret = pair[1].find('^').expect("underline marks");
            starts.push(pair[0][caret..].chars().take(9).collect::<String>());
        }
    }
    starts.sort();
    assert_eq!(starts, ["// ferret", "unwrap_or"], "{stdout}");
}

#[test]
fn json_and_sarif_stay_valid_and_carry_the_text_escaped() {
    let dir = hostile_tree();
    for format in ["json", "sarif"] {
        let (stdout, _) = run(&dir, format);
        let doc: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
        let text = doc.to_string();
        // The values are intact once decoded: the escapes are JSON's own.
        assert!(text.contains("\\u001b[2J"), "{format}: {text}");
        assert!(
            serde_json::to_string(&doc)
                .expect("re-serialises")
                .contains("pwned"),
            "{format}"
        );
        let raw_values = stdout.contains("\\u009b") && stdout.contains("\\u202e");
        assert!(
            raw_values,
            "{format}: C1 and bidi characters are JSON escapes"
        );
    }
}

#[test]
fn markdown_escapes_html_tables_and_controls() {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let dir = hostile_tree();
    let (stdout, _) = run(&dir, "markdown");
    assert!(
        stdout.contains("\\<img"),
        "the crate name is escaped: {stdout}"
    );
    assert!(stdout.contains("\\u{1b}[2J"), "{stdout}");
    // As a Markdown renderer reads it: no raw HTML, and every table row has as many cells as its
    // header (no `|` from scanned text ends a cell early).
    let (mut header, mut cells, mut tables) = (0, 0, 0);
    for event in Parser::new_ext(&stdout, Options::ENABLE_TABLES) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => panic!("raw HTML {html:?}:\n{stdout}"),
            Event::Start(Tag::TableHead | Tag::TableRow) => cells = 0,
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::TableHead) => {
                header = cells;
                tables += 1;
            }
            Event::End(TagEnd::TableRow) => assert_eq!(cells, header, "{stdout}"),
            _ => {}
        }
    }
    assert!(tables >= 2, "{stdout}");
}

#[test]
fn concise_and_github_annotations_escape_too() {
    let dir = hostile_tree();
    for format in ["concise", "github"] {
        let (stdout, _) = run(&dir, format);
        assert!(
            stdout.contains("no-such-rule\\u{1b}[2J"),
            "{format}: the message quoting the comment is escaped: {stdout}"
        );
        assert!(
            stdout.contains("evil\\u{1b}[2J"),
            "{format}: the path is escaped: {stdout}"
        );
    }
}

/// Macro calls nested in macro arguments up to the nesting limit: each level used to be
/// re-parsed from its parent's tokens, which took seconds; a finding near the top is still found.
#[test]
fn nested_macro_calls_at_the_limit_are_analysed_in_time() {
    let dir = tree();
    let deep = format!("{}x{}", "m!(".repeat(3_000), ")".repeat(3_000));
    write(
        dir.path(),
        "src/lib.rs",
        &format!(
            "fn f(x: Cached<u8>) {{\n    {}x.unwrap_or_default(), {deep}{};\n}}\n",
            "m!(".repeat(10),
            ")".repeat(10)
        ),
    );
    let out = ferret()
        .args(["--format", "json", "--file-timeout", "5"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json report");
    assert_eq!(doc["problems"].as_array().map(Vec::len), Some(0), "{doc}");
    assert_eq!(doc["findings"][0]["rule"], "unwrap-or-default", "{doc}");
}
