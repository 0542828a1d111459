//! `discarded-result`: `let _ = fut.await;`, `let _ = <fallible call>;` and `.ok();` throw an
//! error away without a word.

use syn::spanned::Spanned;

use crate::finding::{Dimension, Severity};
use crate::rationale::{self, Subject};
use crate::rules::{Ctx, LiteralScope, Precision, Rule, RuleEntry, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "discarded-result",
    dimension: Dimension::ErrorHandling,
    default_severity: Severity::Medium,
    summary: "`let _ = fut.await;`, `let _ = <fallible call>;` and `.ok();` drop an error silently",
    doc: include_str!("../../rules/discarded-result.md"),
    // Off: see rules/discarded-result.md (most findings on real code are deliberate drops).
    enabled_by_default: false,
    production_only: true,
    precision: Precision::Low,
    // `let` rather than `let _`: a non-rustfmt `let  _` must not be skipped.
    literals: &[],
    // `let _ = ..`, `let _: T = ..` and `.ok();`, not every `let`.
    pattern: Some(r"(?-u:\b)let\s+_\s*(?::[^=;]*)?=|\.ok\s*\(\s*\)\s*;"),
    literal_scope: LiteralScope::Item,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, DiscardedResult);

#[derive(Default)]
pub struct DiscardedResult;

/// Calls that return a `Result` whose error is worth knowing about.
const FALLIBLE: &[&str] = &[
    "send",
    "try_send",
    "send_to",
    "flush",
    "drain",
    "shutdown",
    "close",
    "write",
    "write_all",
    "write_fmt",
    "remove_file",
    "remove_dir",
    "remove_dir_all",
    "create_dir",
    "create_dir_all",
    "rename",
    "copy",
    "execute",
    "set_permissions",
    "sync_all",
    "sync_data",
    "kill",
    "commit",
    "rollback",
    "join",
];

const HELP_LET: &str = "handle the error, or at least log it: `if let Err(e) = <expr> { tracing::warn!(error = %e, \"...\") }`; if dropping it is right, say why in a comment on the line";

impl Rule for DiscardedResult {
    fn check_stmt<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, stmt: &'ast syn::Stmt) {
        match stmt {
            syn::Stmt::Local(local) => {
                if !is_wildcard(&local.pat) {
                    return;
                }
                let Some(init) = &local.init else {
                    return;
                };
                if init.diverge.is_some() {
                    return;
                }
                if in_drop(cx) {
                    return;
                }
                let what = match &*init.expr {
                    syn::Expr::Await(a) if !is_wait(&a.base) => "the awaited result".to_string(),
                    syn::Expr::Await(_) => return,
                    other => match fallible_call(other) {
                        Some(name) => format!("the result of `{name}`"),
                        None => return,
                    },
                };
                if has_rationale(cx, local.let_token.span.start().line) {
                    return;
                }
                cx.report_at(
                    local.let_token.span,
                    init.expr.span(),
                    Severity::Medium,
                    format!("`let _ =` discards {what}: a failure here goes unnoticed"),
                    HELP_LET,
                );
            }
            syn::Stmt::Expr(syn::Expr::MethodCall(mc), Some(_))
                if mc.method == "ok" && mc.args.is_empty() =>
            {
                if in_drop(cx) {
                    return;
                }
                if has_rationale(cx, mc.method.span().start().line) {
                    return;
                }
                cx.report_at(
                    mc.method.span(),
                    mc.span(),
                    Severity::Medium,
                    "`.ok();` turns the error into `None` and drops it: a failure here goes unnoticed",
                    "handle or log the error (`if let Err(e) = ... { warn!(..) }`), or propagate it with `?`",
                );
            }
            _ => {}
        }
    }
}

/// A comment on the line, or a comment line just above, says why dropping the error is fine
/// (see [`crate::rationale`]). The trailing comment of the previous statement is not one.
fn has_rationale(cx: &Ctx<'_, '_>, line: usize) -> bool {
    rationale::documented(cx.file, &[line], Subject::Default)
}

fn is_wildcard(pat: &syn::Pat) -> bool {
    match pat {
        syn::Pat::Wild(_) => true,
        syn::Pat::Type(t) => matches!(&*t.pat, syn::Pat::Wild(_)),
        _ => false,
    }
}

/// `Drop::drop` cannot return an error: best-effort cleanup there is the norm.
fn in_drop(cx: &Ctx<'_, '_>) -> bool {
    cx.enclosing_fn.is_some_and(|f| {
        f.sig.ident == "drop"
            && f.impl_trait
                .and_then(|t| t.segments.last())
                .is_some_and(|s| s.ident == "Drop")
    })
}

/// Awaits that wait for something rather than do something: `rx.recv()`, `rx.changed()`,
/// `notify.notified()`, `sleep(..)`, `interval.tick()`, `token.cancelled()`.
fn is_wait(expr: &syn::Expr) -> bool {
    let name = match expr {
        syn::Expr::MethodCall(mc) => mc.method.to_string(),
        syn::Expr::Call(call) => match &*call.func {
            syn::Expr::Path(p) => p
                .path
                .segments
                .last()
                .map(|s| s.ident.to_string())
                // optional: a path always has a segment; none would simply match no name
                .unwrap_or_default(),
            _ => return false,
        },
        _ => return false,
    };
    matches!(
        name.as_str(),
        "recv" | "changed" | "notified" | "sleep" | "sleep_until" | "tick" | "cancelled" | "closed"
    )
}

/// The visibly fallible call an expression ends in: `tx.send(x)`, `fs::remove_file(p)`.
/// `drain(..)` with a range is a collection's, not a connection's.
fn fallible_call(expr: &syn::Expr) -> Option<String> {
    let name = match expr {
        syn::Expr::MethodCall(mc) if mc.method == "drain" && !mc.args.is_empty() => return None,
        syn::Expr::MethodCall(mc) => mc.method.to_string(),
        syn::Expr::Call(call) => match &*call.func {
            syn::Expr::Path(p) => p.path.segments.last()?.ident.to_string(),
            _ => return None,
        },
        _ => return None,
    };
    FALLIBLE.contains(&name.as_str()).then_some(name)
}
