//! `vulnerable-dependency`: a locked package version with a RustSec security advisory.

use crate::finding::{Dimension, Finding, Severity};
use crate::rules::{EngineRule, LiteralScope, Precision, RuleEntry, RuleMeta};
use crate::workspace::advisories::{self, Kind};
use crate::workspace::{WorkspaceCtx, WorkspaceHooks};

pub static META: RuleMeta = RuleMeta {
    id: "vulnerable-dependency",
    dimension: Dimension::Security,
    default_severity: Severity::High,
    summary: "a `Cargo.lock` package version has a RustSec security advisory (severity from its CVSS score, else high)",
    doc: include_str!("../../rules/vulnerable-dependency.md"),
    enabled_by_default: true,
    production_only: false,
    precision: Precision::VeryHigh,
    literals: &[],
    pattern: None,
    literal_scope: LiteralScope::Workspace,
};

static HOOKS: WorkspaceHooks = WorkspaceHooks {
    check: Some(check),
    keep: None,
    needs_advisories: true,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, EngineRule, &HOOKS);

fn check(cx: &WorkspaceCtx<'_>, out: &mut Vec<Finding>) {
    for m in advisories::matches(cx, Kind::Vulnerability) {
        let advisory = &m.vulnerability.advisory;
        let severity = match advisory.cvss.as_ref().map(|c| c.severity()) {
            Some(rustsec::advisory::Severity::Critical) => Severity::Critical,
            Some(rustsec::advisory::Severity::High) | None => Severity::High,
            Some(rustsec::advisory::Severity::Medium) => Severity::Medium,
            Some(rustsec::advisory::Severity::Low) => Severity::Low,
            Some(rustsec::advisory::Severity::None) => Severity::Info,
        };
        let package = &m.vulnerability.package;
        let message = format!(
            "`{}` {} is affected by {} ({}); patched: {}; pulled in by {}",
            package.name,
            package.version,
            m.id(),
            advisory.title.trim(),
            m.patched_text(),
            m.path_text()
        );
        let help = if m.vulnerability.versions.patched().is_empty() {
            format!(
                "no patched version exists: replace `{}` or confirm the affected code is unreachable, then list {} under `[advisories] ignore` in ferret.toml with the reason",
                package.name,
                m.id()
            )
        } else {
            format!(
                "upgrade to a patched version (`cargo update -p {}@{}`, or raise the requirement that pulls it in); see https://rustsec.org/advisories/{}",
                package.name,
                package.version,
                m.id()
            )
        };
        out.push(m.finding(cx, severity, message, help));
    }
}
