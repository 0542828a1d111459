//! The Markdown report's workspace-level parts: the **Dependency Audit** section (what
//! `cargo audit` tells an auditor: one finding per advisory, with the id, package, version and
//! fix), findings in a workspace's own manifest (a virtual root, which no crate section holds),
//! and the methodology line on the advisory database. Kept apart from `markdown/`, which calls
//! it; it reads only the scan result.

use std::fmt::Write;

use crate::finding::{Finding, SuppressionKind};
use crate::report::safe_text::one_line;
use crate::scan::ScanResult;

/// Rules whose findings this section reports instead of the crate sections.
pub const DEPENDENCY_RULES: &[&str] = &[
    "vulnerable-dependency",
    "unsound-dependency",
    "unmaintained-dependency",
];

pub fn is_dependency_rule(rule: &str) -> bool {
    DEPENDENCY_RULES.contains(&rule)
}

/// Markdown text on one line, without characters that would start syntax of their own.
fn inline(text: &str) -> String {
    let mut out = String::new();
    for c in one_line(text).chars() {
        if matches!(c, '*' | '_' | '[' | ']' | '<' | '>' | '#' | '\\' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text that keeps its backtick code spans (messages quote package names that way); everything
/// else escaped as in [`inline`].
fn with_code(text: &str) -> String {
    let text = one_line(text);
    if !text.matches('`').count().is_multiple_of(2) {
        return inline(&text.replace('`', "'"));
    }
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("`{part}`")
            } else {
                inline(part)
            }
        })
        .collect()
}

fn title_case(severity: &str) -> String {
    severity.to_uppercase()
}

/// The workspace-level subsections of "Cross-Cutting Concerns".
pub fn section(result: &ScanResult, out: &mut String) {
    dependency_audit(result, out);
    workspace_manifests(result, out);
}

/// Findings in manifests that belong to no crate with code (a virtual workspace root).
fn workspace_manifests(result: &ScanResult, out: &mut String) {
    let findings: Vec<&Finding> = result
        .findings
        .iter()
        .filter(|f| !f.is_suppressed() && !is_dependency_rule(&f.rule))
        .filter(|f| !result.crates.iter().any(|c| c.name == f.crate_name))
        .collect();
    if findings.is_empty() {
        return;
    }
    out.push_str("### Workspace Manifests\n\n");
    for f in findings {
        let _ = writeln!(
            out,
            "- **{}** ({}) `{}:{}`: {}.",
            f.severity.as_str().to_uppercase(),
            f.rule,
            f.path.replace('`', "'"),
            f.line,
            with_code(&f.message)
        );
        let _ = writeln!(out, "  **Recommendation**: {}.", with_code(&f.help));
    }
    out.push('\n');
}

/// The prefix of the Dependency Audit's finding ids (`X-1`), as the model audit numbers its
/// workspace-level findings. Crate prefixes never take it ([`super::markdown::crate_prefixes`]
/// reserves it), so every id of a report names one finding.
pub const PREFIX: &str = "X";

/// The advisories the Dependency Audit lists, numbered as it numbers them (`X-1`, most severe
/// first), for the executive summary and the work items. Empty when none was checked.
pub fn advisories(result: &ScanResult) -> Vec<(String, &Finding)> {
    if result.advisory_db.is_none() || result.lockfiles_scanned == 0 {
        return Vec::new();
    }
    let mut findings: Vec<&Finding> = result
        .findings
        .iter()
        .filter(|f| is_dependency_rule(&f.rule) && !f.is_suppressed())
        .collect();
    findings.sort_by(|a, b| (b.severity, &a.path, a.line).cmp(&(a.severity, &b.path, b.line)));
    findings
        .into_iter()
        .enumerate()
        .map(|(n, f)| (format!("{PREFIX}-{}", n + 1), f))
        .collect()
}

/// An advisory's headline (`` `bytes` 1.11.0 is affected by RUSTSEC-2026-0007 ``), as Markdown.
pub fn headline(f: &Finding) -> String {
    with_code(f.message.split("; ").next().unwrap_or(""))
}

fn dependency_audit(result: &ScanResult, out: &mut String) {
    let mut findings: Vec<&Finding> = result
        .findings
        .iter()
        .filter(|f| is_dependency_rule(&f.rule))
        .collect();
    let ran = result.rules_run.iter().any(|m| is_dependency_rule(m.id));
    if !ran {
        return;
    }
    out.push_str("### Dependency Audit (RustSec advisories)\n\n");
    if result.lockfiles_scanned == 0 {
        out.push_str(
            "No `Cargo.lock` was scanned, so no dependency was checked against RustSec \
             advisories. _[Auditor: run `cargo audit` where the lockfile is.]_\n\n",
        );
        return;
    }
    let Some(db) = &result.advisory_db else {
        out.push_str(
            "No advisory database was available, so the lockfiles were not checked against \
             RustSec advisories. _[Auditor: run `cargo audit`, or ferret with \
             `--fetch-advisories` or `--advisory-db PATH`.]_\n\n",
        );
        return;
    };
    findings.sort_by(|a, b| (b.severity, &a.path, a.line).cmp(&(a.severity, &b.path, b.line)));
    let active = advisories(result);
    if active.is_empty() {
        let _ = writeln!(
            out,
            "No RustSec advisory in the database ({} advisories) applies to the packages of the scanned lockfiles.\n",
            db.advisories
        );
    }
    for (id, f) in &active {
        let mut parts = f.message.split("; ");
        parts.next();
        let _ = writeln!(
            out,
            "**Finding {id} ({}): {}**\n",
            title_case(f.severity.as_str()),
            headline(f)
        );
        let details: Vec<String> = parts.map(with_code).collect();
        let _ = writeln!(
            out,
            "`{}:{}`{}{}.\n",
            f.path.replace('`', "'"),
            f.line,
            if details.is_empty() { "" } else { ": " },
            details.join("; ")
        );
        let _ = writeln!(out, "**Recommendation**: {}.\n", with_code(&f.help));
    }
    let ignored: Vec<&&Finding> = findings
        .iter()
        .filter(|f| {
            f.suppression
                .as_ref()
                .is_some_and(|s| s.kind == SuppressionKind::Config)
        })
        .collect();
    if !ignored.is_empty() {
        out.push_str("Ignored by the configuration (`[advisories] ignore`):\n\n");
        for f in ignored {
            let reason = f
                .suppression
                .as_ref()
                .map_or("", |s| s.justification.as_str());
            let headline = f.message.split("; ").next().unwrap_or("");
            let _ = writeln!(out, "- {}: {}", with_code(headline), inline(reason));
        }
        out.push('\n');
    }
}

/// The methodology appendix's sentence on the advisory database.
pub fn methodology_line(result: &ScanResult) -> String {
    if !result.rules_run.iter().any(|m| is_dependency_rule(m.id)) {
        return "Dependency advisories: not checked (the dependency rules did not run)."
            .to_string();
    }
    match &result.advisory_db {
        Some(db) => {
            let date = match (&db.last_commit, &db.newest_advisory) {
                (Some(commit), _) => format!("last commit {commit}"),
                (None, Some(newest)) => format!("newest advisory dated {newest}"),
                (None, None) => "undated".to_string(),
            };
            format!(
                "Dependency advisories: every scanned `Cargo.lock` was matched against the RustSec advisory database at `{}` ({} advisories, {date}) with the `rustsec` crate, as `cargo audit` does; yanked versions were not checked.",
                one_line(&db.path.display().to_string()).replace('`', "'"),
                db.advisories
            )
        }
        None if result.lockfiles_scanned == 0 => {
            "Dependency advisories: not checked (no `Cargo.lock` was scanned).".to_string()
        }
        None => {
            "Dependency advisories: not checked (no advisory database was available).".to_string()
        }
    }
}
