//! `detached-spawn`: a spawned task or thread whose `JoinHandle` is dropped on the spot.

use syn::spanned::Spanned;

use crate::finding::{Dimension, Severity};
use crate::rules::{Ctx, LiteralScope, Precision, Rule, RuleEntry, RuleMeta};
use crate::syntax::{generics_text, mentions_any, path_text, typed_params};

pub static META: RuleMeta = RuleMeta {
    id: "detached-spawn",
    dimension: Dimension::Resilience,
    default_severity: Severity::Low,
    summary: "`tokio::spawn`/`thread::spawn` whose `JoinHandle` is dropped on the spot: panics vanish, nothing supervises the task",
    doc: include_str!("../../rules/detached-spawn.md"),
    enabled_by_default: true,
    production_only: true,
    precision: Precision::High,
    // Workspace macros that spawn are selected by the engine, which adds workspace macro names
    // to the prefilter. A spawn is reported at its call (`SPAWNS`, `spawn(..)` through an
    // import), a stored handle at its field's `JoinHandle`: the word `spawn` alone also
    // selected every `spawner`, `respawn` and comment that says it (7,022 times in a corpus,
    // 3,940 of them calls).
    literals: &["JoinHandle"],
    pattern: Some(r"(?-u:\b)spawn(?:_blocking|_local)?\s*(?:::\s*<[^>]*>\s*)?\("),
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
        // `spawn_named!(..);` of a workspace macro: the analyzer walks its expansion, where the
        // spawn is a statement of its own. `let _ = spawn_named!(..)` is looked into here.
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
        let macro_call = match dropped {
            syn::Expr::Macro(m) => spawning_macro(cx, &m.mac),
            _ => None,
        };
        let Some((span, what)) = spawn_call(cx, dropped).or(macro_call) else {
            return;
        };
        if is_executor_adapter(cx, dropped)
            || is_connection_task(cx, dropped)
            || reports_through_channel(cx, dropped)
        {
            return;
        }
        report_dropped(cx, span, dropped.span(), &format!("`{what}(..)`"));
    }

    fn check_item<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, item: &'ast syn::Item) {
        let syn::Item::Struct(s) = item else {
            return;
        };
        if cx.in_test {
            return;
        }
        for field in &s.fields {
            let Some(name) = &field.ident else {
                continue;
            };
            if !holds_join_handle(cx, &field.ty) {
                continue;
            }
            let owner = s.ident.to_string();
            if cx.workspace.is_field_read(&owner, &name.to_string()) != Some(false) {
                continue;
            }
            cx.report_at(
                name.span(),
                field.span(),
                cx.rule.default_severity,
                format!(
                    "`{}.{name}` stores a `JoinHandle` that nothing in the workspace awaits, joins, aborts, polls or checks: the task can die and nothing notices",
                    s.ident
                ),
                "await the handle where the owner shuts down (log `JoinError::is_panic()`), or watch it with `is_finished()`/a supervisor that restarts the task",
            );
        }
    }
}

fn report_dropped(
    cx: &mut Ctx<'_, '_>,
    span: proc_macro2::Span,
    end: proc_macro2::Span,
    what: &str,
) {
    cx.report_at(
        span,
        end,
        cx.rule.default_severity,
        format!(
            "{what} drops its `JoinHandle` on the spot: a panic in the task vanishes and nothing notices it stopped"
        ),
        "keep the handle and await it where the owner shuts down (or spawn into a `JoinSet`/`TaskTracker`), and log `JoinError::is_panic()`; if detaching is intended, say so with `// ferret: expect(detached-spawn) <reason>`",
    );
}

/// The field's type is (or holds, in a collection or `Option`) a `JoinHandle` of tokio, std or
/// async-std, resolved through the file's imports.
fn holds_join_handle(cx: &Ctx<'_, '_>, ty: &syn::Type) -> bool {
    let syn::Type::Path(p) = ty else {
        return false;
    };
    let full = cx.resolve(&p.path);
    let is_handle = full.last().is_some_and(|l| l == "JoinHandle")
        && (full.len() == 1
            || matches!(
                full[0].as_str(),
                "tokio" | "std" | "async_std" | "task" | "thread"
            ));
    if is_handle {
        return true;
    }
    p.path.segments.iter().any(|seg| match &seg.arguments {
        syn::PathArguments::AngleBracketed(args) => args.args.iter().any(|a| match a {
            syn::GenericArgument::Type(inner) => holds_join_handle(cx, inner),
            _ => false,
        }),
        _ => false,
    })
}

/// A call of a workspace `macro_rules!` macro whose expansion's value is a spawn call
/// (`let _ = spawn_named!("actor", fut)` with `tokio::spawn($fut)` as its last expression).
fn spawning_macro(cx: &Ctx<'_, '_>, mac: &syn::Macro) -> Option<(proc_macro2::Span, String)> {
    let expansion = cx
        .workspace
        .expand_macro(mac, &cx.file.crate_name, &cx.file.path)?;
    let block: syn::Block = syn::parse2(quote::quote!({ #expansion })).ok()?;
    let tail = match block.stmts.last()? {
        syn::Stmt::Expr(e, None) => e,
        _ => return None,
    };
    let tail = match tail {
        // A transcriber written `{ { tokio::spawn($fut) } }` or with a captured group.
        syn::Expr::Block(b) => match b.block.stmts.last()? {
            syn::Stmt::Expr(e, None) => e,
            _ => return None,
        },
        other => other,
    };
    let (_, inner) = spawn_call(cx, tail)?;
    Some((
        mac.path.span(),
        format!(
            "`{}!(..)`, which expands to `{inner}(..)`,",
            path_text(&mac.path)
        ),
    ))
}

/// A trait impl method that receives a future and returns no value (`()`, `Result<(), E>`), and
/// spawns that very
/// parameter (`impl hyper::rt::Executor<F> for TokioExecutor { fn execute(&self, fut: F) {
/// tokio::spawn(fut); } }`): the trait's contract is fire-and-forget and its signature gives no
/// way to return the handle. Decided by the signature and the argument, not the method's name.
fn is_executor_adapter(cx: &Ctx<'_, '_>, spawn: &syn::Expr) -> bool {
    let Some(f) = cx.enclosing_fn else {
        return false;
    };
    if f.impl_trait.is_none() || !returns_no_value(&f.sig.output) {
        return false;
    }
    let Some(arg) = spawned_argument(spawn) else {
        return false;
    };
    f.sig.inputs.iter().any(|input| {
        matches!(input, syn::FnArg::Typed(t)
            if crate::syntax::pat_name(&t.pat).is_some_and(|n| arg.path.is_ident(&n)))
    })
}

/// A task spawned per accepted connection: the spawn's arguments use a connection the enclosing
/// fn accepted (a name bound by a `let` whose value comes from `.accept(..)`, as in
/// `let (stream, addr) = listener.accept().await?`) or received (a parameter typed as a
/// connection: `TcpStream`, `TokioIo<..>`, `<L as Listener>::Io`, or a generic bounded by
/// `AsyncRead + AsyncWrite`; `src/knowledge/connections.rs`). Its failure ends that one
/// connection, which the peer sees, and the accept loop goes on.
fn is_connection_task(cx: &Ctx<'_, '_>, spawn: &syn::Expr) -> bool {
    use crate::knowledge::connections::{ACCEPT_METHODS, CONNECTION_BOUNDS, CONNECTION_TYPES};
    use quote::ToTokens;
    let Some(f) = cx.enclosing_fn else {
        return false;
    };
    let mut names: Vec<String> = Vec::new();
    // Bound from an accept call anywhere in the fn (also inside an async block's loop).
    struct Accepted<'n>(&'n mut Vec<String>);
    impl<'ast> syn::visit::Visit<'ast> for Accepted<'_> {
        fn visit_local(&mut self, local: &'ast syn::Local) {
            if let Some(init) = &local.init
                && calls_accept(&init.expr)
            {
                collect_pat_names(&local.pat, self.0);
            }
            syn::visit::visit_local(self, local);
        }
    }
    fn calls_accept(expr: &syn::Expr) -> bool {
        struct Finder(bool);
        impl<'ast> syn::visit::Visit<'ast> for Finder {
            fn visit_expr_method_call(&mut self, mc: &'ast syn::ExprMethodCall) {
                self.0 |= ACCEPT_METHODS.iter().any(|m| mc.method == m);
                syn::visit::visit_expr_method_call(self, mc);
            }
            fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        }
        let mut finder = Finder(false);
        syn::visit::Visit::visit_expr(&mut finder, expr);
        finder.0
    }
    syn::visit::Visit::visit_block(&mut Accepted(&mut names), f.block);
    let bounds = generics_text(f.sig);
    for t in typed_params(f.sig) {
        let Some(name) = crate::syntax::pat_name(&t.pat) else {
            continue;
        };
        let syn::Type::Path(p) = &*t.ty else {
            continue;
        };
        let Some(last) = p.path.segments.last().map(|s| s.ident.to_string()) else {
            continue;
        };
        let typed = CONNECTION_TYPES.contains(&last.as_str());
        let generic = p.qself.is_none()
            && p.path.segments.len() == 1
            && generic_bounded_as_stream(&bounds, &last, CONNECTION_BOUNDS);
        if typed || generic {
            names.push(name);
        }
    }
    !names.is_empty() && mentions_any(spawn.to_token_stream(), &names)
}

/// The task owns the sending end of a channel made in the enclosing fn whose receiving end is
/// waited on for the task's result: a oneshot channel (`let (tx, rx) = oneshot::channel();`, its
/// one message is the result) whose receiver the fn keeps outside the task, or any channel whose
/// receiver the fn itself awaits or receives from (`rx.await`, `rx.recv()`). A panic drops the
/// sender, which the waiting receiver sees, so the task is watched. A state channel handed to
/// someone else (`watch::channel`) says nothing about the task's end.
fn reports_through_channel(cx: &Ctx<'_, '_>, spawn: &syn::Expr) -> bool {
    use quote::ToTokens;
    let Some(f) = cx.enclosing_fn else {
        return false;
    };
    struct Channels<'ast>(Vec<(String, String, &'ast syn::Path)>);
    impl<'ast> syn::visit::Visit<'ast> for Channels<'ast> {
        fn visit_local(&mut self, local: &'ast syn::Local) {
            if let syn::Pat::Tuple(t) = &local.pat
                && let [tx, rx] = t.elems.iter().collect::<Vec<_>>().as_slice()
                && let (Some(tx), Some(rx)) =
                    (crate::syntax::pat_name(tx), crate::syntax::pat_name(rx))
                && let Some(init) = &local.init
                && let syn::Expr::Call(c) = &*init.expr
                && let syn::Expr::Path(p) = &*c.func
            {
                self.0.push((tx, rx, &p.path));
            }
            syn::visit::visit_local(self, local);
        }
    }
    let mut channels = Channels(Vec::new());
    syn::visit::Visit::visit_block(&mut channels, f.block);
    if channels.0.is_empty() {
        return false;
    }
    let task = spawn.to_token_stream();
    let body = f.block.to_token_stream();
    channels.0.iter().any(|(tx, rx, path)| {
        let full = cx.resolve(path);
        let is_channel = full.last().is_some_and(|l| {
            matches!(
                l.as_str(),
                "channel" | "unbounded_channel" | "bounded" | "unbounded" | "sync_channel"
            )
        });
        let oneshot = full.iter().any(|s| s == "oneshot");
        let names = |n: &str| vec![n.to_string()];
        is_channel
            && mentions_any(task.clone(), &names(tx))
            && !mentions_any(task.clone(), &names(rx))
            && ((oneshot && count_ident(body.clone(), rx) > 1) || waits_on(body.clone(), rx))
    })
}

/// `rx.await`, `rx.recv()`, `rx.recv_timeout(..)`... in the tokens.
fn waits_on(tokens: proc_macro2::TokenStream, rx: &str) -> bool {
    use proc_macro2::TokenTree;
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    trees.iter().enumerate().any(|(i, t)| match t {
        TokenTree::Ident(name) if name == rx => {
            matches!(trees.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == '.')
                && matches!(trees.get(i + 2), Some(TokenTree::Ident(m))
                    if *m == "await" || m.to_string().starts_with("recv"))
        }
        TokenTree::Group(g) => waits_on(g.stream(), rx),
        _ => false,
    })
}

fn count_ident(tokens: proc_macro2::TokenStream, name: &str) -> usize {
    tokens
        .into_iter()
        .map(|tt| match tt {
            proc_macro2::TokenTree::Ident(i) => usize::from(i == name),
            proc_macro2::TokenTree::Group(g) => count_ident(g.stream(), name),
            _ => 0,
        })
        .sum()
}

/// Whether the generics text bounds `param` by both traits of one pair (`IO: Read + Write`,
/// `I: AsyncRead + AsyncWrite + Unpin`), read from `PARAM :` to the next `,` or `{`.
fn generic_bounded_as_stream(generics: &str, param: &str, pairs: &[(&str, &str)]) -> bool {
    let words: Vec<&str> = generics.split_whitespace().collect();
    words.windows(2).enumerate().any(|(i, w)| {
        if w[0] != param || w[1] != ":" {
            return false;
        }
        let bound: Vec<&str> = words[i + 2..]
            .iter()
            .take_while(|w| **w != "," && **w != "{")
            .copied()
            .collect();
        pairs
            .iter()
            .any(|(a, b)| bound.contains(a) && bound.contains(b))
    })
}

fn collect_pat_names(pat: &syn::Pat, out: &mut Vec<String>) {
    struct Names<'n>(&'n mut Vec<String>);
    impl<'ast> syn::visit::Visit<'ast> for Names<'_> {
        fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
            self.0.push(p.ident.to_string());
            syn::visit::visit_pat_ident(self, p);
        }
    }
    syn::visit::Visit::visit_pat(&mut Names(out), pat);
}

/// `()` or `Result<(), E>`: the signature has no place for a handle.
fn returns_no_value(output: &syn::ReturnType) -> bool {
    let syn::ReturnType::Type(_, ty) = output else {
        return true;
    };
    let syn::Type::Path(p) = &**ty else {
        return false;
    };
    let Some(last) = p.path.segments.last() else {
        return false;
    };
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return false;
    };
    last.ident == "Result"
        && matches!(args.args.first(), Some(syn::GenericArgument::Type(syn::Type::Tuple(t))) if t.elems.is_empty())
}

/// The single argument of a spawn call, when it is a plain name (`tokio::spawn(fut)`), possibly
/// wrapped by method calls on it.
fn spawned_argument(expr: &syn::Expr) -> Option<&syn::ExprPath> {
    let args = match expr {
        syn::Expr::Call(c) => &c.args,
        syn::Expr::MethodCall(m) => &m.args,
        syn::Expr::Try(t) => return spawned_argument(&t.expr),
        _ => return None,
    };
    if args.len() != 1 {
        return None;
    }
    // `fut.in_current_span()`, `fut.instrument(span)`: the same future, wrapped.
    let mut arg = args.first()?;
    while let syn::Expr::MethodCall(m) = arg {
        arg = &m.receiver;
    }
    match arg {
        syn::Expr::Path(p) => Some(p),
        _ => None,
    }
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
