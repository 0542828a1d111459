//! `unmaintained-dependency`: a locked package with a RustSec "unmaintained" advisory.

use crate::finding::{Dimension, Finding, Severity};
use crate::rules::{EngineRule, LiteralScope, Precision, RuleEntry, RuleMeta};
use crate::workspace::advisories::{self, Kind};
use crate::workspace::{WorkspaceCtx, WorkspaceHooks};

pub static META: RuleMeta = RuleMeta {
    id: "unmaintained-dependency",
    dimension: Dimension::Security,
    default_severity: Severity::Low,
    summary: "a `Cargo.lock` package is unmaintained according to a RustSec informational advisory",
    doc: include_str!("../../rules/unmaintained-dependency.md"),
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
    for m in advisories::matches(cx, Kind::Unmaintained) {
        let package = &m.vulnerability.package;
        let message = format!(
            "`{}` {} is unmaintained ({}: {}); pulled in by {}",
            package.name,
            package.version,
            m.id(),
            m.vulnerability.advisory.title.trim(),
            m.path_text()
        );
        let help = format!(
            "move to a maintained alternative (the advisory names some: https://rustsec.org/advisories/{}), or, when it comes in transitively, track the upstream crate that pulls it in",
            m.id()
        );
        out.push(m.finding(cx, META.default_severity, message, help));
    }
}
