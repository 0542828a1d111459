//! `allow-attribute`: `#[allow(..)]` where policy wants `#[expect(lint, reason = "..")]`.

use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Meta, Token};

use crate::finding::{Dimension, Severity};
use crate::rationale::{self, Subject};
use crate::rules::{Ctx, LiteralScope, Precision, Rule, RuleEntry, RuleMeta};
use crate::syntax::path_text;

pub static META: RuleMeta = RuleMeta {
    id: "allow-attribute",
    dimension: Dimension::LintPolicy,
    default_severity: Severity::Medium,
    summary: "`#[allow(..)]` instead of `#[expect(lint, reason = \"..\")]`, and `#[expect]` without a reason",
    doc: include_str!("../../rules/allow-attribute.md"),
    enabled_by_default: true,
    production_only: false,
    precision: Precision::VeryHigh,
    literals: &[],
    // `.expect(` is everywhere; only attribute positions matter.
    pattern: Some(r"#\s*!?\s*\[\s*(?:allow|expect)(?-u:\b)|(?-u:\b)cfg_attr(?-u:\b)"),
    literal_scope: LiteralScope::Item,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, AllowAttribute);

#[derive(Default)]
pub struct AllowAttribute;

impl Rule for AllowAttribute {
    fn check_attribute<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, attr: &'ast syn::Attribute) {
        let inner = matches!(attr.style, syn::AttrStyle::Inner(_));
        let start = attr.pound_token.span;
        let end = attr.bracket_token.span.close();
        check_meta(cx, &attr.meta, inner, Some((start, end)));
    }
}

/// Checks one attribute's meta; `cfg_attr(pred, a, b)` is unpacked so `a` and `b` are checked too.
fn check_meta(
    cx: &mut Ctx<'_, '_>,
    meta: &Meta,
    inner: bool,
    whole: Option<(proc_macro2::Span, proc_macro2::Span)>,
) {
    let (start, end) = whole.unwrap_or_else(|| (meta.span(), meta.span()));
    // `#[allow]` with no lint list does nothing; not worth a finding.
    let Meta::List(list) = meta else {
        return;
    };
    let Ok(nested) = list.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated) else {
        return;
    };
    let bang = if inner { "!" } else { "" };
    if list.path.is_ident("cfg_attr") {
        for attr in nested.iter().skip(1) {
            check_meta(cx, attr, inner, None);
        }
        return;
    }
    let is_allow = list.path.is_ident("allow");
    let is_expect = list.path.is_ident("expect");
    if !is_allow && !is_expect {
        return;
    }
    let reason = nested.iter().find_map(|m| match m {
        Meta::NameValue(nv) if nv.path.is_ident("reason") => Some(nv),
        _ => None,
    });
    let lints: Vec<String> = nested
        .iter()
        .filter(|m| !m.path().is_ident("reason"))
        .map(|m| path_text(m.path()))
        .collect();
    let lint_list = lints.join(", ");
    if is_expect {
        if reason.is_some() {
            cx.observe("allow-attribute/expect-with-reason");
        } else {
            cx.report_at(
                start,
                end,
                Severity::Low,
                format!("`#{bang}[expect({lint_list})]` gives no reason"),
                format!(
                    "say why the lint does not apply here: `#{bang}[expect({lint_list}, reason = \"...\")]`"
                ),
            );
        }
        return;
    }
    cx.observe("allow-attribute/allow");
    // The reason, or a comment on or above the attribute, says why `#[expect]` cannot be used
    // (the lint fires only on some targets or features, or in macro expansions).
    let expect_unusable = reason.is_some_and(|nv| {
        rationale::documented(cx.file, &[start.start().line], Subject::ExpectUnusable)
            || matches!(&nv.value, syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. })
                if rationale::explains(&s.value(), Subject::ExpectUnusable))
    });
    if expect_unusable {
        cx.report_at(
            start,
            end,
            Severity::Low,
            format!(
                "`#{bang}[allow({lint_list})]` with a reason that says why `#[expect]` cannot be used"
            ),
            "keep it while the lint fires only on some targets, features or expansions; switch to `#[expect]` (or `#[cfg_attr(.., expect(..))]`) once it fires everywhere",
        );
        return;
    }
    let reason_note = if reason.is_some() {
        "a reason is given"
    } else {
        "no reason is given"
    };
    let plural = if lints.len() == 1 { "" } else { "s" };
    cx.report_at(
        start,
        end,
        cx.rule.default_severity,
        format!(
            "`#{bang}[allow({lint_list})]` silences lint{plural} without `#[expect]`; {reason_note}"
        ),
        format!(
            "write `#{bang}[expect({lint_list}, reason = \"...\")]`: it documents why, and warns once the suppression is no longer needed"
        ),
    );
}
