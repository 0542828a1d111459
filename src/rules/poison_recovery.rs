//! `poison-recovery`: a poisoned std lock silently recovered with `PoisonError::into_inner`.

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::spanned::Spanned;

use crate::finding::{Dimension, Severity};
use crate::knowledge::errors::INTEGER_TYPES;
use crate::rationale::{self, Subject};
use crate::rules::{Ctx, FindingHandle, LiteralScope, Node, Precision, Rule, RuleEntry, RuleMeta};
use crate::syntax::{declared_types, leading_path, name_words};

pub static META: RuleMeta = RuleMeta {
    id: "poison-recovery",
    dimension: Dimension::Resilience,
    default_severity: Severity::Medium,
    summary: "poisoned std lock recovered with `PoisonError::into_inner` without logging the panic it hides",
    doc: include_str!("../../rules/poison-recovery.md"),
    enabled_by_default: true,
    production_only: true,
    precision: Precision::High,
    literals: &["into_inner"],
    pattern: None,
    // A lock newtype's struct (see `collect_lock_newtypes`) is another item than its impl; its
    // field's type resolves to std's `Mutex` or `RwLock`, so the file names one (in the field
    // or in a `use`). Elsewhere a finding depends on its own item only (`guards_plain_number`
    // reads the file's text, not its items).
    literal_scope: LiteralScope::ItemOrFileWhere("Mutex|RwLock"),
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, PoisonRecovery);

#[derive(Default)]
pub struct PoisonRecovery {
    /// Recoveries that are the whole body of a method, with the name of the impl's type: settled
    /// in `exit_file`, once every struct of the file is known.
    accessors: Vec<(FindingHandle, String)>,
}

/// Methods of `Mutex`, `RwLock`, `Condvar` and `OnceLock`-era std types that return a
/// `LockResult`/`TryLockResult`, whose error is a `PoisonError`.
const LOCK_METHODS: &[&str] = &[
    "lock",
    "read",
    "write",
    "try_lock",
    "try_read",
    "try_write",
    "wait",
    "wait_while",
    "wait_timeout",
    "wait_timeout_ms",
    "wait_timeout_while",
    "get_mut",
    "into_inner",
];

/// Macros that leave a trace of the recovery.
const LOG_MACROS: &[&str] = &[
    "trace", "debug", "info", "warn", "error", "event", "eprintln", "log", "println",
];

impl Rule for PoisonRecovery {
    fn check_expr<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, expr: &'ast syn::Expr) {
        if in_formatting_impl(cx) {
            return;
        }
        match expr {
            syn::Expr::MethodCall(call) if call.method == "unwrap_or_else" => {
                let Some(arg) = call.args.first() else {
                    return;
                };
                let lock_receiver = is_lock_call(&call.receiver);
                let recovers = match arg {
                    syn::Expr::Path(p) => {
                        is_poison_into_inner_path(cx, &p.path) && !explained(cx, p.span())
                    }
                    syn::Expr::Closure(closure) => {
                        let Some(param) = closure.inputs.first().and_then(pat_ident) else {
                            return;
                        };
                        let poison_named = param.to_lowercase().contains("poison");
                        (lock_receiver || poison_named)
                            && silent_recovery(cx, &closure.body, &param)
                    }
                    _ => false,
                };
                if recovers && !recovered_state_cleared(cx) {
                    let counter = guards_plain_number(cx, &call.receiver) || updated_in_place(cx);
                    let handle = report(
                        cx,
                        call.method.span(),
                        call.paren_token.span.close(),
                        counter,
                    );
                    self.note_accessor(cx, expr, handle);
                }
            }
            syn::Expr::Match(m) if is_lock_call(&m.expr) => {
                for arm in &m.arms {
                    let Some(binding) = err_binding(&arm.pat) else {
                        continue;
                    };
                    if silent_recovery(cx, &arm.body, &binding) {
                        let counter = guards_plain_number(cx, &m.expr);
                        let handle = report(cx, arm.pat.span(), arm.body.span(), counter);
                        self.note_accessor(cx, expr, handle);
                    }
                }
            }
            _ => {}
        }
    }

    fn exit_file<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, file: &'ast syn::File) {
        if self.accessors.is_empty() {
            return;
        }
        let mut lock_types = Vec::new();
        collect_lock_newtypes(cx, &file.items, &mut lock_types);
        for (handle, self_type) in std::mem::take(&mut self.accessors) {
            if lock_types.contains(&self_type) {
                // A lock type of the crate's own with parking_lot's semantics: ignoring poison
                // is what the type is for, and its users no longer see a `PoisonError`.
                cx.withdraw(handle);
            } else {
                cx.revise(
                    handle,
                    Severity::Low,
                    "every access to this lock goes through an accessor that recovers it from poisoning without a word: the type's policy, stated once, reuses state a panicking writer left half-updated",
                );
            }
        }
    }
}

impl PoisonRecovery {
    /// `fn lock(&self) -> MutexGuard<'_, T> { self.0.lock().unwrap_or_else(|e| e.into_inner()) }`:
    /// the recovery `expr` is the whole body of a method. Remembered with the impl's type.
    fn note_accessor(&mut self, cx: &Ctx<'_, '_>, expr: &syn::Expr, handle: FindingHandle) {
        let Some(f) = cx.enclosing_fn else {
            return;
        };
        let whole_body = matches!(
            f.block.stmts.as_slice(),
            [syn::Stmt::Expr(body, None)] if std::ptr::eq(body, expr)
        );
        let self_type = cx.ancestors_inside_out().find_map(|node| match node {
            Node::Item(syn::Item::Impl(imp)) if imp.trait_.is_none() => type_name(&imp.self_ty),
            _ => None,
        });
        if let (true, Some(self_type)) = (whole_body, self_type) {
            self.accessors.push((handle, self_type));
        }
    }
}

fn type_name(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// Generic lock types of the file: structs whose only field is a std `Mutex`/`RwLock` (possibly
/// in an `Arc`) of one of the struct's own type parameters, `struct Mutex<T>(std::sync::Mutex<T>)`,
/// `struct SharedMutex<T>(Arc<Mutex<T>>)`. A struct over a lock of one concrete state type
/// (`struct Status(RwLock<StatusInner>)`) is that state's handle, not a lock type.
fn collect_lock_newtypes(cx: &Ctx<'_, '_>, items: &[syn::Item], into: &mut Vec<String>) {
    for item in items {
        match item {
            syn::Item::Struct(s) if s.fields.len() == 1 => {
                let params: Vec<String> = s
                    .generics
                    .type_params()
                    .map(|p| p.ident.to_string())
                    .collect();
                if s.fields
                    .iter()
                    .all(|field| std_lock_of_param(cx, &field.ty, &params))
                {
                    into.push(s.ident.to_string());
                }
            }
            syn::Item::Mod(m) => {
                if let Some((_, items)) = &m.content {
                    collect_lock_newtypes(cx, items, into);
                }
            }
            _ => {}
        }
    }
}

/// `std::sync::Mutex<T>`/`RwLock<T>` resolved through the file's imports, or `Arc` of one, where
/// `T` is one of `params`.
fn std_lock_of_param(cx: &Ctx<'_, '_>, ty: &syn::Type, params: &[String]) -> bool {
    let syn::Type::Path(p) = ty else {
        return false;
    };
    let full = cx.resolve(&p.path);
    let is = |name: &str| full.len() >= 2 && full[0] == "std" && full[full.len() - 1] == name;
    let inner = p
        .path
        .segments
        .last()
        .and_then(|last| match &last.arguments {
            syn::PathArguments::AngleBracketed(args) => match args.args.first() {
                Some(syn::GenericArgument::Type(inner)) => Some(inner),
                _ => None,
            },
            _ => None,
        });
    let Some(inner) = inner else {
        return false;
    };
    if is("Mutex") || is("RwLock") {
        return matches!(inner, syn::Type::Path(t) if t.qself.is_none()
            && t.path.get_ident().is_some_and(|ident| params.iter().any(|p| ident == p)));
    }
    is("Arc") && std_lock_of_param(cx, inner, params)
}

/// `let mut cache = shard.lock().unwrap_or_else(|p| p.into_inner()); ..; cache.clear();`: the
/// recovered state is emptied in the same block, so nothing a panicking writer left survives.
fn recovered_state_cleared(cx: &Ctx<'_, '_>) -> bool {
    let mut nodes = cx.ancestors_inside_out();
    let Some(Node::Stmt(syn::Stmt::Local(local))) = nodes.next() else {
        return false;
    };
    let Some(name) = pat_ident(&local.pat) else {
        return false;
    };
    let block = nodes.find_map(|node| match node {
        Node::Expr(syn::Expr::Block(b)) => Some(&b.block),
        Node::Expr(syn::Expr::ForLoop(f)) => Some(&f.body),
        Node::Expr(syn::Expr::While(w)) => Some(&w.body),
        Node::Expr(syn::Expr::Loop(l)) => Some(&l.body),
        _ => None,
    });
    let block = block.or_else(|| cx.enclosing_fn.map(|f| f.block));
    block.is_some_and(|block| calls_method_on(block.to_token_stream(), &name, "clear"))
}

/// The closure or arm body takes the guard out of the poison error `param` and does nothing else
/// about it: it does not log, repair the state (any statement besides taking the guard), pass
/// the poison on (`PoisonError::new`, `Err(..)`, a `poisoned` flag), or carry a comment that
/// explains the choice.
fn silent_recovery(cx: &Ctx<'_, '_>, body: &syn::Expr, param: &str) -> bool {
    let tokens = body.to_token_stream();
    calls_into_inner_on(tokens.clone(), param)
        && !logs(tokens.clone())
        && !acknowledges_poison(tokens, param)
        && is_bare_takeover(body)
        && !explained(cx, body.span())
}

/// `p.into_inner()`, `{ p.into_inner() }`, `{ let g = p.into_inner(); g }`, `Some(p.into_inner())`.
fn is_bare_takeover(body: &syn::Expr) -> bool {
    let syn::Expr::Block(block) = body else {
        return true;
    };
    matches!(
        block.block.stmts.as_slice(),
        [syn::Stmt::Expr(_, None)]
            | [
                syn::Stmt::Local(_),
                syn::Stmt::Expr(syn::Expr::Path(_), None)
            ]
    )
}

/// The tokens pass the poison on or record it: `PoisonError::new(..)`, `Err(..)`,
/// `TryLockError::Poisoned(..)`, `clear_poison()`, or an assignment to a `poisoned` flag.
fn acknowledges_poison(tokens: TokenStream, param: &str) -> bool {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    trees.windows(2).any(|w| match w {
        [TokenTree::Ident(name), next] => {
            let text = name.to_string();
            matches!(
                text.as_str(),
                "PoisonError" | "Poisoned" | "Err" | "clear_poison"
            ) || (text != param
                && text.to_lowercase().contains("poison")
                && matches!(next, TokenTree::Punct(p) if p.as_char() == '='))
        }
        _ => false,
    }) || trees.iter().any(|tt| match tt {
        TokenTree::Group(g) => acknowledges_poison(g.stream(), param),
        _ => false,
    })
}

/// A comment inside the span, or on or just above it or the statement holding it, that talks
/// about poisoning or panics: the recovery is a documented decision (see [`crate::rationale`]).
fn explained(cx: &Ctx<'_, '_>, span: proc_macro2::Span) -> bool {
    let (first, last) = (span.start().line, span.end().line);
    let statement_line = cx.ancestors_inside_out().find_map(|node| match node {
        Node::Stmt(stmt) => Some(stmt.span().start().line),
        _ => None,
    });
    let inside = cx.file.comments().iter().any(|c| {
        c.line >= first && c.line <= last && rationale::explains(&c.text, Subject::Poison)
    });
    let lines: Vec<usize> = std::iter::once(first).chain(statement_line).collect();
    inside || rationale::documented(cx.file, &lines, Subject::Poison)
}

fn report(
    cx: &mut Ctx<'_, '_>,
    start: proc_macro2::Span,
    end: proc_macro2::Span,
    counter: bool,
) -> FindingHandle {
    if counter {
        return cx.report_revisable(
            start,
            end,
            Severity::Low,
            "poisoned lock over a plain number recovered with `into_inner()`: a counter or statistic a panicking writer left behind is reused",
            "a lone number cannot be half-updated, so this is mostly harmless; an atomic (`AtomicU64`) needs no lock and cannot be poisoned",
        );
    }
    cx.report_revisable(
        start,
        end,
        cx.rule.default_severity,
        "poisoned lock recovered with `into_inner()` without a word: state a panicking writer left half-updated is reused as if valid",
        "log the recovery (`tracing::warn!(\"lock poisoned; recovering\")`) and restore or validate the guarded state, propagate the poison as an error, or use `parking_lot` locks if poisoning is not wanted at all",
    )
}

/// Number types a lock may guard as a plain counter or statistic.
const NUMBER_TYPES: &[&str] = &["f32", "f64", "Duration"];

/// `self.count.lock()`, `HITS.lock()`: the lock is a field or static this file declares as
/// `Mutex<u64>`/`RwLock<f64>`/`Mutex<Duration>` (a lone number cannot be left half-updated).
fn guards_plain_number(cx: &Ctx<'_, '_>, lock_call: &syn::Expr) -> bool {
    let syn::Expr::MethodCall(call) = strip(lock_call) else {
        return false;
    };
    let name = match strip(&call.receiver) {
        syn::Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        syn::Expr::Field(f) => match &f.member {
            syn::Member::Named(n) => Some(n.to_string()),
            syn::Member::Unnamed(_) => None,
        },
        _ => None,
    };
    let Some(name) = name else {
        return false;
    };
    declared_types(cx.file.text, &name).into_iter().any(|ty| {
        let lock = leading_path(ty);
        let is_lock = lock.last().is_some_and(|l| l == "Mutex" || l == "RwLock");
        let inner = ty
            .split_once('<')
            .map(|(_, rest)| rest.trim_start())
            .unwrap_or("");
        let inner_path = leading_path(inner);
        let inner_closes = inner
            .get(inner_path.join("::").len()..)
            .is_some_and(|rest| rest.trim_start().starts_with('>'));
        is_lock
            && inner_closes
            && inner_path.last().is_some_and(|t| {
                INTEGER_TYPES.contains(&t.as_str()) || NUMBER_TYPES.contains(&t.as_str())
            })
    })
}

/// `*m.lock().unwrap_or_else(PoisonError::into_inner) += 1`: the guard only bumps a number.
fn updated_in_place(cx: &Ctx<'_, '_>) -> bool {
    let mut nodes = cx.ancestors_inside_out();
    let deref = matches!(nodes.next(), Some(Node::Expr(syn::Expr::Unary(u))) if matches!(u.op, syn::UnOp::Deref(_)));
    deref
        && matches!(nodes.next(), Some(Node::Expr(syn::Expr::Binary(b))) if matches!(
            b.op,
            syn::BinOp::AddAssign(_) | syn::BinOp::SubAssign(_)
        ))
}

fn strip(expr: &syn::Expr) -> &syn::Expr {
    match expr {
        syn::Expr::Paren(p) => strip(&p.expr),
        syn::Expr::Reference(r) => strip(&r.expr),
        other => other,
    }
}

/// `impl Debug/Display for ..`: peeking into a poisoned lock to print it changes nothing.
fn in_formatting_impl(cx: &Ctx<'_, '_>) -> bool {
    cx.enclosing_fn
        .and_then(|f| f.impl_trait)
        .and_then(|t| t.segments.last())
        .is_some_and(|s| s.ident == "Debug" || s.ident == "Display")
}

/// `x.lock()`, `x.write()`, `cv.wait(g)`..., possibly behind `&`/parentheses.
fn is_lock_call(expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::MethodCall(call) => LOCK_METHODS.contains(&call.method.to_string().as_str()),
        syn::Expr::Paren(p) => is_lock_call(&p.expr),
        syn::Expr::Reference(r) => is_lock_call(&r.expr),
        _ => false,
    }
}

/// `PoisonError::into_inner`, `std::sync::PoisonError::into_inner`, or an import of it.
fn is_poison_into_inner_path(cx: &Ctx<'_, '_>, path: &syn::Path) -> bool {
    let full = cx.resolve(path);
    let n = full.len();
    n >= 2 && full[n - 1] == "into_inner" && full[n - 2] == "PoisonError"
}

fn pat_ident(pat: &syn::Pat) -> Option<String> {
    match pat {
        syn::Pat::Ident(p) => Some(p.ident.to_string()),
        syn::Pat::Type(t) => pat_ident(&t.pat),
        _ => None,
    }
}

/// `Err(p)` (or `Err(mut p)`, `Result::Err(p)`, `Err(TryLockError::Poisoned(p))`): the name
/// bound to the poison error.
fn err_binding(pat: &syn::Pat) -> Option<String> {
    let syn::Pat::TupleStruct(ts) = pat else {
        return None;
    };
    if ts.path.segments.last()?.ident != "Err" || ts.elems.len() != 1 {
        return None;
    }
    match ts.elems.first()? {
        syn::Pat::TupleStruct(inner)
            if inner.path.segments.last()?.ident == "Poisoned" && inner.elems.len() == 1 =>
        {
            inner.elems.first().and_then(pat_ident)
        }
        other => pat_ident(other),
    }
}

/// Whether `name.into_inner()` occurs in the tokens.
fn calls_into_inner_on(tokens: TokenStream, name: &str) -> bool {
    calls_method_on(tokens, name, "into_inner")
}

/// Whether `name.method` occurs in the tokens.
fn calls_method_on(tokens: TokenStream, name: &str, method: &str) -> bool {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    trees.windows(3).any(|w| match w {
        [
            TokenTree::Ident(a),
            TokenTree::Punct(dot),
            TokenTree::Ident(m),
        ] => a == name && dot.as_char() == '.' && m == method,
        _ => false,
    }) || trees.iter().any(|tt| match tt {
        TokenTree::Group(g) => calls_method_on(g.stream(), name, method),
        _ => false,
    })
}

/// Whether the tokens invoke a logging macro (`warn!`, `tracing::error!`, `eprintln!`...) or a
/// function whose name says it logs.
fn logs(tokens: TokenStream) -> bool {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    trees.windows(2).any(|w| match w {
        [TokenTree::Ident(name), TokenTree::Punct(bang)] if bang.as_char() == '!' => {
            LOG_MACROS.iter().any(|m| name == m)
        }
        // A helper named for logging: `log_poison(..)`, `warn_poisoned(..)` (whole words, so
        // `catalog(..)` or `forewarned(..)` do not count).
        [TokenTree::Ident(name), TokenTree::Group(_)] => name_words(&name.to_string())
            .iter()
            .any(|w| matches!(w.as_str(), "log" | "warn" | "warning")),
        _ => false,
    }) || trees.iter().any(|tt| match tt {
        TokenTree::Group(g) => logs(g.stream()),
        _ => false,
    })
}
