//! `hardcoded-resource-limit`: integer literals passed to pool, runtime and channel sizing knobs.

use syn::spanned::Spanned;

use crate::finding::{Dimension, Severity};
use crate::rationale::{self, Subject};
use crate::rules::{Ctx, LiteralScope, Precision, Rule, RuleEntry, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "hardcoded-resource-limit",
    dimension: Dimension::Architecture,
    default_severity: Severity::Low,
    summary: "pool sizes, runtime thread counts and channel capacities hard-coded as integer literals",
    doc: include_str!("../../rules/hardcoded-resource-limit.md"),
    enabled_by_default: true,
    production_only: true,
    precision: Precision::High,
    literals: &[],
    // A finding is a knob or channel constructor called with one integer literal (maybe in
    // parentheses or cast): its name, a turbofish, `(` and a digit. A constructor imported under
    // an alias (`use flume::bounded as queue;`) is called by another name: the alias selects
    // the file too. `channel` alone was in most files and had them parsed whole.
    pattern: Some(concat!(
        r"(?:max_connections|min_connections|worker_threads|max_blocking_threads|pool_size",
        r"|max_size|connection_limit|channel|bounded)\s*(?:::\s*<[^;{}]*?>)?\s*\([\s(]*[0-9]",
        r"|(?:channel|bounded)\s+as\s",
    )),
    // Channel constructors are resolved through the file's `use` items.
    literal_scope: LiteralScope::File,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, HardcodedResourceLimit);

#[derive(Default)]
pub struct HardcodedResourceLimit;

/// Builder methods that size a connection pool or a runtime.
const KNOBS: &[&str] = &[
    "max_connections",
    "min_connections",
    "worker_threads",
    "max_blocking_threads",
    "pool_size",
    "max_size",
    "connection_limit",
];

/// Bounded channel constructors whose only argument is the capacity, as full paths.
const CHANNELS: &[&[&str]] = &[
    &["tokio", "sync", "mpsc", "channel"],
    &["tokio", "sync", "broadcast", "channel"],
    &["std", "sync", "mpsc", "sync_channel"],
    &["crossbeam_channel", "bounded"],
    &["crossbeam", "channel", "bounded"],
    &["flume", "bounded"],
    &["async_channel", "bounded"],
    &["futures", "channel", "mpsc", "channel"],
    &["futures_channel", "mpsc", "channel"],
    &["kanal", "bounded"],
    &["kanal", "bounded_async"],
    &["async_broadcast", "broadcast"],
];

/// Written without an import: `mpsc::channel(64)` can only be a bounded mpsc channel when it takes
/// an argument (std's `mpsc::channel()` takes none).
const SHORT_CHANNELS: &[&[&str]] = &[
    &["mpsc", "channel"],
    &["broadcast", "channel"],
    &["mpsc", "sync_channel"],
];

impl Rule for HardcodedResourceLimit {
    fn check_expr<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, expr: &'ast syn::Expr) {
        if cx.file.in_build_script() {
            return;
        }
        match expr {
            syn::Expr::MethodCall(call) => {
                let method = call.method.to_string();
                if !KNOBS.contains(&method.as_str()) || call.args.len() != 1 {
                    return;
                }
                let Some(value) = call.args.first().and_then(sizing_literal) else {
                    return;
                };
                if explained(cx, call.method.span()) {
                    return;
                }
                cx.report_at(
                    call.method.span(),
                    call.paren_token.span.close(),
                    cx.rule.default_severity,
                    format!("`.{method}({value})` hard-codes a resource limit"),
                    format!(
                        "read `{method}` from configuration (keep {value} as the documented default) so each deployment can size it without a rebuild"
                    ),
                );
                cx.add_evidence("limit", format!("{method}({value})"));
            }
            syn::Expr::Call(call) => {
                let syn::Expr::Path(func) = &*call.func else {
                    return;
                };
                if call.args.len() != 1 {
                    return;
                }
                let full = cx.resolve(&func.path);
                let is_channel = CHANNELS
                    .iter()
                    .any(|c| c.iter().copied().eq(full.iter().map(String::as_str)))
                    || SHORT_CHANNELS
                        .iter()
                        .any(|c| c.iter().copied().eq(full.iter().map(String::as_str)));
                if !is_channel {
                    return;
                }
                let Some(value) = call.args.first().and_then(sizing_literal) else {
                    return;
                };
                if explained(cx, func.span()) {
                    return;
                }
                let written = func
                    .path
                    .segments
                    .iter()
                    .map(|s| s.ident.to_string())
                    .collect::<Vec<_>>()
                    .join("::");
                cx.report_at(
                    func.span(),
                    call.paren_token.span.close(),
                    cx.rule.default_severity,
                    format!("`{written}({value})`: channel capacity hard-coded"),
                    "take the capacity from configuration (keep this value as the documented default), so backpressure can be tuned per deployment",
                );
                cx.add_evidence("limit", format!("{written}({value})"));
            }
            _ => {}
        }
    }
}

/// A comment on the line or just above it says why the number is what it is: a documented
/// decision, not a forgotten constant (see [`crate::rationale`]).
fn explained(cx: &Ctx<'_, '_>, at: proc_macro2::Span) -> bool {
    rationale::documented(cx.file, &[at.start().line], Subject::Limit)
}

/// An integer literal of 2 or more (`0` and `1` are semantics, not tuning: a rendezvous channel,
/// a single connection for an in-memory SQLite database, a current-thread runtime).
fn sizing_literal(expr: &syn::Expr) -> Option<String> {
    match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(int),
            ..
        }) => {
            let value: u128 = int.base10_parse().ok()?;
            (value >= 2).then(|| int.base10_digits().to_string())
        }
        syn::Expr::Paren(p) => sizing_literal(&p.expr),
        syn::Expr::Cast(c) => sizing_literal(&c.expr),
        _ => None,
    }
}
