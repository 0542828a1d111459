//! `unused-dependency-ignores`: long `cargo-machete` / `cargo-udeps` ignore lists in manifests.

use crate::finding::{Dimension, Finding, Severity};
use crate::rules::{EngineRule, LiteralScope, Precision, RuleEntry, RuleMeta};
use crate::workspace::manifest::strings;
use crate::workspace::{Location, WorkspaceCtx, WorkspaceHooks};

pub static META: RuleMeta = RuleMeta {
    id: "unused-dependency-ignores",
    dimension: Dimension::Architecture,
    default_severity: Severity::Low,
    summary: "`cargo-machete` / `cargo-udeps` ignore list in `Cargo.toml` longer than the threshold (default 10): unused dependencies hide behind it",
    doc: include_str!("../../rules/unused-dependency-ignores.md"),
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
    needs_advisories: false,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, EngineRule, &HOOKS);

/// The ignore lists of the two tools, as dotted paths in a manifest.
const LISTS: &[(&[&str], &str)] = &[
    (
        &["package", "metadata", "cargo-machete", "ignored"],
        "[package.metadata.cargo-machete] ignored",
    ),
    (
        &["workspace", "metadata", "cargo-machete", "ignored"],
        "[workspace.metadata.cargo-machete] ignored",
    ),
    (
        &["package", "metadata", "cargo-udeps", "ignore", "normal"],
        "[package.metadata.cargo-udeps.ignore] normal",
    ),
    (
        &[
            "package",
            "metadata",
            "cargo-udeps",
            "ignore",
            "development",
        ],
        "[package.metadata.cargo-udeps.ignore] development",
    ),
    (
        &["package", "metadata", "cargo-udeps", "ignore", "build"],
        "[package.metadata.cargo-udeps.ignore] build",
    ),
];

fn check(cx: &WorkspaceCtx<'_>, out: &mut Vec<Finding>) {
    for (index, file) in cx.manifests.iter().enumerate() {
        // Most manifests name neither tool: no need to parse them for this rule.
        if !file.text.contains("cargo-machete") && !file.text.contains("cargo-udeps") {
            continue;
        }
        let Some(parsed) = cx.manifest(index) else {
            continue;
        };
        for (path, label) in LISTS {
            let Some((key, value)) = parsed.get(path) else {
                continue;
            };
            let names = strings(value.get_ref());
            if names.len() <= cx.ignores_threshold {
                continue;
            }
            let (first, _) = file.position(key.start);
            let (last, _) = file.position(value.span().end);
            let message = format!(
                "`{label}` lists {} dependencies (threshold {}): {}",
                names.len(),
                cx.ignores_threshold,
                names.join(", ")
            );
            let help = "run `cargo machete` / `cargo udeps` without the list, remove the dependencies that are really unused, and keep only entries that need an exception (a dependency used only by a macro or a feature), each with a comment saying why".to_string();
            out.push(file.finding(
                &META,
                META.default_severity,
                Location {
                    span: key.start..value.span().end,
                    snippet: first..last + 1,
                    key: String::new(),
                },
                message,
                help,
            ));
        }
    }
}
