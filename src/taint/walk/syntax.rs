//! Small syntax helpers of the walk: locals and fields an expression names, templates.

pub(super) fn is_collection_literal(expr: &syn::Expr) -> bool {
    matches!(
        peel(expr),
        syn::Expr::Array(_) | syn::Expr::Tuple(_) | syn::Expr::Struct(_)
    )
}

pub(super) fn literal_text(expr: &syn::Expr) -> Option<String> {
    match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some(s.value()),
        _ => None,
    }
}

/// Strips `&`, `*`, parentheses, `?`, `.await` and text-preserving calls.
pub(super) fn peel(expr: &syn::Expr) -> &syn::Expr {
    match expr {
        syn::Expr::Reference(r) => peel(&r.expr),
        syn::Expr::Paren(p) => peel(&p.expr),
        syn::Expr::Group(g) => peel(&g.expr),
        syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => peel(&u.expr),
        syn::Expr::MethodCall(mc)
            if mc.args.is_empty()
                && matches!(
                    mc.method.to_string().as_str(),
                    "as_str"
                        | "as_ref"
                        | "clone"
                        | "to_string"
                        | "to_owned"
                        | "as_path"
                        | "borrow"
                        | "as_bytes"
                ) =>
        {
            peel(&mc.receiver)
        }
        _ => expr,
    }
}

/// `x` for `x`, `&x`, `x.as_str()`.
pub(super) fn local_name(expr: &syn::Expr) -> Option<String> {
    match peel(expr) {
        syn::Expr::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => {
            Some(p.path.segments[0].ident.to_string())
        }
        _ => None,
    }
}

/// `s.a.b` for a field chain on a local (or `self`).
pub(super) fn field_key(expr: &syn::Expr) -> Option<String> {
    match expr {
        syn::Expr::Field(f) => {
            let base = field_key(peel(&f.base)).or_else(|| local_name(&f.base))?;
            let member = match &f.member {
                syn::Member::Named(n) => n.to_string(),
                syn::Member::Unnamed(i) => i.index.to_string(),
            };
            Some(format!("{base}.{member}"))
        }
        _ => None,
    }
}

/// The local (or field of a local) an expression reads: `x`, `&x`, `x.as_str()`, `q.name`.
pub(super) fn root_key(expr: &syn::Expr) -> Option<String> {
    let e = peel(expr);
    field_key(e).or_else(|| local_name(e))
}

/// The extractor local a value is unwrapped from: `path.into_inner()`, `*path`, `path`.
pub(super) fn extractor_root(expr: &syn::Expr) -> Option<String> {
    match expr {
        syn::Expr::MethodCall(mc) if mc.method == "into_inner" && mc.args.is_empty() => {
            local_name(&mc.receiver)
        }
        other => local_name(other),
    }
}
