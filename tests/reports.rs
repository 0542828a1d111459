//! Report formats, configuration and baselines: snapshots of every format on
//! `test-corpus/workspace/`, SARIF schema validation, Markdown structure, and the CLI flags
//! `--format sarif|markdown`, `--config`, `--baseline`, `--write-baseline`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use ferret::finding::{Severity, SuppressionKind};
use ferret::report;
use ferret::rules;
use ferret::scan::{RuleSettings, ScanOptions, ScanResult, scan};
use predicates::prelude::*;

/// The rules a plain `ferret` run uses: every rule that is on by default.
fn default_rules() -> Vec<&'static str> {
    rules::registry()
        .iter()
        .filter(|r| r.meta.enabled_by_default)
        .map(|r| r.meta.id)
        .collect()
}

const DATE: &str = "2026-02-05";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test-corpus/workspace")
}

fn scan_with(root: &Path, severity: Option<Severity>) -> ScanResult {
    let mut options = ScanOptions::new(vec![root.to_path_buf()]);
    // As the CLI does: items too big for a worker's stack go to a child process.
    options.isolation_exe = Some(env!("CARGO_BIN_EXE_ferret").into());
    options.rules = default_rules()
        .into_iter()
        .map(|id| {
            let mut settings = RuleSettings::new(rules::find(id).expect("known rule"));
            settings.severity = severity.filter(|_| id == "allow-attribute");
            settings
        })
        .collect();
    let mut result = scan(&options).expect("the workspace scans");
    result.duration = Duration::ZERO;
    result
}

fn scan_workspace() -> ScanResult {
    scan_with(&workspace(), None)
}

/// The workspace as `--format markdown` scans it: the audit profile (every rule, test findings
/// kept for the appendix, evidence for strengths counted).
fn audit_workspace(severity: Option<Severity>) -> ScanResult {
    let mut options = ScanOptions::audit(vec![workspace()]);
    for settings in &mut options.rules {
        settings.severity = severity.filter(|_| settings.entry.meta.id == "allow-attribute");
    }
    let mut result = scan(&options).expect("the workspace scans");
    result.duration = Duration::ZERO;
    result
}

fn audit_markdown() -> String {
    report::markdown::render(&audit_workspace(None), DATE)
}

/// The text of one crate section of the draft.
fn crate_section<'t>(text: &'t str, name: &str) -> &'t str {
    let heading = format!(": {name}\n");
    let start = text
        .find(&heading)
        .unwrap_or_else(|| panic!("no section for {name}"));
    let rest = &text[start..];
    &rest[..rest.find("\n---\n").expect("section end")]
}

/// Replaces the machine-specific root with `[ROOT]`.
fn redact(text: &str, root: &Path) -> String {
    text.replace(&root.display().to_string(), "[ROOT]")
}

fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json"),
    )
    .expect("schema file");
    // The official schema's `language` patterns end in a lone `]`, a literal in ECMA-262 regexes
    // but rejected by jsonschema's check of the schema against the draft-07 meta-schema. Escape it
    // in memory (same meaning); the file stays the unchanged official copy.
    const LANGUAGE: &str = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert!(text.contains(LANGUAGE));
    let text = text.replace(LANGUAGE, r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$""#);
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles")
}

fn assert_valid_sarif(text: &str) {
    let instance: serde_json::Value = serde_json::from_str(text).expect("SARIF is JSON");
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
    for run in instance["runs"].as_array().expect("runs") {
        for base in run["originalUriBaseIds"]
            .as_object()
            .expect("base ids")
            .values()
        {
            let uri = base["uri"].as_str().expect("uri");
            assert!(uri.starts_with("file:///") && uri.ends_with('/'), "{uri}");
            assert!(!uri.contains(' '), "{uri}");
        }
    }
}

// ---------------------------------------------------------------- snapshots

#[test]
fn snapshot_human() {
    let result = scan_workspace();
    insta::assert_snapshot!(
        "workspace_human",
        redact(&report::human::render(&result, false), &result.root)
    );
}

#[test]
fn snapshot_json() {
    let result = scan_workspace();
    insta::assert_snapshot!(
        "workspace_json",
        redact(&report::json::render(&result), &result.root)
    );
}

#[test]
fn snapshot_sarif() {
    let result = scan_workspace();
    insta::assert_snapshot!(
        "workspace_sarif",
        redact(&report::sarif::render(&result), &result.root)
    );
}

#[test]
fn snapshot_markdown() {
    let result = audit_workspace(None);
    insta::assert_snapshot!(
        "workspace_markdown",
        redact(&report::markdown::render(&result, DATE), &result.root)
    );
}

// ---------------------------------------------------------------- SARIF

#[test]
fn sarif_validates_against_the_schema() {
    let broken = serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]});
    assert!(
        !sarif_validator().is_valid(&broken),
        "the validator rejects a driver without name"
    );
    let mut result = scan_workspace();
    assert_valid_sarif(&report::sarif::render(&result));
    // Baselined findings (external suppressions) and unanalysable files (notifications) too.
    let recorded = ferret::baseline::Baseline::from_findings(&result.findings);
    ferret::baseline::apply(&mut result, &recorded, Path::new("baseline.json"));
    result.problems.push(ferret::scan::FileProblem {
        path: "broken dir/bad.rs".into(),
        kind: ferret::scan::ProblemKind::ParseError,
        line: Some(3),
        column: Some(7),
        message: "expected `;`".into(),
    });
    assert_valid_sarif(&report::sarif::render(&result));
}

#[test]
fn sarif_shows_suppressions_and_fingerprints() {
    let mut result = scan_workspace();
    let recorded = ferret::baseline::Baseline::from_findings(&result.findings);
    ferret::baseline::apply(&mut result, &recorded, Path::new("baseline.json"));
    let log: serde_json::Value =
        serde_json::from_str(&report::sarif::render(&result)).expect("JSON");
    let run = &log["runs"][0];
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), result.findings.len(), "no finding vanishes");
    let kinds: Vec<&str> = results
        .iter()
        .filter_map(|r| r["suppressions"][0]["kind"].as_str())
        .collect();
    assert!(kinds.contains(&"inSource"), "{kinds:?}");
    assert!(kinds.contains(&"external"), "{kinds:?}");
    let in_source = results
        .iter()
        .find(|r| r["suppressions"][0]["kind"] == "inSource")
        .expect("an inline suppression");
    assert_eq!(
        in_source["suppressions"][0]["justification"],
        "generated bindings keep rustc's names for the wire format"
    );
    for r in results {
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(run["tool"]["driver"]["rules"][index]["id"], r["ruleId"]);
        assert!(r["partialFingerprints"]["ferret/v1"].is_string());
        assert_eq!(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"],
            "%SRCROOT%"
        );
    }
    let rule = &run["tool"]["driver"]["rules"][0];
    assert_eq!(rule["id"], "allow-attribute");
    assert!(
        rule["help"]["markdown"]
            .as_str()
            .expect("help")
            .contains("## Why it matters")
    );
    assert_eq!(rule["properties"]["tags"][0], "lint-policy");
    assert_eq!(rule["properties"]["precision"], "very-high");
    assert!(rule["properties"].get("security-severity").is_none());
}

#[test]
fn fingerprints_survive_lines_added_above() {
    let dir = copy_workspace();
    let before = scan_with(dir.path(), None);
    let lib = dir.path().join("crates/ledger-core/src/lib.rs");
    let text = std::fs::read_to_string(&lib).expect("read");
    std::fs::write(&lib, format!("// a new comment\n\n{text}")).expect("write");
    let after = scan_with(dir.path(), None);
    let prints = |r: &ScanResult| {
        let mut v: Vec<String> = r.findings.iter().map(|f| f.fingerprint.clone()).collect();
        v.sort();
        v
    };
    assert_eq!(prints(&before), prints(&after));
    let first_in_lib = |r: &ScanResult| {
        r.findings
            .iter()
            .find(|f| f.path.ends_with("ledger-core/src/lib.rs"))
            .map(|f| f.line)
    };
    assert_ne!(first_in_lib(&before), first_in_lib(&after));
}

/// Validates a SARIF file made elsewhere, e.g. a scan of the vendored corpus:
/// `FERRET_SARIF=/tmp/vendor.sarif cargo test --test reports -- --ignored external_sarif`.
#[test]
#[ignore = "needs FERRET_SARIF=path"]
fn external_sarif_validates() {
    let path = std::env::var("FERRET_SARIF").expect("FERRET_SARIF names a SARIF file");
    assert_valid_sarif(&std::fs::read_to_string(path).expect("readable"));
}

// ---------------------------------------------------------------- Markdown

/// Every table's rows have as many cells as its header.
fn assert_tables_consistent(markdown: &str) -> usize {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut tables = 0;
    let mut header_cells = 0;
    let mut row_cells = 0;
    let mut in_head = false;
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Table(_)) => tables += 1,
            Event::Start(Tag::TableHead) => {
                in_head = true;
                header_cells = 0;
            }
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => row_cells = 0,
            Event::Start(Tag::TableCell) => {
                if in_head {
                    header_cells += 1;
                } else {
                    row_cells += 1;
                }
            }
            Event::End(TagEnd::TableRow) => {
                assert_eq!(
                    row_cells, header_cells,
                    "a table row has the wrong cell count"
                );
            }
            _ => {}
        }
    }
    tables
}

/// Table rows as written: the raw line's cells (split on unescaped `|`) match the header's.
fn assert_raw_tables_consistent(markdown: &str) {
    let cells = |line: &str| {
        let mut n = 0;
        let mut prev = ' ';
        for c in line.chars() {
            if c == '|' && prev != '\\' {
                n += 1;
            }
            prev = c;
        }
        n
    };
    let mut expected = None;
    for line in markdown.lines() {
        if line.starts_with('|') {
            let n = cells(line);
            match expected {
                None => expected = Some(n),
                Some(e) => assert_eq!(n, e, "row `{line}`"),
            }
        } else {
            expected = None;
        }
    }
}

#[test]
fn markdown_is_valid_commonmark_with_consistent_tables() {
    // Severity raised to high so the high-severity table has an `allow-attribute` row too.
    let result = audit_workspace(Some(Severity::High));
    let text = report::markdown::render(&result, DATE);
    let tables = assert_tables_consistent(&text);
    assert_eq!(
        tables, 4,
        "counts, high-severity findings, remediation, non-production code"
    );
    assert_raw_tables_consistent(&text);
    assert!(text.contains("| C-1 | "), "{text}");

    let plain = audit_markdown();
    assert_tables_consistent(&plain);
    assert_raw_tables_consistent(&plain);
    // A scan outside the audit profile still renders, without claiming strengths.
    let default = report::markdown::render(&scan_workspace(), DATE);
    assert_tables_consistent(&default);
    assert!(default.contains("- Not computed: this scan did not count evidence."));
    assert!(!default.contains("Zero `unsafe`"));
}

#[test]
fn markdown_writes_its_boilerplate_once() {
    let text = audit_markdown();
    // Pointers to the appendices are written once, not under every finding or systemic concern.
    assert_eq!(
        text.matches("Rule Notes").count(),
        2,
        "the summary's pointer and the heading"
    );
    assert_eq!(
        text.matches("Remediation Tracking appendix").count(),
        1,
        "{text}"
    );
    // A rule's risk text appears once, in the appendix, whatever the number of its findings.
    let risk = "`#[allow]` silences a lint forever";
    assert_eq!(text.matches(risk).count(), 1, "{text}");
    assert!(
        text.matches("(`allow-attribute`)").count() >= 2,
        "two findings name the rule"
    );
}

#[test]
fn markdown_is_deterministic() {
    assert_eq!(audit_markdown(), audit_markdown());
}

#[test]
fn markdown_shape() {
    let text = audit_markdown();
    for needle in [
        "- **Audit Date**: 2026-02-05",
        "## Executive Summary",
        "### Consolidated Finding Counts (All Crates)",
        "| Severity | Count | Status |",
        "### High-Severity Findings (High and Above)",
        "| ID | Finding | Crate | Remediation |",
        // In the order of the workspace's `members`, not path order; the harness has no section.
        "## Crate 1: ledger-core",
        "## Crate 2: ledger-store",
        "## Crate 3: ledger-api",
        "## Crate 4: ledger-gateway",
        "## Crate 5: ledger-ffi",
        "### Strengths",
        "## Cross-Cutting Concerns\n\n### Dependency Audit",
        "## Appendix: Methodology",
        "`panic-in-production` _opt-in_",
        "## Appendix: Remediation Tracking",
        "| Work Item | Findings | Priority | Summary |",
        "## Appendix: Findings in Non-Production Code",
        "## Appendix: Rule Notes",
        "**Risk**: `#[allow]` silences a lint forever",
    ] {
        assert!(text.contains(needle), "missing `{needle}` in:\n{text}");
    }
    assert!(
        !text.contains("ledger-testkit\n"),
        "no section for the harness"
    );
    assert!(!text.contains("## Crate 6"), "{text}");
}

#[test]
fn markdown_titles_say_what_was_found_where() {
    let text = audit_markdown();
    for needle in [
        "(MEDIUM): Internal error text may reach clients in `lookup_status` (`lib.rs:69`)\n",
        "(HIGH): C pointer used without a null check in FFI `ledger_store_id` (`lib.rs:65`)\n",
        "### Finding C-1 (MEDIUM): 2 `#[allow]` attributes instead of `#[expect]` in `lib.rs`",
    ] {
        assert!(text.contains(needle), "missing `{needle}` in:\n{text}");
    }
    for entry in rules::registry() {
        assert!(
            !text.contains(&format!("): {}\n", entry.meta.summary)),
            "a title is the summary of {}",
            entry.meta.id
        );
    }
}

#[test]
fn markdown_one_finding_per_root_cause() {
    let text = audit_markdown();
    // One rule, one crate, two severities: one finding graded by its worst instance.
    let store = crate_section(&text, "ledger-store");
    assert_eq!(store.matches("unbounded channels in").count(), 1, "{store}");
    assert!(store.contains("**Locations** (2 instances; 1 medium, 1 low):\n\n- `crates/ledger-store/src/lib.rs`: 39 (low), 40\n"), "{store}");
    // Two rules on one line: one finding, the other rule a facet under it.
    let gateway = crate_section(&text, "ledger-gateway");
    assert!(gateway.contains("**Same line, other rules**:\n\n- `lib.rs:55` `panic-in-production` (low): `.unwrap()` panics"), "{gateway}");
    assert!(
        !gateway.contains("Panic path"),
        "no finding of its own: {gateway}"
    );
    // The code shown is the line with the problem, not the doc comment above it.
    assert!(
        gateway.contains("```rust\nraw.parse().map_err(|_| GatewayError::BadPort).unwrap()\n```"),
        "{gateway}"
    );
}

#[test]
fn markdown_severity_is_calibrated_from_recorded_context() {
    let text = audit_markdown();
    let store = crate_section(&text, "ledger-store");
    // `'{owner}'` inside a quoted literal (16) and the `NOTIFY` channel (22) are high; the table
    // name of a `SELECT` (28) keeps the rule's medium. One finding, graded by its worst.
    assert!(
        store.contains(
            "### Finding S-1 (HIGH): 3 SQL texts built from runtime values in `lib.rs`\n"
        ),
        "{store}"
    );
    assert!(
        store.contains("- `crates/ledger-store/src/lib.rs`: 16, 22, 28 (medium)\n"),
        "{store}"
    );
    assert!(store.contains("**Graded high** (the rule's grade: medium): a runtime value is spliced inside a quoted SQL literal"), "{store}");
    // An I/O error's text in a gRPC status keeps the rule's medium (seed 000 grades such a leak
    // low, O-10; database text is the rule's own high).
    let gateway = crate_section(&text, "ledger-gateway");
    assert!(
        gateway.contains(
            "### Finding G-1 (MEDIUM): Internal error text may reach clients in `lookup_status`"
        ),
        "{gateway}"
    );
    assert!(!gateway.contains("**Graded"), "{gateway}");
    // The executive summary and the work items take the calibrated grade.
    let summary = &text[..text.find("## Crate 1").expect("sections")];
    assert!(
        summary
            .contains("| S-1 | 3 SQL texts built from runtime values in `lib.rs` | ledger-store |"),
        "{summary}"
    );
    assert!(
        text.contains("| SQL identifier validation and bind parameters | S-1 | High |"),
        "{text}"
    );
    // Only the draft calibrates: the rule's own grade is what JSON, SARIF and CI see.
    let result = audit_workspace(None);
    let sql: Vec<Severity> = result
        .findings
        .iter()
        .filter(|f| f.rule == "sql-interpolation")
        .map(|f| f.severity)
        .collect();
    assert_eq!(sql, [Severity::Medium; 3]);
}

#[test]
fn markdown_work_items_group_findings_that_share_a_fix() {
    let text = audit_markdown();
    assert!(
        text.contains("| Error context preservation | C-3, S-5, G-2, G-3 | Medium | 4 instances of `map-err-discard`, `stringly-error` in 3 crates |"),
        "{text}"
    );
    assert!(
        text.contains("| FFI pointer checks | S-2 | High |"),
        "{text}"
    );
}

#[test]
fn markdown_non_production_code_goes_to_the_appendix() {
    let text = audit_markdown();
    let appendix = &text[text
        .find("## Appendix: Findings in Non-Production Code")
        .expect("appendix")..];
    for row in [
        "| ledger-core | integration tests (`tests/`) | `panic-in-production` | 1 | `amounts.rs` |",
        "| ledger-api | examples (`examples/`) | `permissive-cors` | 1 | `demo.rs` |",
        "| ledger-testkit | test-harness crate (a dev-dependency only) | `unbounded-channel` | 1 | `lib.rs` |",
        "| ledger-api | test code (`#[cfg(test)]`, `#[test]` fns, `tests.rs`) | `panic-in-production` | 1 | `lib.rs` |",
    ] {
        assert!(appendix.contains(row), "missing `{row}` in:\n{appendix}");
    }
    // None of them is a finding of a crate section.
    let before = &text[..text.find("## Appendix").expect("appendices")];
    assert!(!before.contains("demo.rs"), "{before}");
    assert!(!before.contains("amounts.rs"), "{before}");
    assert!(!before.contains("CORS"), "{before}");
}

#[test]
fn markdown_code_nothing_calls_goes_to_the_appendix() {
    let text = audit_markdown();
    let appendix = &text[text
        .find("## Appendix: Findings in Non-Production Code")
        .expect("appendix")..];
    // `legacy_amount` (parse.rs:25): private, and no word of the workspace names it.
    assert!(
        appendix.contains("| ledger-core | fns nothing calls (private, never named in the workspace) | `unwrap-or-default` | 1 | `parse.rs` |"),
        "{appendix}"
    );
    // The same code called from `lib.rs` (line 30), and passed as a value to `map` (line 35),
    // stays in the crate's section; the uncalled one does not.
    let core = crate_section(&text, "ledger-core");
    assert!(
        core.contains("- `crates/ledger-core/src/parse.rs`: 30, 35\n"),
        "{core}"
    );
    assert!(!core.contains("parse.rs`: 25"), "{core}");
    // Only the audit profile looks for it: JSON of a default scan carries no such mark.
    let result = scan_workspace();
    assert!(result.findings.iter().all(|f| !f.dead_code));
    let audit = audit_workspace(None);
    let dead: Vec<(&str, usize)> = audit
        .findings
        .iter()
        .filter(|f| f.dead_code)
        .map(|f| (f.path.as_str(), f.line))
        .collect();
    assert_eq!(dead, [("crates/ledger-core/src/parse.rs", 25)]);
}

#[test]
fn markdown_strengths_only_where_production_evidence_proves_them() {
    let text = audit_markdown();
    let section = |name: &str| {
        let s = crate_section(&text, name);
        s[..s.find("### Finding").unwrap_or(s.len())].to_string()
    };
    let (core, store, api, gateway, ffi) = (
        section("ledger-core"),
        section("ledger-store"),
        section("ledger-api"),
        section("ledger-gateway"),
        section("ledger-ffi"),
    );
    let claims = [
        // (strength, crates where it holds, crates where it must not be claimed)
        (
            "**Zero `unsafe` code**",
            vec![&core, &api, &gateway],
            vec![&store, &ffi],
        ),
        (
            "enforced by `#![forbid(unsafe_code)]`",
            vec![&gateway],
            vec![&core, &api],
        ),
        (
            "**All channels bounded**: 1 bounded channel",
            vec![&api],
            vec![&store],
        ),
        (
            "**No runtime-built SQL**: 1 compile-time checked `sqlx::query!`-family macro and 1 `sqlx::query(..)` call with literal SQL text",
            vec![&gateway],
            vec![&store],
        ),
        (
            "**Panics contained**: 1 `catch_unwind` call",
            vec![&gateway],
            vec![&api],
        ),
        (
            "**Request timeouts**: 1 `TimeoutLayer`",
            vec![&gateway],
            vec![&api],
        ),
        (
            "**Client timeouts set**: `timeout`/`connect_timeout` on HTTP (`reqwest`) client builders (2 calls) and gRPC (`tonic`) endpoints (1 call)",
            vec![&gateway],
            vec![&core],
        ),
        (
            "**Constant-time comparison**: 1 call",
            vec![&gateway],
            vec![&core],
        ),
        (
            "**C exports check pointers before use**: 2 exported `extern` fns taking pointers",
            vec![&ffi],
            vec![&store],
        ),
        (
            "**RSA keys of at least 2048 bits**: 1 key generation",
            vec![&gateway],
            vec![&store],
        ),
        (
            "**Lint policy compliant**",
            vec![&api, &gateway],
            vec![&core, &store],
        ),
    ];
    for (claim, holds, refuted) in claims {
        for s in holds {
            assert!(s.contains(claim), "`{claim}` missing in:\n{s}");
        }
        let prefix = &claim[..claim.find(':').unwrap_or(claim.len()).min(30)];
        for s in refuted {
            assert!(!s.contains(prefix), "`{prefix}` wrongly claimed in:\n{s}");
        }
    }
    assert!(
        gateway.contains("; in `crates/ledger-gateway/src/lib.rs`"),
        "a strength says where: {gateway}"
    );
}

// ---------------------------------------------------------------- CLI

/// The binary, without a result cache (it would land in the workspace's `target/`).
fn ferret() -> Command {
    let mut cmd = Command::cargo_bin("ferret").expect("binary built");
    cmd.arg("--no-cache");
    cmd
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("readable") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// A scratch copy of the workspace, so tests may edit it and drop config files into it.
fn copy_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&workspace(), dir.path());
    // Stop configuration discovery at the copy, as a checkout's `.git` would.
    std::fs::create_dir(dir.path().join(".git")).expect("mkdir .git");
    dir
}

/// The CLI tests count `#[allow]` findings: they run the lint-policy rules only, so findings of
/// other rules in the workspace do not move their numbers.
fn rules_arg() -> String {
    "--rules=allow-attribute,suppression-without-reason,unused-suppression".to_string()
}

#[test]
fn sarif_and_markdown_keep_the_exit_code() {
    for format in ["human", "json", "sarif", "markdown"] {
        ferret()
            .arg(workspace())
            .arg(rules_arg())
            .args(["--format", format])
            .assert()
            .code(1);
    }
    ferret()
        .arg(workspace())
        .arg(rules_arg())
        .args(["--format", "sarif", "--fail-on", "high"])
        .assert()
        .code(0);
}

#[test]
fn cli_sarif_is_valid() {
    let output = ferret()
        .arg(workspace())
        .arg(rules_arg())
        .args(["--format", "sarif"])
        .output()
        .expect("runs");
    assert_valid_sarif(&String::from_utf8(output.stdout).expect("UTF-8"));
}

#[test]
fn cli_markdown_date_comes_from_source_date_epoch() {
    ferret()
        .arg(workspace())
        .arg(rules_arg())
        .args(["--format", "markdown"])
        .env("SOURCE_DATE_EPOCH", "1770249600")
        .assert()
        .stdout(predicate::str::contains("- **Audit Date**: 2026-02-05"));
}

#[test]
fn markdown_is_the_audit_profile_unless_narrowed() {
    let markdown = |cmd: &mut Command| {
        let output = cmd.args(["--format", "markdown"]).output().expect("runs");
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    let full = markdown(ferret().arg(workspace()));
    assert!(full.contains("`panic-in-production` _opt-in_"), "{full}");
    assert!(full.contains("| ledger-api | examples (`examples/`) | `permissive-cors` |"));
    assert!(full.contains("**Zero `unsafe` code**"));
    let narrowed = markdown(ferret().arg(workspace()).arg(rules_arg()));
    assert!(!narrowed.contains("panic-in-production"), "{narrowed}");
    let excluded = markdown(
        ferret()
            .arg(workspace())
            .arg("--exclude-rules=panic-in-production"),
    );
    assert!(!excluded.contains("panic-in-production"), "{excluded}");
    assert!(
        excluded.contains("`unsafe-send-sync` _opt-in_"),
        "{excluded}"
    );
    // The other formats keep the default rule set.
    let (_, findings) = json_findings(ferret().arg(workspace()));
    assert!(findings.iter().all(|f| f["rule"] != "panic-in-production"));
}

#[test]
fn baseline_round_trip() {
    let dir = copy_workspace();
    let baseline = dir.path().join("ferret-baseline.json");
    ferret()
        .arg(dir.path())
        .arg(rules_arg())
        .arg("--write-baseline")
        .arg(&baseline)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "recorded 4 findings in the baseline",
        ));
    let text = std::fs::read_to_string(&baseline).expect("baseline written");
    assert!(text.ends_with("}\n"));
    let parsed: ferret::baseline::Baseline = serde_json::from_str(&text).expect("JSON");
    let mut sorted = parsed.findings.clone();
    sorted.sort();
    assert_eq!(parsed.findings, sorted, "entries are sorted");
    assert_eq!(
        parsed.findings.len(),
        4,
        "the inline-suppressed finding is not recorded"
    );
    let leftovers = std::fs::read_dir(dir.path())
        .expect("list")
        .filter(|e| {
            e.as_ref()
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .contains(".tmp")
        })
        .count();
    assert_eq!(leftovers, 0, "no temporary file left behind");

    // Nothing new: clean exit, and the count of baselined findings.
    ferret()
        .arg(dir.path())
        .arg(rules_arg())
        .arg("--baseline")
        .arg(&baseline)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("4 findings baselined"))
        .stderr(predicate::str::contains("no longer match").not());

    // Lines shift above old findings, one new finding appears and one old one is fixed.
    let lib = dir.path().join("crates/ledger-core/src/lib.rs");
    let text = std::fs::read_to_string(&lib).expect("read");
    let text = text.replacen(
        "#[allow(clippy::too_many_arguments)]\n",
        "#[expect(clippy::too_many_arguments, reason = \"mirrors the wire format\")]\n",
        1,
    );
    std::fs::write(
        &lib,
        format!("#![allow(missing_docs)]\n// shifted\n\n{text}"),
    )
    .expect("write");
    let output = ferret()
        .arg(dir.path())
        .arg(rules_arg())
        .args(["--format", "json", "--baseline"])
        .arg(&baseline)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("3 findings baselined"), "{stderr}");
    assert!(
        stderr.contains("1 baseline entry no longer matches any finding"),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let active: Vec<&serde_json::Value> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f.get("suppression").is_none())
        .collect();
    assert_eq!(active.len(), 1, "only the new finding counts");
    assert_eq!(active[0]["line"], 1);
    assert_eq!(json["counts"]["suppressed"], 4);
}

#[test]
fn baseline_errors_exit_2() {
    let dir = copy_workspace();
    let missing = dir.path().join("nope.json");
    ferret()
        .arg(dir.path())
        .arg("--baseline")
        .arg(&missing)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read baseline"));
    let garbage = dir.path().join("garbage.json");
    std::fs::write(&garbage, "[1, 2]").expect("write");
    ferret()
        .arg(dir.path())
        .arg("--baseline")
        .arg(&garbage)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a ferret baseline"));
}

fn json_findings(cmd: &mut Command) -> (Option<i32>, Vec<serde_json::Value>) {
    let output = cmd.args(["--format", "json"]).output().expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let findings = json["findings"].as_array().expect("findings").clone();
    (output.status.code(), findings)
}

#[test]
fn config_file_is_discovered_and_applied() {
    let dir = copy_workspace();
    std::fs::write(
        dir.path().join("ferret.toml"),
        r#"
fail-on = "critical"
exclude = ["crates/ledger-store", "crates/ledger-gateway", "crates/ledger-testkit"]

[rules.allow-attribute]
severity = "high"
exclude = ["**/parse.rs"]

[rules.map-err-discard]
enabled = true
"#,
    )
    .expect("write");
    let (code, findings) = json_findings(ferret().arg(dir.path()));
    assert_eq!(code, Some(0), "fail-on = critical from the file");
    assert!(
        findings.iter().all(|f| f["crate"] != "ledger-store"
            && !f["path"]
                .as_str()
                .unwrap_or("")
                .starts_with("crates/ledger-store")),
        "crate excluded"
    );
    let allow: Vec<_> = findings
        .iter()
        .filter(|f| f["rule"] == "allow-attribute")
        .collect();
    assert_eq!(allow.len(), 3, "parse.rs excluded for the rule only");
    assert!(allow.iter().all(|f| f["severity"] == "high"));
    assert!(
        findings
            .iter()
            .any(|f| f["path"] == "crates/ledger-core/src/parse.rs"),
        "other rules still run on parse.rs (map-err-discard, off by default, enabled by the file)"
    );

    // Flags override the file.
    let (code, _) = json_findings(ferret().arg(dir.path()).args(["--fail-on", "high"]));
    assert_eq!(code, Some(1));
}

#[test]
fn config_can_disable_and_flags_reenable() {
    let dir = copy_workspace();
    std::fs::write(
        dir.path().join("ferret.toml"),
        "[rules.allow-attribute]\nenabled = false\n",
    )
    .expect("write");
    let (_, findings) = json_findings(ferret().arg(dir.path()));
    assert!(!findings.is_empty(), "the other rules still run");
    assert!(findings.iter().all(|f| f["rule"] != "allow-attribute"));
    let (code, findings) = json_findings(ferret().arg(dir.path()).arg(rules_arg()));
    assert_eq!(code, Some(1));
    assert_eq!(findings.len(), 5, "4 active + 1 suppressed");
}

#[test]
fn config_from_cargo_metadata_and_include_tests() {
    let dir = copy_workspace();
    let manifest = dir.path().join("Cargo.toml");
    let mut text = std::fs::read_to_string(&manifest).expect("read");
    text.push_str("\n[workspace.metadata.ferret]\nmin-severity = \"medium\"\ninclude-tests = true\nbaseline = \"base.json\"\n");
    std::fs::write(&manifest, text).expect("write");
    // The configured baseline does not exist yet: an error, not a silent skip.
    ferret()
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("base.json"));
    // Writing it does not read it; the next run uses it.
    ferret()
        .arg(dir.path())
        .arg("--write-baseline")
        .arg(dir.path().join("base.json"))
        .assert()
        .code(1);
    ferret()
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains("8 findings baselined"));
}

#[test]
fn explicit_config_file() {
    let dir = copy_workspace();
    let config = dir.path().join("strict.toml");
    std::fs::write(
        &config,
        "[rules.allow-attribute]\nseverity = \"critical\"\n",
    )
    .expect("write");
    let (_, findings) = json_findings(ferret().arg(dir.path()).arg("--config").arg(&config));
    assert!(
        findings
            .iter()
            .filter(|f| f["rule"] == "allow-attribute")
            .all(|f| f["severity"] == "critical")
    );
    ferret()
        .arg(dir.path())
        .arg("--config")
        .arg(dir.path().join("missing.toml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.toml"));
}

#[test]
fn config_errors_name_file_line_and_key() {
    let cases = [
        (
            "fail-on = \"low\"\ncolour = true\n",
            ":2: `colour`: unknown key",
        ),
        (
            "\n[rules.no-such-rule]\nenabled = true\n",
            ":2: `rules.no-such-rule`: unknown rule",
        ),
        (
            "[rules.allow-attribute]\nseverity = \"severe\"\n",
            ":2: `rules.allow-attribute.severity`: unknown severity `severe`",
        ),
        (
            "include-tests = 1\n",
            ":1: `include-tests`: expected `true` or `false`",
        ),
        ("exclude = [\"{a\"]\n", ":1: `exclude`: invalid glob"),
        ("fail-on = \n", ":1: "),
    ];
    for (text, expected) in cases {
        let dir = copy_workspace();
        std::fs::write(dir.path().join("ferret.toml"), text).expect("write");
        ferret()
            .arg(dir.path())
            .assert()
            .code(2)
            .stderr(predicate::str::contains("ferret.toml"))
            .stderr(predicate::str::contains(expected));
    }
    let dir = copy_workspace();
    let manifest = dir.path().join("Cargo.toml");
    let mut text = std::fs::read_to_string(&manifest).expect("read");
    text.push_str("\n[workspace.metadata.ferret]\nfail_on = \"low\"\n");
    std::fs::write(&manifest, text).expect("write");
    ferret()
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "Cargo.toml:7: `workspace.metadata.ferret.fail_on`",
        ));
}

#[test]
fn write_baseline_skips_inline_suppressed() {
    let result = scan_workspace();
    let recorded = ferret::baseline::Baseline::from_findings(&result.findings);
    let suppressed: Vec<_> = result
        .findings
        .iter()
        .filter(|f| {
            f.suppression
                .as_ref()
                .is_some_and(|s| s.kind == SuppressionKind::InSource)
        })
        .collect();
    assert_eq!(suppressed.len(), 1);
    assert!(
        recorded
            .findings
            .iter()
            .all(|e| e.fingerprint != suppressed[0].fingerprint)
    );
}

#[test]
fn taint_findings_carry_their_path_in_sarif_code_flows() {
    // Copied out of the checkout, whose `ferret.toml` excludes `test-corpus/`.
    let dir = tempfile::tempdir().expect("temp dir");
    let case = dir.path().join("fires.rs");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("test-corpus/sql-injection/fires.rs"),
        &case,
    )
    .expect("copy");
    let out = ferret()
        .args([
            "--format",
            "sarif",
            "--rules",
            "sql-injection,sql-interpolation",
        ])
        .arg(&case)
        .output()
        .expect("runs");
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    let results = log["runs"][0]["results"].as_array().expect("results");
    let helper = results
        .iter()
        .find(|r| r["locations"][0]["physicalLocation"]["region"]["startLine"] == 20)
        .expect("the flow through `run_sql` is reported at its sink, line 20");
    assert_eq!(helper["ruleId"], "sql-injection");
    let steps = helper["codeFlows"][0]["threadFlows"][0]["locations"]
        .as_array()
        .expect("a code flow");
    let lines: Vec<i64> = steps
        .iter()
        .map(|s| {
            s["location"]["physicalLocation"]["region"]["startLine"]
                .as_i64()
                .expect("line")
        })
        .collect();
    // Source (the `Path` extractor, line 23), the local, the call into the helper, its
    // parameter, and the sink.
    assert_eq!(lines.first(), Some(&23), "{lines:?}");
    assert_eq!(lines.last(), Some(&20), "{lines:?}");
    assert!(steps.iter().any(|s| {
        s["location"]["message"]["text"]
            .as_str()
            .is_some_and(|t| t.contains("passed to `run_sql`"))
    }));
    // The same SQL is not reported twice: `sql-interpolation` leaves untrusted input to
    // `sql-injection`.
    assert!(
        results.iter().all(|r| r["ruleId"] == "sql-injection"),
        "{results:#?}"
    );
    // Findings without a path carry no code flow.
    std::fs::write(
        dir.path().join("fires.rs"),
        "#[allow(dead_code)]\nfn f() {}\n",
    )
    .expect("write");
    let plain = ferret()
        .args(["--format", "sarif", "--rules", "allow-attribute"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let log: serde_json::Value = serde_json::from_slice(&plain.stdout).expect("SARIF is JSON");
    assert!(log["runs"][0]["results"][0].get("codeFlows").is_none());
}

#[test]
fn a_joined_path_leaving_its_function_is_reported_at_the_join_with_its_code_flow() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = dir.path().join("joined_paths.rs");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("test-corpus/path-traversal/joined_paths.rs"),
        &case,
    )
    .expect("copy");
    let out = ferret()
        .args(["--format", "sarif", "--rules", "path-traversal"])
        .arg(&case)
        .output()
        .expect("runs");
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    let results = log["runs"][0]["results"].as_array().expect("results");
    // `root.join(name)` returned by `requested_file`, line 11.
    let joined = results
        .iter()
        .find(|r| r["locations"][0]["physicalLocation"]["region"]["startLine"] == 11)
        .expect("the join returned by the helper is reported at the join, line 11");
    let message = joined["message"]["text"].as_str().expect("message");
    assert!(
        message.contains("a path built by `.join()`, returned by `requested_file`"),
        "{message}"
    );
    let steps = joined["codeFlows"][0]["threadFlows"][0]["locations"]
        .as_array()
        .expect("a code flow");
    let texts: Vec<&str> = steps
        .iter()
        .map(|s| s["location"]["message"]["text"].as_str().expect("text"))
        .collect();
    let first_line = steps[0]["location"]["physicalLocation"]["region"]["startLine"].as_i64();
    // The request parameter (line 9), the join, where the path goes, then the join itself.
    assert_eq!(first_line, Some(9), "{texts:?}");
    assert!(
        texts
            .iter()
            .any(|t| t.contains("joined onto a path by `.join()`")),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("returned by `requested_file`")),
        "{texts:?}"
    );
}

/// Scanned text (messages quoting source, snippets, paths, crate names) cannot inject Markdown,
/// raw HTML, table breaks or terminal control bytes into the draft.
#[test]
fn markdown_escapes_hostile_scanned_text() {
    let mut result = audit_workspace(Some(Severity::High));
    let hostile = "<script>alert(1)</script> | [x](javascript:y) \u{1b}[2J\u{202e}";
    for f in &mut result.findings {
        f.message = format!("`{hostile}` and {hostile}");
        f.help = hostile.to_string();
        f.snippet = format!("let s = \"{hostile}\";\n```\n# not a heading");
        f.evidence.insert("fn".into(), hostile.into());
        f.path = format!("crates/{}/src/a|b<i>.rs", f.crate_name);
    }
    result.crates[0].name = "core|<b>x</b>".into();
    for f in &mut result.findings {
        if f.crate_name == "ledger-core" {
            f.crate_name = "core|<b>x</b>".into();
        }
    }
    let text = report::markdown::render(&result, DATE);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "{text}"
    );
    assert_tables_consistent(&text);
    assert_raw_tables_consistent(&text);
    use pulldown_cmark::{Event, Options, Parser};
    for event in Parser::new_ext(&text, Options::ENABLE_TABLES) {
        if let Event::Html(html) | Event::InlineHtml(html) = &event {
            panic!("raw HTML in the draft: {html}");
        }
        if let Event::Start(pulldown_cmark::Tag::Link { dest_url, .. }) = &event {
            panic!("a link in the draft: {dest_url}");
        }
    }
}

#[test]
fn markdown_strengths_are_refuted_by_findings_in_code_nothing_calls() {
    let dir = copy_workspace();
    let api = dir.path().join("crates/ledger-api/src/lib.rs");
    let mut text = std::fs::read_to_string(&api).expect("read");
    text.push_str(
        "\nfn old_queue() -> usize {\n    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel::<u8>();\n    tx.strong_count()\n}\n",
    );
    std::fs::write(&api, text).expect("write");
    let options = ScanOptions::audit(vec![dir.path().to_path_buf()]);
    let result = scan(&options).expect("the workspace scans");
    let markdown = report::markdown::render(&result, DATE);
    let section = crate_section(&markdown, "ledger-api");
    // The unbounded channel is in a fn nothing calls: not a finding of the section, yet the
    // crate's "all channels bounded" would be false.
    assert!(!section.contains("unbounded"), "{section}");
    assert!(!section.contains("All channels bounded"), "{section}");
    assert!(
        markdown.contains("| ledger-api | fns nothing calls (private, never named in the workspace) | `unbounded-channel` | 1 | `lib.rs` |"),
        "{markdown}"
    );
}

#[test]
fn markdown_fns_only_tests_name_are_not_called_uncalled() {
    let dir = copy_workspace();
    let parse = dir.path().join("crates/ledger-core/src/parse.rs");
    let mut text = std::fs::read_to_string(&parse).expect("read");
    text.push_str("\nfn sample_amount() -> i64 {\n    \"7\".parse().unwrap_or_default()\n}\n");
    std::fs::write(&parse, text).expect("write");
    // Named only by a `tests.rs` file (a test path, outside the workspace model's index).
    std::fs::write(
        dir.path().join("crates/ledger-core/src/tests.rs"),
        "#[test]\nfn sample() {\n    assert_eq!(crate::parse::sample_amount(), 7);\n}\n",
    )
    .expect("write");
    let result = scan(&ScanOptions::audit(vec![dir.path().to_path_buf()])).expect("scans");
    let sample = result
        .findings
        .iter()
        .find(|f| f.evidence.get("fn").is_some_and(|n| n == "sample_amount"))
        .expect("the finding in sample_amount");
    assert!(!sample.dead_code, "a test names it: not 'never named'");
    let legacy = result
        .findings
        .iter()
        .find(|f| f.evidence.get("fn").is_some_and(|n| n == "legacy_amount"))
        .expect("the finding in legacy_amount");
    assert!(legacy.dead_code);
}
