//! `error-detail-leak`: the text of an internal error sent to API clients (a gRPC `Status`, an
//! HTTP 500 body), and `From<DbError>` impls that keep `err.to_string()`.
//!
//! The "error text" helpers here are shared with `stringly-error`.

use syn::spanned::Spanned;

use crate::finding::{Dimension, Severity};
use crate::macros::{self, MacroCall};
use crate::model::Resolution;
use crate::rules::{Ctx, LiteralScope, Node, Precision, Rule, RuleEntry, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "error-detail-leak",
    dimension: Dimension::Security,
    default_severity: Severity::Medium,
    summary: "internal error text (`e.to_string()`, `format!(\"{e}\")`) sent to clients in a gRPC `Status` or an HTTP 500 body",
    doc: include_str!("../../rules/error-detail-leak.md"),
    enabled_by_default: true,
    production_only: true,
    precision: Precision::High,
    // Every finding sits in an item with a response sink or a `From` impl. A gRPC sink is a
    // call `Status::internal`/`unknown`/`new`/`with_details` as `response_sink` reads it
    // (`Status::` alone matched every `Status` enum of a corpus: 1,585 times, 55 of them
    // these calls). A `From` impl's finding needs its error type resolved to a database
    // crate's or to `io::Error`, whose path is then written in the file
    // (`from_impl_of_backend_error`).
    literals: &["InternalServerError", "INTERNAL_SERVER_ERROR"],
    pattern: Some(r"Status::(?:internal|unknown|new|with_details)(?-u:\b)"),
    literal_scope: LiteralScope::ItemGated(&[("From", BACKEND_ERROR_PATHS)]),
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, ErrorDetailLeak);

#[derive(Default)]
pub struct ErrorDetailLeak;

impl Rule for ErrorDetailLeak {
    fn check_expr<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, expr: &'ast syn::Expr) {
        if let syn::Expr::MethodCall(mc) = expr
            && let Some(source) = to_string_of_error(cx, mc)
        {
            check_error_text(cx, mc.method.span(), mc.span(), &source);
        }
    }

    fn check_macro<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, call: &MacroCall<'ast>) {
        if let Some(source) = formatted_error(cx, call) {
            let span = call.mac.path.span();
            check_error_text(cx, span, call.mac.delimiter.span().close(), &source);
        }
    }
}

/// What a `From` impl's finding says when no response conversion is seen to send the text.
const MAY_REACH: &str = "it may reach API responses";

fn check_error_text(
    cx: &mut Ctx<'_, '_>,
    start: proc_macro2::Span,
    end: proc_macro2::Span,
    source: &str,
) {
    if let Some(sink) = response_sink(cx) {
        cx.report_at(
            start,
            end,
            Severity::Medium,
            format!("the text of error `{source}` is sent to the client in {sink}"),
            "log the error with its details server-side and return a generic message (with a correlation id) instead",
        );
        cx.add_evidence("reaches", "response");
        return;
    }
    if let Some((error_type, severity, is_database, reach)) = from_impl_of_backend_error(cx, source)
    {
        let reaches_response = reach != MAY_REACH;
        let leaks = if is_database {
            "SQL, table and constraint names leak"
        } else {
            "internal details leak"
        };
        cx.report_at(
            start,
            end,
            severity,
            format!(
                "`From<{error_type}>` keeps the backend error's text (`{source}`), and {reach}: {leaks}"
            ),
            format!(
                "keep the `{error_type}` as the variant's source (`#[from]`), log it server-side, and give clients a generic message"
            ),
        );
        if reaches_response {
            cx.add_evidence("reaches", "response");
        }
        return;
    }
    if let Some(via) = workspace_sink(cx) {
        let severity = if database_origin(cx, source) {
            Severity::High
        } else {
            Severity::Medium
        };
        cx.report_at(
            start,
            end,
            severity,
            format!("the text of error `{source}` is sent to the client through {via}"),
            "log the error with its details server-side and build the response from a generic message (with a correlation id) instead",
        );
        cx.add_evidence("reaches", "response");
    }
}

/// The enum and variant a call constructs (`ApiError::Database(..)`, `Self::Io(..)`), with
/// `Self` resolved to the enclosing impl's type.
fn constructed_variant(cx: &Ctx<'_, '_>, call: &syn::ExprCall) -> Option<(String, String)> {
    let syn::Expr::Path(func) = &*call.func else {
        return None;
    };
    let resolved = cx.resolve(&func.path);
    let [.., owner, variant] = resolved.as_slice() else {
        return None;
    };
    let owner = if owner == "Self" {
        enclosing_impl_type(cx)?
    } else {
        owner.clone()
    };
    Some((owner, variant.clone()))
}

fn enclosing_impl_type(cx: &Ctx<'_, '_>) -> Option<String> {
    cx.ancestors_inside_out().find_map(|node| match node {
        Node::Item(syn::Item::Impl(imp)) => match &*imp.self_ty {
            syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        },
        _ => None,
    })
}

/// Whether a response conversion of `owner` (per the workspace model) puts `variant`'s payload
/// into a 5xx body or a gRPC status, or sends the error's own text for every variant.
fn variant_leaks(cx: &Ctx<'_, '_>, owner: &str, variant: &str) -> bool {
    let (variants, display) = cx.workspace.server_error_leaks(owner);
    variants.contains(variant)
        || (display
            && cx
                .workspace
                .enums_named(owner)
                .any(|e| e.variants.iter().any(|v| v.name == variant)))
}

/// The enclosing call (within the expression) that hands the text to one of the project's own
/// error constructors or variants whose payload a response conversion sends to the client.
fn workspace_sink(cx: &Ctx<'_, '_>) -> Option<String> {
    for node in cx.ancestors_inside_out() {
        let expr = match node {
            Node::Expr(e) => e,
            Node::FieldValue(_) | Node::Macro(_) => continue,
            _ => return None,
        };
        let syn::Expr::Call(call) = expr else {
            continue;
        };
        let Some((owner, name)) = constructed_variant(cx, call) else {
            continue;
        };
        if variant_leaks(cx, &owner, &name) {
            return Some(format!(
                "`{owner}::{name}`, whose payload the response conversion of `{owner}` puts into a server-error body"
            ));
        }
        let syn::Expr::Path(func) = &*call.func else {
            continue;
        };
        if let Resolution::Resolved(f) = cx.workspace.resolve_fn(&cx.resolve(&func.path))
            && let Some((t, v)) = f.constructs.iter().find(|(t, v)| variant_leaks(cx, t, v))
        {
            return Some(format!(
                "the project's constructor `{owner}::{name}(..)`, which builds `{t}::{v}`, whose payload the response conversion of `{t}` puts into a server-error body"
            ));
        }
    }
    None
}

/// The error `source` comes from a database call: the closure binding it is the argument of a
/// `map_err` (or similar) whose receiver calls a database crate's API, or a workspace fn whose
/// return type names a database crate's error.
fn database_origin(cx: &Ctx<'_, '_>, source: &str) -> bool {
    let mut in_closure = false;
    for node in cx.ancestors_inside_out() {
        let Node::Expr(expr) = node else {
            continue;
        };
        match expr {
            syn::Expr::Closure(c) => {
                in_closure = c
                    .inputs
                    .iter()
                    .any(|p| crate::syntax::pat_name(p).is_some_and(|n| n == source));
            }
            syn::Expr::MethodCall(mc) if in_closure => {
                let mut finder = DatabaseCalls { cx, found: false };
                syn::visit::Visit::visit_expr(&mut finder, &mc.receiver);
                return finder.found;
            }
            _ => {}
        }
    }
    false
}

struct DatabaseCalls<'c, 'a, 'ast> {
    cx: &'c Ctx<'a, 'ast>,
    found: bool,
}

impl DatabaseCalls<'_, '_, '_> {
    fn workspace_fn_returns_db_error(&self, path: &[String]) -> bool {
        match self.cx.workspace.resolve_fn(path) {
            Resolution::Resolved(f) => f.ret.as_deref().is_some_and(names_database_crate),
            _ => false,
        }
    }
}

fn names_database_crate(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric() && c != '_')
        .any(|w| DATABASE_CRATES.contains(&w))
}

impl<'v> syn::visit::Visit<'v> for DatabaseCalls<'_, '_, '_> {
    fn visit_expr_path(&mut self, p: &'v syn::ExprPath) {
        let resolved = self.cx.resolve(&p.path);
        if resolved
            .first()
            .is_some_and(|first| DATABASE_CRATES.contains(&first.as_str()))
            || self.workspace_fn_returns_db_error(&resolved)
        {
            self.found = true;
        }
        syn::visit::visit_expr_path(self, p);
    }

    fn visit_expr_method_call(&mut self, mc: &'v syn::ExprMethodCall) {
        if self.workspace_fn_returns_db_error(&[mc.method.to_string()]) {
            self.found = true;
        }
        syn::visit::visit_expr_method_call(self, mc);
    }
}

/// Error types whose text describes the backend (SQL, schema, hosts), matched on the first
/// segment of the resolved path; then `io::Error` and `io::{` (`use std::io::{Error as E}`).
/// All of them are the prefilter's gates of `From`: a file whose `From` impl converts one of
/// these errors holds one of these texts.
const BACKEND_ERROR_PATHS: &[&str] = &[
    "sqlx",
    "diesel",
    "postgres",
    "tokio_postgres",
    "rusqlite",
    "mysql",
    "mysql_async",
    "mongodb",
    "redis",
    "sea_orm",
    "deadpool_postgres",
    "bb8",
    "r2d2",
    "scylla",
    "tiberius",
    "surrealdb",
    "libsql",
    "io::Error",
    "io::{",
];

/// The database crates of [`BACKEND_ERROR_PATHS`].
const DATABASE_CRATES: &[&str] = BACKEND_ERROR_PATHS
    .split_at(BACKEND_ERROR_PATHS.len() - 2)
    .0;

/// Inside `impl From<E> for T { fn from(param: E) .. }` with `source` being `param`: E's name,
/// the severity, whether E is a database error, and how far the text reaches. Decided by the
/// workspace model: the variant built here reaches a 5xx body through a response conversion of
/// `T` (high for database errors, medium for io errors), or it does not (low for database
/// errors: they may still reach clients in ways the model cannot see; io errors are quiet).
fn from_impl_of_backend_error(
    cx: &Ctx<'_, '_>,
    source: &str,
) -> Option<(String, Severity, bool, &'static str)> {
    let f = cx.enclosing_fn?;
    if f.sig.ident != "from" {
        return None;
    }
    let trait_path = f.impl_trait?;
    let last = trait_path.segments.last()?;
    if last.ident != "From" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let Some(syn::GenericArgument::Type(syn::Type::Path(from_ty))) = args.args.first() else {
        return None;
    };
    let param_is_source = f.sig.inputs.iter().any(|input| match input {
        syn::FnArg::Typed(t) => matches!(&*t.pat, syn::Pat::Ident(id) if id.ident == source),
        syn::FnArg::Receiver(_) => false,
    });
    if !param_is_source {
        return None;
    }
    let resolved = cx.resolve(&from_ty.path);
    let type_name = resolved.join("::");
    let is_database = resolved
        .first()
        .is_some_and(|first| DATABASE_CRATES.contains(&first.as_str()));
    let is_io = resolved.ends_with(&["io".to_string(), "Error".to_string()]);
    let reaches_response = cx.ancestors_inside_out().any(|node| match node {
        Node::Expr(syn::Expr::Call(call)) => constructed_variant(cx, call)
            .is_some_and(|(owner, variant)| variant_leaks(cx, &owner, &variant)),
        _ => false,
    });
    match (is_database, is_io, reaches_response) {
        (true, _, true) => Some((
            type_name,
            Severity::High,
            true,
            "the workspace's response conversion puts that variant's text into a server-error body",
        )),
        (false, true, true) => Some((
            type_name,
            Severity::Medium,
            false,
            "the workspace's response conversion puts that variant's text into a server-error body",
        )),
        (true, _, false) => Some((type_name, Severity::Low, true, MAY_REACH)),
        _ => None,
    }
}

/// Where the current node ends up, walking out through the enclosing expression (not past the
/// statement): a gRPC status, an HTTP 500 tuple, or an actix 500 response body.
fn response_sink(cx: &Ctx<'_, '_>) -> Option<&'static str> {
    for node in cx.ancestors_inside_out() {
        let expr = match node {
            Node::Expr(e) => e,
            Node::FieldValue(_) | Node::Macro(_) => continue,
            _ => return None,
        };
        match expr {
            syn::Expr::Call(call) => {
                let syn::Expr::Path(func) = &*call.func else {
                    continue;
                };
                let names = last_two(&func.path);
                match (names.0.as_deref(), names.1.as_str()) {
                    (Some("Status"), "internal" | "unknown") => {
                        return Some("a gRPC `Status` message");
                    }
                    (Some("Status"), "new" | "with_details")
                        if call
                            .args
                            .first()
                            .is_some_and(|a| path_ends_with(a, "Internal")) =>
                    {
                        return Some("a gRPC `Status` message");
                    }
                    (_, "ErrorInternalServerError") => return Some("an HTTP 500 response body"),
                    _ => {}
                }
            }
            syn::Expr::Tuple(tuple)
                if tuple
                    .elems
                    .first()
                    .is_some_and(|first| path_ends_with(first, "INTERNAL_SERVER_ERROR")) =>
            {
                return Some("an HTTP 500 response body");
            }
            syn::Expr::MethodCall(mc)
                if matches!(mc.method.to_string().as_str(), "body" | "json" | "text")
                    && is_500_builder(&mc.receiver) =>
            {
                return Some("an HTTP 500 response body");
            }
            _ => {}
        }
    }
    None
}

/// `HttpResponse::InternalServerError()...` or `...status(StatusCode::INTERNAL_SERVER_ERROR)...`.
fn is_500_builder(mut expr: &syn::Expr) -> bool {
    loop {
        match expr {
            syn::Expr::MethodCall(mc) => {
                if mc.method == "status"
                    && mc
                        .args
                        .first()
                        .is_some_and(|a| path_ends_with(a, "INTERNAL_SERVER_ERROR"))
                {
                    return true;
                }
                expr = &mc.receiver;
            }
            syn::Expr::Call(call) => {
                return matches!(&*call.func, syn::Expr::Path(p)
                    if p.path.segments.last().is_some_and(|s| s.ident == "InternalServerError"));
            }
            _ => return false,
        }
    }
}

fn path_ends_with(expr: &syn::Expr, name: &str) -> bool {
    matches!(expr, syn::Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == name))
}

/// The last two segments of a path: (`Status`, `internal`) for `tonic::Status::internal`.
pub(crate) fn last_two(path: &syn::Path) -> (Option<String>, String) {
    let mut segments = path.segments.iter().rev();
    let last = segments
        .next()
        .map(|s| s.ident.to_string())
        // optional: a path always has a segment; none would simply match no name
        .unwrap_or_default();
    (segments.next().map(|s| s.ident.to_string()), last)
}

/// The error held by `expr`, a name that is bound to an error value (see [`bound_to_error`]),
/// unless the call that produced it is known to give a fixed phrase (`src/knowledge/error_text.rs`).
pub(crate) fn error_value(cx: &Ctx<'_, '_>, expr: &syn::Expr) -> Option<String> {
    let syn::Expr::Path(p) = expr else {
        return None;
    };
    let ident = p.path.get_ident()?.to_string();
    if is_text_parameter(cx, &ident) {
        return None;
    }
    match bound_to_error(cx, &ident)? {
        Some(origin) if fixed_text_origin(cx, origin) => None,
        _ => Some(ident),
    }
}

/// Whether `name` holds an error by what binds it, not by what it is called: the `Err(name)`
/// pattern of an enclosing `match` arm, `if let` or `while let`; the parameter of a
/// `map_err`/`or_else`/`unwrap_or_else`/`inspect_err` closure; or a parameter of the enclosing fn
/// typed as an error (a type named `..Error`, or a workspace type deriving or implementing
/// `Error`). `Some(origin)`: the expression whose `Err` it is, when the binding shows it.
fn bound_to_error<'ast>(cx: &Ctx<'_, 'ast>, name: &str) -> Option<Option<&'ast syn::Expr>> {
    let mut in_closure = false;
    let mut in_arm = false;
    for node in cx.ancestors_inside_out() {
        match node {
            Node::Arm(arm) => {
                if let Some(top) = err_binding(&arm.pat, name) {
                    in_arm = top;
                    if !top {
                        return Some(None);
                    }
                }
            }
            Node::Expr(syn::Expr::Match(m)) if in_arm => return Some(Some(&*m.expr)),
            Node::Expr(syn::Expr::If(syn::ExprIf { cond, .. }))
            | Node::Expr(syn::Expr::While(syn::ExprWhile { cond, .. })) => {
                if let syn::Expr::Let(l) = &**cond
                    && let Some(top) = err_binding(&l.pat, name)
                {
                    return Some(top.then_some(&*l.expr));
                }
            }
            Node::Expr(syn::Expr::Closure(closure)) if !in_closure => {
                let binds = closure
                    .inputs
                    .iter()
                    .any(|p| crate::syntax::pat_name(p).is_some_and(|n| n == name));
                if binds {
                    in_closure = true;
                }
            }
            Node::Expr(syn::Expr::MethodCall(mc)) if in_closure => {
                let error_closure = matches!(
                    mc.method.to_string().as_str(),
                    "map_err" | "or_else" | "unwrap_or_else" | "inspect_err"
                );
                return error_closure.then_some(Some(&*mc.receiver));
            }
            Node::Expr(_) if in_closure => return None,
            _ => {}
        }
    }
    typed_error_parameter(cx, name).then_some(None)
}

/// `Err(name)` (also `Err(ref name)`, or nested: `Ok(Err(name))`) in a pattern: `Some(true)` when
/// the `Err` is the pattern itself, so the error is the scrutinee's own; `Some(false)` when it is
/// nested in another pattern.
fn err_binding(pat: &syn::Pat, name: &str) -> Option<bool> {
    fn find(pat: &syn::Pat, name: &str, depth: usize) -> Option<bool> {
        match pat {
            syn::Pat::TupleStruct(ts) => {
                let is_err = ts.path.segments.last().is_some_and(|s| s.ident == "Err");
                if is_err
                    && ts.elems.len() == 1
                    && crate::syntax::pat_name(&ts.elems[0]).is_some_and(|n| n == name)
                {
                    return Some(depth == 0);
                }
                ts.elems.iter().find_map(|p| find(p, name, depth + 1))
            }
            syn::Pat::Or(or) => or.cases.iter().find_map(|p| find(p, name, depth)),
            syn::Pat::Paren(p) => find(&p.pat, name, depth),
            syn::Pat::Reference(r) => find(&r.pat, name, depth),
            syn::Pat::Tuple(t) => t.elems.iter().find_map(|p| find(p, name, depth + 1)),
            _ => None,
        }
    }
    find(pat, name, 0)
}

/// A parameter of the enclosing fn whose type is an error: its last segment ends in `Error`
/// (`sqlx::Error`, `io::Error`, `&DbError`), or a workspace type that derives `Error` or
/// implements `std::error::Error`.
fn typed_error_parameter(cx: &Ctx<'_, '_>, name: &str) -> bool {
    let Some(f) = cx.enclosing_fn else {
        return false;
    };
    f.sig.inputs.iter().any(|input| {
        let syn::FnArg::Typed(t) = input else {
            return false;
        };
        if crate::syntax::pat_name(&t.pat).is_none_or(|n| n != name) {
            return false;
        }
        let mut ty = &*t.ty;
        while let syn::Type::Reference(r) = ty {
            ty = &r.elem;
        }
        let syn::Type::Path(p) = ty else {
            return false;
        };
        let Some(last) = p.path.segments.last().map(|s| s.ident.to_string()) else {
            return false;
        };
        last.ends_with("Error")
            || cx.workspace.derives_of(&last).contains("Error")
            || cx.workspace.impls_for(&last).any(|imp| {
                imp.trait_path
                    .as_deref()
                    .is_some_and(|t| t.ends_with("error::Error"))
            })
    })
}

/// The expression producing the error is a call known to give a fixed phrase
/// (`web::block(..).await`, `HeaderValue::try_from(..)`), looking through `.await` and `?`.
fn fixed_text_origin(cx: &Ctx<'_, '_>, origin: &syn::Expr) -> bool {
    match origin {
        syn::Expr::Await(a) => fixed_text_origin(cx, &a.base),
        syn::Expr::Try(t) => fixed_text_origin(cx, &t.expr),
        syn::Expr::Paren(p) => fixed_text_origin(cx, &p.expr),
        syn::Expr::Call(call) => match &*call.func {
            syn::Expr::Path(p) => {
                crate::knowledge::error_text::fixed_text_call(&cx.resolve(&p.path)).is_some()
            }
            _ => false,
        },
        _ => false,
    }
}

/// A parameter of the enclosing function typed as text or anything displayable (`err: impl
/// Display`, `e: &str`): a message helper, not an error.
fn is_text_parameter(cx: &Ctx<'_, '_>, name: &str) -> bool {
    let Some(f) = cx.enclosing_fn else {
        return false;
    };
    f.sig.inputs.iter().any(|input| {
        let syn::FnArg::Typed(t) = input else {
            return false;
        };
        if !matches!(&*t.pat, syn::Pat::Ident(id) if id.ident == name) {
            return false;
        }
        let ty = quote::ToTokens::to_token_stream(&*t.ty).to_string();
        ["Display", "ToString", "str", "String", "Arguments"]
            .iter()
            .any(|word| {
                ty.split(|c: char| !c.is_alphanumeric() && c != '_')
                    .any(|w| w == *word)
            })
    })
}

/// `e.to_string()` where `e` holds an error: the error's name.
pub(crate) fn to_string_of_error(cx: &Ctx<'_, '_>, mc: &syn::ExprMethodCall) -> Option<String> {
    if mc.method != "to_string" || !mc.args.is_empty() {
        return None;
    }
    error_value(cx, &mc.receiver)
}

/// `format!("..{e}..")` or `format!("..{}..", err)`: the error's name.
pub(crate) fn formatted_error(cx: &Ctx<'_, '_>, call: &MacroCall<'_>) -> Option<String> {
    if call.name != "format" {
        return None;
    }
    let template = call.format_string?;
    let inline = macros::placeholders(&template.value())
        .into_iter()
        .filter_map(|p| p.name)
        .find(|name| matches!(bound_to_error(cx, name), Some(origin) if !origin.is_some_and(|o| fixed_text_origin(cx, o))));
    if inline.is_some() {
        return inline;
    }
    call.args
        .iter()
        .skip_while(|arg| !matches!(arg, syn::Expr::Lit(_)))
        .skip(1)
        .find_map(|arg| error_value(cx, arg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_crates_are_the_crate_names_of_the_gates() {
        assert!(DATABASE_CRATES.contains(&"sqlx") && DATABASE_CRATES.contains(&"libsql"));
        for krate in DATABASE_CRATES {
            assert!(
                krate.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                "`{krate}` is not a crate name: the split of BACKEND_ERROR_PATHS is off"
            );
        }
    }
}
