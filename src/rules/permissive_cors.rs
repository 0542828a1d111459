//! `permissive-cors`: a CORS policy that lets any origin in; high when credentials are allowed too.

use syn::spanned::Spanned;

use crate::finding::{Dimension, Severity};
use crate::rules::{Ctx, LiteralScope, Node, Precision, Rule, RuleEntry, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "permissive-cors",
    dimension: Dimension::Security,
    default_severity: Severity::Low,
    summary: "CORS that allows any origin (`CorsLayer::permissive()`, `allow_origin(Any)`, actix `Cors::permissive()`); high with credentials",
    doc: include_str!("../../rules/permissive-cors.md"),
    enabled_by_default: true,
    production_only: true,
    precision: Precision::High,
    literals: &[
        "permissive",
        "allow_origin",
        "allow_any_origin",
        "AllowOrigin",
    ],
    pattern: None,
    literal_scope: LiteralScope::Item,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, PermissiveCors);

#[derive(Default)]
pub struct PermissiveCors;

impl Rule for PermissiveCors {
    fn check_expr<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, expr: &'ast syn::Expr) {
        let (span, what) = match expr {
            syn::Expr::Call(call) => {
                let syn::Expr::Path(func) = &*call.func else {
                    return;
                };
                let mut segments = func.path.segments.iter().rev();
                let (Some(last), Some(owner)) = (segments.next(), segments.next()) else {
                    return;
                };
                let owner_is_cors =
                    matches!(owner.ident.to_string().as_str(), "CorsLayer" | "Cors");
                match last.ident.to_string().as_str() {
                    "permissive" | "very_permissive" if owner_is_cors => (
                        last.ident.span(),
                        format!("`{}::{}()` allows every origin", owner.ident, last.ident),
                    ),
                    _ => return,
                }
            }
            syn::Expr::MethodCall(mc) => match mc.method.to_string().as_str() {
                "allow_origin" if mc.args.first().is_some_and(is_any_origin) => (
                    mc.method.span(),
                    "`allow_origin` lets every origin in".to_string(),
                ),
                "allow_any_origin" if mc.args.is_empty() => (
                    mc.method.span(),
                    "`allow_any_origin()` lets every origin in".to_string(),
                ),
                _ => return,
            },
            _ => return,
        };
        // The library's own definition of `permissive()`/`very_permissive()` (tower-http,
        // actix-cors): a method of that name in an `impl CorsLayer`/`impl Cors` block. An
        // application's own `fn permissive()` wrapper is reported.
        let defines_preset = cx.enclosing_fn.is_some_and(|f| {
            matches!(
                f.sig.ident.to_string().as_str(),
                "permissive" | "very_permissive"
            )
        }) && cx.ancestors_inside_out().any(|n| match n {
            Node::Item(syn::Item::Impl(imp)) => matches!(&*imp.self_ty, syn::Type::Path(p)
                if p.path.segments.last().is_some_and(|s| s.ident == "CorsLayer" || s.ident == "Cors")),
            _ => false,
        });
        if defines_preset {
            return;
        }
        let (severity, credentials) = if allows_credentials(cx, expr) {
            (
                Severity::High,
                "; credentials are allowed too, so any site can make authenticated requests with the user's cookies",
            )
        } else {
            (Severity::Low, "")
        };
        cx.report_at(
            span,
            expr.span(),
            severity,
            format!("{what}{credentials}"),
            "list the origins that may call this API: `allow_origin([\"https://app.example.com\".parse()?])` (tower-http) or `.allowed_origin(\"https://app.example.com\")` (actix-cors)",
        );
    }
}

/// `Any`, `cors::Any`, `Any::default()`, `AllowOrigin::any()`, `AllowOrigin::mirror_request()`,
/// or a `"*"` header value.
fn is_any_origin(arg: &syn::Expr) -> bool {
    match arg {
        syn::Expr::Path(p) => p.path.segments.last().is_some_and(|s| s.ident == "Any"),
        syn::Expr::Call(call) => {
            let syn::Expr::Path(func) = &*call.func else {
                return false;
            };
            let segments: Vec<String> = func
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            match segments.as_slice() {
                [.., owner, f]
                    if owner == "AllowOrigin" && (f == "any" || f == "mirror_request") =>
                {
                    true
                }
                [.., owner, f] if owner == "Any" && f == "default" => true,
                [.., f] if f == "from_static" => call.args.first().is_some_and(is_star),
                _ => false,
            }
        }
        syn::Expr::MethodCall(mc) => {
            // `"*".parse().unwrap()`, `HeaderValue::from_static("*")`
            let mut receiver = &*mc.receiver;
            while let syn::Expr::MethodCall(inner) = receiver {
                receiver = &inner.receiver;
            }
            is_star(receiver) || is_any_origin(receiver)
        }
        syn::Expr::Reference(r) => is_any_origin(&r.expr),
        _ => false,
    }
}

fn is_star(expr: &syn::Expr) -> bool {
    matches!(expr, syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) if s.value() == "*")
}

/// Credentials allowed in the same builder chain (`.allow_credentials(true)`, actix
/// `.supports_credentials()`) or anywhere in the same function.
fn allows_credentials(cx: &Ctx<'_, '_>, expr: &syn::Expr) -> bool {
    let mut chain = Some(expr);
    while let Some(e) = chain {
        if let syn::Expr::MethodCall(mc) = e {
            if is_credentials_call(mc) {
                return true;
            }
            chain = Some(&mc.receiver);
        } else {
            chain = None;
        }
    }
    for node in cx.ancestors_inside_out() {
        match node {
            Node::Expr(syn::Expr::MethodCall(mc)) if is_credentials_call(mc) => return true,
            Node::Expr(_) => {}
            _ => break,
        }
    }
    // Across statements of the same function: a text check of the function's lines.
    let Some(f) = cx.enclosing_fn else {
        return false;
    };
    let first = f.block.span().start().line;
    let last = f.block.span().end().line;
    (first..=last).any(|line| {
        let compact: String = cx.file.line(line).split_whitespace().collect();
        let code = compact.split("//").next().unwrap_or("");
        code.contains(".allow_credentials(true)") || code.contains(".supports_credentials()")
    })
}

fn is_credentials_call(mc: &syn::ExprMethodCall) -> bool {
    match mc.method.to_string().as_str() {
        "allow_credentials" => matches!(
            mc.args.first(),
            Some(syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Bool(b), .. })) if b.value
        ),
        "supports_credentials" => true,
        _ => false,
    }
}
