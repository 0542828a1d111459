//! Evidence the engine counts for the audit draft's strengths, from the tables in
//! `knowledge::evidence`: calls that set timeouts, compare in constant time, contain panics, and
//! the like. Counted in production code only; the report states a strength from these counts and
//! never looks at the code again.

use crate::knowledge::evidence as table;
use crate::rules::count_observation;
use crate::source::SourceFile;

type Observations = Vec<(&'static str, u32)>;

/// `#![forbid(unsafe_code)]` at the top of a file.
pub fn file(file: &syn::File, out: &mut Observations) {
    let forbids_unsafe = file.attrs.iter().any(|attr| {
        matches!(attr.style, syn::AttrStyle::Inner(_))
            && attr.path().is_ident("forbid")
            && attr.meta.require_list().is_ok_and(|list| {
                list.tokens
                    .clone()
                    .into_iter()
                    .any(|t| t.to_string() == "unsafe_code")
            })
    });
    if forbids_unsafe {
        count_observation(out, table::FORBID_UNSAFE);
    }
}

pub fn expr(source: &SourceFile<'_>, expr: &syn::Expr, out: &mut Observations) {
    match expr {
        syn::Expr::Call(call) => {
            let syn::Expr::Path(func) = &*call.func else {
                return;
            };
            call_evidence(source, &func.path, &call.args, out);
        }
        syn::Expr::MethodCall(mc) => {
            let method = mc.method.to_string();
            if table::TIMEOUT_METHODS.contains(&method.as_str())
                && let Some(key) = builder_of(source, &mc.receiver)
            {
                count_observation(out, key);
            }
            if method == "catch_unwind" {
                // `FutureExt::catch_unwind` on a future: counted when the trait is imported.
                let imported = source.uses.resolve(&["FutureExt".to_string()]);
                if imported == ["futures", "FutureExt"]
                    || imported == ["futures", "future", "FutureExt"]
                {
                    count_observation(out, table::CATCH_UNWIND);
                }
            }
            for (trait_path, name) in table::CONSTANT_TIME_METHODS {
                let trait_name = trait_path.rsplit("::").next().unwrap_or(trait_path);
                if method == *name
                    && joined(&source.uses.resolve(&[trait_name.to_string()])) == *trait_path
                {
                    count_observation(out, table::CONSTANT_TIME_EQ);
                }
            }
        }
        _ => {}
    }
}

fn call_evidence(
    source: &SourceFile<'_>,
    path: &syn::Path,
    args: &syn::punctuated::Punctuated<syn::Expr, syn::Token![,]>,
    out: &mut Observations,
) {
    let Some(last) = path.segments.last() else {
        return;
    };
    let last = last.ident.to_string();
    // Cheap test on the written name before resolving through the `use` map.
    let named = |full: &str| full.rsplit("::").next() == Some(last.as_str());
    let candidates = table::CALLS.iter().any(|(p, _)| named(p))
        || table::SQL_TEXT_FNS.iter().any(|p| named(p))
        || table::RSA_KEYGEN.iter().any(|p| named(p));
    if !candidates {
        return;
    }
    let full = joined(&source.uses.resolve_path(path));
    for (p, key) in table::CALLS {
        if full == *p {
            count_observation(out, key);
        }
    }
    if table::SQL_TEXT_FNS.contains(&full.as_str())
        && args.first().is_some_and(|a| string_literal(a).is_some())
    {
        count_observation(out, table::SQL_LITERAL_QUERY);
    }
    if table::RSA_KEYGEN.contains(&full.as_str()) {
        let strong = args
            .iter()
            .nth(1)
            .and_then(int_literal)
            .is_some_and(|bits| bits >= table::MIN_RSA_BITS);
        let key = if strong {
            table::RSA_KEY_STRONG
        } else {
            table::RSA_KEY_UNPROVEN
        };
        count_observation(out, key);
    }
}

/// The client builder a method chain starts from: `Client::builder().timeout(..)`.
fn builder_of(source: &SourceFile<'_>, mut receiver: &syn::Expr) -> Option<&'static str> {
    loop {
        match receiver {
            syn::Expr::MethodCall(mc) => receiver = &mc.receiver,
            syn::Expr::Paren(p) => receiver = &p.expr,
            syn::Expr::Try(t) => receiver = &t.expr,
            syn::Expr::Call(call) => {
                let syn::Expr::Path(func) = &*call.func else {
                    return None;
                };
                let full = joined(&source.uses.resolve_path(&func.path));
                return table::CLIENT_BUILDERS
                    .iter()
                    .find(|(p, _)| *p == full)
                    .map(|(_, key)| *key);
            }
            _ => return None,
        }
    }
}

fn joined(segments: &[String]) -> String {
    segments.join("::")
}

fn string_literal(expr: &syn::Expr) -> Option<String> {
    match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some(s.value()),
        syn::Expr::Reference(r) => string_literal(&r.expr),
        syn::Expr::Paren(p) => string_literal(&p.expr),
        _ => None,
    }
}

fn int_literal(expr: &syn::Expr) -> Option<u64> {
    match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(i),
            ..
        }) => i.base10_parse().ok(),
        syn::Expr::Paren(p) => int_literal(&p.expr),
        _ => None,
    }
}
