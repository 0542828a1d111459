//! Baselines: a recorded set of findings (by fingerprint) that no longer count, so a codebase with
//! hundreds of old findings can fail CI on new ones only.
//!
//! The file is JSON with one entry per finding, sorted, so that it diffs well; it is written to a
//! temporary file in the same directory and renamed over the old one, so an interrupted run never
//! leaves a truncated baseline behind.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::finding::{Finding, Suppression, SuppressionKind};
use crate::scan::ScanResult;

pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// One recorded finding. Only `fingerprint` is matched; the rest tells a reader what it was.
/// There is no line number: it would change with every unrelated edit above it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub fingerprint: String,
    /// The trimmed source line of the finding.
    pub code: String,
}

#[derive(Debug)]
pub enum BaselineError {
    Read(PathBuf, std::io::Error),
    Parse(PathBuf, serde_json::Error),
    Write(PathBuf, std::io::Error),
}

impl std::fmt::Display for BaselineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BaselineError::Read(p, e) => write!(f, "cannot read baseline {}: {e}", p.display()),
            BaselineError::Parse(p, e) => {
                write!(f, "{}: not a ferret baseline: {e}", p.display())
            }
            BaselineError::Write(p, e) => {
                write!(f, "cannot write baseline {}: {e}", p.display())
            }
        }
    }
}

impl std::error::Error for BaselineError {}

impl Baseline {
    /// The findings that count now (not suppressed in the source), sorted by path, rule and
    /// fingerprint.
    pub fn from_findings<'f>(findings: impl IntoIterator<Item = &'f Finding>) -> Baseline {
        let entries: BTreeSet<Entry> = findings
            .into_iter()
            .filter(|f| !f.is_suppressed())
            .map(|f| Entry {
                path: f.path.clone(),
                rule: f.rule.clone(),
                fingerprint: f.fingerprint.clone(),
                code: f.snippet.lines().next().unwrap_or("").trim().to_string(),
            })
            .collect();
        Baseline {
            version: FORMAT_VERSION,
            findings: entries.into_iter().collect(),
        }
    }

    pub fn read(path: &Path) -> Result<Baseline, BaselineError> {
        let text =
            std::fs::read_to_string(path).map_err(|e| BaselineError::Read(path.into(), e))?;
        serde_json::from_str(&text).map_err(|e| BaselineError::Parse(path.into(), e))
    }

    /// Pretty JSON, one field per line, ending in a newline.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        let mut text = serde_json::to_string_pretty(self)?;
        text.push('\n');
        Ok(text)
    }

    /// Writes to `PATH.tmp-PID` beside `path`, syncs it, then renames it over `path`.
    pub fn write(&self, path: &Path) -> Result<(), BaselineError> {
        let fail = |e| BaselineError::Write(path.into(), e);
        let name = path
            .file_name()
            .ok_or_else(|| fail(std::io::Error::other("not a file name")))?;
        let mut temp_name = name.to_os_string();
        temp_name.push(format!(".tmp-{}", std::process::id()));
        let temp = path.with_file_name(temp_name);
        let json = self.to_json().map_err(|e| fail(e.into()))?;
        let written = std::fs::File::create(&temp).and_then(|mut file| {
            file.write_all(json.as_bytes())?;
            file.sync_all()
        });
        if let Err(e) = written.and_then(|()| std::fs::rename(&temp, path)) {
            // Leave no temporary file behind; the error that matters is the one above.
            if temp.exists() && std::fs::remove_file(&temp).is_err() {
                eprintln!("warning: could not remove {}", temp.display());
            }
            return Err(fail(e));
        }
        Ok(())
    }
}

/// What applying a baseline did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Applied {
    /// Findings now marked as baselined.
    pub baselined: usize,
    /// Entries of rules that ran which matched no finding: fixed since, and safe to prune.
    pub stale: usize,
}

/// Marks findings recorded in `baseline` as suppressed (kind `Baseline`). Findings already
/// suppressed in the source keep that suppression but still keep their entry from being stale.
pub fn apply(result: &mut ScanResult, baseline: &Baseline, file: &Path) -> Applied {
    let recorded: BTreeSet<&str> = baseline
        .findings
        .iter()
        .map(|e| e.fingerprint.as_str())
        .collect();
    let justification = format!("recorded in the baseline {}", file.display());
    let mut matched: BTreeSet<String> = BTreeSet::new();
    let mut baselined = 0;
    for finding in &mut result.findings {
        if !recorded.contains(finding.fingerprint.as_str()) {
            continue;
        }
        matched.insert(finding.fingerprint.clone());
        if finding.suppression.is_none() {
            finding.suppression = Some(Suppression {
                kind: SuppressionKind::Baseline,
                justification: justification.clone(),
            });
            baselined += 1;
        }
    }
    let ran: BTreeSet<&str> = result.rules_run.iter().map(|m| m.id).collect();
    let stale = baseline
        .findings
        .iter()
        .filter(|e| ran.contains(e.rule.as_str()) && !matched.contains(&e.fingerprint))
        .count();
    Applied { baselined, stale }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Dimension, Severity};

    fn finding(path: &str, rule: &str, fingerprint: &str) -> Finding {
        Finding {
            rule: rule.into(),
            severity: Severity::Medium,
            dimension: Dimension::LintPolicy,
            crate_name: "c".into(),
            path: path.into(),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 2,
            message: "m".into(),
            help: "h".into(),
            in_test: false,
            dead_code: false,
            fingerprint: fingerprint.into(),
            snippet: "    #[allow(dead_code)]\nstruct S;".into(),
            evidence: Default::default(),
            suppression: None,
            flow: Vec::new(),
        }
    }

    #[test]
    fn entries_are_sorted_and_skip_inline_suppressed() {
        let mut suppressed = finding("a.rs", "allow-attribute", "03");
        suppressed.suppression = Some(Suppression {
            kind: SuppressionKind::InSource,
            justification: "why".into(),
        });
        let findings = [
            finding("b.rs", "allow-attribute", "01"),
            finding("a.rs", "allow-attribute", "02"),
            suppressed,
        ];
        let baseline = Baseline::from_findings(&findings);
        let order: Vec<&str> = baseline
            .findings
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect();
        assert_eq!(order, ["02", "01"]);
        assert_eq!(baseline.findings[0].code, "#[allow(dead_code)]");
    }

    #[test]
    fn write_is_atomic_and_round_trips() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("baseline.json");
        std::fs::write(&path, "old").expect("write");
        let baseline = Baseline::from_findings(&[finding("a.rs", "allow-attribute", "01")]);
        baseline.write(&path).expect("written");
        assert_eq!(Baseline::read(&path).expect("read"), baseline);
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(leftovers, ["baseline.json"]);
    }
}
