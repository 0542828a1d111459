//! `stringly-error`: an error enum variant `Foo(String)` fed `e.to_string()` of another error,
//! which cuts the `source()` chain. ferret sees one file at a time, so the enum and the
//! constructor must be in the same file.

use std::collections::BTreeMap;

use syn::spanned::Spanned;

use crate::finding::{Dimension, Severity};
use crate::macros::MacroCall;
use crate::rules::error_detail_leak::{formatted_error, last_two, to_string_of_error};
use crate::rules::{Ctx, LiteralScope, Node, Precision, Rule, RuleEntry, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "stringly-error",
    dimension: Dimension::ErrorHandling,
    default_severity: Severity::Low,
    summary: "error enum variant `Foo(String)` fed `e.to_string()` of another error: the source chain is cut",
    doc: include_str!("../../rules/stringly-error.md"),
    enabled_by_default: true,
    production_only: true,
    precision: Precision::High,
    // The error turned into text as the sole argument of a call, anywhere in the file (it is
    // checked across items): `.to_string()` closing the call, or `format!` opening it (the rule
    // then judges whether the call is a variant's). Text anywhere else is no constructor's
    // argument, and the bare words are in most files. The `String` variant it needs is the
    // third gate.
    literals: &[],
    pattern: Some(r"to_string\s*\(\s*\)\s*,?\s*\)|\(\s*(?:(?:::)?(?-u:\w)+\s*::\s*)*format\s*!"),
    // A finding needs, in this file, an error enum (`enum`, a name or derive saying `Err`) with
    // a one-`String` tuple variant: a file without one has nothing to report (most files that
    // format a `String` declare no enum). Besides the constructor's item, the rule reads only
    // the file's enums.
    literal_scope: LiteralScope::ItemsAlong {
        gates: &[r"(?-u:\b)enum\s", r"Err", r"(?-u:\b)String\s*,?\s*\)"],
        along: r"(?-u:\b)enum\s",
    },
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, StringlyError);

/// Owned keys only: spans are found again in `exit_file`.
#[derive(Default)]
pub struct StringlyError {
    /// (enum, variant) -> (line of the first constructor fed error text, the error's name).
    fed: BTreeMap<(String, String), (usize, String)>,
    /// Error enums declared in test code, which the rule leaves alone.
    test_enums: Vec<String>,
}

impl Rule for StringlyError {
    fn check_expr<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, expr: &'ast syn::Expr) {
        if let syn::Expr::MethodCall(mc) = expr
            && let Some(source) = to_string_of_error(cx, mc)
        {
            self.record(cx, mc.span().start().line, source);
        }
    }

    fn check_macro<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, call: &MacroCall<'ast>) {
        if let Some(source) = formatted_error(cx, call) {
            self.record(cx, call.mac.path.span().start().line, source);
        }
    }

    fn check_item<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, item: &'ast syn::Item) {
        if let syn::Item::Enum(e) = item
            && cx.in_test
        {
            self.test_enums.push(e.ident.to_string());
        }
    }

    fn exit_file<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, file: &'ast syn::File) {
        if self.fed.is_empty() {
            return;
        }
        each_item(&file.items, &mut |item| {
            let syn::Item::Enum(e) = item else {
                return;
            };
            let name = e.ident.to_string();
            if !is_error_enum(e) || self.test_enums.contains(&name) {
                return;
            }
            for variant in &e.variants {
                let key = (name.clone(), variant.ident.to_string());
                let Some((line, source)) = self.fed.get(&key) else {
                    continue;
                };
                if !holds_one_string(&variant.fields) {
                    continue;
                }
                cx.report_at(
                    variant.ident.span(),
                    variant.fields.span(),
                    Severity::Low,
                    format!(
                        "`{name}::{}(String)` is built from the text of error `{source}` (line {line}): the original error, its type and its `source()` chain are lost",
                        variant.ident
                    ),
                    format!(
                        "keep the error itself: `{}(#[from] SourceError)` or `{} {{ context: String, #[source] source: SourceError }}`",
                        variant.ident, variant.ident
                    ),
                );
            }
        });
    }
}

impl StringlyError {
    /// The error text is the sole argument of `Enum::Variant(..)`: remember the variant.
    fn record(&mut self, cx: &Ctx<'_, '_>, line: usize, source: String) {
        if cx.in_test {
            return;
        }
        let mut ancestors = cx
            .ancestors_inside_out()
            .filter(|n| !matches!(n, Node::Macro(_) | Node::Expr(syn::Expr::Macro(_))));
        let Some(Node::Expr(syn::Expr::Call(call))) = ancestors.next() else {
            return;
        };
        if call.args.len() != 1 {
            return;
        }
        let syn::Expr::Path(func) = &*call.func else {
            return;
        };
        let (Some(enum_name), variant) = last_two(&func.path) else {
            return;
        };
        let enum_name = if enum_name == "Self" {
            match impl_self_type(cx) {
                Some(name) => name,
                None => return,
            }
        } else {
            enum_name
        };
        self.fed
            .entry((enum_name, variant))
            .or_insert((line, source));
    }
}

fn impl_self_type(cx: &Ctx<'_, '_>) -> Option<String> {
    cx.ancestors_inside_out().find_map(|node| match node {
        Node::Item(syn::Item::Impl(imp)) => match &*imp.self_ty {
            syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        },
        _ => None,
    })
}

/// An enum named `*Error` or deriving `Error` (thiserror, snafu, derive_more).
fn is_error_enum(e: &syn::ItemEnum) -> bool {
    let name = e.ident.to_string();
    name.ends_with("Error")
        || name.ends_with("Err")
        || e.attrs.iter().any(|attr| {
            attr.path().is_ident("derive")
                && attr
                    .meta
                    .require_list()
                    .is_ok_and(|list| list.tokens.to_string().contains("Error"))
        })
}

fn holds_one_string(fields: &syn::Fields) -> bool {
    let syn::Fields::Unnamed(unnamed) = fields else {
        return false;
    };
    unnamed.unnamed.len() == 1
        && matches!(&unnamed.unnamed[0].ty, syn::Type::Path(p)
            if p.qself.is_none() && p.path.segments.last().is_some_and(|s| s.ident == "String"))
}

/// Every item of the file, including those in inline modules (not those inside function bodies
/// or macro bodies). Used by rules that report in `exit_file`.
pub(crate) fn each_item<'ast>(items: &'ast [syn::Item], f: &mut impl FnMut(&'ast syn::Item)) {
    for item in items {
        f(item);
        if let syn::Item::Mod(m) = item
            && let Some((_, content)) = &m.content
        {
            each_item(content, f);
        }
    }
}
