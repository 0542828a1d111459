//! `error-detail-leak`: the text of an internal error sent to API clients (a gRPC `Status`, an
//! HTTP 500 body), and `From<DbError>` impls that keep `err.to_string()`.
//!
//! The "error text" helpers here are shared with `stringly-error`.

use syn::spanned::Spanned;

use crate::finding::{Dimension, Severity};
use crate::macros::{self, MacroCall};
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
    // Every finding sits in an item with a response sink or a `From` impl.
    literals: &[
        "Status",
        "InternalServerError",
        "INTERNAL_SERVER_ERROR",
        "From",
    ],
    pattern: None,
    literal_scope: LiteralScope::Item,
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
        return;
    }
    if let Some((error_type, severity, is_database)) = from_impl_of_backend_error(cx, source) {
        let reach = if severity == Severity::Medium {
            "this file turns errors into responses"
        } else {
            "it may reach API responses"
        };
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
    }
}

/// Error types whose text describes the backend (SQL, schema, hosts). Matched on the first
/// segment of the resolved path.
const DATABASE_CRATES: &[&str] = &[
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
];

/// Words in a file that show its errors are turned into HTTP/gRPC responses.
const RESPONSE_EVIDENCE: &[&str] = &[
    "IntoResponse",
    "ResponseError",
    "into_response",
    "StatusCode",
    "tonic::Status",
    "HttpResponse",
    "Status::internal",
];

/// Inside `impl From<E> for T { fn from(param: E) .. }` with `source` being `param`: E's name and
/// the severity, and whether E is a database error (None when E is not a backend error, or an
/// io error with nothing saying the text reaches clients).
fn from_impl_of_backend_error(cx: &Ctx<'_, '_>, source: &str) -> Option<(String, Severity, bool)> {
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
    let evidence = RESPONSE_EVIDENCE
        .iter()
        .any(|word| cx.file.text.contains(word));
    let is_database = resolved
        .first()
        .is_some_and(|first| DATABASE_CRATES.contains(&first.as_str()));
    let is_io = resolved.ends_with(&["io".to_string(), "Error".to_string()]);
    match (is_database, is_io, evidence) {
        (_, _, true) if is_database || is_io => Some((type_name, Severity::Medium, is_database)),
        (true, _, false) => Some((type_name, Severity::Low, true)),
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

/// Names that hold an error by convention: `e`, `err`, `error`, `db_err`, `io_error`, `err_msg`
/// is not one (it is already text).
pub(crate) fn is_error_name(name: &str) -> bool {
    matches!(name, "e" | "err" | "error" | "cause")
        || name.ends_with("_err")
        || name.ends_with("_error")
}

/// The name of the error held by `expr`: an error-named variable, or the parameter of a
/// `map_err`/`or_else`/`unwrap_or_else` closure around the current node.
pub(crate) fn error_value(cx: &Ctx<'_, '_>, expr: &syn::Expr) -> Option<String> {
    let syn::Expr::Path(p) = expr else {
        return None;
    };
    let ident = p.path.get_ident()?.to_string();
    if is_text_parameter(cx, &ident) {
        return None;
    }
    if is_error_name(&ident) || is_error_closure_param(cx, &ident) {
        Some(ident)
    } else {
        None
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

fn is_error_closure_param(cx: &Ctx<'_, '_>, name: &str) -> bool {
    let mut inside_closure = false;
    for node in cx.ancestors_inside_out() {
        let Node::Expr(expr) = node else {
            continue;
        };
        match expr {
            syn::Expr::Closure(closure) => {
                let binds = closure.inputs.iter().any(|input| {
                    matches!(input, syn::Pat::Ident(id) if id.ident == name)
                        || matches!(input, syn::Pat::Type(t) if matches!(&*t.pat, syn::Pat::Ident(id) if id.ident == name))
                });
                if !binds {
                    return false;
                }
                inside_closure = true;
            }
            syn::Expr::MethodCall(mc) if inside_closure => {
                return matches!(
                    mc.method.to_string().as_str(),
                    "map_err" | "or_else" | "unwrap_or_else"
                );
            }
            _ if inside_closure => return false,
            _ => {}
        }
    }
    false
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
        .find(|name| is_error_name(name) || is_error_closure_param(cx, name));
    if inline.is_some() {
        return inline;
    }
    call.args
        .iter()
        .skip_while(|arg| !matches!(arg, syn::Expr::Lit(_)))
        .skip(1)
        .find_map(|arg| error_value(cx, arg))
}
