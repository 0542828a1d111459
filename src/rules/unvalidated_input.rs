//! `unvalidated-input`: a handler accepts a type that derives `Validate`, and nothing validates it.

use std::collections::BTreeSet;

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::spanned::Spanned;

use crate::finding::{Dimension, Severity};
use crate::knowledge::extractors::is_body_extractor;
use crate::model::name_key;
use crate::rules::{Ctx, FnNode, LiteralScope, Precision, Rule, RuleEntry, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "unvalidated-input",
    dimension: Dimension::Security,
    default_severity: Severity::Medium,
    summary: "handler accepts `Json<T>`/`Query<T>`/`Form<T>`/`Path<T>` (or a tonic `Request<T>`) of a type deriving `Validate`, and nothing calls `.validate()` on it",
    doc: include_str!("../../rules/unvalidated-input.md"),
    enabled_by_default: true,
    production_only: true,
    precision: Precision::Medium,
    // The extractor is written in the handler's own signature; `use` items are always parsed.
    literals: &["Json<", "Query<", "Form<", "Path<", "Request<"],
    pattern: None,
    literal_scope: LiteralScope::Item,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, UnvalidatedInput);

#[derive(Default)]
pub struct UnvalidatedInput;

/// How deep the model follows calls from the handler looking for the `.validate()`.
const CALL_DEPTH: usize = 3;

impl Rule for UnvalidatedInput {
    fn enter_fn<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, f: FnNode<'ast>) {
        if cx.in_test || !cx.workspace.is_built() {
            return;
        }
        for input in &f.sig.inputs {
            let syn::FnArg::Typed(arg) = input else {
                continue;
            };
            let Some((extractor, inner)) = extracted_type(cx, &arg.ty) else {
                continue;
            };
            let derives = cx.workspace.derives_of(&inner);
            if !derives.contains("Validate") {
                continue;
            }
            let body = f.block.to_token_stream();
            let mut bound = bound_names(&arg.pat);
            derived_names(&body, &mut bound);
            if validated_here(&body, &bound) || validated_by_callee(cx, f, &inner) {
                continue;
            }
            let handler = f.sig.ident.to_string();
            cx.report_at(
                arg.span(),
                arg.span(),
                Severity::Medium,
                format!(
                    "handler `{handler}` accepts `{extractor}<{inner}>`, and `{inner}` derives `Validate`, but nothing in the handler or the workspace fns it calls validates it"
                ),
                format!(
                    "run `.validate()` on the `{inner}` before using it (answering 400/422 on failure), or extract it with a validating extractor (`Valid<{extractor}<{inner}>>`, `ValidatedJson<{inner}>`)"
                ),
            );
        }
    }
}

/// `Json<T>` (resolved to a web framework's extractor): the extractor name and `T`'s last segment.
fn extracted_type(cx: &Ctx<'_, '_>, ty: &syn::Type) -> Option<(String, String)> {
    let syn::Type::Path(p) = ty else {
        return None;
    };
    let last = p.path.segments.last()?;
    if !is_body_extractor(&cx.resolve(&p.path)) {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let syn::GenericArgument::Type(syn::Type::Path(inner)) = args.args.first()? else {
        return None;
    };
    let inner = inner.path.segments.last()?.ident.to_string();
    Some((last.ident.to_string(), inner))
}

/// Names a parameter pattern binds: `body`, `Json(body)`, `web::Json(body)`, `Json(mut body)`.
fn bound_names(pat: &syn::Pat) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stack = vec![pat];
    while let Some(p) = stack.pop() {
        match p {
            syn::Pat::Ident(id) => {
                out.insert(id.ident.to_string());
            }
            syn::Pat::TupleStruct(t) => stack.extend(t.elems.iter()),
            syn::Pat::Tuple(t) => stack.extend(t.elems.iter()),
            syn::Pat::Type(t) => stack.push(&t.pat),
            syn::Pat::Reference(r) => stack.push(&r.pat),
            _ => {}
        }
    }
    out
}

/// Adds the names bound from a bound one by `let name = bound.into_inner();` (or any chain of
/// fields and method calls on it: `request.get_ref()`, `body.0`), to a fixed point: the value of
/// a tonic `Request<T>` is usually taken out before it is validated.
fn derived_names(body: &TokenStream, bound: &mut BTreeSet<String>) {
    fn lets(body: &TokenStream, out: &mut Vec<(String, String)>) {
        let trees: Vec<TokenTree> = body.clone().into_iter().collect();
        for (i, tree) in trees.iter().enumerate() {
            match tree {
                TokenTree::Ident(kw) if kw == "let" => {
                    let mut k = i + 1;
                    if matches!(trees.get(k), Some(TokenTree::Ident(m)) if m == "mut") {
                        k += 1;
                    }
                    if let (
                        Some(TokenTree::Ident(name)),
                        Some(TokenTree::Punct(eq)),
                        Some(TokenTree::Ident(root)),
                        Some(TokenTree::Punct(dot)),
                    ) = (
                        trees.get(k),
                        trees.get(k + 1),
                        trees.get(k + 2),
                        trees.get(k + 3),
                    ) && eq.as_char() == '='
                        && dot.as_char() == '.'
                    {
                        out.push((name.to_string(), root.to_string()));
                    }
                }
                TokenTree::Group(g) => lets(&g.stream(), out),
                _ => {}
            }
        }
    }
    let mut pairs = Vec::new();
    lets(body, &mut pairs);
    loop {
        let before = bound.len();
        for (name, root) in &pairs {
            if bound.contains(root) {
                bound.insert(name.clone());
            }
        }
        if bound.len() == before {
            return;
        }
    }
}

/// `x.validate()`, `x.0.validate()`, `x.inner.validate()`, `x.get_ref().validate()` or
/// `Validate::validate(&x)` in the body, with `x` one of the bound names.
fn validated_here(body: &TokenStream, bound: &BTreeSet<String>) -> bool {
    let dot = |t: Option<&TokenTree>| matches!(t, Some(TokenTree::Punct(p)) if p.as_char() == '.');
    let trees: Vec<TokenTree> = body.clone().into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Ident(id) if id == "validate" => {
                // Walk back over `.field`, `.0` and `.method(..)` links to the receiver's root.
                let mut j = i;
                while j >= 2 && dot(trees.get(j - 1)) {
                    j -= 2;
                    if let TokenTree::Ident(root) = &trees[j]
                        && bound.contains(&root.to_string())
                    {
                        return true;
                    }
                    if j >= 1
                        && matches!(&trees[j], TokenTree::Group(g) if g.delimiter() == proc_macro2::Delimiter::Parenthesis)
                        && matches!(&trees[j - 1], TokenTree::Ident(_))
                    {
                        j -= 1;
                    }
                }
                if let Some(TokenTree::Group(args)) = trees.get(i + 1)
                    && args.stream().into_iter().any(
                        |t| matches!(&t, TokenTree::Ident(a) if bound.contains(&a.to_string())),
                    )
                {
                    return true;
                }
            }
            TokenTree::Group(g) if validated_here(&g.stream(), bound) => return true,
            _ => {}
        }
    }
    false
}

/// A workspace fn the handler calls (directly or up to `CALL_DEPTH` calls deep, by name) that
/// validates a `T`: a method of `T` calling `self.validate()`, or a fn with a `T` parameter it
/// validates.
fn validated_by_callee(cx: &Ctx<'_, '_>, f: FnNode<'_>, inner: &str) -> bool {
    let mut frontier: BTreeSet<u64> = called_names(&f.block.to_token_stream())
        .iter()
        .map(|n| name_key(n))
        .collect();
    let mut seen: BTreeSet<u64> = BTreeSet::new();
    for _ in 0..CALL_DEPTH {
        let mut next = BTreeSet::new();
        for &key in &frontier {
            if !seen.insert(key) {
                continue;
            }
            for callee in cx.workspace.fns_keyed(key) {
                if validates_type(callee, inner) {
                    return true;
                }
                next.extend(callee.calls.iter().copied());
            }
        }
        frontier = next;
    }
    false
}

fn validates_type(f: &crate::model::FnDef, inner: &str) -> bool {
    if f.self_type.as_deref() == Some(inner) && f.validates.iter().any(|v| v == "self") {
        return true;
    }
    f.params.iter().any(|(name, ty)| {
        name.as_ref()
            .is_some_and(|n| f.validates.iter().any(|v| v == n))
            && ty
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .any(|w| w == inner)
    })
}

/// Names the body calls: `f(..)`, `a::f(..)`, `.f(..)`.
fn called_names(body: &TokenStream) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let trees: Vec<TokenTree> = body.clone().into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Ident(id) => {
                if matches!(trees.get(i + 1), Some(TokenTree::Group(g)) if g.delimiter() == proc_macro2::Delimiter::Parenthesis)
                {
                    out.insert(id.to_string());
                }
            }
            TokenTree::Group(g) => out.extend(called_names(&g.stream())),
            _ => {}
        }
    }
    out
}
