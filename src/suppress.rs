//! Inline suppressions: `// ferret: expect(RULE-ID[, RULE-ID]) reason text`.
//!
//! A comment on its own line covers the next line; a comment after code covers its own line.
//! Suppressed findings are kept (SARIF shows them as suppressed) but no longer count. A
//! suppression with no reason, or one that silences nothing, is itself a finding.

use crate::finding::{Finding, Suppression, SuppressionKind};
use crate::source::SourceFile;

#[derive(Debug)]
pub struct InlineSuppression {
    /// The line of the comment.
    pub line: usize,
    /// The line whose findings it silences.
    pub target: usize,
    pub rules: Vec<String>,
    pub reason: String,
    used: Vec<bool>,
}

const MARKER: &str = "ferret:";

/// Cheap check before any comment is scanned: a file without the marker has no suppression.
pub fn may_contain_suppression(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), MARKER.as_bytes()).is_some()
}

pub fn parse(source: &SourceFile<'_>) -> Vec<InlineSuppression> {
    if !may_contain_suppression(source.text) {
        return Vec::new();
    }
    source
        .comments()
        .iter()
        .filter_map(|c| {
            let rest = c.text.strip_prefix(MARKER)?.trim_start();
            let rest = rest.strip_prefix("expect")?.trim_start();
            let rest = rest.strip_prefix('(')?;
            let close = rest.find(')')?;
            let rules: Vec<String> = rest[..close]
                .split(',')
                .map(|r| r.trim().to_string())
                .filter(|r| !r.is_empty())
                .collect();
            // `//~` starts a corpus annotation, never part of the reason.
            let reason = rest[close + 1..].split("//~").next().unwrap_or("");
            let reason = reason.trim().trim_start_matches([':', '-', '—']).trim();
            Some(InlineSuppression {
                line: c.line,
                target: if c.trailing { c.line } else { c.end_line + 1 },
                used: vec![false; rules.len()],
                rules,
                reason: reason.to_string(),
            })
        })
        .collect()
}

/// Marks every finding that a suppression covers. Findings of the engine's own two rules cannot
/// be suppressed inline (that would be a suppression of a suppression).
pub fn apply(findings: &mut [Finding], suppressions: &mut [InlineSuppression]) {
    for finding in findings.iter_mut() {
        for sup in suppressions.iter_mut() {
            if sup.target != finding.line {
                continue;
            }
            if let Some(i) = sup.rules.iter().position(|r| *r == finding.rule) {
                sup.used[i] = true;
                finding.suppression = Some(Suppression {
                    kind: SuppressionKind::InSource,
                    justification: sup.reason.clone(),
                });
            }
        }
    }
}

/// What is wrong with a suppression after it has been applied.
pub enum Problem<'s> {
    NoReason(&'s InlineSuppression),
    /// The suppression names `rule` and silenced nothing; `known` is false for unknown ids.
    Unused {
        sup: &'s InlineSuppression,
        rule: &'s str,
        known: bool,
    },
}

/// Problems to report. `ran(rule)` says whether a rule ran on this file: a suppression of a rule
/// that did not run may well be needed, so it is not called unused.
pub fn problems<'s>(
    suppressions: &'s [InlineSuppression],
    ran: impl Fn(&str) -> bool,
    known: impl Fn(&str) -> bool,
) -> Vec<Problem<'s>> {
    let mut out = Vec::new();
    for sup in suppressions {
        if sup.reason.is_empty() {
            out.push(Problem::NoReason(sup));
        }
        for (rule, used) in sup.rules.iter().zip(&sup.used) {
            let is_known = known(rule);
            if !used && (!is_known || ran(rule)) {
                out.push(Problem::Unused {
                    sup,
                    rule,
                    known: is_known,
                });
            }
        }
    }
    out
}
