//! `--format markdown`: an audit-report draft in the shape of the audits ferret was built from
//! (executive summary, per-crate strengths and findings, systemic concerns, methodology,
//! remediation table). It says only what the scan measured, and leaves marked places
//! (`_[Auditor: ...]_`) for what only a person can judge. Output is deterministic except for the
//! date, which the caller passes in.

use std::collections::{BTreeMap, BTreeSet};

use crate::analyze::UNSAFE_OBSERVATION;
use crate::finding::{Dimension, Finding, Severity, SuppressionKind};
use crate::report::markdown_dependencies as dependencies;
use crate::report::safe_text::{multi_line, one_line};
use crate::rules::{self, RuleMeta};
use crate::scan::{CrateSummary, ScanResult};

/// `writeln!` for a `String`, which cannot fail.
macro_rules! outln {
    ($out:expr, $($arg:tt)*) => {{
        $out.push_str(&format!($($arg)*));
        $out.push('\n');
    }};
}

/// Locations listed per finding before the list is cut short.
const MAX_LOCATIONS: usize = 30;

/// Rules the engine runs to police suppressions; they back no strength.
const ENGINE_RULES: &[&str] = &["suppression-without-reason", "unused-suppression"];

/// Evidence keys recorded by rules (`Ctx::observe`).
const EXPECT_WITH_REASON: &str = "allow-attribute/expect-with-reason";
const ALLOW_SEEN: &str = "allow-attribute/allow";
const BOUNDED_CHANNEL: &str = "unbounded-channel/bounded";
const CHECKED_SQL_MACRO: &str = "sql-interpolation/checked-macro";

/// One finding of the report: every active instance of one rule at one severity in one crate.
struct Group<'r> {
    id: String,
    crate_index: usize,
    rule: &'r str,
    meta: Option<&'static RuleMeta>,
    severity: Severity,
    instances: Vec<&'r Finding>,
}

impl Group<'_> {
    fn title(&self) -> String {
        match self.meta {
            Some(meta) => meta.summary.to_string(),
            None => format!("`{}` findings", self.rule),
        }
    }

    fn first_location(&self) -> String {
        let first = self.instances[0];
        let more = match self.instances.len() {
            1 => String::new(),
            n => format!(" (+{} more)", n - 1),
        };
        format!("{}{more}", code(&format!("{}:{}", first.path, first.line)))
    }
}

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
    for (index, summary) in result.crates.iter().enumerate() {
        report.crate_section(&mut out, index, summary);
    }
    report.cross_cutting(&mut out);
    report.methodology(&mut out);
    report.remediation(&mut out);
    out
}

struct Report<'r> {
    result: &'r ScanResult,
    ran: BTreeSet<&'static str>,
    prefixes: Vec<String>,
    /// Every finding (suppressed too) by crate index: evidence for strengths.
    all_by_crate: Vec<Vec<&'r Finding>>,
    /// Findings groups in crate order, each crate's numbered most severe first.
    groups: Vec<Group<'r>>,
}

impl<'r> Report<'r> {
    fn new(result: &'r ScanResult) -> Report<'r> {
        let names: Vec<&str> = result.crates.iter().map(|c| c.name.as_str()).collect();
        let prefixes = crate_prefixes(&names);
        let mut all_by_crate: Vec<Vec<&Finding>> = vec![Vec::new(); result.crates.len()];
        for f in &result.findings {
            if let Some(i) = result.crates.iter().position(|c| c.name == f.crate_name) {
                all_by_crate[i].push(f);
            }
        }
        let mut groups = Vec::new();
        for (crate_index, findings) in all_by_crate.iter().enumerate() {
            let mut by_rule: BTreeMap<(&str, Severity), Vec<&Finding>> = BTreeMap::new();
            let in_crate_sections =
                |f: &&&Finding| !f.is_suppressed() && !dependencies::is_dependency_rule(&f.rule);
            for f in findings.iter().filter(in_crate_sections) {
                by_rule.entry((&f.rule, f.severity)).or_default().push(f);
            }
            let mut crate_groups: Vec<Group<'_>> = by_rule
                .into_iter()
                .map(|((rule, severity), instances)| Group {
                    id: String::new(),
                    crate_index,
                    rule,
                    meta: rules::find(rule).map(|e| e.meta),
                    severity,
                    instances,
                })
                .collect();
            crate_groups.sort_by(|a, b| {
                (b.severity, b.instances.len(), a.rule).cmp(&(
                    a.severity,
                    a.instances.len(),
                    b.rule,
                ))
            });
            for (n, group) in crate_groups.iter_mut().enumerate() {
                group.id = format!("{}-{}", prefixes[crate_index], n + 1);
            }
            groups.extend(crate_groups);
        }
        Report {
            result,
            ran: result.rules_run.iter().map(|m| m.id).collect(),
            prefixes,
            all_by_crate,
            groups,
        }
    }

    fn instances(&self) -> usize {
        self.groups.iter().map(|g| g.instances.len()).sum()
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
            "ferret scanned {} {} with {} {} in {} audit {} ({}). It reports {} {} ({} {}); \
             each is a lead for the auditor to confirm, re-grade or dismiss.",
            r.crates.len(),
            plural(r.crates.len(), "crate", "crates"),
            r.rules_run.len(),
            plural(r.rules_run.len(), "rule", "rules"),
            dimensions.len(),
            plural(dimensions.len(), "dimension", "dimensions"),
            dimension_list.join(", "),
            self.groups.len(),
            plural(self.groups.len(), "finding", "findings"),
            self.instances(),
            plural(self.instances(), "instance", "instances"),
        );
        out.push('\n');
        out.push_str("### Readiness Verdict\n\n");
        out.push_str("_[Auditor: verdict and the reasoning behind it.]_\n\n");

        out.push_str("### Consolidated Finding Counts (All Crates)\n\n");
        out.push_str("| Severity | Count | Status |\n|----------|-------|--------|\n");
        for severity in Severity::DESCENDING {
            let count = self
                .groups
                .iter()
                .filter(|g| g.severity == severity)
                .count();
            let status = if count == 0 {
                "None found"
            } else {
                status_of(severity)
            };
            outln!(out, "| {} | {count} | {status} |", severity_title(severity));
        }
        out.push('\n');
        outln!(
            out,
            "A finding is every instance of one rule at one severity in one crate; the {} {} \
             cover {} {}.{}",
            self.groups.len(),
            plural(self.groups.len(), "finding", "findings"),
            self.instances(),
            plural(self.instances(), "instance", "instances"),
            self.suppressed_note(&r.findings.iter().collect::<Vec<_>>()),
        );
        out.push('\n');

        out.push_str("### High-Severity Findings (High and Above)\n\n");
        let severe: Vec<&Group<'_>> = self
            .groups
            .iter()
            .filter(|g| g.severity >= Severity::High)
            .collect();
        if severe.is_empty() {
            out.push_str("No Critical or High findings.\n\n");
        } else {
            out.push_str(
                "| ID | Finding | Crate | Location |\n|----|---------|-------|----------|\n",
            );
            let mut ordered = severe;
            ordered.sort_by_key(|g| std::cmp::Reverse(g.severity));
            for g in ordered {
                outln!(
                    out,
                    "| {} | {} | {} | {} |",
                    g.id,
                    cell(&g.title()),
                    cell(&escape_inline(&self.result.crates[g.crate_index].name)),
                    cell(&g.first_location()),
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

    fn crate_section(&self, out: &mut String, index: usize, summary: &CrateSummary) {
        outln!(
            out,
            "## Crate {}: {}\n",
            index + 1,
            escape_inline(&summary.name)
        );
        out.push_str("**Overall Rating**: _[Auditor: rating]_\n\n");
        let dir = if summary.dir.is_empty() {
            "the scanned root".to_string()
        } else {
            code(&summary.dir)
        };
        outln!(
            out,
            "In {dir}: {} {}, {} lines; finding prefix {}.{} _[Auditor: what this crate does.]_\n",
            summary.files,
            plural(summary.files, "file", "files"),
            summary.lines,
            code(&self.prefixes[index]),
            self.suppressed_note(&self.all_by_crate[index]),
        );
        out.push_str("### Strengths\n\n");
        for strength in self.strengths(index, summary) {
            outln!(out, "- {strength}");
        }
        out.push_str("- _[Auditor: strengths ferret cannot see: design, validation, tests.]_\n\n");

        for group in self.groups.iter().filter(|g| g.crate_index == index) {
            self.finding(out, group);
        }
        out.push_str("---\n\n");
    }

    /// Strengths the counts prove; each needs the rule that measures it to have run.
    fn strengths(&self, index: usize, summary: &CrateSummary) -> Vec<String> {
        let observed = |key: &str| summary.observations.get(key).copied().unwrap_or(0);
        let findings_of = |rule: &str| {
            self.all_by_crate[index]
                .iter()
                .filter(|f| f.rule == rule)
                .count()
        };
        let mut out = Vec::new();
        let mut covered: BTreeSet<&str> = ENGINE_RULES.iter().copied().collect();
        if observed(UNSAFE_OBSERVATION) == 0 {
            out.push(format!(
                "**Zero `unsafe` code**: no `unsafe` block, function, impl or trait in the {} {} ferret parsed",
                summary.files,
                plural(summary.files, "file", "files")
            ));
        }
        let bounded = observed(BOUNDED_CHANNEL);
        if self.ran.contains("unbounded-channel")
            && bounded > 0
            && findings_of("unbounded-channel") == 0
        {
            covered.insert("unbounded-channel");
            out.push(format!(
                "**All channels bounded** ({bounded} {}, 0 unbounded)",
                plural(bounded as usize, "channel", "channels")
            ));
        }
        let checked = observed(CHECKED_SQL_MACRO);
        if self.ran.contains("sql-interpolation")
            && checked > 0
            && findings_of("sql-interpolation") == 0
        {
            covered.insert("sql-interpolation");
            out.push(format!(
                "**SQL through compile-time checked `sqlx::query!` macros** ({checked} {}, 0 interpolated)",
                plural(checked as usize, "use", "uses")
            ));
        }
        let expects = observed(EXPECT_WITH_REASON);
        if self.ran.contains("allow-attribute")
            && expects > 0
            && observed(ALLOW_SEEN) == 0
            && findings_of("allow-attribute") == 0
        {
            covered.insert("allow-attribute");
            out.push(format!(
                "**Lint policy compliant**: uses `#[expect]` with reasons ({expects} {}, 0 `#[allow]`)",
                plural(expects as usize, "attribute", "attributes")
            ));
        }
        let clean: Vec<String> = self
            .result
            .rules_run
            .iter()
            .filter(|m| !covered.contains(m.id) && findings_of(m.id) == 0)
            // Rules that report on manifests and lockfiles say nothing about a crate's code.
            .filter(|m| {
                rules::find(m.id)
                    .and_then(|e| e.workspace)
                    .is_none_or(|w| w.check.is_none())
            })
            .map(|m| code(m.id))
            .collect();
        if !clean.is_empty() {
            out.push(format!(
                "**No findings** from {} (rules that ran on this crate)",
                clean.join(", ")
            ));
        }
        out
    }

    fn finding(&self, out: &mut String, g: &Group<'_>) {
        outln!(
            out,
            "### Finding {} ({}): {}\n",
            g.id,
            g.severity.as_str().to_uppercase(),
            g.title()
        );
        let first = g.instances[0];
        if g.instances.len() == 1 {
            outln!(out, "**Location**: {}\n", location(first));
            outln!(out, "{}\n", prose(&sentence(&first.message)));
        } else {
            outln!(
                out,
                "**Locations** ({} instances of {}):\n",
                g.instances.len(),
                code(g.rule)
            );
            for f in g.instances.iter().take(MAX_LOCATIONS) {
                outln!(out, "- {} — {}", location(f), prose(&f.message));
            }
            if g.instances.len() > MAX_LOCATIONS {
                outln!(
                    out,
                    "- … and {} more (all are in `ferret --format json`)",
                    g.instances.len() - MAX_LOCATIONS
                );
            }
            out.push_str("\nFirst instance:\n\n");
        }
        out.push_str(&code_block(&first.snippet));
        out.push('\n');
        // The rule's page is quoted once; later findings of the same rule point back to it.
        let first_of_rule = self
            .groups
            .iter()
            .find(|other| other.rule == g.rule)
            .filter(|other| other.id != g.id);
        if let Some(earlier) = first_of_rule {
            outln!(
                out,
                "**Risk** and **Recommendation**: as in Finding {}.\n",
                earlier.id
            );
        } else if let Some(meta) = g.meta {
            if let Some(risk) = meta.doc_section("Why it matters") {
                out.push_str(&labelled("Risk", risk));
            }
            if let Some(fix) = meta.doc_section("Fix") {
                out.push_str(&labelled("Recommendation", fix));
            }
        } else {
            out.push_str(&labelled("Recommendation", &sentence(&first.help)));
        }
    }

    fn cross_cutting(&self, out: &mut String) {
        out.push_str("## Cross-Cutting Concerns\n\n");
        dependencies::section(self.result, out);
        let mut by_rule: BTreeMap<&str, Vec<&Group<'_>>> = BTreeMap::new();
        for g in &self.groups {
            by_rule.entry(g.rule).or_default().push(g);
        }
        let mut systemic: Vec<(&str, Vec<&Group<'_>>)> = by_rule
            .into_iter()
            .filter(|(_, groups)| {
                groups
                    .iter()
                    .map(|g| g.crate_index)
                    .collect::<BTreeSet<_>>()
                    .len()
                    > 1
            })
            .collect();
        let total = |groups: &[&Group<'_>]| groups.iter().map(|g| g.instances.len()).sum::<usize>();
        let worst = |groups: &[&Group<'_>]| groups.iter().map(|g| g.severity).max();
        systemic.sort_by(|(a_rule, a), (b_rule, b)| {
            (worst(b), total(b), a_rule).cmp(&(worst(a), total(a), b_rule))
        });
        if systemic.is_empty() {
            out.push_str("No rule fires in more than one crate.\n\n");
        }
        for (rule, groups) in &systemic {
            let meta = rules::find(rule).map(|e| e.meta);
            let title = meta.map_or_else(|| code(rule), |m| m.summary.to_string());
            outln!(out, "### Systemic: {title} ({})\n", code(rule));
            let crates: BTreeSet<usize> = groups.iter().map(|g| g.crate_index).collect();
            outln!(
                out,
                "**{} instances** across {} of {} crates. Distribution:\n",
                total(groups),
                crates.len(),
                self.result.crates.len()
            );
            for (index, summary) in self.result.crates.iter().enumerate() {
                let here: Vec<&&Group<'_>> =
                    groups.iter().filter(|g| g.crate_index == index).collect();
                let n: usize = here.iter().map(|g| g.instances.len()).sum();
                let ids: Vec<&str> = here.iter().map(|g| g.id.as_str()).collect();
                let detail = if ids.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", ids.join(", "))
                };
                outln!(
                    out,
                    "- {}: {n} {}{detail}",
                    escape_inline(&summary.name),
                    plural(n, "instance", "instances")
                );
            }
            let first_id = groups.first().map_or("", |g| g.id.as_str());
            outln!(
                out,
                "\n**Recommendation**: fix in one batch across the crates; the rule's fix is under Finding {first_id}.\n"
            );
        }
        out.push_str(
            "_[Auditor: workspace-wide concerns ferret cannot see: clippy status, shared \
             configuration.]_\n\n---\n\n",
        );
    }

    fn methodology(&self, out: &mut String) {
        out.push_str("## Appendix: Methodology\n\n");
        out.push_str(
            "ferret parsed each file once (no compilation) and ran these rules, grouped by the \
             audit dimensions:\n\n",
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
            let rules: Vec<String> = self
                .result
                .rules_run
                .iter()
                .filter(|m| m.dimension == *dimension)
                .map(|m| format!("{} ({})", code(m.id), m.summary))
                .collect();
            let covered = if rules.is_empty() {
                "no rule ran; not covered by this scan".to_string()
            } else {
                rules.join("; ")
            };
            outln!(
                out,
                "{}. **{}**: {covered}",
                n + 1,
                dimension_title(*dimension)
            );
        }
        out.push_str(
            "\nWhat ferret cannot see: runtime behaviour (timeouts, panics actually reached, load), \
             data flow across functions and crates, types and trait resolution, macro expansion \
             beyond the macro bodies it parses, configuration and deployment. Severities are the rules' defaults or graded by the \
             rule from what it saw; the auditor re-grades where context says otherwise.\n\n",
        );
        outln!(out, "{}\n", dependencies::methodology_line(self.result));
        if !self.result.problems.is_empty() {
            outln!(
                out,
                "Files not analysed ({}):\n",
                self.result.problems.len()
            );
            for p in self.result.problems.iter().take(MAX_LOCATIONS) {
                outln!(out, "- {}: {}", code(&p.path), prose(&p.message));
            }
            if self.result.problems.len() > MAX_LOCATIONS {
                outln!(
                    out,
                    "- … and {} more",
                    self.result.problems.len() - MAX_LOCATIONS
                );
            }
            out.push('\n');
        }
        out.push_str("_[Auditor: what was reviewed by hand, and how.]_\n\n---\n\n");
    }

    fn remediation(&self, out: &mut String) {
        out.push_str("## Appendix: Remediation Tracking\n\n");
        if self.groups.is_empty() {
            out.push_str("Nothing to track: ferret reports no findings.\n");
            return;
        }
        out.push_str(
            "| Work Item | Findings | Priority | Summary |\n|-----------|----------|----------|---------|\n",
        );
        let mut by_rule: BTreeMap<&str, Vec<&Group<'_>>> = BTreeMap::new();
        for g in &self.groups {
            by_rule.entry(g.rule).or_default().push(g);
        }
        let mut rows: Vec<(Severity, &str, Vec<&Group<'_>>)> = by_rule
            .into_iter()
            .map(|(rule, groups)| {
                let worst = groups
                    .iter()
                    .map(|g| g.severity)
                    .max()
                    .unwrap_or(Severity::Info);
                (worst, rule, groups)
            })
            .collect();
        rows.sort_by(|a, b| (b.0, a.1).cmp(&(a.0, b.1)));
        for (worst, rule, groups) in rows {
            let ids: Vec<&str> = groups.iter().map(|g| g.id.as_str()).collect();
            let summary = rules::find(rule).map_or("", |e| e.meta.summary);
            outln!(
                out,
                "| Fix {} | {} | {} | {} |",
                code(rule),
                ids.join(", "),
                priority(worst),
                cell(summary)
            );
        }
    }
}

fn plural<'s>(n: usize, one: &'s str, many: &'s str) -> &'s str {
    if n == 1 { one } else { many }
}

fn severity_title(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "Critical",
        Severity::High => "High",
        Severity::Medium => "Medium",
        Severity::Low => "Low",
        Severity::Info => "Info",
    }
}

fn status_of(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "Fix immediately",
        Severity::High => "Must fix before release",
        Severity::Medium => "Fix, or document as a known limitation",
        Severity::Low => "Track",
        Severity::Info => "For information",
    }
}

fn priority(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "Urgent",
        Severity::High => "High",
        Severity::Medium => "Medium",
        Severity::Low | Severity::Info => "Low",
    }
}

fn dimension_title(dimension: Dimension) -> &'static str {
    match dimension {
        Dimension::Security => "Security",
        Dimension::ErrorHandling => "Error Handling",
        Dimension::Resilience => "Resilience",
        Dimension::LintPolicy => "Lint Policy",
        Dimension::Ffi => "FFI",
        Dimension::Architecture => "Architecture",
    }
}

/// `path:line`, marked when in test code.
fn location(f: &Finding) -> String {
    let test = if f.in_test { " (test code)" } else { "" };
    format!("{}{test}", code(&format!("{}:{}", f.path, f.line)))
}

/// A message (which may quote scanned code) as Markdown: its `code` spans stay code spans, the
/// rest is escaped text. A stray backtick only shifts which parts are code; every part is safe.
fn prose(message: &str) -> String {
    message
        .split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                code(part)
            } else {
                escape_inline(part)
            }
        })
        .collect()
}

/// A message as a sentence: capitalised and ending in a full stop.
fn sentence(text: &str) -> String {
    let mut s = text.trim().to_string();
    if let Some(first) = s.chars().next()
        && first.is_lowercase()
    {
        s = first.to_uppercase().chain(s.chars().skip(1)).collect();
    }
    if !s.ends_with(['.', '!', '?']) {
        s.push('.');
    }
    s
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

/// Inline code that survives backticks in the text (and control characters: see `safe_text`).
fn code(text: &str) -> String {
    let text = one_line(text);
    let text = text.as_ref();
    let longest = longest_run(text, '`');
    if longest == 0 {
        return format!("`{text}`");
    }
    let fence = "`".repeat(longest + 1);
    format!("{fence} {text} {fence}")
}

fn longest_run(text: &str, c: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// A fenced Rust block of the snippet, dedented, fenced longer than any backtick run inside.
fn code_block(snippet: &str) -> String {
    let snippet = multi_line(snippet);
    let snippet = snippet.as_ref();
    let lines: Vec<&str> = snippet.lines().collect();
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let body: Vec<&str> = lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or_else(|| l.trim_start()))
        .collect();
    let fence = "`".repeat(longest_run(snippet, '`').max(2) + 1);
    format!("{fence}rust\n{}\n{fence}\n", body.join("\n"))
}

/// Text for a table cell: pipes escaped, on one line.
fn cell(text: &str) -> String {
    one_line(&text.replace(['\n', '\r'], " ")).replace('|', "\\|")
}

/// Text for a heading or list item that must not start Markdown syntax of its own: no emphasis,
/// link, raw HTML, entity, table break or control character.
fn escape_inline(text: &str) -> String {
    let text = one_line(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '*' | '_' | '[' | ']' | '<' | '>' | '#' | '`' | '\\' | '|' | '&' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Short, distinct, stable prefixes for finding ids, one per crate: the audits' `S-` for
/// `tasker-shared`, `P-` for `tasker-pgmq`. Words every crate name shares (`tasker`) are
/// dropped first; on a clash the next candidate (initials, then longer stems) is taken.
pub fn crate_prefixes(names: &[&str]) -> Vec<String> {
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
    let mut taken: BTreeSet<String> = BTreeSet::new();
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
        assert_eq!(crate_prefixes(&names), ["S", "P", "O", "W", "C", "CL"]);
        assert_eq!(crate_prefixes(&["tokio"]), ["T"]);
        assert_eq!(
            crate_prefixes(&["tokio", "tokio-util", "tokio-stream"]),
            ["T", "U", "S"]
        );
        assert_eq!(crate_prefixes(&["a", "a", "a"]), ["A", "A2", "A3"]);
    }

    #[test]
    fn dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(20_489), "2026-02-05");
        assert_eq!(civil_date(11_016), "2000-02-29");
    }

    #[test]
    fn inline_helpers() {
        assert_eq!(code("a`b"), "`` a`b ``");
        assert_eq!(cell("map_err(|_| e)"), "map_err(\\|_\\| e)");
        assert_eq!(sentence("no reason given"), "No reason given.");
        assert_eq!(code_block("    a\n      b"), "```rust\na\n  b\n```\n");
    }
}
