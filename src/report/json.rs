//! `--format json`: one document with the tool, the scan, counts, findings and problems.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::finding::{Finding, Severity};
use crate::scan::{FileProblem, IndexStats, ScanResult};
use crate::workspace::advisories::DbInfo;

#[derive(Serialize)]
struct Document<'a> {
    tool: &'static str,
    version: &'static str,
    root: String,
    files_scanned: usize,
    lines_scanned: usize,
    files_generated: usize,
    /// Files the workspace model indexed, and how many of them came from the cache; absent when
    /// the scan did not build the model.
    #[serde(skip_serializing_if = "Option::is_none")]
    model_index: Option<IndexStats>,
    counts: Counts,
    findings: Vec<&'a Finding>,
    problems: &'a [FileProblem],
    /// The RustSec database the dependency rules read, when they ran on a lockfile.
    #[serde(skip_serializing_if = "Option::is_none")]
    advisory_db: Option<&'a DbInfo>,
}

#[derive(Serialize)]
struct Counts {
    /// Findings that count (not suppressed), by severity.
    by_severity: BTreeMap<Severity, usize>,
    total: usize,
    suppressed: usize,
    problems: usize,
}

pub fn render(result: &ScanResult) -> String {
    let mut by_severity: BTreeMap<Severity, usize> =
        Severity::DESCENDING.iter().map(|s| (*s, 0)).collect();
    for f in result.active_findings() {
        *by_severity.entry(f.severity).or_default() += 1;
    }
    let total = result.active_findings().count();
    let doc = Document {
        tool: "ferret",
        version: env!("CARGO_PKG_VERSION"),
        root: result.root.display().to_string(),
        files_scanned: result.files_scanned,
        lines_scanned: result.lines_scanned,
        files_generated: result.files_generated,
        model_index: result.model_index,
        counts: Counts {
            by_severity,
            total,
            suppressed: result.findings.len() - total,
            problems: result.problems.len(),
        },
        findings: result.findings.iter().collect(),
        problems: &result.problems,
        advisory_db: result.advisory_db.as_ref(),
    };
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_else(|e| {
        // Serialising plain data cannot fail; say so loudly if it ever does.
        format!("{{\"error\": \"cannot serialise the report: {e}\"}}")
    });
    text.push('\n');
    crate::report::safe_text::json(text)
}
