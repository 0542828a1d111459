//! `map-err-discard`: the original error is thrown away (`map_err(|_| ..)`, an unused `|e|`,
//! `Err(_) => Err(..)`, `.ok().ok_or(..)`, `From<E>` keeping only `e.to_string()`), so logs and
//! callers lose the cause.
//!
//! Whether a bound error is used is read from the tokens of the closure, arm or `from` body that
//! binds it: unlike the parsed tree, tokens keep every macro body (`warn!("{e}")`, `json!({..})`).

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::spanned::Spanned;

use crate::finding::{Dimension, Severity};
use crate::macros;
use crate::rules::{Ctx, FnNode, LiteralScope, Node, Precision, Rule, RuleEntry, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "map-err-discard",
    dimension: Dimension::ErrorHandling,
    default_severity: Severity::Medium,
    summary: "the original error is discarded: `map_err(|_| ..)`, an unused `|e|`, `Err(_) => Err(..)`, `.ok().ok_or(..)`",
    doc: include_str!("../../rules/map-err-discard.md"),
    enabled_by_default: true,
    production_only: true,
    precision: Precision::High,
    literals: &["map_err", "ok_or", "From"],
    // `Err(..)` as an expression is everywhere; only `Err(_)`/`Err(e)` patterns and `.or(Err(..))`.
    pattern: Some(
        r"(?-u:\b)Err\s*\(\s*[A-Za-z_]\w*\s*\)\s*(?:=>|if(?-u:\b)|=[^=>]|\|)|(?-u:\b)or\s*\(\s*Err(?-u:\b)",
    ),
    literal_scope: LiteralScope::Item,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, MapErrDiscard);

/// Macros that record an error for a human rather than pass it on.
const LOG_MACROS: &[&str] = &[
    "trace", "debug", "info", "warn", "error", "event", "log", "println", "eprintln", "print",
    "eprint",
];

/// Calls whose `Err` hands a value back rather than describing a failure: `OnceCell::set` returns
/// the rejected value, `compare_exchange`/`fetch_update` the current one, `Rc::try_unwrap` the `Rc`.
const VALUE_BACK_METHODS: &[&str] = &[
    "set",
    "compare_exchange",
    "compare_exchange_weak",
    "fetch_update",
    "try_unwrap",
    "downcast",
];

/// Types whose `From` conversion is text to begin with: nothing to chain.
const TEXT_TYPES: &[&str] = &[
    "String", "str", "Cow", "char", "bool", "u8", "u16", "u32", "u64", "u128", "usize", "i8",
    "i16", "i32", "i64", "i128", "isize", "f32", "f64",
];

#[derive(Default)]
pub struct MapErrDiscard;

impl Rule for MapErrDiscard {
    fn check_expr<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, expr: &'ast syn::Expr) {
        match expr {
            syn::Expr::MethodCall(mc) => method_call(cx, mc),
            syn::Expr::Match(m) if !hands_value_back(&m.expr) => {
                for arm in &m.arms {
                    if returns_err(&arm.body) {
                        // A guard that inspects the error (`Err(e) if e.kind() == ..`) uses it.
                        let mut scanned = arm.body.to_token_stream();
                        if let Some((_, guard)) = &arm.guard {
                            scanned.extend(guard.to_token_stream());
                        }
                        err_pattern(cx, &arm.pat, scanned, Place::Arm);
                    }
                }
            }
            syn::Expr::If(i) => {
                if let syn::Expr::Let(cond) = &*i.cond
                    && !hands_value_back(&cond.expr)
                    && block_returns_err(&i.then_branch)
                {
                    err_pattern(cx, &cond.pat, i.then_branch.to_token_stream(), Place::IfLet);
                }
            }
            _ => {}
        }
    }

    fn enter_fn<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, f: FnNode<'ast>) {
        from_impl(cx, f);
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Closure,
    Arm,
    IfLet,
}

fn method_call(cx: &mut Ctx<'_, '_>, mc: &syn::ExprMethodCall) {
    let method = mc.method.to_string();
    match method.as_str() {
        "map_err" => {
            let Some(syn::Expr::Closure(closure)) = mc.args.first() else {
                return;
            };
            // `.map_err(|e| warn!(..)).ok()`: the closure only logs; the result is dropped
            // knowingly afterwards, no replacement error is built.
            if hands_value_back(&mc.receiver) || only_logs(&closure.body) {
                return;
            }
            let [param] = closure.inputs.iter().collect::<Vec<_>>()[..] else {
                return;
            };
            let start = mc.method.span();
            let end = closure.or2_token.span();
            match binding(param) {
                Binding::Wild => cx.report_at(
                    start,
                    end,
                    Severity::Medium,
                    "`.map_err(|_| ..)` discards the original error",
                    HELP_CLOSURE,
                ),
                Binding::Name(name) => {
                    let uses = uses_of(closure.body.to_token_stream(), &name);
                    report_unused(cx, &uses, &name, Place::Closure, start, end);
                }
                Binding::Other => {}
            }
        }
        "or" => {
            if let Some(syn::Expr::Call(call)) = mc.args.first()
                && is_err_ctor(&call.func)
            {
                cx.report_at(
                    mc.method.span(),
                    mc.paren_token.span.close(),
                    Severity::Medium,
                    "`.or(Err(..))` replaces the original error with a fixed one",
                    HELP_CLOSURE,
                );
            }
        }
        "ok_or" | "ok_or_else" => {
            if let syn::Expr::MethodCall(ok) = &*mc.receiver
                && ok.method == "ok"
                && ok.args.is_empty()
            {
                cx.report_at(
                    ok.method.span(),
                    mc.method.span(),
                    Severity::Medium,
                    format!(
                        "`.ok().{method}(..)` turns the error into `None` and back into a different error: the cause is lost"
                    ),
                    "map the error instead of erasing it: `.map_err(|e| Error::Wrap { source: e, .. })?`, or `.context(\"..\")?` with anyhow",
                );
            }
        }
        _ => {}
    }
}

/// `Err(_)` / `Err(e)` in a match arm or `if let` whose body returns a fixed `Err`.
fn err_pattern(cx: &mut Ctx<'_, '_>, pat: &syn::Pat, body: TokenStream, place: Place) {
    let syn::Pat::TupleStruct(ts) = pat else {
        return;
    };
    if ts.path.segments.last().is_none_or(|s| s.ident != "Err") || ts.elems.len() != 1 {
        return;
    }
    let Some(inner) = ts.elems.first() else {
        return;
    };
    let start = pat.span();
    let end = ts.paren_token.span.close();
    match binding(inner) {
        Binding::Wild => {
            let text = if place == Place::Arm {
                "`Err(_) =>` returns a new error and discards the original one"
            } else {
                "`if let Err(_) = ..` returns a new error and discards the original one"
            };
            cx.report_at(start, end, Severity::Medium, text, HELP_ARM);
        }
        Binding::Name(name) => {
            let uses = uses_of(body, &name);
            report_unused(cx, &uses, &name, place, start, end);
        }
        Binding::Other => {}
    }
}

/// `impl From<E> for SomeError { fn from(e: E) -> Self { .. } }` keeping only `e.to_string()`.
fn from_impl(cx: &mut Ctx<'_, '_>, f: FnNode<'_>) {
    let Some(trait_path) = f.impl_trait else {
        return;
    };
    if trait_path.segments.last().is_none_or(|s| s.ident != "From") || f.sig.ident != "from" {
        return;
    }
    // Only conversions into an error type cut a source chain.
    let target_is_error = cx.ancestors_inside_out().any(|node| match node {
        Node::Item(syn::Item::Impl(imp)) => type_name(&imp.self_ty).contains("Err"),
        _ => false,
    });
    let [syn::FnArg::Typed(param)] = f.sig.inputs.iter().collect::<Vec<_>>()[..] else {
        return;
    };
    let syn::Pat::Ident(name) = &*param.pat else {
        return;
    };
    if !target_is_error || TEXT_TYPES.contains(&type_name(&param.ty).as_str()) {
        return;
    }
    let name = name.ident.to_string();
    let uses = uses_of(f.block.to_token_stream(), &name);
    if let (Some(at), false) = (uses.stringified, uses.kept) {
        cx.report_at(
            at,
            at,
            Severity::Low,
            format!(
                "this `From` conversion keeps only the text of `{name}`: the source error and its chain are cut"
            ),
            "store the error itself (`#[from] E` / `#[source]` with thiserror, or a `source: E` field) so `Error::source()` chains it; turn it into text only where it is displayed",
        );
    }
}

const HELP_CLOSURE: &str = "keep the original error as the cause: `.map_err(|e| Error::Parse { source: e, .. })`, `.map_err(Error::from)`, or `.context(\"..\")` with anyhow; if dropping it is deliberate, log it first and say why";
const HELP_ARM: &str = "bind the error and keep it: `Err(e) => Err(Error::Wrap { source: e, .. })` (or `?` with a `From` impl); if the fixed error is deliberate (e.g. not leaking internals to a client), log `e` first";

/// Reports a bound error that the body never keeps: medium, or low when it is at least logged.
fn report_unused(
    cx: &mut Ctx<'_, '_>,
    uses: &Uses,
    name: &str,
    place: Place,
    start: Span,
    end: Span,
) {
    if uses.kept || uses.stringified.is_some() {
        return;
    }
    let what = if place == Place::Closure {
        format!("`.map_err(|{name}| ..)`")
    } else {
        format!("`Err({name})`")
    };
    let (severity, message) = if uses.logged {
        (
            Severity::Low,
            format!("{what} logs `{name}` but returns an error without it: callers lose the cause"),
        )
    } else {
        (
            Severity::Medium,
            format!("{what} never uses `{name}`: the original error is discarded"),
        )
    };
    let help = if place == Place::Closure {
        HELP_CLOSURE
    } else {
        HELP_ARM
    };
    cx.report_at(start, end, severity, message, help);
}

/// How a body uses one error binding.
#[derive(Default)]
struct Uses {
    /// Passed on, wrapped or inspected.
    kept: bool,
    /// Mentioned in a logging macro.
    logged: bool,
    /// Turned into text: `e.to_string()`, or inside `format!`; where it first happened.
    stringified: Option<Span>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Within {
    Code,
    LogMacro,
    FormatMacro,
}

/// Scans a body's tokens (macro bodies and inline `{e}` format captures included) for `name`.
fn uses_of(body: TokenStream, name: &str) -> Uses {
    let mut uses = Uses::default();
    scan_uses(body, name, Within::Code, &mut uses, 0);
    uses
}

fn scan_uses(tokens: TokenStream, name: &str, within: Within, uses: &mut Uses, depth: usize) {
    if depth > 64 {
        uses.kept = true;
        return;
    }
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let punct_at =
        |i: usize, c: char| matches!(trees.get(i), Some(TokenTree::Punct(p)) if p.as_char() == c);
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Ident(id) => {
                if id != name || punct_at(i.wrapping_sub(1), '.') || punct_at(i + 1, ':') {
                    continue;
                }
                let to_string = punct_at(i + 1, '.')
                    && matches!(trees.get(i + 2), Some(TokenTree::Ident(m)) if m == "to_string");
                let at = if to_string {
                    trees.get(i + 2).map_or(id.span(), TokenTree::span)
                } else {
                    id.span()
                };
                record(uses, within, to_string, at);
            }
            TokenTree::Group(g) => {
                // `name ! (..)`: a macro call; its body is scanned in the macro's context.
                let mac = match (
                    i.checked_sub(2).and_then(|j| trees.get(j)),
                    punct_at(i.wrapping_sub(1), '!'),
                ) {
                    (Some(TokenTree::Ident(m)), true) => Some(m.to_string()),
                    _ => None,
                };
                let inner = match mac.as_deref() {
                    _ if within == Within::LogMacro => Within::LogMacro,
                    Some(m) if LOG_MACROS.contains(&m) => Within::LogMacro,
                    Some("format" | "format_args") => Within::FormatMacro,
                    _ => within,
                };
                scan_uses(g.stream(), name, inner, uses, depth + 1);
            }
            TokenTree::Literal(lit) => {
                let text = lit.to_string();
                if text.contains(name)
                    && macros::placeholders(&text)
                        .iter()
                        .any(|p| p.name.as_deref() == Some(name))
                {
                    record(uses, within, false, lit.span());
                }
            }
            TokenTree::Punct(_) => {}
        }
    }
}

fn record(uses: &mut Uses, within: Within, to_string: bool, at: Span) {
    match within {
        Within::LogMacro => uses.logged = true,
        Within::FormatMacro => {
            uses.stringified.get_or_insert(at);
        }
        Within::Code if to_string => {
            uses.stringified.get_or_insert(at);
        }
        Within::Code => uses.kept = true,
    }
}

enum Binding {
    Wild,
    Name(String),
    Other,
}

fn binding(pat: &syn::Pat) -> Binding {
    match pat {
        syn::Pat::Wild(_) | syn::Pat::Rest(_) => Binding::Wild,
        syn::Pat::Ident(p) if p.subpat.is_none() => Binding::Name(p.ident.to_string()),
        syn::Pat::Type(t) => binding(&t.pat),
        _ => Binding::Other,
    }
}

/// `Err` or `Result::Err` used as a constructor.
fn is_err_ctor(func: &syn::Expr) -> bool {
    matches!(func, syn::Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Err"))
}

/// A closure body that is one logging macro, or a block of nothing else (evaluating to `()`).
fn only_logs(body: &syn::Expr) -> bool {
    let is_log = |mac: &syn::Macro| LOG_MACROS.contains(&macros::macro_name(mac).as_str());
    match body {
        syn::Expr::Macro(m) => is_log(&m.mac),
        syn::Expr::Block(b) => {
            !b.block.stmts.is_empty()
                && b.block.stmts.iter().all(|stmt| match stmt {
                    syn::Stmt::Macro(m) => is_log(&m.mac),
                    syn::Stmt::Expr(syn::Expr::Macro(m), _) => is_log(&m.mac),
                    _ => false,
                })
        }
        _ => false,
    }
}

/// A lowercase single-segment path: `permit`, `guard`, `value`.
fn is_local_variable(expr: &syn::Expr) -> bool {
    matches!(expr, syn::Expr::Path(p) if p.qself.is_none()
        && p.path.segments.len() == 1
        && p.path.segments[0].ident.to_string().starts_with(|c: char| c.is_ascii_lowercase()))
}

fn is_bail(mac: &syn::Macro) -> bool {
    matches!(macros::macro_name(mac).as_str(), "bail")
}

/// Whether `expr` is a call from [`VALUE_BACK_METHODS`].
fn hands_value_back(expr: &syn::Expr) -> bool {
    let name = match expr {
        syn::Expr::MethodCall(mc) => Some(&mc.method),
        syn::Expr::Call(call) => match &*call.func {
            syn::Expr::Path(p) => p.path.segments.last().map(|s| &s.ident),
            _ => None,
        },
        _ => None,
    };
    name.is_some_and(|n| VALUE_BACK_METHODS.iter().any(|m| n == m))
}

/// The expression evaluates to, or returns, a freshly built `Err(..)`. `Err(permit)` with a local
/// variable hands a value back to the caller and is not counted.
fn returns_err(expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::Call(c) => {
            is_err_ctor(&c.func) && !c.args.first().is_some_and(is_local_variable)
        }
        syn::Expr::Return(r) => r.expr.as_deref().is_some_and(returns_err),
        syn::Expr::Block(b) => block_returns_err(&b.block),
        syn::Expr::Paren(p) => returns_err(&p.expr),
        syn::Expr::Macro(m) => is_bail(&m.mac),
        _ => false,
    }
}

fn block_returns_err(block: &syn::Block) -> bool {
    match block.stmts.last() {
        Some(syn::Stmt::Expr(e, None)) => returns_err(e),
        Some(syn::Stmt::Expr(e, Some(_))) => {
            matches!(e, syn::Expr::Return(_) | syn::Expr::Macro(_)) && returns_err(e)
        }
        Some(syn::Stmt::Macro(m)) => is_bail(&m.mac),
        _ => false,
    }
}

/// The last path segment of a type, through references: `&'a str` gives `str`.
fn type_name(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Reference(r) => type_name(&r.elem),
        syn::Type::Paren(p) => type_name(&p.elem),
        syn::Type::Path(p) => p
            .path
            .segments
            .last()
            .map_or_else(String::new, |s| s.ident.to_string()),
        // Tuples, slices, `impl Trait`: no single name, so never a text or error type.
        _ => String::new(),
    }
}
