//! `unraised-error-variant`: a variant of an error enum that nothing in the workspace constructs.

use syn::spanned::Spanned;

use crate::finding::{Dimension, Severity};
use crate::knowledge::derives::{CONSTRUCTING_DERIVES, ERROR_DERIVES};
use crate::rules::{Ctx, LiteralScope, Precision, Rule, RuleEntry, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "unraised-error-variant",
    dimension: Dimension::ErrorHandling,
    default_severity: Severity::Low,
    summary: "error enum variant that nothing in the workspace constructs (medium for validation outcomes: the check was never written)",
    doc: include_str!("../../rules/unraised-error-variant.md"),
    enabled_by_default: true,
    production_only: true,
    precision: Precision::Medium,
    // `enum` as a keyword (followed by its space), not inside `enumerate`.
    literals: &["enum "],
    pattern: None,
    literal_scope: LiteralScope::Item,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, UnraisedErrorVariant);

#[derive(Default)]
pub struct UnraisedErrorVariant;

impl Rule for UnraisedErrorVariant {
    fn check_item<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, item: &'ast syn::Item) {
        let syn::Item::Enum(e) = item else {
            return;
        };
        if cx.in_test
            || !is_error_enum(cx, e)
            || constructed_by_derive(e)
            || open_library_error(cx, e)
        {
            return;
        }
        let name = e.ident.to_string();
        let derived_from = derives_from(e);
        for v in &e.variants {
            if is_reserved(&v.attrs) || has_from_field(v) || derived_from.contains(&&v.ident) {
                continue;
            }
            let variant = v.ident.to_string();
            if cx
                .workspace
                .is_variant_constructed(&cx.file.crate_name, &name, &variant)
                != Some(false)
            {
                continue;
            }
            let (severity, why) = if is_validation_outcome(&variant) {
                (
                    Severity::Medium,
                    "its name says it is a validation outcome: the validation it stands for was never written",
                )
            } else {
                (
                    Severity::Low,
                    "callers matching on it handle a case that cannot happen, and the failure it names is reported as something else",
                )
            };
            cx.report_at(
                v.ident.span(),
                v.span(),
                severity,
                format!("`{name}::{variant}` is never constructed anywhere in the workspace: {why}"),
                "raise it where the condition it names is detected, or remove it; if it is reserved for compatibility, mark it `#[deprecated]` or `#[doc(hidden)]`",
            );
        }
    }
}

/// Derives `thiserror::Error`/`Snafu`, or has an `impl std::error::Error` in its own crate (the
/// orphan rule puts it there: another crate's `impl Error for Format` is for its own `Format`).
fn is_error_enum(cx: &Ctx<'_, '_>, e: &syn::ItemEnum) -> bool {
    let derived = derive_paths(&e.attrs).iter().any(|path| {
        let last = path.segments.last().map(|s| s.ident.to_string());
        last.is_some_and(|l| ERROR_DERIVES.contains(&l.as_str()))
    });
    if derived {
        return true;
    }
    let name = e.ident.to_string();
    let krate = cx.file.crate_name.as_str();
    cx.workspace.impls_in_crate_for(krate, &name).any(|imp| {
        imp.trait_path.as_deref().is_some_and(|t| {
            matches!(
                t,
                "std::error::Error" | "core::error::Error" | "error::Error"
            )
        })
    })
}

/// A `pub` `#[non_exhaustive]` error enum of a library crate (one with a `src/lib.rs`): an API
/// made to grow, whose variants other crates may raise (sqlx's driver crates raise
/// `sqlx_core::Error` variants, user verifiers return rustls' `Error`); `non_exhaustive` stops
/// their exhaustive matching, not their constructing. What a dependent raises is outside the
/// scanned crate, so nothing here can tell a reserved variant from a forgotten one.
fn open_library_error(cx: &Ctx<'_, '_>, e: &syn::ItemEnum) -> bool {
    let public = matches!(e.vis, syn::Visibility::Public(_));
    let open = e.attrs.iter().any(|a| a.path().is_ident("non_exhaustive"));
    public
        && open
        && cx.workspace.files().iter().any(|f| {
            f.crate_name == cx.file.crate_name
                && (f.path == "src/lib.rs" || f.path.ends_with("/src/lib.rs"))
        })
}

fn derive_paths(attrs: &[syn::Attribute]) -> Vec<syn::Path> {
    let mut out = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
        // A derive list that does not parse names nothing this rule can use.
        let _ = attr.parse_nested_meta(|meta| {
            out.push(meta.path.clone());
            Ok(())
        });
    }
    out
}

fn constructed_by_derive(e: &syn::ItemEnum) -> bool {
    derive_paths(&e.attrs).iter().any(|p| {
        p.segments
            .last()
            .is_some_and(|s| CONSTRUCTING_DERIVES.contains(&s.ident.to_string().as_str()))
    })
}

/// `#[deprecated]` or `#[doc(hidden)]`: kept on purpose for compatibility, not raised on purpose.
fn is_reserved(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("deprecated")
            || (a.path().is_ident("doc")
                && matches!(&a.meta, syn::Meta::List(l) if l.tokens.to_string().contains("hidden")))
    })
}

/// A `#[from]` field: the derived `From` impl constructs the variant wherever `?` converts.
fn has_from_field(v: &syn::Variant) -> bool {
    v.fields
        .iter()
        .any(|f| f.attrs.iter().any(|a| a.path().is_ident("from")))
}

/// Variants that derive_more's `#[derive(From)]` builds in a `From` impl (std has no `From`
/// derive): every variant with exactly one field, or, once any variant is marked `#[from]`, only
/// the marked ones; `#[from(ignore)]`/`#[from(skip)]` opt a variant out. `?` and `.into()`
/// conversions construct them.
fn derives_from(e: &syn::ItemEnum) -> Vec<&syn::Ident> {
    let derives = derive_paths(&e.attrs)
        .iter()
        .any(|p| p.segments.last().is_some_and(|s| s.ident == "From"));
    if !derives {
        return Vec::new();
    }
    fn from_attr(v: &syn::Variant) -> Option<&syn::Attribute> {
        v.attrs.iter().find(|a| a.path().is_ident("from"))
    }
    let skipped = |v: &syn::Variant| {
        from_attr(v).is_some_and(|a| {
            matches!(&a.meta, syn::Meta::List(l)
                if l.tokens.to_string().split(|c: char| !c.is_alphanumeric()).any(|w| w == "ignore" || w == "skip"))
        })
    };
    let any_marked = e
        .variants
        .iter()
        .any(|v| from_attr(v).is_some() && !skipped(v));
    e.variants
        .iter()
        .filter(|v| !skipped(v))
        .filter(|v| {
            if any_marked {
                from_attr(v).is_some()
            } else {
                v.fields.len() == 1
            }
        })
        .map(|v| &v.ident)
        .collect()
}

/// Names of validation outcomes (severity only; whether to report never depends on the name).
fn is_validation_outcome(name: &str) -> bool {
    name.starts_with("Invalid")
        || name.contains("Validation")
        || [
            "NotAllowed",
            "TooLarge",
            "TooLong",
            "TooMany",
            "TooShort",
            "Malformed",
            "OutOfRange",
        ]
        .iter()
        .any(|suffix| name.ends_with(suffix))
}
