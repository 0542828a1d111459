//! `unsafe-send-sync`: `unsafe impl Send/Sync for T` where `T` is `pub`: the soundness argument
//! rests on how callers outside the crate use the type, and they see no `unsafe` to warn them.

use std::collections::BTreeSet;

use syn::spanned::Spanned;

use crate::finding::{Dimension, Severity};
use crate::rules::stringly_error::each_item;
use crate::rules::{Ctx, LiteralScope, Precision, Rule, RuleEntry, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "unsafe-send-sync",
    dimension: Dimension::Ffi,
    default_severity: Severity::Medium,
    summary: "`unsafe impl Send`/`Sync` for a `pub` type: thread-safety rests on callers who see no `unsafe`",
    doc: include_str!("../../rules/unsafe-send-sync.md"),
    // Off: see rules/unsafe-send-sync.md (syntax cannot tell a sound synchronised type from one
    // whose soundness rests on a usage contract).
    enabled_by_default: false,
    production_only: true,
    precision: Precision::Low,
    literals: &[],
    // The type's visibility is declared in another item: the whole file is needed.
    pattern: Some(r"(?-u:\b)unsafe\s+impl(?-u:\b)"),
    literal_scope: LiteralScope::File,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, UnsafeSendSync);

/// Owned keys only: the impls are found again in `exit_file`, once every type's visibility is
/// known (a type may be declared after its impl).
#[derive(Default)]
pub struct UnsafeSendSync {
    /// Types declared `pub` in production code.
    public_types: BTreeSet<String>,
    /// (line, column) of production `unsafe impl Send/Sync` items.
    impls: BTreeSet<(usize, usize)>,
}

impl Rule for UnsafeSendSync {
    fn check_item<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, item: &'ast syn::Item) {
        if cx.in_test {
            return;
        }
        let (vis, ident) = match item {
            syn::Item::Struct(s) => (&s.vis, &s.ident),
            syn::Item::Enum(e) => (&e.vis, &e.ident),
            syn::Item::Union(u) => (&u.vis, &u.ident),
            syn::Item::Impl(imp) => {
                if imp.unsafety.is_some() && send_or_sync(imp).is_some() {
                    let start = imp.span().start();
                    self.impls.insert((start.line, start.column));
                }
                return;
            }
            _ => return,
        };
        if matches!(vis, syn::Visibility::Public(_)) {
            self.public_types.insert(ident.to_string());
        }
    }

    fn exit_file<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, file: &'ast syn::File) {
        if self.impls.is_empty() || self.public_types.is_empty() {
            return;
        }
        each_item(&file.items, &mut |item| {
            let syn::Item::Impl(imp) = item else {
                return;
            };
            let start = imp.span().start();
            if !self.impls.contains(&(start.line, start.column)) {
                return;
            }
            let (Some(trait_name), Some(type_name)) = (send_or_sync(imp), self_type_name(imp))
            else {
                return;
            };
            if !self.public_types.contains(&type_name) {
                return;
            }
            let start = imp.unsafety.map_or(imp.impl_token.span, |u| u.span);
            cx.report_at(
                start,
                imp.self_ty.span(),
                Severity::Medium,
                format!(
                    "`unsafe impl {trait_name} for {type_name}` on a `pub` type: any caller may share it across threads, and nothing but this impl says whether that is sound"
                ),
                format!(
                    "make `{type_name}` `pub(crate)`, or wrap the unsynchronised parts so the compiler derives `{trait_name}`, or make the methods that rely on the invariant `unsafe fn` with a `# Safety` section"
                ),
            );
        });
    }
}

fn send_or_sync(imp: &syn::ItemImpl) -> Option<String> {
    let (negative, path, _) = imp.trait_.as_ref()?;
    if negative.is_some() {
        return None;
    }
    let name = path.segments.last()?.ident.to_string();
    matches!(name.as_str(), "Send" | "Sync").then_some(name)
}

fn self_type_name(imp: &syn::ItemImpl) -> Option<String> {
    match &*imp.self_ty {
        syn::Type::Path(p) if p.qself.is_none() => {
            p.path.segments.last().map(|s| s.ident.to_string())
        }
        _ => None,
    }
}
