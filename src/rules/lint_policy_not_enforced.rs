//! `lint-policy-not-enforced`: code writes `#[allow(..)]`, and no manifest makes clippy's
//! `allow_attributes` / `allow_attributes_without_reason` a warning or an error.

use std::collections::BTreeMap;

use syn::Meta;
use syn::punctuated::Punctuated;

use crate::finding::{Dimension, Finding, Severity};
use crate::rules::{Ctx, LiteralScope, Precision, Rule, RuleEntry, RuleMeta};
use crate::workspace::manifest::{self, Manifest, as_str, as_table};
use crate::workspace::{Location, WorkspaceCtx, WorkspaceHooks};

pub static META: RuleMeta = RuleMeta {
    id: "lint-policy-not-enforced",
    dimension: Dimension::LintPolicy,
    default_severity: Severity::Low,
    summary: "code writes `#[allow(..)]` but no `[lints]` / `[workspace.lints]` sets `clippy::allow_attributes` (or `allow_attributes_without_reason`) to warn or deny",
    doc: include_str!("../../rules/lint-policy-not-enforced.md"),
    enabled_by_default: true,
    production_only: false,
    precision: Precision::High,
    literals: &[],
    pattern: Some(r"#\s*!?\s*\[\s*allow(?-u:\b)|(?-u:\b)cfg_attr(?-u:\b)"),
    literal_scope: LiteralScope::Item,
};

static HOOKS: WorkspaceHooks = WorkspaceHooks {
    check: Some(check),
    keep: None,
    needs_advisories: false,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, LintPolicyNotEnforced, &HOOKS);

/// Fact: a file of the crate writes an `#[allow(lint)]` attribute.
const ALLOW_WRITTEN: &str = "lint-policy/allow-written";

/// The clippy lints that enforce the `#[expect(lint, reason = "..")]` policy.
const POLICY_LINTS: &[&str] = &["allow_attributes", "allow_attributes_without_reason"];

#[derive(Default)]
pub struct LintPolicyNotEnforced;

impl Rule for LintPolicyNotEnforced {
    fn check_attribute<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, attr: &'ast syn::Attribute) {
        if writes_allow(&attr.meta) {
            cx.record_fact(ALLOW_WRITTEN);
        }
    }
}

/// `allow(lint, ..)`, directly or inside `cfg_attr(pred, ..)`.
fn writes_allow(meta: &Meta) -> bool {
    let Meta::List(list) = meta else {
        return false;
    };
    if list.path.is_ident("allow") {
        return !list.tokens.is_empty();
    }
    list.path.is_ident("cfg_attr")
        && list
            .parse_args_with(Punctuated::<Meta, syn::Token![,]>::parse_terminated)
            .is_ok_and(|nested| nested.iter().skip(1).any(writes_allow))
}

/// A `[lints.clippy]`-style table sets one of the policy lints to warn, deny or forbid.
fn enforces(table: Option<&toml::de::DeTable<'_>>) -> bool {
    let Some(table) = table else {
        return false;
    };
    POLICY_LINTS.iter().any(|lint| {
        let Some(value) = table.get(*lint) else {
            return false;
        };
        let level = as_str(value.get_ref()).or_else(|| {
            as_table(value.get_ref())
                .and_then(|t| t.get("level"))
                .and_then(|l| as_str(l.get_ref()))
        });
        matches!(level, Some("warn" | "deny" | "forbid"))
    })
}

fn manifest_rel(dir: &str) -> String {
    if dir.is_empty() {
        "Cargo.toml".to_string()
    } else {
        format!("{dir}/Cargo.toml")
    }
}

fn check(cx: &WorkspaceCtx<'_>, out: &mut Vec<Finding>) {
    let parsed: BTreeMap<&str, Manifest<'_>> = cx
        .manifests
        .iter()
        .filter_map(|f| manifest::parse(f).map(|m| (f.rel.as_str(), m)))
        .collect();
    // Manifest that should carry the policy -> crates that write `#[allow]` under it, and whether
    // it is a member that does not inherit the workspace's policy.
    let mut targets: BTreeMap<String, (Vec<&str>, bool)> = BTreeMap::new();
    for (index, krate) in cx.crates.iter().enumerate() {
        if !cx.facts.by_crate[index].contains(ALLOW_WRITTEN) {
            continue;
        }
        let own_rel = manifest_rel(&krate.dir);
        let Some(own) = parsed.get(own_rel.as_str()) else {
            continue;
        };
        if enforces(own.table(&["lints", "clippy"])) {
            continue;
        }
        let unit = &cx.facts.unit_dirs[cx.facts.unit_of_crate[index]];
        let workspace = parsed
            .get(manifest_rel(unit).as_str())
            .filter(|m| m.get(&["workspace"]).is_some());
        let inherits = own
            .get(&["lints", "workspace"])
            .is_some_and(|(_, v)| matches!(v.get_ref(), toml::de::DeValue::Boolean(true)));
        let (target, not_inherited) = match workspace {
            Some(ws) if inherits && enforces(ws.table(&["workspace", "lints", "clippy"])) => {
                continue;
            }
            // The workspace enforces it; this crate does not inherit `[workspace.lints]`.
            Some(ws) if enforces(ws.table(&["workspace", "lints", "clippy"])) => (own_rel, true),
            Some(ws) => (ws.file.rel.clone(), false),
            None => (own_rel, false),
        };
        let entry = targets.entry(target).or_default();
        entry.0.push(&krate.name);
        entry.1 |= not_inherited;
    }
    for (rel, (crates, not_inherited)) in targets {
        let Some(target) = parsed.get(rel.as_str()) else {
            continue;
        };
        out.push(finding(target, &crates, not_inherited));
    }
}

fn finding(target: &Manifest<'_>, crates: &[&str], not_inherited: bool) -> Finding {
    let file = target.file;
    let is_workspace = target.get(&["workspace"]).is_some() && !not_inherited;
    let staged = (1..=file.text.lines().count()).find(|&l| {
        let line = file.line(l).trim_start();
        line.starts_with('#')
            && POLICY_LINTS
                .iter()
                .any(|lint| line.contains(lint) && line.contains('='))
    });
    let candidates: &[&[&str]] = if is_workspace {
        &[
            &["workspace", "lints", "clippy"],
            &["workspace", "lints"],
            &["workspace"],
        ]
    } else {
        &[&["lints", "clippy"], &["lints"], &["package"]]
    };
    let line = staged.unwrap_or_else(|| {
        candidates
            .iter()
            .find_map(|path| target.get(path))
            .map_or(1, |(span, _)| file.position(span.start).0)
    });
    let text = file.line(line);
    let start = file.line_start(line) + (text.len() - text.trim_start().len());
    let end = file.line_start(line) + text.trim_end().len();
    let table = if is_workspace {
        "[workspace.lints.clippy]"
    } else {
        "[lints.clippy]"
    };
    let who = match crates {
        [one] => format!("`{one}` writes"),
        many => format!(
            "{} crates ({}) write",
            many.len(),
            many.iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let mut message = if not_inherited {
        format!(
            "{who} `#[allow(..)]`, and does not inherit `[workspace.lints]`, where the workspace enforces the `#[expect(lint, reason = \"..\")]` policy: here it is not enforced"
        )
    } else {
        format!(
            "{who} `#[allow(..)]`, and `{table}` sets neither `allow_attributes` nor `allow_attributes_without_reason`: the `#[expect(lint, reason = \"..\")]` policy is not enforced"
        )
    };
    if staged.is_some() {
        message.push_str(" (staged but disabled: the entry is commented out)");
    }
    let help = if not_inherited {
        "add `[lints] workspace = true` to this manifest".to_string()
    } else {
        format!(
            "add `{table}` with `allow_attributes = \"warn\"` (or `allow_attributes_without_reason`), and `[lints] workspace = true` in each member"
        )
    };
    file.finding(
        &META,
        META.default_severity,
        Location {
            span: start..end,
            snippet: line..line + 1,
            key: String::new(),
        },
        message,
        help,
    )
}
