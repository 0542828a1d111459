//! The outputs and flags that fit ferret into other tools: `--format concise|github`,
//! `--statistics`, the human closing summary, `--max-findings`, `-p/--package`, `--workspace`,
//! file arguments (editors, pre-commit) and the pre-commit hook definition.

use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

fn ferret() -> Command {
    let mut cmd = Command::cargo_bin("ferret").expect("ferret binary is built");
    cmd.arg("--no-cache");
    cmd
}

/// One high (TLS off), one medium (`#[allow]`) and one low (`unwrap_or_default`) finding; the
/// last once `unwrap-or-default` (off by default) is enabled, as [`write_three_severities`] does.
const THREE_SEVERITIES: &str = "\
fn client() {
    let c = reqwest::Client::builder().danger_accept_invalid_certs(true).timeout(T).build();
}
#[allow(dead_code)]
fn f(x: Cached) -> u8 {
    x.unwrap_or_default()
}
";

/// [`THREE_SEVERITIES`] at `rel` under `dir`, and a `ferret.toml` that opts into
/// `unwrap-or-default`, as a project that wants it does.
fn write_three_severities(dir: &Path, rel: &str) {
    write(dir, rel, THREE_SEVERITIES);
    write(
        dir,
        "ferret.toml",
        "[rules.unwrap-or-default]\nenabled = true\n",
    );
}

/// A medium finding only.
const ALLOW: &str = "#[allow(dead_code)]\nfn g() {}\n";

fn stdout(cmd: &mut Command) -> (i32, String) {
    let out = cmd.output().expect("runs");
    (
        out.status.code().expect("exited"),
        String::from_utf8(out.stdout).expect("UTF-8 output"),
    )
}

fn lines_starting<'t>(text: &'t str, prefix: &str) -> Vec<&'t str> {
    text.lines().filter(|l| l.starts_with(prefix)).collect()
}

#[test]
fn concise_prints_one_grep_friendly_line_per_finding() {
    let dir = TempDir::new().expect("tempdir");
    write_three_severities(dir.path(), "src/lib.rs");
    let (code, out) = stdout(ferret().args(["--format", "concise"]).arg(dir.path()));
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with(
            "src/lib.rs:2:40: high[tls-verification-disabled] `danger_accept_invalid_certs(true)`"
        ),
        "{out}"
    );
    assert_eq!(
        lines[1],
        "src/lib.rs:4:1: medium[allow-attribute] `#[allow(dead_code)]` silences lint without \
         `#[expect]`; no reason is given"
    );
    assert!(
        lines[2].starts_with("src/lib.rs:6:7: low[unwrap-or-default] "),
        "{out}"
    );
    assert!(lines[3].starts_with("ferret: scanned 1 file"), "{out}");
    assert_eq!(lines.len(), 4, "{out}");
}

#[test]
fn github_writes_workflow_commands_with_levels_from_severity() {
    let dir = TempDir::new().expect("tempdir");
    write_three_severities(dir.path(), "src/lib.rs");
    let (code, out) = stdout(ferret().args(["--format", "github"]).arg(dir.path()));
    assert_eq!(code, 1);
    let commands = lines_starting(&out, "::");
    assert_eq!(commands.len(), 3, "{out}");
    assert!(
        commands[0].starts_with(
            "::error file=src/lib.rs,line=2,col=40,endLine=2,endColumn=72,\
             title=ferret(tls-verification-disabled)::high: `danger_accept_invalid_certs(true)`"
        ),
        "{out}"
    );
    assert!(
        commands[0].contains("%0Ahelp: "),
        "help on its own line: {out}"
    );
    assert!(
        commands[1].starts_with(
            "::warning file=src/lib.rs,line=4,col=1,endLine=4,endColumn=20,\
             title=ferret(allow-attribute)::medium: "
        ),
        "{out}"
    );
    assert!(
        commands[2].starts_with("::notice file=src/lib.rs,line=6,col=7,"),
        "{out}"
    );
}

#[test]
fn github_paths_are_relative_to_the_repository_root() {
    let repo = TempDir::new().expect("tempdir");
    std::fs::create_dir(repo.path().join(".git")).expect("mkdir .git");
    write(repo.path(), "crates/api/src/lib.rs", ALLOW);
    let (_, out) = stdout(
        ferret()
            .args(["--format", "github"])
            .arg(repo.path().join("crates/api")),
    );
    assert!(
        out.starts_with("::warning file=crates/api/src/lib.rs,line=1,"),
        "{out}"
    );
    // The other formats keep paths relative to the scanned folder.
    let (_, out) = stdout(
        ferret()
            .args(["--format", "concise"])
            .arg(repo.path().join("crates/api")),
    );
    assert!(out.starts_with("src/lib.rs:1:1: "), "{out}");
}

#[test]
fn github_escapes_properties_and_data_and_source_control_characters() {
    let dir = TempDir::new().expect("tempdir");
    write(dir.path(), "src/a,b:c%.rs", ALLOW);
    write(dir.path(), "src/e\u{1b}]0;owned\u{7}.rs", ALLOW);
    write(dir.path(), "src/n\nl.rs", ALLOW);
    let (_, out) = stdout(ferret().args(["--format", "github"]).arg(dir.path()));
    let commands = lines_starting(&out, "::");
    assert_eq!(
        commands.len(),
        3,
        "a newline in a path must not start a line: {out}"
    );
    assert!(
        commands[0].starts_with("::warning file=src/a%2Cb%3Ac%25.rs,line=1,"),
        "{out}"
    );
    assert!(
        commands[1].starts_with("::warning file=src/e\\u{1b}]0;owned\\u{7}.rs,line=1,"),
        "{out}"
    );
    assert!(
        commands[2].starts_with("::warning file=src/n\\u{a}l.rs,line=1,"),
        "{out}"
    );
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
}

#[test]
fn github_annotates_files_that_could_not_be_analysed() {
    let dir = TempDir::new().expect("tempdir");
    write(dir.path(), "src/bad.rs", "#[allow(x)]\nfn broken( {\n");
    let (_, out) = stdout(ferret().args(["--format", "github"]).arg(dir.path()));
    assert!(
        out.starts_with(
            "::warning file=src/bad.rs,line=2,col=12,title=ferret%3A file not analysed::"
        ),
        "{out}"
    );
}

#[test]
fn concise_escapes_control_characters_in_paths() {
    let dir = TempDir::new().expect("tempdir");
    write(dir.path(), "src/e\u{1b}[2Jx.rs", ALLOW);
    let (_, out) = stdout(ferret().args(["--format", "concise"]).arg(dir.path()));
    assert!(
        out.starts_with("src/e\\u{1b}[2Jx.rs:1:1: medium[allow-attribute] "),
        "{out}"
    );
    assert!(!out.contains('\u{1b}'), "{out:?}");
}

fn many_findings() -> TempDir {
    let dir = TempDir::new().expect("tempdir");
    write(
        dir.path(),
        "src/a.rs",
        "#[allow(a)]\nfn a() {}\n#[allow(b)]\nfn b() {}\n",
    );
    write(dir.path(), "src/b.rs", "#[allow(c)]\nfn c() {}\n");
    // Sorted last by path, so only a severity-first cut keeps it.
    write_three_severities(dir.path(), "src/z.rs");
    dir
}

#[test]
fn statistics_counts_per_rule_and_keeps_the_exit_code() {
    let dir = many_findings();
    let (code, out) = stdout(ferret().arg("--statistics").arg(dir.path()));
    assert_eq!(code, 1);
    let rows: Vec<Vec<&str>> = out
        .lines()
        .map(|l| l.split_whitespace().take(3).collect())
        .collect();
    assert_eq!(
        rows,
        [
            ["4", "allow-attribute", "medium"],
            ["1", "tls-verification-disabled", "high"],
            ["1", "unwrap-or-default", "low"],
        ],
        "{out}"
    );
    assert!(
        out.lines()
            .next()
            .is_some_and(|l| l.ends_with("without a reason")),
        "{out}"
    );
    let (code, _) = stdout(
        ferret()
            .args(["--statistics", "--fail-on", "critical"])
            .arg(dir.path()),
    );
    assert_eq!(code, 0);
}

#[test]
fn statistics_as_json() {
    let dir = many_findings();
    let (code, out) = stdout(
        ferret()
            .args(["--statistics", "--format", "json"])
            .arg(dir.path()),
    );
    assert_eq!(code, 1);
    let rows: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let rows = rows.as_array().expect("an array");
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["rule"], "allow-attribute");
    assert_eq!(rows[0]["count"], 4);
    assert_eq!(rows[0]["severity"], "medium");
    assert_eq!(rows[0]["fixable"], false);
    assert!(
        rows[0]["summary"]
            .as_str()
            .is_some_and(|s| s.contains("#[expect"))
    );
}

#[test]
fn human_output_ends_with_counts_by_severity_and_the_serious_findings_again() {
    let dir = many_findings();
    let (_, out) = stdout(ferret().args(["--color", "never"]).arg(dir.path()));
    let tail: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("ferret: findings by rule"))
        .collect();
    assert_eq!(
        tail[..6],
        [
            "ferret: findings by rule, most severe first:",
            "  1  high      tls-verification-disabled",
            "  4  medium    allow-attribute",
            "  1  low       unwrap-or-default",
            "ferret: high and critical findings:",
            "  src/z.rs:2:40: high[tls-verification-disabled] `danger_accept_invalid_certs(true)` \
             turns TLS verification off: any certificate, from anyone, is accepted, so a man in \
             the middle can read and change the traffic",
        ],
        "{out}"
    );
    assert!(tail[6].starts_with("ferret: scanned 3 files"), "{out}");
    assert_eq!(tail.len(), 7);
}

#[test]
fn max_findings_keeps_the_most_severe_and_says_how_many_more() {
    let dir = many_findings();
    let (code, out) = stdout(
        ferret()
            .args(["--color", "never", "--max-findings", "2"])
            .arg(dir.path()),
    );
    assert_eq!(
        code, 1,
        "truncating the listing does not change the exit code"
    );
    let diagnostics: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("error[") || l.starts_with("warning["))
        .collect();
    assert_eq!(diagnostics.len(), 2, "{out}");
    // Path order among the kept ones: the first medium (src/a.rs) precedes the high (src/z.rs).
    assert!(
        diagnostics[0].starts_with("warning[allow-attribute]"),
        "{out}"
    );
    assert!(out.contains("┌─ src/a.rs:1:1"), "{out}");
    assert!(
        diagnostics[1].starts_with("error[tls-verification-disabled]"),
        "{out}"
    );
    assert!(
        out.contains(
            "ferret: 4 more findings not shown (--max-findings 2 lists the most severe first)"
        ),
        "{out}"
    );
    // The counts still cover everything.
    assert!(out.contains("  4  medium    allow-attribute"), "{out}");
    assert!(
        out.contains(": 6 findings (1 high, 4 medium, 1 low)"),
        "{out}"
    );

    let (_, out) = stdout(
        ferret()
            .args(["--format", "concise", "--max-findings", "1"])
            .arg(dir.path()),
    );
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("src/z.rs:2:40: high["), "{out}");
    assert!(
        lines[1].starts_with("ferret: 5 more findings not shown"),
        "{out}"
    );
    let (_, out) = stdout(
        ferret()
            .args(["--format", "github", "--max-findings", "0"])
            .arg(dir.path()),
    );
    assert!(lines_starting(&out, "::").is_empty(), "{out}");
    assert!(
        out.starts_with("ferret: 6 more findings not shown"),
        "{out}"
    );
}

#[test]
fn max_findings_is_refused_for_machine_formats() {
    let dir = many_findings();
    for format in ["json", "sarif", "markdown"] {
        let out = ferret()
            .args(["--format", format, "--max-findings", "3"])
            .arg(dir.path())
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("--max-findings applies to"),
            "{format}"
        );
    }
}

/// A workspace: root package `app`, members `crates/*` (`core`, `store`) and `tools/gen`, with
/// `crates/skip` excluded; each package has one `#[allow]`.
fn workspace() -> TempDir {
    let dir = TempDir::new().expect("tempdir");
    let root = dir.path();
    write(
        root,
        "Cargo.toml",
        "[workspace]\nmembers = [\"crates/*\", \"tools/gen\"]\nexclude = [\"crates/skip\"]\n\n\
         [package]\nname = \"app\"\n\n[lints.clippy]\nallow_attributes = \"warn\"\n",
    );
    for (dir, name) in [
        ("", "app"),
        ("crates/core/", "core"),
        ("crates/store/", "store"),
        ("crates/skip/", "skip"),
        ("tools/gen/", "gen"),
    ] {
        if !dir.is_empty() {
            write(
                root,
                &format!("{dir}Cargo.toml"),
                // Each package enforces the lint policy: `lint-policy-not-enforced` stays quiet
                // and the findings are the `#[allow]`s alone.
                &format!(
                    "[package]\nname = \"{name}\"\n\n[lints.clippy]\nallow_attributes = \"warn\"\n"
                ),
            );
        }
        write(root, &format!("{dir}src/lib.rs"), ALLOW);
    }
    dir
}

fn finding_paths(out: &str) -> Vec<&str> {
    let mut paths: Vec<&str> = out
        .lines()
        .filter(|l| !l.starts_with("ferret: "))
        .filter_map(|l| l.split(':').next())
        .collect();
    paths.sort_unstable();
    paths
}

#[test]
fn package_selects_workspace_members_by_name() {
    let ws = workspace();
    let (code, out) = stdout(ferret().current_dir(ws.path().join("crates/core")).args([
        "--format",
        "concise",
        "-p",
        "store",
        "--package",
        "app",
    ]));
    assert_eq!(code, 1);
    // Paths stay relative to the workspace root; `app` is the root package without its members.
    assert_eq!(
        finding_paths(&out),
        ["crates/store/src/lib.rs", "src/lib.rs"],
        "{out}"
    );

    let (_, out) = stdout(
        ferret()
            .current_dir(ws.path())
            .args(["--format", "concise", "-p", "gen"]),
    );
    assert_eq!(finding_paths(&out), ["tools/gen/src/lib.rs"], "{out}");
}

#[test]
fn an_unknown_package_is_a_usage_error_that_lists_the_members() {
    let ws = workspace();
    let out = ferret()
        .current_dir(ws.path())
        .args(["-p", "skip"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("package `skip` is not a member of the workspace")
            && err.contains("(members: app, core, store, gen)"),
        "{err}"
    );
    let out = ferret()
        .current_dir(ws.path())
        .args(["-p", "core", "src"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "-p and paths do not mix");
}

#[test]
fn workspace_scans_the_enclosing_workspace_from_a_member() {
    let ws = workspace();
    let (_, out) = stdout(ferret().current_dir(ws.path().join("crates/store")).args([
        "--format",
        "concise",
        "--workspace",
    ]));
    // `crates/skip` is not a member but its files are in the tree: a workspace scan is the tree.
    assert_eq!(
        finding_paths(&out),
        [
            "crates/core/src/lib.rs",
            "crates/skip/src/lib.rs",
            "crates/store/src/lib.rs",
            "src/lib.rs",
            "tools/gen/src/lib.rs"
        ],
        "{out}"
    );
    // Without it, `ferret` scans the current directory.
    let (_, out) = stdout(
        ferret()
            .current_dir(ws.path().join("crates/store"))
            .args(["--format", "concise"]),
    );
    assert_eq!(finding_paths(&out), ["src/lib.rs"], "{out}");
}

#[test]
fn cargo_ferret_scans_the_workspace_by_default_and_takes_package() {
    let ws = workspace();
    let cargo_ferret = || {
        let mut cmd = Command::cargo_bin("cargo-ferret").expect("built");
        cmd.args(["ferret", "--no-cache", "--format", "concise"]);
        cmd
    };
    let (_, out) = stdout(cargo_ferret().current_dir(ws.path().join("crates/core/src")));
    assert_eq!(finding_paths(&out).len(), 5, "{out}");
    let (_, out) = stdout(
        cargo_ferret()
            .current_dir(ws.path().join("crates/core/src"))
            .args(["-p", "core"]),
    );
    assert_eq!(finding_paths(&out), ["crates/core/src/lib.rs"], "{out}");
}

#[test]
fn file_arguments_are_reported_relative_to_their_workspace() {
    let ws = workspace();
    // What pre-commit or an editor passes: files in several crates, relative to the repository.
    let (code, out) = stdout(ferret().current_dir(ws.path()).args([
        "--format",
        "concise",
        "crates/core/src/lib.rs",
        "tools/gen/src/lib.rs",
    ]));
    assert_eq!(code, 1);
    assert_eq!(
        finding_paths(&out),
        ["crates/core/src/lib.rs", "tools/gen/src/lib.rs"],
        "{out}"
    );
    // One file alone is still named from the workspace root, as a full scan (and a baseline)
    // names it.
    let (_, out) = stdout(ferret().current_dir(ws.path().join("crates/store")).args([
        "--format",
        "concise",
        "src/lib.rs",
    ]));
    assert_eq!(finding_paths(&out), ["crates/store/src/lib.rs"], "{out}");
}

#[test]
fn file_arguments_from_unrelated_folders_work() {
    let a = TempDir::new().expect("tempdir");
    let b = TempDir::new().expect("tempdir");
    write(a.path(), "one.rs", ALLOW);
    write(b.path(), "deep/two.rs", ALLOW);
    let (code, out) = stdout(
        ferret()
            .args(["--format", "concise"])
            .arg(a.path().join("one.rs"))
            .arg(b.path().join("deep/two.rs")),
    );
    assert_eq!(code, 1);
    let paths = finding_paths(&out);
    assert_eq!(paths.len(), 2, "{out}");
    assert!(paths.iter().any(|p| p.ends_with("one.rs")), "{out}");
    assert!(paths.iter().any(|p| p.ends_with("deep/two.rs")), "{out}");
}

/// `key: value` of the single hook in `.pre-commit-hooks.yaml` (a flat list of scalars).
fn hook_field(hooks: &str, key: &str) -> String {
    hooks
        .lines()
        .map(|l| l.trim_start_matches("- ").trim())
        .find_map(|l| l.strip_prefix(&format!("{key}: ")))
        .unwrap_or_else(|| panic!("the hook has no `{key}`"))
        .to_string()
}

#[test]
fn the_pre_commit_hook_scans_the_staged_files_it_is_given() {
    let hooks = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
    )
    .expect("the repository has .pre-commit-hooks.yaml");
    assert_eq!(hook_field(&hooks, "id"), "ferret");
    assert_eq!(hook_field(&hooks, "language"), "rust");
    assert_eq!(hook_field(&hooks, "types"), "[rust]");
    let entry = hook_field(&hooks, "entry");
    let mut words = entry.split_whitespace();
    let program = words.next().expect("entry names a program");
    // pre-commit's rust language installs this package's binaries with `cargo install`.
    assert!(program == "ferret" || program == "cargo-ferret", "{entry}");

    // Run it as pre-commit does: from the repository root, the staged files appended.
    let ws = workspace();
    let mut cmd = Command::cargo_bin(program).expect("built");
    cmd.current_dir(ws.path())
        .env("XDG_CACHE_HOME", ws.path().join(".cache"))
        .args(words)
        .args(["crates/store/src/lib.rs", "src/lib.rs"]);
    let out = cmd.output().expect("runs");
    assert_eq!(out.status.code(), Some(1), "a finding fails the commit");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("crates/store/src/lib.rs:1:1"), "{text}");
    assert!(text.contains("ferret: scanned 2 files"), "{text}");
    assert!(
        !text.contains("crates/core"),
        "only the staged files: {text}"
    );
}
