//! `block-on-without-timeout`: `block_on(fut)` whose future carries no timeout.
//!
//! Whether the future is bounded is read from the call's own tokens, so that a timeout written in
//! an async block, a closure or an unparsed macro body counts.

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::spanned::Spanned;

use crate::finding::{Dimension, Severity};
use quote::ToTokens;

use crate::knowledge::futures::{self, COMPLETE_PROMPTLY, NEVER_COMPLETE};
use crate::model::{FnId, Workspace};
use crate::rules::{
    Ctx, FindingHandle, FnNode, LiteralScope, Node, Precision, Rule, RuleEntry, RuleMeta,
};
use crate::syntax::{TIMER_IDENTS, generics_text, mentions_any, typed_params};

pub static META: RuleMeta = RuleMeta {
    id: "block-on-without-timeout",
    dimension: Dimension::Resilience,
    default_severity: Severity::Medium,
    summary: "`block_on(..)` on a future with no timeout: the calling thread can block forever (high inside `extern \"C\"` fns)",
    doc: include_str!("../../rules/block-on-without-timeout.md"),
    enabled_by_default: true,
    production_only: true,
    precision: Precision::Medium,
    literals: &["block_on"],
    pattern: None,
    // A `block_on` in a helper is high when an `extern "C"` fn elsewhere in the file calls it
    // (`FnNode::is_extern`: an ABI other than "Rust", `extern fn` too): only then does a finding
    // depend on other items.
    literal_scope: LiteralScope::ItemOrFileWhere(r#"(?-u:\b)extern\s*(?:"[^"]*"\s*)?fn(?-u:\b)"#),
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, BlockOnWithoutTimeout);

#[derive(Default)]
pub struct BlockOnWithoutTimeout {
    /// Locals bound to a timeout-wrapped future: `let fut = timeout(d, work());`.
    bounded_locals: Vec<String>,
    /// Functions of this file with a non-Rust ABI (`extern "C" fn`).
    extern_fns: Vec<String>,
    /// Calls by name between this file's functions: (caller, callee).
    calls: Vec<(String, String)>,
    /// Medium findings, with the function they are in, to raise once the file's calls are known.
    reported: Vec<(String, FindingHandle)>,
    /// Locals bound to a `std::thread::Builder` (`let t = thread::Builder::new().name(..);`),
    /// whose `.spawn(..)` starts a thread.
    thread_builders: Vec<String>,
}

impl Rule for BlockOnWithoutTimeout {
    fn enter_fn<'ast>(&mut self, _cx: &mut Ctx<'_, 'ast>, f: FnNode<'ast>) {
        self.bounded_locals.clear();
        self.thread_builders.clear();
        if f.is_extern() {
            self.extern_fns.push(f.sig.ident.to_string());
        }
    }

    /// A `block_on` in a helper that an `extern "C"` fn of this file calls (directly or through
    /// other helpers) blocks the foreign caller's thread just the same: high.
    fn exit_file<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, _file: &'ast syn::File) {
        let mut reachable: Vec<&str> = self.extern_fns.iter().map(String::as_str).collect();
        let mut i = 0;
        while i < reachable.len() {
            let caller = reachable[i];
            for (from, to) in &self.calls {
                if from == caller && !reachable.contains(&to.as_str()) {
                    reachable.push(to);
                }
            }
            i += 1;
        }
        for (f, handle) in &self.reported {
            if reachable.contains(&f.as_str()) {
                cx.revise(
                    *handle,
                    Severity::High,
                    format!(
                        "`block_on` without a timeout in `{f}`, which an `extern` fn of this file calls: a slow or hung future blocks the foreign caller's thread indefinitely"
                    ),
                );
            }
        }
    }

    fn check_stmt<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, stmt: &'ast syn::Stmt) {
        if let syn::Stmt::Local(local) = stmt
            && let Some(init) = &local.init
            && let syn::Pat::Ident(name) = &local.pat
        {
            if bounded(init.expr.to_token_stream()) {
                self.bounded_locals.push(name.ident.to_string());
            }
            if starts_at_thread_builder(cx, &init.expr) {
                self.thread_builders.push(name.ident.to_string());
            }
        }
    }

    fn check_expr<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, expr: &'ast syn::Expr) {
        if let Some(f) = cx.enclosing_fn
            && let Some(callee) = called_fn_name(expr)
        {
            self.calls.push((f.sig.ident.to_string(), callee));
        }
        let Some((start, end, future)) = block_on_call(expr) else {
            return;
        };
        if cx.file.in_build_script() {
            return;
        }
        let f = cx.enclosing_fn;
        // `main` and a thread's main loop exist to drive the top-level future to completion.
        if f.is_some_and(|f| {
            !f.is_extern()
                && (drives_program(cx, f)
                    || called_only_by_drivers(cx, f)
                    || (cx.in_test && handed_to_spawn_in_file(cx, f)))
        }) {
            return;
        }
        if let Some(f) = f
            && (is_blocking_api(f, future)
                || forwards_future_param(f, expr)
                || caller_chooses_bound(f))
        {
            return;
        }
        if future.is_some_and(|fut| known_future(cx, fut, COMPLETE_PROMPTLY)) {
            return;
        }
        if drives_thread(cx, &self.thread_builders)
            || future.is_some_and(|fut| parks_forever(cx, fut))
        {
            return;
        }
        let bound_local = future.is_some_and(|fut| match fut {
            syn::Expr::Path(p) => p
                .path
                .get_ident()
                .is_some_and(|i| self.bounded_locals.iter().any(|b| i == b)),
            _ => false,
        });
        if bound_local || bounded(expr.to_token_stream()) {
            return;
        }
        match f.filter(|f| f.is_extern()) {
            Some(f) => cx.report_at(
                start,
                end,
                Severity::High,
                format!(
                    "`block_on` without a timeout inside `extern` fn `{}`: a slow or hung future blocks the foreign caller's thread indefinitely",
                    f.sig.ident
                ),
                "bound the wait: `rt.block_on(tokio::time::timeout(Duration::from_secs(N), fut))`, and map the elapsed error to an error code the caller can act on",
            ),
            None if let Some(caller) = f.filter(|f| reached_from_extern(cx, *f)) => cx.report_at(
                start,
                end,
                Severity::High,
                format!(
                    "`block_on` without a timeout in `{}`, which an `extern` fn in the workspace calls: a slow or hung future blocks the foreign caller's thread indefinitely",
                    caller.sig.ident
                ),
                "bound the wait: `rt.block_on(tokio::time::timeout(Duration::from_secs(N), fut))`, and map the elapsed error to an error code the caller can act on",
            ),
            None => {
                let handle = cx.report_revisable(
                    start,
                    end,
                    cx.rule.default_severity,
                    "`block_on` without a timeout: if the future never completes, this thread blocks forever",
                    "bound the wait: `rt.block_on(tokio::time::timeout(Duration::from_secs(N), fut))` (or race it against `tokio::time::sleep` in `select!`) and handle the elapsed case",
                );
                if let Some(f) = f {
                    self.reported.push((f.sig.ident.to_string(), handle));
                }
            }
        }
    }
}

/// `fn main`, or a function this file's `fn main` calls (`fn main() { run_main() }`): it exists
/// to drive its future.
fn drives_program(cx: &Ctx<'_, '_>, f: FnNode<'_>) -> bool {
    let name = f.sig.ident.to_string();
    name == "main" || main_body(cx.file.text).is_some_and(|body| calls_by_name(body, &name))
}

/// Test code, which the model does not index (its thread calls are unknown): a fn this file
/// hands to a `spawn(..)` by name (`spawn(worker_main)`, `spawn(move || worker_main())`), as
/// the rule read every file before the model knew threads.
fn handed_to_spawn_in_file(cx: &Ctx<'_, '_>, f: FnNode<'_>) -> bool {
    let name = f.sig.ident.to_string();
    let text = cx.file.text;
    let mut from = 0;
    while let Some(at) = text[from..].find("spawn(") {
        let args = &text[from + at + "spawn(".len()..];
        let args = args.trim_start().trim_start_matches("move").trim_start();
        let args = args.strip_prefix("||").unwrap_or(args).trim_start();
        if let Some(rest) = args.strip_prefix(name.as_str())
            && rest.trim_start().starts_with([')', '('])
        {
            return true;
        }
        from += at + 1;
    }
    false
}

/// Every call of this fn that the workspace shows (through the model) comes from a driver: a
/// `fn main`, an OS thread it runs on (called only inside the closure a fn hands to
/// `thread::spawn`/`Builder::spawn`/a scope's `spawn`, or handed to one by name as the thread's
/// entry: `crate::knowledge::threads`), or a fn itself called only so. A helper that `main` or
/// a thread's main loop calls to do its work (`main` -> `run_standalone` -> `run_server_on_rt`,
/// `spawn(move || loop { pump(&rt) })`) drives its runtime like them. The fn's own callers count
/// ([`crate::model::Workspace::callers`]): a call whose path names another fn of the name
/// (`server::run()` for `worker::run`) is not one. A thread's call counts when its path names
/// this fn, or by name when the workspace has one fn of the name; never for test code, which
/// the model does not index: another crate's `self.tcp_connect()` in its thread says nothing of
/// a test fn `tcp_connect` ([`handed_to_spawn_in_file`] reads test code). Two calls deep; a fn
/// nothing in the workspace calls (a library's API) is not a driver, nor one a task
/// (`tokio::spawn`) or a pool job (`rayon::spawn`) calls: blocking there holds a shared worker.
fn called_only_by_drivers(cx: &Ctx<'_, '_>, f: FnNode<'_>) -> bool {
    fn driven(ws: &Workspace, id: FnId, depth: usize, on_threads: bool) -> bool {
        let unique = ws.fn_ids_named(&ws.fn_def(id).name).take(2).count() == 1;
        let threads: Vec<FnId> = if on_threads {
            let threads = ws.thread_callers(id).into_iter();
            threads
                .filter(|c| c.resolved || unique)
                .map(|c| c.id)
                .collect()
        } else {
            Vec::new()
        };
        let callers = ws.callers(id);
        (!callers.is_empty() || !threads.is_empty())
            && callers.iter().all(|c| {
                (c.def.name == "main" && c.def.self_type.is_none())
                    || threads.contains(&c.id)
                    || (depth > 0 && c.id != id && driven(ws, c.id, depth - 1, on_threads))
            })
    }
    let name = f.sig.ident.to_string();
    if name == "main" {
        return false;
    }
    match model_fn(cx, f) {
        Some(id) => driven(cx.workspace, id, 1, true),
        // Test code (not in the model): a thread's call of its name is another fn's.
        None => called_only_by_drivers_by_name(cx.workspace, &name, 1, !cx.in_test),
    }
}

/// [`called_only_by_drivers`] for a fn the model does not hold (test code, a fn a macro call
/// writes): its callers by name.
fn called_only_by_drivers_by_name(
    ws: &Workspace,
    name: &str,
    depth: usize,
    on_threads: bool,
) -> bool {
    let unique = on_threads && ws.fns_named(name).take(2).count() == 1;
    let threads: Vec<&crate::model::FnDef> = if unique {
        ws.thread_callers_of(name).filter(|c| !c.in_test).collect()
    } else {
        Vec::new()
    };
    let mut callers = ws.callers_of(name).filter(|c| !c.in_test).peekable();
    (callers.peek().is_some() || !threads.is_empty())
        && callers.all(|c| {
            (c.name == "main" && c.self_type.is_none())
                || threads.iter().any(|t| std::ptr::eq(*t, c))
                || (depth > 0
                    && c.name != name
                    && called_only_by_drivers_by_name(ws, &c.name, depth - 1, on_threads))
        })
}

/// The model's fn for the fn being analysed (`None` for test code and fns the index does not
/// hold).
fn model_fn(cx: &Ctx<'_, '_>, f: FnNode<'_>) -> Option<FnId> {
    let line = u32::try_from(f.sig.ident.span().start().line).ok()?;
    cx.workspace
        .fn_id(&cx.file.path, &f.sig.ident.to_string(), line)
}

/// An `extern` fn elsewhere in the workspace calls this one, directly or through one more fn
/// (through the model). A call counts when its path names the fn on the way
/// ([`crate::model::Workspace::callers`]), or by name when that fn is the only workspace fn of
/// its name: then the call can mean nothing else.
fn reached_from_extern(cx: &Ctx<'_, '_>, f: FnNode<'_>) -> bool {
    fn reached(ws: &Workspace, id: FnId, depth: usize) -> bool {
        let unique = ws.fn_ids_named(&ws.fn_def(id).name).take(2).count() == 1;
        ws.callers(id)
            .iter()
            .filter(|c| c.resolved || unique)
            .any(|c| c.def.is_extern || (depth > 0 && c.id != id && reached(ws, c.id, depth - 1)))
    }
    model_fn(cx, f).is_some_and(|id| reached(cx.workspace, id, 1))
}

/// `thread::Builder::new()` (resolved through imports), possibly with `.name(..)`/`.stack_size(..)`
/// calls after it.
fn starts_at_thread_builder(cx: &Ctx<'_, '_>, expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::MethodCall(call) => starts_at_thread_builder(cx, &call.receiver),
        syn::Expr::Call(call) => match &*call.func {
            syn::Expr::Path(p) => {
                let full = cx.resolve(&p.path);
                full.ends_with(&["Builder".to_string(), "new".to_string()])
                    && full.iter().any(|s| s == "thread")
            }
            _ => false,
        },
        _ => false,
    }
}

/// The text of the body of this file's `fn main`, braces balanced.
fn main_body(text: &str) -> Option<&str> {
    let at = text.find("fn main(")?;
    let open = at + text[at..].find('{')?;
    let mut depth = 0usize;
    for (i, c) in text[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(&text[open..open + i]);
                }
            }
            _ => {}
        }
    }
    None
}

/// `name(` in `body` as a whole identifier.
fn calls_by_name(body: &str, name: &str) -> bool {
    body.match_indices(name).any(|(at, _)| {
        let before = body[..at].chars().next_back();
        let after = body[at + name.len()..].trim_start();
        before.is_none_or(|c| !(c.is_alphanumeric() || c == '_')) && after.starts_with('(')
    })
}

/// The enclosing function is itself a blocking API, so blocking without a bound is its contract
/// and the timeout belongs to its caller: a `block_on` wrapper, a `blocking_*`/`*_blocking` fn, or
/// the blocking twin of the async method it waits for (`fn read(..) { block_on(self.0.read(..)) }`,
/// `fn blocking_recv(..) { block_on(self.recv()) }`, `Iterator::count` over `Stream::count`).
fn is_blocking_api(f: FnNode<'_>, future: Option<&syn::Expr>) -> bool {
    let name = f.sig.ident.to_string();
    // `blocking` as a word of the name, not `nonblocking`/`non_blocking`.
    let words: Vec<&str> = name.split('_').collect();
    let says_blocking = words
        .iter()
        .enumerate()
        .any(|(i, w)| *w == "blocking" && (i == 0 || words[i - 1] != "non"));
    if name == "block_on" || says_blocking {
        return true;
    }
    let Some(awaited) = future.and_then(awaited_name) else {
        return false;
    };
    awaited == name
}

/// The name of the async fn or method a future expression calls: `self.0.read(buf)` -> `read`.
fn awaited_name(expr: &syn::Expr) -> Option<String> {
    match expr {
        syn::Expr::MethodCall(call) => Some(call.method.to_string()),
        syn::Expr::Call(call) => match &*call.func {
            syn::Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        },
        syn::Expr::Paren(p) => awaited_name(&p.expr),
        syn::Expr::Reference(r) => awaited_name(&r.expr),
        _ => None,
    }
}

/// The future is (built from) a future the caller passed in: `fn run<F: Future>(f: F) { rt.block_on(f) }`.
/// Whether it may block for ever is the caller's decision.
fn forwards_future_param(f: FnNode<'_>, call: &syn::Expr) -> bool {
    let generics = generics_text(f.sig);
    let future_params: Vec<String> = typed_params(f.sig)
        .filter(|t| {
            let ty = t.ty.to_token_stream().to_string();
            ty.contains("Future") || (generics.contains("Future") && is_single_ident(&t.ty))
        })
        .filter_map(|t| match &*t.pat {
            syn::Pat::Ident(p) => Some(p.ident.to_string()),
            _ => None,
        })
        .collect();
    let args: TokenStream = match call {
        syn::Expr::MethodCall(m) if m.args.is_empty() => m.receiver.to_token_stream(),
        syn::Expr::MethodCall(m) => m.args.to_token_stream(),
        syn::Expr::Call(c) => c.args.to_token_stream(),
        _ => return false,
    };
    mentions_any(args, &future_params)
}

fn is_single_ident(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(p) if p.qself.is_none() && p.path.get_ident().is_some())
}

/// The `block_on` runs in a closure given to `thread::spawn`/`thread::Builder::spawn` (possibly
/// inside further closures, such as a `LocalKey::with`): like `main`, the thread exists to drive
/// that future.
fn drives_thread(cx: &Ctx<'_, '_>, builders: &[String]) -> bool {
    let ancestors: Vec<Node<'_>> = cx.ancestors_inside_out().collect();
    ancestors.windows(2).any(|pair| match pair {
        [Node::Expr(syn::Expr::Closure(_)), Node::Expr(outer)] => {
            is_thread_spawn(cx, outer, builders)
        }
        _ => false,
    })
}

fn is_thread_spawn(cx: &Ctx<'_, '_>, expr: &syn::Expr, builders: &[String]) -> bool {
    match expr {
        syn::Expr::Call(call) => match &*call.func {
            syn::Expr::Path(p) => {
                let full = cx.resolve(&p.path);
                full.last().is_some_and(|s| s == "spawn") && full.iter().any(|s| s == "thread")
            }
            _ => false,
        },
        syn::Expr::MethodCall(call) => {
            let builder_local = matches!(&*call.receiver, syn::Expr::Path(p)
                if p.path.get_ident().is_some_and(|i| builders.iter().any(|b| i == b)));
            call.method == "spawn"
                && (builder_local
                    || mentions_any(call.receiver.to_token_stream(), &["Builder".to_string()]))
        }
        _ => false,
    }
}

/// The enclosing function takes a timeout or deadline (a `Duration`/`Instant` parameter, or one
/// named so) and uses it: whether to wait without one is its caller's explicit choice
/// (`if let Some(t) = timeout { block_on_timeout(..) } else { block_on(..) }`).
fn caller_chooses_bound(f: FnNode<'_>) -> bool {
    let bounds: Vec<String> = typed_params(f.sig)
        .filter_map(|t| {
            let syn::Pat::Ident(p) = &*t.pat else {
                return None;
            };
            let name = p.ident.to_string();
            let lower = name.to_lowercase();
            let ty = t.ty.to_token_stream().to_string();
            let is_bound = ty.contains("Duration")
                || ty.contains("Instant")
                || lower.contains("timeout")
                || lower.contains("deadline");
            is_bound.then_some(name)
        })
        .collect();
    mentions_any(f.block.to_token_stream(), &bounds)
}

/// The future is a call to one of `table`'s functions, resolved through the file's imports, or an
/// `async` block that only awaits one.
fn known_future(cx: &Ctx<'_, '_>, future: &syn::Expr, table: &[&str]) -> bool {
    match future {
        syn::Expr::Call(call) => match &*call.func {
            syn::Expr::Path(p) => futures::is_one_of(&cx.resolve(&p.path), table),
            _ => false,
        },
        syn::Expr::Paren(p) => known_future(cx, &p.expr, table),
        syn::Expr::Async(block) => match block.block.stmts.as_slice() {
            [syn::Stmt::Expr(syn::Expr::Await(aw), _)] => known_future(cx, &aw.base, table),
            _ => false,
        },
        _ => false,
    }
}

/// `rt.block_on(std::future::pending::<()>())`: parking a thread for ever is the point (a runtime
/// driver). Only the real `pending` counts, resolved through imports; a local named `pending`
/// does not.
fn parks_forever(cx: &Ctx<'_, '_>, future: &syn::Expr) -> bool {
    known_future(cx, future, NEVER_COMPLETE)
}

/// The local function a call names: `helper(..)`, `Self::helper(..)`, `self.helper(..)`.
fn called_fn_name(expr: &syn::Expr) -> Option<String> {
    match expr {
        syn::Expr::Call(call) => match &*call.func {
            syn::Expr::Path(p) => {
                let segments: Vec<_> = p.path.segments.iter().collect();
                match segments.as_slice() {
                    [only] => Some(only.ident.to_string()),
                    [owner, f] if owner.ident == "Self" => Some(f.ident.to_string()),
                    _ => None,
                }
            }
            _ => None,
        },
        syn::Expr::MethodCall(mc) => match &*mc.receiver {
            syn::Expr::Path(p) if p.path.is_ident("self") => Some(mc.method.to_string()),
            _ => None,
        },
        _ => None,
    }
}

/// `x.block_on(fut)`, `fut.block_on()` (pollster), `block_on(fut)`, `executor::block_on(fut)`:
/// the span to report and the future, when it is an argument.
fn block_on_call(expr: &syn::Expr) -> Option<(Span, Span, Option<&syn::Expr>)> {
    match expr {
        syn::Expr::MethodCall(call) if call.method == "block_on" && call.args.len() <= 1 => Some((
            call.method.span(),
            call.paren_token.span.close(),
            call.args.first(),
        )),
        syn::Expr::Call(call) if call.args.len() == 1 => {
            let syn::Expr::Path(p) = &*call.func else {
                return None;
            };
            let last = p.path.segments.last()?;
            (last.ident == "block_on").then(|| {
                (
                    p.path.span(),
                    call.paren_token.span.close(),
                    call.args.first(),
                )
            })
        }
        _ => None,
    }
}

/// The tokens call something that bounds the wait: `timeout(d, fut)`, `timeout_at(..)`,
/// `fut.timeout(d)`, a function whose name says timeout or deadline (`fetch_with_timeout()`), or
/// a `select!` that races a timer.
fn bounded(tokens: TokenStream) -> bool {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let direct = trees.windows(2).any(|w| match w {
        [TokenTree::Ident(name), TokenTree::Group(g)]
            if g.delimiter() == proc_macro2::Delimiter::Parenthesis =>
        {
            names_bound_call(&name.to_string(), !g.stream().is_empty())
        }
        _ => false,
    });
    let select_with_timer = trees.windows(3).any(|w| match w {
        [
            TokenTree::Ident(name),
            TokenTree::Punct(bang),
            TokenTree::Group(body),
        ] => {
            (name == "select" || name == "select_biased")
                && bang.as_char() == '!'
                && mentions_timer(body.stream())
        }
        _ => false,
    });
    direct
        || select_with_timer
        || trees.iter().any(|tt| match tt {
            TokenTree::Group(g) => bounded(g.stream()),
            _ => false,
        })
}

/// `timeout(d, fut)`, `fut.timeout(d)`, `fetch_with_timeout()`, `recv_deadline(t)`; not a getter
/// that only reads a setting (`config.timeout()`, `opts.read_timeout()`).
fn names_bound_call(name: &str, has_args: bool) -> bool {
    let name = name.to_lowercase();
    if !(name.contains("timeout") || name.contains("deadline")) {
        return false;
    }
    let getter = !has_args
        && !name.contains("with_")
        && (name.ends_with("timeout") || name.ends_with("deadline"));
    !getter
}

fn mentions_timer(tokens: TokenStream) -> bool {
    tokens.into_iter().any(|tt| match tt {
        TokenTree::Ident(i) => TIMER_IDENTS.iter().any(|t| i == t),
        TokenTree::Group(g) => mentions_timer(g.stream()),
        _ => false,
    })
}
