//! The command line as a user meets it: exit codes, formats, rule selection, bad input.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

/// The binary, with its per-user cache folder inside the system temp dir rather than `~/.cache`.
fn ferret() -> Command {
    let mut cmd = Command::cargo_bin("ferret").expect("ferret binary is built");
    cmd.env(
        "XDG_CACHE_HOME",
        std::env::temp_dir().join("ferret-cli-tests-cache"),
    );
    cmd
}

fn write(dir: &Path, rel: &str, text: impl AsRef<[u8]>) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// A tree with one `#[allow]` (medium) and one clean file.
fn tree_with_finding() -> TempDir {
    let dir = TempDir::new().expect("tempdir");
    write(
        dir.path(),
        "src/lib.rs",
        "#[allow(dead_code)]\nfn unused() {}\n",
    );
    write(dir.path(), "src/clean.rs", "pub fn clean() {}\n");
    dir
}

#[test]
fn exit_0_when_clean() {
    let dir = TempDir::new().expect("tempdir");
    write(dir.path(), "src/lib.rs", "pub fn clean() {}\n");
    ferret()
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no findings"));
}

#[test]
fn exit_1_on_findings_at_or_above_fail_on() {
    let dir = tree_with_finding();
    ferret()
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("warning[allow-attribute]"))
        .stdout(predicate::str::contains("src/lib.rs:1:1"))
        .stdout(predicate::str::contains("help: write `#[expect(dead_code"))
        .stdout(predicate::str::contains("1 finding (1 medium)"));
    ferret()
        .args(["--fail-on", "high"])
        .arg(dir.path())
        .assert()
        .code(0);
    ferret()
        .args(["--fail-on", "medium"])
        .arg(dir.path())
        .assert()
        .code(1);
}

#[test]
fn min_severity_hides_lower_findings() {
    let dir = tree_with_finding();
    ferret()
        .args(["--min-severity", "high"])
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no findings"));
}

#[test]
fn exit_2_on_usage_errors() {
    let dir = tree_with_finding();
    ferret()
        .arg("/definitely/not/a/path")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot open /definitely/not/a/path",
        ));
    ferret()
        .arg("--no-such-flag")
        .arg(dir.path())
        .assert()
        .code(2);
    ferret()
        .args(["--rules", "no-such-rule"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule `no-such-rule`"));
    ferret()
        .args(["--exclude-rules", "nope"])
        .arg(dir.path())
        .assert()
        .code(2);
    ferret()
        .args(["--fail-on", "severe"])
        .arg(dir.path())
        .assert()
        .code(2);
    ferret().args(["explain", "nope"]).assert().code(2);
}

#[test]
fn exit_2_when_nothing_is_scannable() {
    let dir = TempDir::new().expect("tempdir");
    write(dir.path(), "README.md", "no rust here");
    ferret()
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no Rust files to scan"));
}

/// Naming a file the configuration excludes says so, with the pattern and where it is written,
/// instead of "no Rust files"; the exit code stays that of nothing scannable.
#[test]
fn a_named_file_that_is_excluded_says_why() {
    let dir = TempDir::new().expect("tempdir");
    write(
        dir.path(),
        "Cargo.toml",
        "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    );
    write(dir.path(), "ferret.toml", "exclude = [\"vendor\"]\n");
    write(dir.path(), "src/lib.rs", "pub fn f() {}\n");
    write(dir.path(), "vendor/dep/lib.rs", "pub fn g() {}\n");
    ferret()
        .current_dir(dir.path())
        .args(["--no-cache", "vendor/dep/lib.rs"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "vendor/dep/lib.rs is excluded by the `exclude` pattern `vendor` of the configuration (",
        ))
        .stderr(predicate::str::contains("ferret.toml)"))
        .stderr(predicate::str::contains("no Rust files").not());
    ferret()
        .current_dir(dir.path())
        .args(["--no-cache", "--exclude", "src/*.rs", "src/lib.rs"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "src/lib.rs is excluded by the `exclude` pattern `src/*.rs` of `--exclude`",
        ));
}

#[test]
fn rules_selects_and_exclude_rules_removes() {
    let dir = tree_with_finding();
    ferret()
        .args(["--rules", "allow-attribute", "--format", "json"])
        .arg(dir.path())
        .assert()
        .code(1);
    ferret()
        .args(["--exclude-rules", "allow-attribute"])
        .arg(dir.path())
        .assert()
        .code(0);
}

#[test]
fn json_document_has_the_documented_fields() {
    let dir = tree_with_finding();
    let out = ferret()
        .args(["--format", "json"])
        .arg(dir.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out).expect("stdout is one JSON document");
    assert_eq!(doc["tool"], "ferret");
    assert_eq!(doc["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(doc["files_scanned"], 2);
    assert_eq!(doc["counts"]["total"], 1);
    assert_eq!(doc["counts"]["by_severity"]["medium"], 1);
    let f = &doc["findings"][0];
    for key in [
        "rule",
        "severity",
        "dimension",
        "crate",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
        "help",
        "in_test",
        "fingerprint",
    ] {
        assert!(!f[key].is_null(), "finding lacks `{key}`: {f}");
    }
    assert_eq!(f["rule"], "allow-attribute");
    assert_eq!(f["path"], "src/lib.rs");
    assert_eq!(f["line"], 1);
    assert_eq!(f["column"], 1);
    assert_eq!(f["end_column"], 20);
    assert_eq!(f["dimension"], "lint-policy");
}

#[test]
fn a_parse_error_in_one_file_does_not_stop_the_others() {
    let dir = TempDir::new().expect("tempdir");
    write(dir.path(), "a.rs", "#[allow(dead_code)]\nfn a() {}\n");
    // Only text that may hold a finding is parsed (see `--full-parse`): this file has one.
    write(dir.path(), "b.rs", "#[allow(dead_code)]\nfn b( {\n");
    write(dir.path(), "c.rs", "#[allow(unused)]\nfn c() {}\n");
    ferret()
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error: could not parse b.rs:2:"))
        .stdout(predicate::str::contains("a.rs:1:1"))
        .stdout(predicate::str::contains("c.rs:1:1"))
        .stdout(predicate::str::contains("2 findings"))
        .stdout(predicate::str::contains("1 parse failure"));
}

#[test]
fn deep_nesting_neither_overflows_nor_stops_the_scan() {
    let dir = TempDir::new().expect("tempdir");
    let n = 5_000;
    // Each file holds a finding, so the prefilter hands it to the parser.
    write(
        dir.path(),
        "parens.rs",
        format!(
            "#[allow(dead_code)]\nfn f() {{ let x = {}1{}; }}\n",
            "(".repeat(n),
            ")".repeat(n)
        ),
    );
    write(
        dir.path(),
        "blocks.rs",
        format!(
            "#[allow(dead_code)]\nfn g() {}{}\n",
            "{".repeat(n),
            "}".repeat(n)
        ),
    );
    write(
        dir.path(),
        "too_deep.rs",
        format!(
            "#[allow(dead_code)]\nfn h() {{ {}{} }}\n",
            "[".repeat(20_000),
            "]".repeat(20_000)
        ),
    );
    write(dir.path(), "ok.rs", "#[allow(dead_code)]\nfn ok() {}\n");
    ferret()
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("ok.rs:1:1"))
        .stdout(predicate::str::contains("parens.rs:1:1"))
        .stdout(predicate::str::contains("blocks.rs:1:1"))
        .stdout(predicate::str::contains("scanned 3 files"))
        .stderr(predicate::str::contains(
            "warning: skipped too_deep.rs: nests",
        ));
}

#[test]
fn non_utf8_files_are_skipped_with_a_warning() {
    let dir = TempDir::new().expect("tempdir");
    write(dir.path(), "latin1.rs", b"// caf\xe9\nfn f() {}\n");
    write(dir.path(), "ok.rs", "#[allow(dead_code)]\nfn ok() {}\n");
    ferret()
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "warning: skipped latin1.rs: not valid UTF-8",
        ))
        .stdout(predicate::str::contains("ok.rs:1:1"));
}

#[test]
fn large_files_are_skipped_with_a_warning() {
    let dir = tree_with_finding();
    ferret()
        .args(["--max-file-size", "10"])
        .arg(dir.path())
        .assert()
        .stderr(predicate::str::contains("byte limit"));
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let dir = TempDir::new().expect("tempdir");
    for i in 0..40 {
        write(
            dir.path(),
            &format!("src/m{i}.rs"),
            format!("#[allow(dead_code)]\nfn f{i}() {{}}\n#[expect(unused)]\nfn g{i}() {{}}\n"),
        );
    }
    // Without the cache: the second run would take every outcome from the first's cache (and
    // report no `model_index`), so it would not show what its threads compute.
    let run = |jobs: &str| {
        let out = ferret()
            .args(["--format", "json", "--no-cache", "--jobs", jobs])
            .arg(dir.path())
            .output()
            .expect("runs");
        let mut doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        doc.as_object_mut().expect("object").remove("duration");
        doc
    };
    let one = run("1");
    assert_eq!(one["counts"]["total"], 80);
    assert_eq!(one, run("4"));
}

#[test]
fn respects_gitignore_and_skips_target() {
    let dir = TempDir::new().expect("tempdir");
    write(
        dir.path(),
        "Cargo.toml",
        "[package]\nname = \"p\"\nversion = \"0.1.0\"\n",
    );
    write(dir.path(), ".gitignore", "generated/\n");
    std::fs::create_dir(dir.path().join(".git")).expect("mkdir .git");
    write(
        dir.path(),
        "generated/g.rs",
        "#[allow(dead_code)]\nfn g() {}\n",
    );
    write(
        dir.path(),
        "target/debug/build/out.rs",
        "#[allow(dead_code)]\nfn t() {}\n",
    );
    write(dir.path(), "src/lib.rs", "pub fn clean() {}\n");
    ferret()
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("scanned 1 file"));
}

#[test]
fn exclude_glob_skips_files_and_directories() {
    let dir = tree_with_finding();
    ferret()
        .args(["--exclude", "src/lib.rs"])
        .arg(dir.path())
        .assert()
        .code(0);
    ferret()
        .args(["--exclude", "src"])
        .arg(dir.path())
        .assert()
        .code(2);
}

#[test]
fn test_code_is_marked() {
    let dir = TempDir::new().expect("tempdir");
    write(
        dir.path(),
        "src/lib.rs",
        "#[cfg(test)]\nmod tests {\n    #[allow(unused)]\n    fn t() {}\n}\n",
    );
    let out = ferret()
        .args(["--format", "json"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["findings"][0]["in_test"], true);
}

#[test]
fn list_rules_and_explain() {
    ferret()
        .arg("--list-rules")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("allow-attribute"))
        .stdout(predicate::str::contains("lint-policy"));
    ferret()
        .args(["explain", "allow-attribute"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("## Why it matters"));
}

/// `--list-rules --format json`: every rule with its default on/off state, as the ecosystem
/// check reads it.
#[test]
fn list_rules_as_json() {
    let out = ferret()
        .args(["--list-rules", "--format", "json"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let rules: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("json");
    let find = |id: &str| {
        rules
            .iter()
            .find(|rule| rule["id"] == id)
            .unwrap_or_else(|| panic!("{id} listed"))
    };
    assert_eq!(find("allow-attribute")["enabled_by_default"], true);
    assert_eq!(find("panic-in-production")["enabled_by_default"], false);
    assert_eq!(find("allow-attribute")["dimension"], "lint-policy");
}

#[test]
fn color_only_when_asked_or_on_a_terminal() {
    let dir = tree_with_finding();
    ferret()
        .arg(dir.path())
        .assert()
        .stdout(predicate::str::contains("\u{1b}[").not());
    ferret()
        .args(["--color", "always"])
        .arg(dir.path())
        .assert()
        .stdout(predicate::str::contains("\u{1b}["));
}

/// A two-crate workspace: `cargo ferret` from inside a member scans the whole workspace, and
/// every finding names its crate.
#[test]
fn cargo_ferret_scans_the_enclosing_workspace() {
    let dir = TempDir::new().expect("tempdir");
    write(
        dir.path(),
        "Cargo.toml",
        "[workspace]\nmembers = [\"alpha\", \"beta\"]\nresolver = \"2\"\n",
    );
    for name in ["alpha", "beta"] {
        write(
            dir.path(),
            &format!("{name}/Cargo.toml"),
            format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"),
        );
        write(
            dir.path(),
            &format!("{name}/src/lib.rs"),
            "#[allow(dead_code)]\nfn f() {}\n",
        );
    }
    let out = Command::cargo_bin("cargo-ferret")
        .expect("cargo-ferret binary is built")
        .args(["ferret", "--format", "json", "--rules", "allow-attribute"])
        .current_dir(dir.path().join("alpha/src"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let crates: Vec<(&str, &str)> = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["crate"].as_str().unwrap_or(""),
                f["path"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        crates,
        [("alpha", "alpha/src/lib.rs"), ("beta", "beta/src/lib.rs")]
    );
    // --manifest-path works from anywhere.
    Command::cargo_bin("cargo-ferret")
        .expect("built")
        .args(["ferret", "--manifest-path"])
        .arg(dir.path().join("beta/Cargo.toml"))
        .current_dir(std::env::temp_dir())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("alpha/src/lib.rs"));
}

#[test]
fn generated_files_are_not_analysed_unless_asked() {
    let dir = TempDir::new().expect("tempdir");
    write(
        dir.path(),
        "src/bindings.rs",
        "/* automatically generated by rust-bindgen */\n#![allow(non_camel_case_types)]\n",
    );
    write(dir.path(), "src/lib.rs", "pub fn clean() {}\n");
    ferret()
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("1 generated file not analysed"));
    ferret()
        .arg("--include-generated")
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("src/bindings.rs:2:1"));
}

#[test]
fn full_parse_reports_syntax_errors_no_rule_would_look_at() {
    let dir = TempDir::new().expect("tempdir");
    write(dir.path(), "a.rs", "fn a( {\n");
    write(dir.path(), "b.rs", "pub fn b() {}\n");
    ferret().arg(dir.path()).assert().code(0);
    ferret()
        .arg("--full-parse")
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains("error: could not parse a.rs:1:"));
}

/// `[taint] environment-is-input = true` makes `std::env::var` a source of the local family: the
/// same file is quiet without the setting and reports the flow into SQL (which reports local
/// input) with it; a bad value is a configuration error naming the key.
#[test]
fn environment_is_input_is_an_opt_in_taint_source() {
    let dir = TempDir::new().expect("tempdir");
    write(
        dir.path(),
        "Cargo.toml",
        "[package]\nname = \"tool\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    );
    write(
        dir.path(),
        "src/main.rs",
        "use std::env;\n\
         async fn run(pool: &sqlx::PgPool) {\n\
         \x20   let table = env::var(\"TABLE\").unwrap();\n\
         \x20   let sql = format!(\"SELECT * FROM {table}\");\n\
         \x20   sqlx::query(&sql).execute(pool).await.unwrap();\n\
         }\n",
    );
    let run = || {
        ferret()
            .current_dir(dir.path())
            .args(["--no-cache", "--rules", "sql-injection", "."])
            .assert()
    };
    run()
        .code(0)
        .stdout(predicate::str::contains("no findings"));
    write(
        dir.path(),
        "ferret.toml",
        "[taint]\nenvironment-is-input = true\n",
    );
    run()
        .code(1)
        .stdout(
            predicate::str::contains("error[sql-injection]")
                .or(predicate::str::contains("warning[sql-injection]")),
        )
        .stdout(predicate::str::contains(
            "untrusted input from the environment (line 3)",
        ))
        .stdout(predicate::str::contains("src/main.rs:5:"));
    write(
        dir.path(),
        "ferret.toml",
        "[taint]\nenvironment-is-input = \"yes\"\n",
    );
    run()
        .code(2)
        .stderr(predicate::str::contains("taint.environment-is-input"));
    write(dir.path(), "ferret.toml", "[taint]\nenvironment = true\n");
    run()
        .code(2)
        .stderr(predicate::str::contains("environment-is-input"));
}
