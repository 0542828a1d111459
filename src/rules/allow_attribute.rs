//! `allow-attribute`: `#[allow(..)]` where policy wants `#[expect(lint, reason = "..")]`.

use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Meta, Token};

use crate::finding::{Dimension, Severity};
use crate::rationale::{self, Subject};
use crate::rules::{Ctx, LiteralScope, Node, Precision, Rule, RuleEntry, RuleMeta};
use crate::syntax::path_text;

/// An `#[allow(..)]`/`#[expect(..)]` attribute, or a `cfg_attr(..)` that carries one
/// (`#[cfg_attr(feature = "x", allow(dead_code))]`): the items worth parsing for the lint-policy
/// rules. A `cfg_attr` without one (`#[cfg_attr(docsrs, doc(cfg(..)))]`, in most library files)
/// cannot give a finding.
pub const LINT_ATTRIBUTE_PATTERN: &str = r"#\s*!?\s*\[\s*(?:allow|expect)(?-u:\b)|(?-u:\b)cfg_attr\s*\([^\]]*?(?-u:\b)(?:allow|expect)(?-u:\b)";

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
    pattern: Some(LINT_ATTRIBUTE_PATTERN),
    literal_scope: LiteralScope::Member,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, AllowAttribute);

#[derive(Default)]
pub struct AllowAttribute;

impl Rule for AllowAttribute {
    fn check_attribute<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, attr: &'ast syn::Attribute) {
        let inner = matches!(attr.style, syn::AttrStyle::Inner(_));
        let start = attr.pound_token.span;
        let end = attr.bracket_token.span.close();
        check_meta(cx, &attr.meta, inner, Some((start, end)), false);
    }
}

/// Lints whose firing depends on which code is compiled and used: in a module shared by several
/// test binaries they fire in some binaries and not others.
fn is_usage_lint(lint: &str) -> bool {
    lint == "dead_code" || lint == "unused" || lint.starts_with("unused_")
}

/// `tests/common/mod.rs`, `tests/fixtures/util.rs`: a file in a folder under `tests/` that is not
/// a test target's `main.rs`. Cargo builds only `tests/*.rs` and `tests/*/main.rs` as test
/// binaries, so such a file is a module that test binaries include with `mod`, each using a
/// different part of it.
fn is_shared_test_module(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    let Some(at) = parts.iter().position(|part| *part == "tests") else {
        return false;
    };
    let rest = &parts[at + 1..];
    rest.len() >= 2 && !(rest.len() == 2 && rest[1] == "main.rs")
}

/// The attribute is written in a `macro_rules!` body: each expansion (for other types, names,
/// items) decides whether the lint fires.
fn in_macro_rules(cx: &Ctx<'_, '_>) -> bool {
    let is_macro_rules = |mac: &syn::Macro| mac.path.is_ident("macro_rules");
    cx.ancestors.iter().any(|node| match node {
        Node::Item(syn::Item::Macro(m)) => is_macro_rules(&m.mac),
        Node::Stmt(syn::Stmt::Macro(m)) => is_macro_rules(&m.mac),
        Node::Macro(mac) => is_macro_rules(mac),
        _ => false,
    })
}

/// Checks one attribute's meta; `cfg_attr(pred, a, b)` is unpacked so `a` and `b` are checked too.
fn check_meta(
    cx: &mut Ctx<'_, '_>,
    meta: &Meta,
    inner: bool,
    whole: Option<(proc_macro2::Span, proc_macro2::Span)>,
    under_cfg_attr: bool,
) {
    let (start, end) = whole.unwrap_or_else(|| (meta.span(), meta.span()));
    // `#[allow]` with no lint list does nothing; not worth a finding.
    let Meta::List(list) = meta else {
        return;
    };
    let is_cfg_attr = list.path.is_ident("cfg_attr");
    let is_allow = list.path.is_ident("allow");
    let is_expect = list.path.is_ident("expect");
    // Most attributes are none of these (`derive`, `serde`, `cfg`): not worth parsing.
    if !(is_cfg_attr || is_allow || is_expect) {
        return;
    }
    let Ok(nested) = list.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated) else {
        return;
    };
    let bang = if inner { "!" } else { "" };
    if is_cfg_attr {
        for attr in nested.iter().skip(1) {
            check_meta(cx, attr, inner, None, true);
        }
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
    if is_shared_test_module(&cx.file.path) && lints.iter().all(|lint| is_usage_lint(lint)) {
        // `#[expect(dead_code)]` would be unfulfilled in the binaries that use the item.
        return;
    }
    // The reason, or a comment on or above the attribute, says why `#[expect]` cannot be used
    // (the lint fires only on some targets or features, or in macro expansions).
    let reason_says = reason.is_some_and(|nv| {
        matches!(&nv.value, syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. })
            if rationale::explains(&s.value(), Subject::ExpectUnusable))
    });
    let expect_unusable = reason_says
        || rationale::documented(cx.file, &[start.start().line], Subject::ExpectUnusable);
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
    // Where the lint's firing depends on more than this line, or the code is not what ships:
    // right pattern, but an auditor weighs it less (see the rule's page).
    let conditional = if under_cfg_attr {
        Some((
            "inside `cfg_attr(..)`: it applies in one configuration only",
            "the same `cfg_attr` can carry `expect(.., reason = \"...\")` when the lint fires in every build of that configuration",
        ))
    } else if in_macro_rules(cx) {
        Some((
            "in a `macro_rules!` template: whether the lint fires depends on each expansion",
            "keep `allow` if some expansions do not trigger the lint (an `expect` there would be unfulfilled), and say so in a `reason`; otherwise use `expect(.., reason = \"...\")`",
        ))
    } else if cx.in_test {
        Some((
            "in test code",
            "write `expect(.., reason = \"...\")` so the suppression goes once the test no longer needs it",
        ))
    } else {
        None
    };
    if let Some((place, help)) = conditional {
        cx.report_at(
            start,
            end,
            Severity::Low,
            format!("`#{bang}[allow({lint_list})]` {place}"),
            help,
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
