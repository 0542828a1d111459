//! `unsound-dependency`: a locked package version with a RustSec "unsound" advisory.

use crate::finding::{Dimension, Finding, Severity};
use crate::rules::{EngineRule, LiteralScope, Precision, RuleEntry, RuleMeta};
use crate::workspace::advisories::{self, Kind};
use crate::workspace::{WorkspaceCtx, WorkspaceHooks};

pub static META: RuleMeta = RuleMeta {
    id: "unsound-dependency",
    dimension: Dimension::Security,
    default_severity: Severity::Medium,
    summary: "a `Cargo.lock` package version is unsound (safe API that allows undefined behaviour) according to a RustSec informational advisory",
    doc: include_str!("../../rules/unsound-dependency.md"),
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
    for m in advisories::matches(cx, Kind::Unsound) {
        let package = &m.vulnerability.package;
        let message = format!(
            "`{}` {} is unsound ({}: {}); patched: {}; pulled in by {}",
            package.name,
            package.version,
            m.id(),
            m.vulnerability.advisory.title.trim(),
            m.patched_text(),
            m.path_text()
        );
        let help = format!(
            "upgrade to a patched version where there is one, else check whether the code uses the unsound API (https://rustsec.org/advisories/{})",
            m.id()
        );
        out.push(m.finding(cx, META.default_severity, message, help));
    }
}
