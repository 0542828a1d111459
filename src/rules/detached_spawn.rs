//! `detached-spawn`: a spawned task or thread whose `JoinHandle` is dropped on the spot.

use syn::spanned::Spanned;

use crate::finding::{Dimension, Severity};
use crate::rules::{Ctx, LiteralScope, Precision, Rule, RuleEntry, RuleMeta};
use crate::syntax::path_text;

pub static META: RuleMeta = RuleMeta {
    id: "detached-spawn",
    dimension: Dimension::Resilience,
    default_severity: Severity::Low,
    summary: "`tokio::spawn`/`thread::spawn` whose `JoinHandle` is dropped on the spot: panics vanish, nothing supervises the task",
    doc: include_str!("../../rules/detached-spawn.md"),
    enabled_by_default: true,
    production_only: true,
    precision: Precision::High,
    literals: &["spawn"],
    pattern: None,
    literal_scope: LiteralScope::Item,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, DetachedSpawn);

#[derive(Default)]
pub struct DetachedSpawn;

/// Spawn functions that return a `JoinHandle`, as full paths.
const SPAWNS: &[&[&str]] = &[
    &["tokio", "spawn"],
    &["tokio", "task", "spawn"],
    &["tokio", "task", "spawn_blocking"],
    &["tokio", "task", "spawn_local"],
    &["std", "thread", "spawn"],
    &["async_std", "task", "spawn"],
    &["async_std", "task", "spawn_blocking"],
    &["async_std", "task", "spawn_local"],
    // Written without an import (`task::spawn` after `use tokio::task` resolves fully; these are
    // the forms that name a module the use map cannot see, such as an `extern crate` or prelude).
    &["task", "spawn"],
    &["task", "spawn_blocking"],
    &["task", "spawn_local"],
    &["thread", "spawn"],
];

impl Rule for DetachedSpawn {
    fn check_stmt<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, stmt: &'ast syn::Stmt) {
        let dropped = match stmt {
            syn::Stmt::Expr(expr, Some(_)) => expr,
            syn::Stmt::Local(local) if matches!(local.pat, syn::Pat::Wild(_)) => {
                match &local.init {
                    Some(init) if init.diverge.is_none() => &*init.expr,
                    _ => return,
                }
            }
            _ => return,
        };
        let Some((span, what)) = spawn_call(cx, dropped) else {
            return;
        };
        if is_executor_adapter(cx) {
            return;
        }
        let end = dropped.span();
        cx.report_at(
            span,
            end,
            cx.rule.default_severity,
            format!(
                "`{what}(..)` drops its `JoinHandle` on the spot: a panic in the task vanishes and nothing notices it stopped"
            ),
            "keep the handle and await it where the owner shuts down (or spawn into a `JoinSet`/`TaskTracker`), and log `JoinError::is_panic()`; if detaching is intended, say so with `// ferret: expect(detached-spawn) <reason>`",
        );
    }
}

/// An `execute`/`spawn*` method of a trait impl (`impl hyper::rt::Executor for TokioExecutor`):
/// handing the future to the runtime and forgetting it is the trait's contract, and the trait
/// gives no way to return the handle.
fn is_executor_adapter(cx: &Ctx<'_, '_>) -> bool {
    cx.enclosing_fn.is_some_and(|f| {
        let name = f.sig.ident.to_string();
        f.impl_trait.is_some() && (name == "execute" || name.starts_with("spawn"))
    })
}

/// The spawn call an expression statement consists of, with the span of its path and the path as
/// written. Looks through `?`, `.unwrap()`, `.expect(..)` (of `thread::Builder::spawn`).
fn spawn_call(cx: &Ctx<'_, '_>, expr: &syn::Expr) -> Option<(proc_macro2::Span, String)> {
    match expr {
        syn::Expr::Call(call) => {
            let syn::Expr::Path(p) = &*call.func else {
                return None;
            };
            let full = cx.resolve(&p.path);
            let known = SPAWNS
                .iter()
                .any(|s| s.iter().copied().eq(full.iter().map(String::as_str)));
            known.then(|| (p.span(), path_text(&p.path)))
        }
        syn::Expr::MethodCall(call) if call.method == "spawn" && call.args.len() == 1 => {
            // `thread::Builder::new()..spawn(f)` and `Handle::current().spawn(fut)`: receivers that
            // are certainly not a `JoinSet` or a scope, which keep their tasks.
            builder_or_current_handle(cx, &call.receiver).then(|| {
                (
                    call.method.span(),
                    format!("{}.spawn", receiver_name(cx, &call.receiver)),
                )
            })
        }
        syn::Expr::MethodCall(call)
            if (call.method == "unwrap" || call.method == "expect")
                && matches!(&*call.receiver, syn::Expr::MethodCall(inner) if inner.method == "spawn") =>
        {
            spawn_call(cx, &call.receiver)
        }
        syn::Expr::Try(t) => spawn_call(cx, &t.expr),
        _ => None,
    }
}

/// The receiver chain starts at `thread::Builder::new()` or `Handle::current()`.
fn builder_or_current_handle(cx: &Ctx<'_, '_>, expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::MethodCall(call) => builder_or_current_handle(cx, &call.receiver),
        syn::Expr::Call(call) => {
            let syn::Expr::Path(p) = &*call.func else {
                return false;
            };
            let full = cx.resolve(&p.path);
            let tail: Vec<&str> = full.iter().rev().take(2).map(String::as_str).collect();
            match tail.as_slice() {
                ["new", "Builder"] => full.iter().any(|s| s == "thread"),
                ["current", "Handle"] => true,
                _ => false,
            }
        }
        _ => false,
    }
}

fn receiver_name(cx: &Ctx<'_, '_>, expr: &syn::Expr) -> &'static str {
    match expr {
        syn::Expr::MethodCall(call) => receiver_name(cx, &call.receiver),
        syn::Expr::Call(call) => match &*call.func {
            syn::Expr::Path(p) if cx.resolve(&p.path).iter().any(|s| s == "Builder") => {
                "thread::Builder"
            }
            _ => "Handle::current()",
        },
        _ => "",
    }
}
