//! `shutdown-without-timeout`: a shutdown/stop function awaiting a component's stop, a drain or a
//! task's `JoinHandle` with no timeout around it.

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::spanned::Spanned;

use crate::finding::{Dimension, Severity};
use crate::rules::{Ctx, FnNode, LiteralScope, Node, Precision, Rule, RuleEntry, RuleMeta};
use crate::syntax::TIMER_IDENTS;

pub static META: RuleMeta = RuleMeta {
    id: "shutdown-without-timeout",
    dimension: Dimension::Resilience,
    default_severity: Severity::Low,
    summary: "shutdown/stop functions awaiting `.stop()`, `.shutdown()`, `.join()`, `.drain()` or a `JoinHandle` with no timeout",
    doc: include_str!("../../rules/shutdown-without-timeout.md"),
    enabled_by_default: true,
    production_only: true,
    precision: Precision::Medium,
    literals: &["shutdown", "stop"],
    pattern: None,
    literal_scope: LiteralScope::Item,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, ShutdownWithoutTimeout);

#[derive(Default)]
pub struct ShutdownWithoutTimeout {
    /// Locals of the current function that hold a `JoinHandle` (bound from a `spawn` call, or
    /// taken out of a `handle`/`task` field).
    handle_locals: Vec<String>,
}

/// Awaited methods that wait for something else to finish.
const WAITING_METHODS: &[&str] = &["stop", "shutdown", "join", "drain"];

impl Rule for ShutdownWithoutTimeout {
    fn enter_fn<'ast>(&mut self, _cx: &mut Ctx<'_, 'ast>, _f: FnNode<'ast>) {
        self.handle_locals.clear();
    }

    fn check_stmt<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, stmt: &'ast syn::Stmt) {
        if !in_shutdown_fn(cx) {
            return;
        }
        if let syn::Stmt::Local(local) = stmt
            && let Some(init) = &local.init
        {
            let tokens = quote::ToTokens::to_token_stream(&init.expr);
            if holds_handle(tokens) {
                bindings(&local.pat, &mut self.handle_locals);
            }
        }
    }

    fn check_expr<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, expr: &'ast syn::Expr) {
        if !in_shutdown_fn(cx) {
            return;
        }
        match expr {
            syn::Expr::Let(l) if holds_handle(quote::ToTokens::to_token_stream(&l.expr)) => {
                bindings(&l.pat, &mut self.handle_locals);
            }
            syn::Expr::ForLoop(f) if holds_handle(quote::ToTokens::to_token_stream(&f.expr)) => {
                bindings(&f.pat, &mut self.handle_locals);
            }
            syn::Expr::Await(aw) => {
                let Some((start, what)) = self.waited_on(&aw.base) else {
                    return;
                };
                // `fn shutdown(..) { self.socket.shutdown().await }` only forwards: the bound
                // belongs to whoever calls this `shutdown`.
                if let syn::Expr::MethodCall(call) = &*aw.base
                    && cx.enclosing_fn.is_some_and(|f| f.sig.ident == call.method)
                {
                    return;
                }
                if bounded_by_ancestor(cx) {
                    return;
                }
                // optional: only named in the message; the hook runs inside a function anyway
                let fn_name = cx
                    .enclosing_fn
                    .map(|f| f.sig.ident.to_string())
                    .unwrap_or_default();
                cx.report_at(
                    start,
                    aw.await_token.span,
                    cx.rule.default_severity,
                    format!(
                        "`{fn_name}` awaits {what} with no timeout: if it hangs, shutdown never completes"
                    ),
                    "bound the wait: `tokio::time::timeout(Duration::from_secs(30), x.stop()).await`, and on elapse log it and fall through to a forced stop (`handle.abort()`, process exit)",
                );
            }
            _ => {}
        }
    }
}

impl ShutdownWithoutTimeout {
    /// What an awaited expression waits for, if it is a component stop or a task handle.
    fn waited_on(&self, base: &syn::Expr) -> Option<(Span, String)> {
        match base {
            syn::Expr::MethodCall(call) => {
                let method = call.method.to_string();
                WAITING_METHODS
                    .contains(&method.as_str())
                    .then(|| (call.method.span(), format!("`.{method}()`")))
            }
            syn::Expr::Path(p) => {
                let ident = p.path.get_ident()?.to_string();
                let is_handle = handle_like_name(&ident) || self.handle_locals.contains(&ident);
                is_handle.then(|| (p.span(), format!("the task handle `{ident}`")))
            }
            syn::Expr::Field(f) => {
                let syn::Member::Named(name) = &f.member else {
                    return None;
                };
                let name = name.to_string();
                handle_like_name(&name).then(|| (f.span(), format!("the task handle `{name}`")))
            }
            syn::Expr::Call(call) => {
                let syn::Expr::Path(p) = &*call.func else {
                    return None;
                };
                let last = p.path.segments.last()?.ident.to_string();
                let joins_handles = matches!(last.as_str(), "join_all" | "try_join_all")
                    && call.args.iter().any(|a| {
                        let tokens = quote::ToTokens::to_token_stream(a);
                        holds_handle(tokens.clone()) || self.mentions_local(tokens)
                    });
                joins_handles.then(|| (p.span(), format!("`{last}(..)` of task handles")))
            }
            syn::Expr::Reference(r) => self.waited_on(&r.expr),
            syn::Expr::Paren(p) => self.waited_on(&p.expr),
            _ => None,
        }
    }

    fn mentions_local(&self, tokens: TokenStream) -> bool {
        tokens.into_iter().any(|tt| match tt {
            TokenTree::Ident(i) => self.handle_locals.iter().any(|l| i == l),
            TokenTree::Group(g) => self.mentions_local(g.stream()),
            _ => false,
        })
    }
}

/// The function is named like a shutdown path: `shutdown`, `graceful_shutdown`, `stop_all`...
fn in_shutdown_fn(cx: &Ctx<'_, '_>) -> bool {
    cx.enclosing_fn.is_some_and(|f| {
        let name = f.sig.ident.to_string().to_lowercase();
        name.contains("shutdown") || name.contains("stop")
    })
}

fn handle_like_name(name: &str) -> bool {
    let name = name.to_lowercase();
    name.contains("handle") || name == "task" || name.ends_with("_task") || name == "join"
}

/// The tokens spawn a task or read a handle-named value: the result holds a `JoinHandle`.
fn holds_handle(tokens: TokenStream) -> bool {
    tokens.into_iter().any(|tt| match tt {
        TokenTree::Ident(i) => {
            let name = i.to_string();
            matches!(name.as_str(), "spawn" | "spawn_blocking" | "spawn_local")
                || handle_like_name(&name)
                || name.ends_with("handles")
                || name.ends_with("tasks")
        }
        TokenTree::Group(g) => holds_handle(g.stream()),
        _ => false,
    })
}

/// The names a pattern binds: `h`, `Some(h)`, `(name, h)`.
fn bindings(pat: &syn::Pat, out: &mut Vec<String>) {
    match pat {
        syn::Pat::Ident(p) => out.push(p.ident.to_string()),
        syn::Pat::TupleStruct(ts) => ts.elems.iter().for_each(|p| bindings(p, out)),
        syn::Pat::Tuple(t) => t.elems.iter().for_each(|p| bindings(p, out)),
        syn::Pat::Type(t) => bindings(&t.pat, out),
        syn::Pat::Reference(r) => bindings(&r.pat, out),
        _ => {}
    }
}

/// Inside `timeout(d, ..)`, `.timeout(d)`, a call whose name says timeout/deadline, or a
/// `select!` that races a timer.
fn bounded_by_ancestor(cx: &Ctx<'_, '_>) -> bool {
    cx.ancestors_inside_out().any(|node| match node {
        Node::Expr(e) => is_timeout_call(e),
        Node::Macro(mac) => {
            let name = mac.path.segments.last().map(|s| s.ident.to_string());
            matches!(name.as_deref(), Some("select" | "select_biased"))
                && mentions_timer(mac.tokens.clone())
        }
        _ => false,
    })
}

fn is_timeout_call(expr: &syn::Expr) -> bool {
    let name = match expr {
        syn::Expr::Call(call) => match &*call.func {
            syn::Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        },
        syn::Expr::MethodCall(call) => Some(call.method.to_string()),
        _ => None,
    };
    name.is_some_and(|n| {
        let n = n.to_lowercase();
        n.contains("timeout") || n.contains("deadline")
    })
}

fn mentions_timer(tokens: TokenStream) -> bool {
    tokens.into_iter().any(|tt| match tt {
        TokenTree::Ident(i) => TIMER_IDENTS.iter().any(|t| i == t),
        TokenTree::Group(g) => mentions_timer(g.stream()),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handle_names() {
        assert!(handle_like_name("join_handle"));
        assert!(handle_like_name("worker_task"));
        assert!(!handle_like_name("tasks_done"));
        assert!(!handle_like_name("stopped"));
    }
}
