//! `--format markdown`: an audit-report draft in the shape of the audits ferret was built from
//! (executive summary, per-crate strengths and findings, cross-cutting concerns, methodology,
//! remediation work items). It says only what the scan recorded, and leaves marked places
//! (`_[Auditor: ...]_`) for what only a person can judge. Output is deterministic except for the
//! date, which the caller passes in.
//!
//! `group` turns findings into the draft's findings (one per root cause), `titles` names them,
//! `strengths` states what the evidence proves, `appendix` writes the appendices.

/// `writeln!` for a `String`, which cannot fail.
macro_rules! outln {
    ($out:expr, $($arg:tt)*) => {{
        $out.push_str(&format!($($arg)*));
        $out.push('\n');
    }};
}

mod appendix;
mod calibrate;
mod group;
mod strengths;
mod text;
mod titles;

use std::collections::{BTreeMap, BTreeSet};

use crate::finding::{Dimension, Finding, Severity, SuppressionKind};
use crate::report::markdown_dependencies as dependencies;
use crate::scan::{CrateSummary, ScanResult};
use group::Issue;
use text::{
    cell, code, code_block, dimension_title, escape_inline, file_name, plural, prose, sentence,
    severity_title, status_of, telling_lines,
};

/// Line numbers listed per file, and files listed per finding, before the list is cut short.
const MAX_LINES_PER_FILE: usize = 12;
const MAX_FILES: usize = 10;

/// Today's date (UTC), or the date of `SOURCE_DATE_EPOCH` when set, for reproducible reports.
pub fn report_date() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        });
    civil_date(seconds.div_euclid(86_400))
}

/// `YYYY-MM-DD` of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

pub fn render(result: &ScanResult, date: &str) -> String {
    let report = Report::new(result);
    let mut out = String::new();
    report.header(&mut out, date);
    report.executive_summary(&mut out);
    let mut number = 0;
    for (index, summary) in result.crates.iter().enumerate() {
        if !group::is_harness(summary) {
            number += 1;
            report.crate_section(&mut out, number, index, summary);
        }
    }
    report.cross_cutting(&mut out);
    appendix::methodology(&report, &mut out);
    appendix::remediation(&report, &mut out);
    appendix::non_production(&report, &mut out);
    appendix::rule_notes(&report, &mut out);
    out
}

pub(crate) struct Report<'r> {
    result: &'r ScanResult,
    ran: BTreeSet<&'static str>,
    prefixes: Vec<String>,
    /// The draft's findings in crate order, each crate's numbered most severe first.
    issues: Vec<Issue<'r>>,
    non_production: BTreeMap<(usize, group::Place, &'r str), Vec<&'r Finding>>,
}

impl<'r> Report<'r> {
    fn new(result: &'r ScanResult) -> Report<'r> {
        let names: Vec<&str> = result.crates.iter().map(|c| c.name.as_str()).collect();
        let prefixes = crate_prefixes(&names, &[dependencies::PREFIX]);
        let grouped = group::group(result, &prefixes);
        Report {
            result,
            ran: result.rules_run.iter().map(|m| m.id).collect(),
            prefixes,
            issues: grouped.issues,
            non_production: grouped.non_production,
        }
    }

    fn instances(&self) -> usize {
        self.issues.iter().map(|g| g.instances.len()).sum()
    }

    fn header(&self, out: &mut String, date: &str) {
        let r = self.result;
        let root_name = r.root.file_name().map_or_else(
            || r.root.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let not_analysed = match r.problems.len() {
            0 => String::new(),
            n => format!(" ({n} more could not be analysed; see the Methodology appendix)"),
        };
        outln!(out, "# Audit Report Draft: {}", escape_inline(&root_name));
        out.push('\n');
        outln!(out, "- **Audit Date**: {date}");
        outln!(
            out,
            "- **Scanned Root**: {}",
            code(&r.root.display().to_string())
        );
        outln!(
            out,
            "- **Tool**: ferret {} (reads source only; nothing was compiled or run)",
            env!("CARGO_PKG_VERSION")
        );
        outln!(
            out,
            "- **Scope**: {} {}, {} {}, {} lines of Rust{not_analysed}",
            r.crates.len(),
            plural(r.crates.len(), "crate", "crates"),
            r.files_scanned,
            plural(r.files_scanned, "file", "files"),
            r.lines_scanned,
        );
        outln!(out, "- **Auditor**: _[Auditor: name]_");
        outln!(
            out,
            "- **Status**: Draft generated by ferret; every place marked _[Auditor: ...]_ needs a person"
        );
        out.push_str("\n---\n\n");
    }

    fn executive_summary(&self, out: &mut String) {
        let r = self.result;
        out.push_str("## Executive Summary\n\n");
        let dimensions: BTreeSet<Dimension> = r.rules_run.iter().map(|m| m.dimension).collect();
        let dimension_list: Vec<&str> = dimensions.iter().map(|d| dimension_title(*d)).collect();
        outln!(
            out,
            "ferret scanned {} {} with {} {} in {} audit {} ({}). It reports {} {} in production \
             code ({} {}); each is a lead for the auditor to confirm, re-grade or dismiss.",
            r.crates.len(),
            plural(r.crates.len(), "crate", "crates"),
            r.rules_run.len(),
            plural(r.rules_run.len(), "rule", "rules"),
            dimensions.len(),
            plural(dimensions.len(), "dimension", "dimensions"),
            dimension_list.join(", "),
            self.issues.len(),
            plural(self.issues.len(), "finding", "findings"),
            self.instances(),
            plural(self.instances(), "instance", "instances"),
        );
        out.push('\n');
        out.push_str("### Readiness Verdict\n\n");
        out.push_str("_[Auditor: verdict and the reasoning behind it.]_\n\n");

        out.push_str("### Consolidated Finding Counts (All Crates)\n\n");
        out.push_str("| Severity | Count | Status |\n|----------|-------|--------|\n");
        let advisories = dependencies::advisories(r);
        for severity in Severity::DESCENDING {
            let count = self
                .issues
                .iter()
                .filter(|g| g.severity == severity)
                .count()
                + advisories
                    .iter()
                    .filter(|(_, f)| f.severity == severity)
                    .count();
            let status = if count == 0 {
                "None found"
            } else {
                status_of(severity)
            };
            outln!(out, "| {} | {count} | {status} |", severity_title(severity));
        }
        out.push('\n');
        let non_production: usize = self.non_production.values().map(Vec::len).sum();
        let elsewhere = if non_production > 0 {
            format!(
                " {non_production} more in test, example and benchmark code and in fns nothing \
                 calls are listed in the appendix, not counted here."
            )
        } else {
            String::new()
        };
        let dependency_note = match advisories.len() {
            0 => String::new(),
            n => format!(
                " The counts include {n} dependency {} (`{}-`, in the Dependency Audit).",
                plural(n, "advisory", "advisories"),
                dependencies::PREFIX
            ),
        };
        outln!(
            out,
            "A finding is every instance of one rule in one crate, graded by its most severe \
             instance; findings of other rules on the same line are listed under it. Each names \
             its rule; why a rule matters is written once, in the Rule Notes appendix.{dependency_note}{elsewhere}{}",
            self.suppressed_note(&r.findings.iter().collect::<Vec<_>>()),
        );
        out.push('\n');

        out.push_str("### High-Severity Findings (High and Above)\n\n");
        let mut severe: Vec<&Issue<'_>> = self
            .issues
            .iter()
            .filter(|g| g.severity >= Severity::High)
            .collect();
        let severe_advisories: Vec<&(String, &Finding)> = advisories
            .iter()
            .filter(|(_, f)| f.severity >= Severity::High)
            .collect();
        if severe.is_empty() && severe_advisories.is_empty() {
            out.push_str("No Critical or High findings.\n\n");
        } else {
            out.push_str(
                "| ID | Finding | Crate | Remediation |\n|----|---------|-------|-------------|\n",
            );
            severe.sort_by_key(|g| std::cmp::Reverse(g.severity));
            for (id, f) in severe_advisories {
                outln!(
                    out,
                    "| {id} | {} | Workspace ({}) | {} |",
                    dependencies::headline(f),
                    code(&f.path),
                    titles::DEPENDENCY_UPGRADE,
                );
            }
            for g in severe {
                outln!(
                    out,
                    "| {} | {} | {} | {} |",
                    g.id,
                    cell(&titles::title(g)),
                    escape_inline(&self.result.crates[g.crate_index].name),
                    cell(&titles::work_item(g.rule)),
                );
            }
            out.push('\n');
        }
        out.push_str("---\n\n");
    }

    /// ` Not counted: 1 suppressed in the source, 2 baselined.` (empty when nothing was).
    fn suppressed_note(&self, findings: &[&Finding]) -> String {
        let count = |kind: SuppressionKind| {
            findings
                .iter()
                .filter(|f| f.suppression.as_ref().is_some_and(|s| s.kind == kind))
                .count()
        };
        let in_source = count(SuppressionKind::InSource);
        let baselined = count(SuppressionKind::Baseline);
        let mut parts = Vec::new();
        if in_source > 0 {
            parts.push(format!(
                "{in_source} suppressed in the source (`// ferret: expect(..)` with a reason)"
            ));
        }
        if baselined > 0 {
            parts.push(format!("{baselined} recorded in the baseline"));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!(" Not counted: {}.", parts.join(", "))
        }
    }

    fn crate_section(&self, out: &mut String, number: usize, index: usize, summary: &CrateSummary) {
        outln!(out, "## Crate {number}: {}\n", escape_inline(&summary.name));
        out.push_str("**Overall Rating**: _[Auditor: rating]_\n\n");
        let dir = if summary.dir.is_empty() {
            "the scanned root".to_string()
        } else {
            code(&summary.dir)
        };
        let crate_findings: Vec<&Finding> = self
            .result
            .findings
            .iter()
            .filter(|f| f.crate_name == summary.name)
            .collect();
        outln!(
            out,
            "In {dir}: {} {}{}, {} lines; finding prefix {}.{} _[Auditor: what this crate does.]_\n",
            summary.files,
            plural(summary.files, "file", "files"),
            match summary.test_files {
                0 => String::new(),
                n => format!(" ({n} of them tests, examples or benches)"),
            },
            summary.lines,
            code(&self.prefixes[index]),
            self.suppressed_note(&crate_findings),
        );
        out.push_str("### Strengths\n\n");
        let here: Vec<&Issue<'_>> = self
            .issues
            .iter()
            .filter(|g| g.crate_index == index)
            .collect();
        if self.result.evidence_collected {
            let evidence = strengths::Evidence {
                summary,
                ran: &self.ran,
                issues: here.clone(),
                unreachable: self
                    .non_production
                    .iter()
                    .filter(|((c, place, _), _)| *c == index && *place == group::Place::DeadCode)
                    .flat_map(|(_, findings)| findings.iter().copied())
                    .collect(),
            };
            for strength in strengths::strengths(&evidence) {
                outln!(out, "- {strength}");
            }
        } else {
            out.push_str("- Not computed: this scan did not count evidence.\n");
        }
        out.push_str("- _[Auditor: strengths ferret cannot see: design, validation, tests.]_\n\n");

        if here.is_empty() {
            out.push_str("No findings in production code.\n\n");
        }
        for issue in here {
            self.finding(out, issue);
        }
        out.push_str("---\n\n");
    }

    fn finding(&self, out: &mut String, g: &Issue<'_>) {
        outln!(
            out,
            "### Finding {} ({}): {}\n",
            g.id,
            g.severity.as_str().to_uppercase(),
            titles::title(g)
        );
        let telling = g.telling().finding;
        if g.instances.len() == 1 {
            outln!(
                out,
                "**Location**: {}\n",
                code(&format!("{}:{}", telling.path, telling.line))
            );
        } else {
            outln!(
                out,
                "**Locations** ({} instances{}):\n",
                g.instances.len(),
                severity_mix(g)
            );
            self.locations(out, g);
            out.push('\n');
        }
        outln!(out, "{}\n", sentence(&prose(&telling.message)));
        if let (severity, Some(why)) = calibrate::calibrate(telling) {
            outln!(
                out,
                "**Graded {severity}** (the rule's grade: {}): {why}.\n",
                telling.severity
            );
        }
        // Low and Info findings stay short, as the audits write them.
        if g.severity >= Severity::Medium {
            out.push_str(&code_block(&telling_lines(&telling.snippet)));
            out.push('\n');
        }
        if g.facet_count() > 0 {
            out.push_str("**Same line, other rules**:\n\n");
            for instance in g.instances.iter().filter(|i| !i.facets.is_empty()) {
                for facet in &instance.facets {
                    outln!(
                        out,
                        "- {} {} ({}): {}",
                        code(&format!("{}:{}", file_name(&facet.path), facet.line)),
                        code(&facet.rule),
                        calibrate::severity(facet),
                        prose(&facet.message)
                    );
                }
            }
            out.push('\n');
        }
        outln!(
            out,
            "**Recommendation**: {} ({})\n",
            sentence(&prose(&telling.help)),
            code(g.rule)
        );
    }

    /// One line per file: `` - `src/listener.rs`: 121, 139 (low), 161, … ``.
    fn locations(&self, out: &mut String, g: &Issue<'_>) {
        let mut by_file: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
        for i in &g.instances {
            by_file.entry(&i.finding.path).or_default().push(i.finding);
        }
        let files = by_file.len();
        for (path, findings) in by_file.into_iter().take(MAX_FILES) {
            let mut lines: Vec<String> = findings
                .iter()
                .take(MAX_LINES_PER_FILE)
                .map(|f| {
                    let severity = calibrate::severity(f);
                    if severity == g.severity {
                        f.line.to_string()
                    } else {
                        format!("{} ({severity})", f.line)
                    }
                })
                .collect();
            if findings.len() > MAX_LINES_PER_FILE {
                lines.push(format!("… {} more", findings.len() - MAX_LINES_PER_FILE));
            }
            outln!(out, "- {}: {}", code(path), lines.join(", "));
        }
        if files > MAX_FILES {
            outln!(
                out,
                "- … and {} more files (all are in `ferret --format json`)",
                files - MAX_FILES
            );
        }
    }

    fn cross_cutting(&self, out: &mut String) {
        out.push_str("## Cross-Cutting Concerns\n\n");
        // The Dependency Audit and workspace manifests, where the audits put them.
        crate::report::markdown_dependencies::section(self.result, out);
        let mut by_rule: BTreeMap<&str, Vec<&Issue<'_>>> = BTreeMap::new();
        for g in &self.issues {
            by_rule.entry(g.rule).or_default().push(g);
        }
        let mut systemic: Vec<(&str, Vec<&Issue<'_>>)> =
            by_rule.into_iter().filter(|(_, g)| g.len() > 1).collect();
        let total = |groups: &[&Issue<'_>]| groups.iter().map(|g| g.instances.len()).sum::<usize>();
        let worst = |groups: &[&Issue<'_>]| groups.iter().map(|g| g.severity).max();
        systemic.sort_by(|(a_rule, a), (b_rule, b)| {
            (worst(b), total(b), a_rule).cmp(&(worst(a), total(a), b_rule))
        });
        if !systemic.is_empty() {
            out.push_str(
                "Rules that fire in several crates; each is one batch fix, one work item in the \
                 Remediation Tracking appendix.\n\n",
            );
        }
        for (rule, groups) in &systemic {
            outln!(
                out,
                "### Systemic: {} ({})\n",
                titles::work_item(rule),
                code(rule)
            );
            let distribution: Vec<String> = groups
                .iter()
                .map(|g| {
                    format!(
                        "{} {} ({})",
                        escape_inline(&self.result.crates[g.crate_index].name),
                        g.instances.len(),
                        g.id
                    )
                })
                .collect();
            outln!(
                out,
                "**{} instances** in {} of {} crates: {}.\n",
                total(groups),
                groups.len(),
                self.result.crates.len(),
                distribution.join(", ")
            );
        }
        out.push_str(
            "_[Auditor: workspace-wide concerns ferret cannot see: clippy status, shared \
             configuration.]_\n\n---\n\n",
        );
    }
}

/// `` ; 2 high, 20 medium`` when the instances' severities differ.
fn severity_mix(g: &Issue<'_>) -> String {
    let mut counts: BTreeMap<std::cmp::Reverse<Severity>, usize> = BTreeMap::new();
    for i in &g.instances {
        *counts
            .entry(std::cmp::Reverse(calibrate::severity(i.finding)))
            .or_default() += 1;
    }
    if counts.len() < 2 {
        return String::new();
    }
    let parts: Vec<String> = counts.iter().map(|(s, n)| format!("{n} {}", s.0)).collect();
    format!("; {}", parts.join(", "))
}

/// Short, distinct, stable prefixes for finding ids, one per crate: the audits' `S-` for
/// `tasker-shared`, `P-` for `tasker-pgmq`. Words every crate name shares (`tasker`) are
/// dropped first; on a clash the next candidate (initials, then longer stems) is taken. The
/// `reserved` prefixes (the Dependency Audit's) are taken from the start: no crate gets one.
pub fn crate_prefixes(names: &[&str], reserved: &[&str]) -> Vec<String> {
    let words: Vec<Vec<String>> = names
        .iter()
        .map(|n| {
            n.split(['-', '_', '.'])
                .map(|w| {
                    w.chars()
                        .filter(char::is_ascii_alphanumeric)
                        .collect::<String>()
                        .to_uppercase()
                })
                .filter(|w| !w.is_empty())
                .collect()
        })
        .collect();
    let shared = if words.len() > 1 {
        let first = &words[0];
        (0..first.len())
            .take_while(|&i| words.iter().all(|w| w.get(i) == first.get(i)))
            .count()
    } else {
        0
    };
    let mut taken: BTreeSet<String> = reserved.iter().map(|r| r.to_string()).collect();
    let mut out = Vec::new();
    for w in &words {
        let distinct: Vec<&String> = if w.len() > shared {
            w[shared..].iter().collect()
        } else {
            w.iter().collect()
        };
        let mut candidates: Vec<String> = Vec::new();
        if let Some(first) = distinct.first() {
            candidates.push(first.chars().take(1).collect());
            if distinct.len() > 1 {
                candidates.push(distinct.iter().filter_map(|w| w.chars().next()).collect());
            }
            for len in 2..=first.chars().count() {
                candidates.push(first.chars().take(len).collect());
            }
        }
        let base = candidates
            .first()
            .cloned()
            .unwrap_or_else(|| "C".to_string());
        let chosen = candidates
            .into_iter()
            .find(|c| !taken.contains(c))
            .unwrap_or_else(|| {
                (2..)
                    .map(|n| format!("{base}{n}"))
                    .find(|c| !taken.contains(c))
                    .unwrap_or(base.clone())
            });
        taken.insert(chosen.clone());
        out.push(chosen);
    }
    out
}

/// A finding of `rule` at line 1 of `src/lib.rs` in crate `c`, with nothing else set: the
/// draft's unit tests set what they test.
#[cfg(test)]
fn test_finding(rule: &str, severity: Severity, dimension: Dimension) -> Finding {
    Finding {
        rule: rule.into(),
        severity,
        dimension,
        crate_name: "c".into(),
        path: "src/lib.rs".into(),
        line: 1,
        column: 1,
        end_line: 1,
        end_column: 2,
        message: String::new(),
        help: String::new(),
        in_test: false,
        dead_code: false,
        fingerprint: String::new(),
        snippet: String::new(),
        evidence: Default::default(),
        suppression: None,
        flow: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_follow_the_audit() {
        let names = [
            "tasker-shared",
            "tasker-pgmq",
            "tasker-orchestration",
            "tasker-worker",
            "tasker-client",
            "tasker-cli",
        ];
        assert_eq!(crate_prefixes(&names, &[]), ["S", "P", "O", "W", "C", "CL"]);
        assert_eq!(crate_prefixes(&["tokio"], &[]), ["T"]);
        assert_eq!(
            crate_prefixes(&["tokio", "tokio-util", "tokio-stream"], &[]),
            ["T", "U", "S"]
        );
        assert_eq!(crate_prefixes(&["a", "a", "a"], &[]), ["A", "A2", "A3"]);
    }

    /// The Dependency Audit's prefix is never a crate's: `xtask` and `x` step aside.
    #[test]
    fn reserved_prefixes_are_never_a_crates() {
        assert_eq!(
            crate_prefixes(&["xtask", "x", "db"], &["X"]),
            ["XT", "X2", "D"]
        );
    }

    #[test]
    fn dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(20_489), "2026-02-05");
        assert_eq!(civil_date(11_016), "2000-02-29");
    }
}
