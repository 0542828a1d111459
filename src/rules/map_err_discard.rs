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
use crate::knowledge::errors::{
    self, CHANNEL_CLOSED_METHODS, CHANNEL_END_TYPES, EMPTY_ERROR_METHODS, HEADER_CONSTRUCTORS,
    HTTP_CRATES, INTEGER_TYPES, PARSE_EMPTY_TARGETS, VALUE_BACK_METHODS,
};
use crate::macros;
use crate::model::result_arguments;
use crate::rules::{Ctx, FnNode, LiteralScope, Node, Precision, Rule, RuleEntry, RuleMeta};
use crate::syntax::{declared_types, leading_path};

pub static META: RuleMeta = RuleMeta {
    id: "map-err-discard",
    dimension: Dimension::ErrorHandling,
    default_severity: Severity::Medium,
    summary: "the original error is discarded: `map_err(|_| ..)`, an unused `|e|`, `Err(_) => Err(..)`, `.ok().ok_or(..)`",
    doc: include_str!("../../rules/map-err-discard.md"),
    enabled_by_default: false,
    production_only: true,
    precision: Precision::Low,
    literals: &["map_err", "ok_or"],
    // `Err(..)` as an expression is everywhere; only `Err(_)`/`Err(e)` patterns and `.or(Err(..))`.
    // `From<` is an `impl From<E>` header (not `FromStr`, `TryFrom`, `From::from(..)`).
    pattern: Some(concat!(
        r"(?-u:\b)Err\s*\(\s*[A-Za-z_]\w*\s*\)\s*(?:=>|if(?-u:\b)|=[^=>]|\|)|(?-u:\b)or\s*\(\s*Err(?-u:\b)",
        r"|(?-u:\b)From\s*<",
    )),
    literal_scope: LiteralScope::Item,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, MapErrDiscard);

/// Macros that record an error for a human rather than pass it on.
const LOG_MACROS: &[&str] = &[
    "trace", "debug", "info", "warn", "error", "event", "log", "println", "eprintln", "print",
    "eprint",
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
            syn::Expr::Match(m)
                if !hands_value_back(&m.expr)
                    && !hands_input_back(cx, &m.expr)
                    && !carries_nothing(cx, &m.expr) =>
            {
                for arm in &m.arms {
                    if returns_err(cx, &arm.body) {
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
                    && !hands_input_back(cx, &cond.expr)
                    && !carries_nothing(cx, &cond.expr)
                    && block_returns_err(cx, &i.then_branch)
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
            if hands_value_back(&mc.receiver)
                || only_logs(&closure.body)
                || carries_nothing(cx, &mc.receiver)
                || is_none(&closure.body)
                || is_fmt_error(cx, &closure.body)
                || is_unit(&closure.body)
                || hands_input_back(cx, &mc.receiver)
                || returns_outer_error(cx, closure.body.to_token_stream())
            {
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
                    let body = closure.body.to_token_stream();
                    let uses = uses_of(body.clone(), &name);
                    let status = mentions_http_status(cx, body);
                    report_unused(cx, &uses, status, &name, Place::Closure, start, end);
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
                && !carries_nothing(cx, &ok.receiver)
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
    if returns_err_none(body.clone())
        || returns_err_fmt_error(cx, body.clone())
        || returns_outer_error(cx, body.clone())
    {
        return;
    }
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
            let uses = uses_of(body.clone(), &name);
            let status = mentions_http_status(cx, body);
            report_unused(cx, &uses, status, &name, place, start, end);
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
    let source = type_name(&param.ty);
    if !target_is_error || TEXT_TYPES.contains(&source.as_str()) {
        return;
    }
    // `From<mpsc::SendError<T>>`, `From<UnitError>`: its text is all the source has.
    let written_here = Some(cx.file.crate_name.as_str());
    if error_type_carries_nothing(cx, &param.ty.to_token_stream().to_string(), written_here) {
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
    answers_with_status: bool,
    name: &str,
    place: Place,
    start: Span,
    end: Span,
) {
    if uses.kept || uses.stringified.is_some() {
        return;
    }
    // Logged, then answered with an HTTP status: the cause is in the log, and the client gets no
    // internals. The recommended shape for a handler.
    if uses.logged && answers_with_status {
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
                // A `macro_rules!` metavariable (`{ $error_map }`) may be any code using `name`.
                if id.to_string().starts_with(macros::PLACEHOLDER_PREFIX) {
                    uses.kept = true;
                    continue;
                }
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
        // `|_: ()|`: a unit error has nothing to keep.
        syn::Pat::Type(t) if matches!(&*t.ty, syn::Type::Tuple(u) if u.elems.is_empty()) => {
            Binding::Other
        }
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

/// A parameter of the enclosing fn, by name: `Err(permit)` in
/// `fn try_increment(&self, permit: Permit) -> Result<Guard, Permit>` hands the caller's value
/// back.
fn is_parameter(cx: &Ctx<'_, '_>, expr: &syn::Expr) -> bool {
    let syn::Expr::Path(p) = expr else {
        return false;
    };
    let Some(name) = p.path.get_ident() else {
        return false;
    };
    cx.enclosing_fn.is_some_and(|f| {
        f.sig.inputs.iter().any(|input| match input {
            syn::FnArg::Typed(t) => binds(&t.pat, &name.to_string()),
            syn::FnArg::Receiver(_) => false,
        })
    })
}

fn is_bail(mac: &syn::Macro) -> bool {
    matches!(macros::macro_name(mac).as_str(), "bail")
}

/// Whether `expr` is a call from [`VALUE_BACK_METHODS`], with the arity that identifies it.
fn hands_value_back(expr: &syn::Expr) -> bool {
    let (name, arity) = match expr {
        syn::Expr::MethodCall(mc) => (Some(&mc.method), mc.args.len()),
        syn::Expr::Call(call) => match &*call.func {
            syn::Expr::Path(p) => (p.path.segments.last().map(|s| &s.ident), call.args.len()),
            _ => (None, 0),
        },
        _ => (None, 0),
    };
    name.is_some_and(|n| {
        VALUE_BACK_METHODS
            .iter()
            .any(|(m, args)| n == m && args.is_none_or(|a| a == arity))
    })
}

/// The error the expression fails with carries nothing, and its type is visible here: a call
/// from [`errors::EMPTY_ERRORS`] (resolved), `INT::try_from(..)`, `<[u8; N]>::try_from(..)`,
/// `x.try_into()` into a declared integer type, or a channel end's `send`/`recv`/`try_recv` (an
/// awaited oneshot receiver too). Looks through `?`, `.await`, `.map(..)`.
fn carries_nothing(cx: &Ctx<'_, '_>, expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::Paren(p) => carries_nothing(cx, &p.expr),
        syn::Expr::Await(aw) => match &*aw.base {
            syn::Expr::Path(_) | syn::Expr::Field(_) => is_channel_end(cx, &aw.base),
            base => carries_nothing(cx, base),
        },
        syn::Expr::Call(call) => {
            let syn::Expr::Path(func) = &*call.func else {
                return false;
            };
            let resolved = cx.resolve(&func.path);
            if errors::empty_error_call(&resolved).is_some()
                || is_header_constructor(&resolved)
                || workspace_error_carries_nothing(cx, &resolved)
            {
                return true;
            }
            let mut segments = func.path.segments.iter().rev();
            let is_try_from = segments.next().is_some_and(|s| s.ident == "try_from");
            let owner_is_integer = match &func.qself {
                Some(q) => is_integer_or_array(&q.ty),
                None => segments
                    .next()
                    .is_some_and(|s| INTEGER_TYPES.iter().any(|t| s.ident == t)),
            };
            is_try_from && owner_is_integer
        }
        syn::Expr::MethodCall(mc) => {
            let method = mc.method.to_string();
            if EMPTY_ERROR_METHODS.contains(&(method.as_str(), mc.args.len())) {
                return true;
            }
            // `self.acquire()`, `self.pool.acquire()`, `pool.acquire()`: a method of a workspace
            // type, through the model.
            if let Some(owner) = cx.receiver_type(&mc.receiver)
                && workspace_error_carries_nothing(cx, &[owner, method.clone()])
            {
                return true;
            }
            match method.as_str() {
                "map" => carries_nothing(cx, &mc.receiver),
                "try_into" => mc.args.is_empty() && declared_integer_target(cx),
                "parse" => mc.args.is_empty() && parses_into_empty_error_type(cx, mc),
                m if CHANNEL_CLOSED_METHODS.contains(&m) => is_channel_end(cx, &mc.receiver),
                _ => false,
            }
        }
        _ => false,
    }
}

fn is_integer_or_array(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Array(_) => true,
        syn::Type::Path(p) => p
            .path
            .segments
            .last()
            .is_some_and(|s| INTEGER_TYPES.iter().any(|t| s.ident == t)),
        syn::Type::Paren(p) => is_integer_or_array(&p.elem),
        _ => false,
    }
}

/// The `let` the expression is part of declares an integer type: `let n: c_int = x.try_into()..`.
fn declared_integer_target(cx: &Ctx<'_, '_>) -> bool {
    cx.ancestors_inside_out().find_map(|node| match node {
        Node::Stmt(syn::Stmt::Local(local)) => Some(match &local.pat {
            syn::Pat::Type(t) => is_integer_or_array(&t.ty),
            _ => false,
        }),
        Node::Stmt(_) => Some(false),
        _ => None,
    }) == Some(true)
}

/// A channel end: a local bound from a channel constructor in this function
/// (`let (tx, rx) = mpsc::channel(8)`), or a parameter or field declared with a channel end type
/// of a channel module (`tx: mpsc::Sender<Msg>`), resolved through the file's imports.
fn is_channel_end(cx: &Ctx<'_, '_>, expr: &syn::Expr) -> bool {
    let name = match expr {
        syn::Expr::Path(p) => match p.path.get_ident() {
            Some(i) => i.to_string(),
            None => return false,
        },
        syn::Expr::Field(f) => match &f.member {
            syn::Member::Named(n) => n.to_string(),
            syn::Member::Unnamed(_) => return false,
        },
        syn::Expr::Reference(r) => return is_channel_end(cx, &r.expr),
        syn::Expr::Paren(p) => return is_channel_end(cx, &p.expr),
        _ => return false,
    };
    if let Some(f) = cx.enclosing_fn {
        let bound_here = f.block.stmts.iter().any(|stmt| match stmt {
            syn::Stmt::Local(local) => {
                binds(&local.pat, &name)
                    && local.init.as_ref().is_some_and(|init| {
                        matches!(&*init.expr, syn::Expr::Call(call)
                            if matches!(&*call.func, syn::Expr::Path(p)
                                if cx.resolve(&p.path).split_last()
                                    .is_some_and(|(_, module)| errors::is_channel_module(module))))
                    })
            }
            _ => false,
        });
        let param = f.sig.inputs.iter().any(|input| match input {
            syn::FnArg::Typed(t) => binds(&t.pat, &name) && is_channel_end_type(cx, &t.ty),
            syn::FnArg::Receiver(_) => false,
        });
        if bound_here || param {
            return true;
        }
    }
    declared_field_is_channel_end(cx, &name)
}

fn binds(pat: &syn::Pat, name: &str) -> bool {
    match pat {
        syn::Pat::Ident(p) => p.ident == name,
        syn::Pat::Tuple(t) => t.elems.iter().any(|p| binds(p, name)),
        syn::Pat::Type(t) => binds(&t.pat, name),
        syn::Pat::Reference(r) => binds(&r.pat, name),
        _ => false,
    }
}

/// `mpsc::Sender<T>`, `&UnboundedSender<T>`, `Option<oneshot::Sender<T>>`.
fn is_channel_end_type(cx: &Ctx<'_, '_>, ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Reference(r) => is_channel_end_type(cx, &r.elem),
        syn::Type::Paren(p) => is_channel_end_type(cx, &p.elem),
        syn::Type::Path(p) => {
            let Some(last) = p.path.segments.last() else {
                return false;
            };
            if last.ident == "Option" {
                return match &last.arguments {
                    syn::PathArguments::AngleBracketed(args) => {
                        args.args.iter().any(|a| matches!(a, syn::GenericArgument::Type(t) if is_channel_end_type(cx, t)))
                    }
                    _ => false,
                };
            }
            channel_end_path(
                cx,
                &p.path
                    .segments
                    .iter()
                    .map(|s| s.ident.to_string())
                    .collect::<Vec<_>>(),
            )
        }
        _ => false,
    }
}

fn channel_end_path(cx: &Ctx<'_, '_>, written: &[String]) -> bool {
    let resolved = cx.file.uses.resolve(written);
    resolved.split_last().is_some_and(|(last, module)| {
        CHANNEL_END_TYPES.contains(&last.as_str()) && errors::is_channel_module(module)
    })
}

/// A struct field `name: path::Sender<..>` (or `Option<path::Sender<..>>`) declared in this file.
/// Fields are read from the file's text: the struct may come after the code that uses it.
fn declared_field_is_channel_end(cx: &Ctx<'_, '_>, name: &str) -> bool {
    declared_types(cx.file.text, name).into_iter().any(|ty| {
        let ty = ty.strip_prefix("Option<").map_or(ty, str::trim_start);
        let segments = leading_path(ty);
        !segments.is_empty() && channel_end_path(cx, &segments)
    })
}

/// A closure body that is `None`: `Err(None)` as control flow (`Result<T, Option<E>>`).
fn is_none(body: &syn::Expr) -> bool {
    matches!(body, syn::Expr::Path(p) if p.path.is_ident("None"))
}

/// The arm or branch returns `Err(None)`: control flow, not an error description.
fn returns_err_none(body: TokenStream) -> bool {
    let trees: Vec<TokenTree> = body.into_iter().collect();
    trees.windows(2).any(|w| match w {
        [TokenTree::Ident(err), TokenTree::Group(g)] if err == "Err" => {
            g.stream().to_string().trim() == "None"
        }
        _ => false,
    })
}

/// The expression evaluates to, or returns, a freshly built `Err(..)`. `Err(permit)` with a
/// parameter of the enclosing fn hands the caller's value back and is not counted.
fn returns_err(cx: &Ctx<'_, '_>, expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::Call(c) => {
            is_err_ctor(&c.func) && !c.args.first().is_some_and(|a| is_parameter(cx, a))
        }
        syn::Expr::Return(r) => r.expr.as_deref().is_some_and(|e| returns_err(cx, e)),
        syn::Expr::Block(b) => block_returns_err(cx, &b.block),
        syn::Expr::Paren(p) => returns_err(cx, &p.expr),
        syn::Expr::Macro(m) => is_bail(&m.mac),
        _ => false,
    }
}

fn block_returns_err(cx: &Ctx<'_, '_>, block: &syn::Block) -> bool {
    match block.stmts.last() {
        Some(syn::Stmt::Expr(e, None)) => returns_err(cx, e),
        Some(syn::Stmt::Expr(e, Some(_))) => {
            matches!(e, syn::Expr::Return(_) | syn::Expr::Macro(_)) && returns_err(cx, e)
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

/// `s.parse::<u16>()`, or `let port: u16 = s.parse()..`: parsing into a number, `bool`, `char` or
/// an address fails only with an error that says which of a few kinds of malformed it was.
fn parses_into_empty_error_type(cx: &Ctx<'_, '_>, mc: &syn::ExprMethodCall) -> bool {
    let is_target = |ty: &syn::Type| match ty {
        syn::Type::Path(p) => p
            .path
            .segments
            .last()
            .is_some_and(|s| PARSE_EMPTY_TARGETS.iter().any(|t| s.ident == t)),
        _ => false,
    };
    if let Some(turbofish) = &mc.turbofish {
        return turbofish
            .args
            .iter()
            .any(|a| matches!(a, syn::GenericArgument::Type(t) if is_target(t)));
    }
    cx.ancestors_inside_out().find_map(|node| match node {
        Node::Stmt(syn::Stmt::Local(local)) => Some(match &local.pat {
            syn::Pat::Type(t) => is_target(&t.ty),
            _ => false,
        }),
        Node::Stmt(_) => Some(false),
        _ => None,
    }) == Some(true)
}

/// `HeaderValue::from_str(..)` with the type resolved into an HTTP crate: `InvalidHeaderValue`
/// and `InvalidHeaderName` are empty structs.
fn is_header_constructor(resolved: &[String]) -> bool {
    let [krate, .., owner, function] = resolved else {
        return false;
    };
    HTTP_CRATES.contains(&krate.as_str())
        && HEADER_CONSTRUCTORS
            .iter()
            .any(|(t, f)| owner == t && function == f)
}

/// The workspace fn a call path names (through the model) returns `Result<T, E>` with an `E`
/// that carries nothing; when several fns share the name, all of them do.
fn workspace_error_carries_nothing(cx: &Ctx<'_, '_>, path: &[String]) -> bool {
    let fns = cx.workspace_fns(path);
    !fns.is_empty()
        && fns.iter().all(|f| {
            f.ret
                .as_deref()
                .and_then(result_arguments)
                .is_some_and(|(_, error)| error_type_carries_nothing(cx, &error, None))
        })
}

/// An error type, as written, that carries nothing: `()`, a type of
/// [`errors::EMPTY_ERROR_TYPES`], or a workspace struct without fields or enum of fieldless
/// variants (`Self::Error` and other associated types are not looked up). `written_in`: the
/// crate whose code writes the type, when known: a path through a library crate there
/// (`sqlx::Error`) names the library's type, not the workspace's of that name.
fn error_type_carries_nothing(cx: &Ctx<'_, '_>, ty: &str, written_in: Option<&str>) -> bool {
    let ty = ty.trim().trim_start_matches('&').trim();
    if errors::is_empty_error_type(ty) {
        return true;
    }
    let path = ty.split('<').next().unwrap_or(ty);
    let segments: Vec<&str> = path.split("::").map(str::trim).collect();
    if segments.first().is_some_and(|s| *s == "Self") {
        return false;
    }
    // `sqlx::Error` is sqlx's, however fieldless the workspace's own `Error`s are.
    if let Some(krate) = written_in
        && segments.len() > 1
        && cx.workspace.leaves_workspace(krate, segments[0]) == Some(true)
    {
        return false;
    }
    segments
        .last()
        .is_some_and(|name| cx.workspace.is_fieldless_type(name) == Some(true))
}

/// `fmt::Error` (resolved to std's or core's): in a `Display`/`Debug` impl it is the only error
/// `fmt` may return, and it carries nothing by contract.
fn is_fmt_error(cx: &Ctx<'_, '_>, expr: &syn::Expr) -> bool {
    let syn::Expr::Path(p) = expr else {
        return false;
    };
    let resolved = cx.resolve(&p.path);
    matches!(
        resolved.iter().map(String::as_str).collect::<Vec<_>>()[..],
        ["std" | "core", "fmt", "Error"] | ["fmt", "Error"]
    )
}

/// The arm returns `Err(fmt::Error)`.
fn returns_err_fmt_error(cx: &Ctx<'_, '_>, body: TokenStream) -> bool {
    let trees: Vec<TokenTree> = body.into_iter().collect();
    trees.windows(2).any(|w| match w {
        [TokenTree::Ident(err), TokenTree::Group(g)] if err == "Err" => {
            syn::parse2::<syn::Expr>(g.stream()).is_ok_and(|e| is_fmt_error(cx, &e))
        }
        _ => false,
    })
}

/// The body uses an error bound further out, by an enclosing `Err(e)` pattern or the parameter
/// of an enclosing `or_else`/`map_err`/`unwrap_or_else` closure: a retry whose own error is
/// dropped in favour of the original one (`.map_err(|_| builder(e))`) keeps the cause.
fn returns_outer_error(cx: &Ctx<'_, '_>, body: TokenStream) -> bool {
    let mut outer: Vec<String> = Vec::new();
    let ancestors: Vec<Node<'_>> = cx.ancestors_inside_out().collect();
    for (k, node) in ancestors.iter().enumerate() {
        match node {
            Node::Arm(arm) => outer.extend(err_binding(&arm.pat)),
            Node::Expr(syn::Expr::If(i)) => {
                if let syn::Expr::Let(cond) = &*i.cond {
                    outer.extend(err_binding(&cond.pat));
                }
            }
            Node::Expr(syn::Expr::Closure(c)) => {
                let on_error = matches!(ancestors.get(k + 1), Some(Node::Expr(syn::Expr::MethodCall(mc)))
                    if matches!(mc.method.to_string().as_str(), "or_else" | "map_err" | "unwrap_or_else" | "map_or_else"));
                if on_error {
                    for input in &c.inputs {
                        if let Binding::Name(name) = binding(input) {
                            outer.push(name);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    outer.iter().any(|name| {
        let uses = uses_of(body.clone(), name);
        uses.kept || uses.stringified.is_some()
    })
}

/// `Err(e)`: the bound name.
fn err_binding(pat: &syn::Pat) -> Option<String> {
    let syn::Pat::TupleStruct(ts) = pat else {
        return None;
    };
    if ts.path.segments.last().is_none_or(|s| s.ident != "Err") || ts.elems.len() != 1 {
        return None;
    }
    match binding(ts.elems.first()?) {
        Binding::Name(name) => Some(name),
        _ => None,
    }
}

/// The tokens name an HTTP status or response, resolved into an HTTP crate: `StatusCode::..`,
/// actix's `error::ErrorInternalServerError(..)` or `HttpResponse::..`.
fn mentions_http_status(cx: &Ctx<'_, '_>, body: TokenStream) -> bool {
    let trees: Vec<TokenTree> = body.into_iter().collect();
    let mut k = 0;
    while k < trees.len() {
        match &trees[k] {
            TokenTree::Group(g) => {
                if mentions_http_status(cx, g.stream()) {
                    return true;
                }
                k += 1;
            }
            TokenTree::Ident(first) => {
                // The path `a::b::c` starting here.
                let mut path = vec![first.to_string()];
                let mut j = k + 1;
                while let (
                    Some(TokenTree::Punct(p1)),
                    Some(TokenTree::Punct(p2)),
                    Some(TokenTree::Ident(next)),
                ) = (trees.get(j), trees.get(j + 1), trees.get(j + 2))
                {
                    if p1.as_char() != ':' || p2.as_char() != ':' {
                        break;
                    }
                    path.push(next.to_string());
                    j += 3;
                }
                let resolved = cx.file.uses.resolve(&path);
                let in_http_crate = resolved
                    .first()
                    .is_some_and(|c| HTTP_CRATES.contains(&c.as_str()));
                // actix's `error::ErrorNotFound(..)` helpers: `Error` plus a status name.
                let actix_helper = |s: &String| {
                    s.len() > "Error".len()
                        && s.starts_with("Error")
                        && resolved.iter().any(|m| m == "error")
                };
                let names_status = resolved
                    .iter()
                    .any(|s| s == "StatusCode" || s == "HttpResponse" || actix_helper(s));
                if in_http_crate && names_status {
                    return true;
                }
                k = j;
            }
            _ => k += 1,
        }
    }
    false
}

/// `.map_err(|_| ())`: the code chose an error that carries nothing (its signature returns
/// `Result<_, ()>`); there is no cause it could keep.
fn is_unit(body: &syn::Expr) -> bool {
    matches!(body, syn::Expr::Tuple(t) if t.elems.is_empty())
}

/// A call of a workspace fn whose `Err` type is the type of one of its parameters
/// (`fn try_send(&mut self, val: T) -> Result<Promise, T>`): its `Err` hands the input back, it
/// does not describe a failure. Through the model; every fn the call may name must do so.
fn hands_input_back(cx: &Ctx<'_, '_>, expr: &syn::Expr) -> bool {
    let path = match expr {
        syn::Expr::Await(a) => return hands_input_back(cx, &a.base),
        syn::Expr::Paren(p) => return hands_input_back(cx, &p.expr),
        syn::Expr::Call(call) => match &*call.func {
            syn::Expr::Path(p) => cx.resolve(&p.path),
            _ => return false,
        },
        syn::Expr::MethodCall(mc) => match cx.receiver_type(&mc.receiver) {
            Some(owner) => vec![owner, mc.method.to_string()],
            None => return false,
        },
        _ => return false,
    };
    let compact = |t: &str| t.split_whitespace().collect::<String>();
    let fns = cx.workspace_fns(&path);
    !fns.is_empty()
        && fns.iter().all(|f| {
            f.ret
                .as_deref()
                .and_then(result_arguments)
                .is_some_and(|(_, error)| {
                    let error = compact(&error);
                    f.params.iter().any(|(_, ty)| compact(ty) == error)
                })
        })
}
