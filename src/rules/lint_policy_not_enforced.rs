//! `lint-policy-not-enforced`: code writes `#[allow(..)]`, and no manifest makes clippy's
//! `allow_attributes` / `allow_attributes_without_reason` a warning or an error.

use std::collections::BTreeMap;

use syn::Meta;
use syn::punctuated::Punctuated;

use crate::finding::{Dimension, Finding, Severity};
use crate::rules::{Ctx, LiteralScope, Precision, Rule, RuleEntry, RuleMeta};
use crate::workspace::manifest::{Manifest, as_str, as_table};
use crate::workspace::{Location, WorkspaceCtx, WorkspaceHooks};

pub static META: RuleMeta = RuleMeta {
    id: "lint-policy-not-enforced",
    dimension: Dimension::LintPolicy,
    default_severity: Severity::Low,
    summary: "production code writes `#[allow(..)]` in a project that uses `#[expect(lint, reason = \"..\")]` (or staged the lint), and no `[lints]` / `[workspace.lints]` sets `clippy::allow_attributes` (or `allow_attributes_without_reason`) to warn or deny",
    doc: include_str!("../../rules/lint-policy-not-enforced.md"),
    enabled_by_default: true,
    production_only: false,
    precision: Precision::High,
    literals: &[],
    // The same as `allow-attribute`'s: `#[expect(.., reason = ..)]` is the adoption this rule
    // looks for too.
    pattern: Some(crate::rules::allow_attribute::LINT_ATTRIBUTE_PATTERN),
    literal_scope: LiteralScope::Member,
};

static HOOKS: WorkspaceHooks = WorkspaceHooks {
    check: Some(check),
    keep: None,
    needs_advisories: false,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, LintPolicyNotEnforced, &HOOKS);

/// Fact: a production file of the crate writes an `#[allow(lint)]` attribute.
const ALLOW_WRITTEN: &str = "lint-policy/allow-written";
/// Fact: a production file writes `#[expect(lint, reason = "..")]`: the project follows the policy.
const EXPECT_WITH_REASON: &str = "lint-policy/expect-with-reason";

/// The clippy lints that enforce the `#[expect(lint, reason = "..")]` policy.
const POLICY_LINTS: &[&str] = &["allow_attributes", "allow_attributes_without_reason"];

#[derive(Default)]
pub struct LintPolicyNotEnforced;

impl Rule for LintPolicyNotEnforced {
    fn check_attribute<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, attr: &'ast syn::Attribute) {
        // Test code follows its own conventions; the policy is about what ships.
        if cx.in_test {
            return;
        }
        if writes(&attr.meta, &|list| {
            list.path.is_ident("allow") && !list.tokens.is_empty()
        }) {
            cx.record_fact(ALLOW_WRITTEN);
        }
        if writes(&attr.meta, &expect_with_reason) {
            cx.record_fact(EXPECT_WITH_REASON);
        }
    }
}

/// An attribute `is_wanted`, directly or inside `cfg_attr(pred, ..)`.
fn writes(meta: &Meta, is_wanted: &dyn Fn(&syn::MetaList) -> bool) -> bool {
    let Meta::List(list) = meta else {
        return false;
    };
    if is_wanted(list) {
        return true;
    }
    list.path.is_ident("cfg_attr")
        && list
            .parse_args_with(Punctuated::<Meta, syn::Token![,]>::parse_terminated)
            .is_ok_and(|nested| nested.iter().skip(1).any(|m| writes(m, is_wanted)))
}

/// `expect(lint, reason = "..")`.
fn expect_with_reason(list: &syn::MetaList) -> bool {
    list.path.is_ident("expect")
        && list
            .parse_args_with(Punctuated::<Meta, syn::Token![,]>::parse_terminated)
            .is_ok_and(|nested| {
                nested
                    .iter()
                    .any(|m| matches!(m, Meta::NameValue(nv) if nv.path.is_ident("reason")))
            })
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
    // Manifest that should carry the policy -> crates that write `#[allow]` under it, and whether
    // it is a member that does not inherit the workspace's policy.
    let mut targets: BTreeMap<String, (Vec<&str>, bool)> = BTreeMap::new();
    for (index, krate) in cx.crates.iter().enumerate() {
        if !cx.facts.by_crate[index].contains(ALLOW_WRITTEN) {
            continue;
        }
        let own_rel = manifest_rel(&krate.dir);
        let Some(own) = cx.manifest_at(&own_rel) else {
            continue;
        };
        if enforces(own.table(&["lints", "clippy"])) {
            continue;
        }
        let unit = &cx.facts.unit_dirs[cx.facts.unit_of_crate[index]];
        let workspace = cx
            .manifest_at(&manifest_rel(unit))
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
        let Some(target) = cx.manifest_at(&rel) else {
            continue;
        };
        // The policy is the project's own only where it shows: a member left out of the
        // workspace's enforcement, an entry staged but commented out, or `#[expect(.., reason)]`
        // written in its production code. A project that never adopted it gets its `#[allow]`s
        // reported line by line (`allow-attribute`), not a manifest finding that says the same.
        let adopted = not_inherited
            || staged_line(target.file).is_some()
            || cx.crates.iter().enumerate().any(|(i, c)| {
                crates.contains(&c.name.as_str())
                    && cx.facts.of_unit_of(i).contains(EXPECT_WITH_REASON)
            });
        if adopted {
            out.push(finding(target, &crates, not_inherited));
        }
    }
}

/// The first commented-out line that sets one of the policy lints (staged but disabled).
fn staged_line(file: &crate::workspace::TextFile) -> Option<usize> {
    (1..=file.text.lines().count()).find(|&l| {
        let line = file.line(l).trim_start();
        line.starts_with('#')
            && POLICY_LINTS
                .iter()
                .any(|lint| line.contains(lint) && line.contains('='))
    })
}

/// The line of the first of `headers` (`[workspace.lints.clippy]`, ..) written as a table header
/// of its own: where the policy goes. A dotted header deeper down (`[lints.rust.unexpected_cfgs]`)
/// is another table, not where the entry belongs.
fn header_line(file: &crate::workspace::TextFile, headers: &[&str]) -> Option<usize> {
    headers.iter().find_map(|header| {
        (1..=file.text.lines().count()).find(|&l| {
            let line = file.line(l);
            let code = line.split('#').next().unwrap_or(line).trim();
            code.strip_prefix('[')
                .and_then(|c| c.strip_suffix(']'))
                .is_some_and(|inner| inner.split('.').map(str::trim).eq(header.split('.')))
        })
    })
}

fn finding(target: &Manifest<'_>, crates: &[&str], not_inherited: bool) -> Finding {
    let file = target.file;
    let is_workspace = target.get(&["workspace"]).is_some() && !not_inherited;
    let staged = staged_line(file);
    let headers: &[&str] = if is_workspace {
        &["workspace.lints.clippy", "workspace.lints", "workspace"]
    } else {
        &["lints.clippy", "lints", "package"]
    };
    let line = staged
        .or_else(|| header_line(file, headers))
        .unwrap_or_else(|| {
            // No header of its own (an inline `lints = { .. }`, a dotted key): the table's key.
            let last: &[&str] = if is_workspace {
                &["workspace"]
            } else {
                &["package"]
            };
            target
                .get(last)
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
