//! `shutdown-without-timeout`: a shutdown/stop function awaiting a component's stop, a drain or a
//! task's `JoinHandle` with no timeout around it.

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::spanned::Spanned;

use crate::finding::{Dimension, Severity};
use crate::knowledge::futures::{SIGNALS, is_one_of};
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
    // Every finding is an `.await` expression: an item that awaits nothing has none (most
    // items that say `stop` or `shutdown` are sync code).
    literal_scope: LiteralScope::ItemWith(&["await"]),
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, ShutdownWithoutTimeout);

#[derive(Default)]
pub struct ShutdownWithoutTimeout {
    /// Locals of the current function that hold a `JoinHandle` (bound from a `spawn` call, or
    /// taken out of a `handle`/`task` field).
    handle_locals: Vec<String>,
    /// The current function has waited for (or subscribed to) a process signal: what it awaits
    /// afterwards is the shutdown path, whatever the function is called (`main`, `run`).
    after_signal: bool,
}

/// Awaited methods that wait for something else to finish.
const WAITING_METHODS: &[&str] = &["stop", "shutdown", "join", "drain"];

impl Rule for ShutdownWithoutTimeout {
    fn enter_fn<'ast>(&mut self, _cx: &mut Ctx<'_, 'ast>, _f: FnNode<'ast>) {
        self.handle_locals.clear();
        self.after_signal = false;
    }

    // Handles are tracked in every function: one spawned before the signal is awaited after it.
    fn check_stmt<'ast>(&mut self, _cx: &mut Ctx<'_, 'ast>, stmt: &'ast syn::Stmt) {
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
        if let syn::Expr::Call(call) = expr
            && let syn::Expr::Path(p) = &*call.func
            && is_one_of(&cx.resolve(&p.path), SIGNALS)
        {
            self.after_signal = true;
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
                if !(self.after_signal || in_shutdown_fn(cx)) {
                    return;
                }
                let Some((start, what)) = self.waited_on(&aw.base) else {
                    return;
                };
                // `fn stop(&self) { self.inner.stop().await }` only forwards: the bound belongs
                // to whoever calls this `stop`.
                if cx.enclosing_fn.is_some_and(|f| only_forwards(f.block)) {
                    return;
                }
                if bounded_by_ancestor(cx) {
                    return;
                }
                if is_io_shutdown(cx, &aw.base) {
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

/// `self.socket.shutdown().await` in a fn returning `io::Result`: the write half of an I/O stream
/// is being closed (`AsyncWriteExt::shutdown`, a FIN), an I/O primitive like a write whose timeout
/// belongs to the caller, not a service stopping its components.
fn is_io_shutdown(cx: &Ctx<'_, '_>, base: &syn::Expr) -> bool {
    let syn::Expr::MethodCall(call) = base else {
        return false;
    };
    if call.method != "shutdown" || !call.args.is_empty() {
        return false;
    }
    let Some(f) = cx.enclosing_fn else {
        return false;
    };
    let syn::ReturnType::Type(_, ty) = &f.sig.output else {
        return false;
    };
    let syn::Type::Path(p) = &**ty else {
        return false;
    };
    let full = cx.resolve(&p.path);
    let names: Vec<&str> = full.iter().map(String::as_str).collect();
    matches!(
        names.as_slice(),
        ["std" | "tokio" | "futures" | "futures_io", "io", "Result"] | ["io", "Result"]
    )
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

/// The body is one forwarding call (`self.inner.stop().await`, `Ok(x.stop().await?)`, `let _ =
/// x.stop().await;`, with statements that await nothing before it): anything more (a lock, a
/// second component, a loop over handles) is work of its own that needs its own bound.
fn only_forwards(block: &syn::Block) -> bool {
    let awaits = |stmt: &syn::Stmt| count_awaits(quote::ToTokens::to_token_stream(stmt));
    let mut stmts: Vec<&syn::Stmt> = block.stmts.iter().collect();
    // A trailing `Ok(())` is not work.
    if stmts.len() > 1
        && let Some(syn::Stmt::Expr(syn::Expr::Call(call), None)) = stmts.last()
        && call
            .args
            .iter()
            .all(|a| matches!(a, syn::Expr::Tuple(t) if t.elems.is_empty()))
        && matches!(&*call.func, syn::Expr::Path(p) if p.path.is_ident("Ok"))
    {
        stmts.pop();
    }
    let Some((last, before)) = stmts.split_last() else {
        return false;
    };
    let forwarded = match last {
        syn::Stmt::Expr(e, _) => Some(e),
        syn::Stmt::Local(local) => local.init.as_ref().map(|i| &*i.expr),
        _ => None,
    };
    forwarded.is_some_and(is_forwarding_call)
        && awaits(last) == 1
        && before.iter().all(|s| awaits(s) == 0)
}

/// `x.stop().await`, possibly behind `?` or inside `Ok(..)`.
fn is_forwarding_call(expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::Await(aw) => matches!(&*aw.base, syn::Expr::MethodCall(_)),
        syn::Expr::Try(t) => is_forwarding_call(&t.expr),
        syn::Expr::Call(call) if matches!(&*call.func, syn::Expr::Path(p) if p.path.is_ident("Ok")) => {
            call.args.first().is_some_and(is_forwarding_call)
        }
        _ => false,
    }
}

fn count_awaits(tokens: TokenStream) -> usize {
    tokens
        .into_iter()
        .map(|tt| match tt {
            TokenTree::Ident(i) if i == "await" => 1,
            TokenTree::Group(g) => count_awaits(g.stream()),
            _ => 0,
        })
        .sum()
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
