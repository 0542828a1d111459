//! The appendices: methodology (the rules run), remediation work items, findings in
//! non-production code, and why each firing rule matters, written once.

use std::collections::{BTreeMap, BTreeSet};

use super::Report;
use super::group::Issue;
use super::text::{cell, code, dimension_title, escape_inline, file_name, plural, priority};
use super::titles;
use crate::finding::{Dimension, Severity};
use crate::rules;

/// Files named per row of the non-production table.
const FILES_PER_ROW: usize = 3;

pub fn methodology(report: &Report<'_>, out: &mut String) {
    out.push_str("## Appendix: Methodology\n\n");
    out.push_str(
        "ferret parsed each file once (no compilation) and ran these rules, grouped by the audit \
         dimensions (rules marked _opt-in_ are off in ferret's default CI profile and on in this \
         audit profile):\n\n",
    );
    let all = [
        Dimension::Security,
        Dimension::ErrorHandling,
        Dimension::Resilience,
        Dimension::Architecture,
        Dimension::Ffi,
        Dimension::LintPolicy,
    ];
    for (n, dimension) in all.iter().enumerate() {
        let rules: Vec<String> = report
            .result
            .rules_run
            .iter()
            .filter(|m| m.dimension == *dimension)
            .map(|m| {
                let opt_in = if m.enabled_by_default {
                    ""
                } else {
                    " _opt-in_"
                };
                format!("{}{opt_in}", code(m.id))
            })
            .collect();
        let covered = if rules.is_empty() {
            "no rule ran; not covered by this scan".to_string()
        } else {
            rules.join(", ")
        };
        outln!(
            out,
            "{}. **{}**: {covered}",
            n + 1,
            dimension_title(*dimension)
        );
    }
    out.push_str(
        "\nStrengths are stated only from evidence counted in production code (not tests, \
         examples or benches), and never where a finding of the same crate contradicts them. What \
         ferret cannot see: runtime behaviour (timeouts, panics actually reached, load), data flow \
         across crates, types and trait resolution, macro expansion beyond the macro bodies it \
         parses, configuration and deployment. A fn counts as one nothing calls only when it is \
         private or crate-visible (or public in a crate with no library), is no `main`, `extern`, \
         trait or test fn, carries no attribute that may make it an entry point, and no word of \
         the workspace's source (calls, values, macros, attribute strings, comments) names it; \
         findings inside such fns are listed with the non-production code. Severities are the rules' defaults or graded by the rule from what it saw; \
         the auditor re-grades where context says otherwise.\n\n",
    );
    outln!(
        out,
        "{}\n",
        crate::report::markdown_dependencies::methodology_line(report.result)
    );
    let problems = &report.result.problems;
    if !problems.is_empty() {
        outln!(out, "Files not analysed ({}):\n", problems.len());
        for p in problems.iter().take(super::MAX_FILES) {
            outln!(
                out,
                "- {}: {}",
                code(&p.path),
                super::text::prose(&p.message)
            );
        }
        if problems.len() > super::MAX_FILES {
            outln!(out, "- … and {} more", problems.len() - super::MAX_FILES);
        }
        out.push('\n');
    }
    out.push_str("_[Auditor: what was reviewed by hand, and how.]_\n\n---\n\n");
}

/// Findings that share a fix are one work item: one rule across crates, or several rules with
/// the same remedy (`#[allow]` and ferret's own suppressions are one lint cleanup).
pub fn remediation(report: &Report<'_>, out: &mut String) {
    out.push_str("## Appendix: Remediation Tracking\n\n");
    let advisories = crate::report::markdown_dependencies::advisories(report.result);
    if report.issues.is_empty() && advisories.is_empty() {
        out.push_str("Nothing to track: ferret reports no findings in production code.\n\n---\n\n");
        return;
    }
    out.push_str(
        "| Work Item | Findings | Priority | Summary |\n|-----------|----------|----------|---------|\n",
    );
    let mut items: BTreeMap<String, Vec<&Issue<'_>>> = BTreeMap::new();
    for g in &report.issues {
        items.entry(titles::work_item(g.rule)).or_default().push(g);
    }
    let mut rows: Vec<(Severity, String, Vec<&Issue<'_>>)> = items
        .into_iter()
        .map(|(item, issues)| {
            let worst = issues
                .iter()
                .map(|g| g.severity)
                .max()
                .unwrap_or(Severity::Info);
            (worst, item, issues)
        })
        .collect();
    rows.sort_by(|a, b| (b.0, &a.1).cmp(&(a.0, &b.1)));
    if let Some(worst) = advisories.iter().map(|(_, f)| f.severity).max() {
        let ids: Vec<&str> = advisories.iter().map(|(id, _)| id.as_str()).collect();
        let lockfiles: BTreeSet<&str> = advisories.iter().map(|(_, f)| f.path.as_str()).collect();
        outln!(
            out,
            "| {} | {} | {} | {} RustSec {} in {} {} |",
            titles::DEPENDENCY_UPGRADE,
            ids.join(", "),
            // A known vulnerability with a published fix comes first, as the audits put it.
            if worst >= Severity::High {
                "Urgent"
            } else {
                priority(worst)
            },
            advisories.len(),
            plural(advisories.len(), "advisory", "advisories"),
            lockfiles.len(),
            plural(lockfiles.len(), "lockfile", "lockfiles"),
        );
    }
    for (worst, item, issues) in rows {
        let ids: Vec<&str> = issues.iter().map(|g| g.id.as_str()).collect();
        let instances: usize = issues.iter().map(|g| g.instances.len()).sum();
        let crates: BTreeSet<usize> = issues.iter().map(|g| g.crate_index).collect();
        let rules: BTreeSet<&str> = issues.iter().map(|g| g.rule).collect();
        let rules: Vec<String> = rules.into_iter().map(code).collect();
        outln!(
            out,
            "| {} | {} | {} | {instances} {} of {} in {} {} |",
            cell(&item),
            ids.join(", "),
            priority(worst),
            plural(instances, "instance", "instances"),
            rules.join(", "),
            crates.len(),
            plural(crates.len(), "crate", "crates"),
        );
    }
    out.push_str("\n---\n\n");
}

/// Test, example and benchmark code, and test-harness crates: counted, not written up.
pub fn non_production(report: &Report<'_>, out: &mut String) {
    out.push_str("## Appendix: Findings in Non-Production Code\n\n");
    if report.non_production.is_empty() {
        out.push_str("None.\n\n---\n\n");
        return;
    }
    out.push_str(
        "Not counted in the findings above; listed so the auditor can decide whether any matters \
         (a panic in a test is expected, a permissive CORS layer in an example may be copied).\n\n",
    );
    out.push_str(
        "| Crate | Where | Rule | Count | Files |\n|-------|-------|------|-------|-------|\n",
    );
    for ((crate_index, place, rule), findings) in &report.non_production {
        let files: BTreeSet<&str> = findings.iter().map(|f| f.path.as_str()).collect();
        let mut named: Vec<String> = files
            .iter()
            .take(FILES_PER_ROW)
            .map(|p| code(file_name(p)))
            .collect();
        if files.len() > FILES_PER_ROW {
            named.push(format!("+{} more", files.len() - FILES_PER_ROW));
        }
        outln!(
            out,
            "| {} | {} | {} | {} | {} |",
            escape_inline(&report.result.crates[*crate_index].name),
            cell(place.describe()),
            code(rule),
            findings.len(),
            cell(&named.join(", "))
        );
    }
    out.push_str("\n---\n\n");
}

/// Why each firing rule matters, once, so findings need not repeat it; the fix with examples is
/// one command away rather than pasted into the draft.
pub fn rule_notes(report: &Report<'_>, out: &mut String) {
    let fired: BTreeSet<&str> = report.issues.iter().map(|g| g.rule).collect();
    if fired.is_empty() {
        return;
    }
    out.push_str("## Appendix: Rule Notes\n\n");
    out.push_str(
        "Why each rule that fired matters. Each finding's recommendation is its fix; \
         `ferret explain RULE` prints the rule's page with examples.\n\n",
    );
    for rule in fired {
        let Some(meta) = rules::find(rule).map(|e| e.meta) else {
            continue;
        };
        outln!(out, "### {}\n", code(rule));
        if let Some(risk) = meta.doc_section("Why it matters") {
            out.push_str(&labelled("Risk", risk));
        }
    }
}

/// `**Label**: text`, with block content (a code fence, a list) starting on its own line.
fn labelled(label: &str, text: &str) -> String {
    let starts_block = text.starts_with("```") || text.starts_with("- ") || text.starts_with("* ");
    if starts_block {
        format!("**{label}**:\n\n{text}\n\n")
    } else {
        format!("**{label}**: {text}\n\n")
    }
}
