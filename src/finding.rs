//! What a rule reports, and the vocabulary (severity, dimension) shared by every report.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The audits' five severity levels, ordered from least to most severe.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    /// Most severe first, the order the reports list them in.
    pub const DESCENDING: [Severity; 5] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        Severity::DESCENDING
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(text))
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The audit dimensions a rule belongs to (the audits' methodology).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Dimension {
    Security,
    ErrorHandling,
    Resilience,
    LintPolicy,
    Ffi,
    Architecture,
}

impl Dimension {
    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Security => "security",
            Dimension::ErrorHandling => "error-handling",
            Dimension::Resilience => "resilience",
            Dimension::LintPolicy => "lint-policy",
            Dimension::Ffi => "ffi",
            Dimension::Architecture => "architecture",
        }
    }
}

impl std::fmt::Display for Dimension {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a finding is not counted: silenced in the source, recorded in a baseline, or ignored by
/// the configuration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SuppressionKind {
    InSource,
    Baseline,
    /// Ignored by the configuration (an advisory id in `[advisories] ignore`, with its reason).
    Config,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suppression {
    pub kind: SuppressionKind,
    pub justification: String,
}

/// One finding, located in one file. Positions are 1-based; columns count characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub dimension: Dimension,
    #[serde(rename = "crate")]
    pub crate_name: String,
    /// Relative to the scanned root, `/`-separated.
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub message: String,
    pub help: String,
    pub in_test: bool,
    /// Inside a fn nothing in the workspace can reach (`model::Workspace::is_unreferenced_fn`):
    /// set by the scan after analysis, for the audit draft (`ScanOptions::find_dead_code`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dead_code: bool,
    /// Stable across unrelated edits: rule, path, trimmed source line and its occurrence index.
    pub fingerprint: String,
    /// The source lines the finding spans (at most a few), for reports that show code.
    pub snippet: String,
    /// Facts recorded with this instance for report titles and the audit draft's grades: the
    /// engine's `fn` (the enclosing function) and `abi` (`extern` for an FFI export), and
    /// whatever the rule adds (`keyword` for the SQL statement, `values` for what was
    /// interpolated, `placement`, `executor`, `reaches`...).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub evidence: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suppression: Option<Suppression>,
    /// For data-flow findings: the path from the untrusted source to the sink, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flow: Vec<FlowStep>,
}

/// One step of a data-flow path: where the value is, and what happens to it there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowStep {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub note: String,
}

impl Finding {
    pub fn is_suppressed(&self) -> bool {
        self.suppression.is_some()
    }

    /// The order of every report: path, line, column, rule.
    pub fn sort_key(&self) -> (&str, usize, usize, &str, &str) {
        (
            &self.path,
            self.line,
            self.column,
            &self.rule,
            &self.message,
        )
    }
}
