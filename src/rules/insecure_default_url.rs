//! `insecure-default-url`: an `http://` URL as the default of a configuration that also carries
//! credentials, which would then travel in clear text.

use std::collections::BTreeSet;

use syn::punctuated::Punctuated;
use syn::{Meta, Token};

use crate::finding::{Dimension, Severity};
use crate::knowledge::credentials::is_credential_field;
use crate::rules::{Ctx, LiteralScope, Node, Precision, Rule, RuleEntry, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "insecure-default-url",
    dimension: Dimension::Security,
    default_severity: Severity::Medium,
    summary: "an `http://` URL as the default (`impl Default`, `#[serde(default = ..)]`, clap `default_value`) of a configuration that also carries credentials",
    doc: include_str!("../../rules/insecure-default-url.md"),
    enabled_by_default: true,
    production_only: true,
    precision: Precision::High,
    literals: &[],
    // A string literal that starts with `http://` (what `insecure` looks for); not the licence
    // and documentation URLs in comments, which would have the whole file parsed.
    pattern: Some(HTTP_URL_LITERAL),
    // Every finding also needs, in the file's own text, a credential field and one of the three
    // defaults: generated bindings full of `http://` namespace constants have neither.
    // The gates are tested in order, the credential pattern last: it is case-insensitive and
    // costs four times as much to run over a file as the defaults. Of a file that passes them,
    // only the items a finding reads are parsed: those holding the URL (the default's fn or
    // impl, or a struct's `default_value`) and those naming a credential (the struct that
    // carries it, with its `#[serde(default = ..)]`). Parsing the whole of a 600 KB binding file
    // that passes the gates (windows-sys' Cryptography module) cost 35 MB at once.
    literal_scope: LiteralScope::ItemsAlong {
        gates: &[
            DEFAULT_FORMS,
            crate::knowledge::credentials::CREDENTIAL_FIELD_PATTERN,
        ],
        along: crate::knowledge::credentials::CREDENTIAL_FIELD_PATTERN,
    },
};

const HTTP_URL_LITERAL: &str = r#""\s*(?i:http)://"#;

/// The defaults the rule reads: clap's `default_value`, serde's `default = ".."`, and
/// `fn default` in an `impl Default`.
const DEFAULT_FORMS: &str = r"default_value|(?-u:\b)default\s*=|(?-u:\b)fn\s+default(?-u:\b)";

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, InsecureDefaultUrl);

const HELP: &str =
    "default to an `https://` URL, or make the URL required so each deployment states it";

#[derive(Default)]
pub struct InsecureDefaultUrl {
    /// Whether the file's text holds an `http://` URL at all (any case), computed at the first
    /// node that could matter: without one nothing here can be reported, and every struct field
    /// and string literal of every parsed file reaches this rule.
    has_http_url: Option<bool>,
    /// Structs seen so far whose fields include a credential: name -> that field.
    credential_structs: Vec<(String, String)>,
    /// Functions named by `#[serde(default = "..")]` on a field of such a struct -> its field.
    serde_defaults: BTreeSet<(String, String)>,
}

impl InsecureDefaultUrl {
    fn has_http_url(&mut self, cx: &Ctx<'_, '_>) -> bool {
        *self.has_http_url.get_or_insert_with(|| {
            let text = cx.file.text.as_bytes();
            memchr::memmem::find_iter(text, b"://")
                .any(|at| at >= 4 && text[at - 4..at].eq_ignore_ascii_case(b"http"))
        })
    }
}

fn insecure(text: &str) -> bool {
    text.trim_start()
        .get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case("http://"))
}

fn credential_field(fields: &syn::Fields) -> Option<String> {
    fields
        .iter()
        .filter_map(|f| f.ident.as_ref())
        .map(ToString::to_string)
        .find(|name| is_credential_field(name))
}

/// `name = "value"` pairs of an attribute like `#[arg(long, default_value = "..")]`.
fn name_values(attr: &syn::Attribute) -> Vec<(String, syn::LitStr)> {
    let Ok(list) = attr.meta.require_list() else {
        return Vec::new();
    };
    let Ok(nested) = list.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated) else {
        return Vec::new();
    };
    nested
        .iter()
        .filter_map(|m| match m {
            Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some((crate::syntax::path_text(&nv.path), s.clone())),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

impl Rule for InsecureDefaultUrl {
    fn check_item<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, item: &'ast syn::Item) {
        let syn::Item::Struct(s) = item else {
            return;
        };
        if !self.has_http_url(cx) {
            return;
        }
        let Some(credential) = credential_field(&s.fields) else {
            return;
        };
        let name = s.ident.to_string();
        for field in &s.fields {
            let field_name = field
                .ident
                .as_ref()
                .map_or_else(String::new, ToString::to_string);
            for attr in &field.attrs {
                let tool = crate::syntax::path_text(attr.path());
                for (key, value) in name_values(attr) {
                    match (tool.as_str(), key.as_str()) {
                        ("serde", "default") => {
                            self.serde_defaults
                                .insert((value.value(), credential.clone()));
                        }
                        ("arg" | "clap" | "structopt", "default_value")
                            if insecure(&value.value()) =>
                        {
                            cx.report(
                                value.span(),
                                format!("`{name}.{field_name}` defaults to `{}`, and `{name}` also carries `{credential}`: unless every deployment overrides the URL, the credential travels in clear text", value.value()),
                                HELP,
                            );
                        }
                        _ => {}
                    }
                }
            }
        }
        self.credential_structs.push((name, credential));
    }

    fn check_expr<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, expr: &'ast syn::Expr) {
        let syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(lit),
            ..
        }) = expr
        else {
            return;
        };
        if !self.has_http_url(cx) || !insecure(&lit.value()) {
            return;
        }
        let Some(f) = cx.enclosing_fn else {
            return;
        };
        let fn_name = f.sig.ident.to_string();
        if let Some((_, credential)) = self.serde_defaults.iter().find(|(n, _)| *n == fn_name) {
            let credential = credential.clone();
            cx.report(
                lit.span(),
                format!("`{fn_name}()` is a `#[serde(default)]` that returns `{}` for a configuration that also carries `{credential}`: unless every deployment overrides the URL, the credential travels in clear text", lit.value()),
                HELP,
            );
            return;
        }
        let in_default_impl = fn_name == "default"
            && f.impl_trait
                .and_then(|t| t.segments.last())
                .is_some_and(|s| s.ident == "Default");
        if !in_default_impl {
            return;
        }
        let Some(built) = cx.ancestors_inside_out().find_map(|n| match n {
            Node::Expr(syn::Expr::Struct(s)) => Some(s),
            _ => None,
        }) else {
            return;
        };
        let type_name = built
            .path
            .segments
            .last()
            .map_or_else(String::new, |s| s.ident.to_string());
        let in_literal = built.fields.iter().find_map(|fv| match &fv.member {
            syn::Member::Named(ident) if is_credential_field(&ident.to_string()) => {
                Some(ident.to_string())
            }
            _ => None,
        });
        let declared = self
            .credential_structs
            .iter()
            .find(|(n, _)| *n == type_name || (type_name == "Self" && self_is(cx, n)))
            .map(|(_, c)| c.clone());
        if let Some(credential) = in_literal.or(declared) {
            cx.report(
                lit.span(),
                format!("`Default` gives `{}` as the URL of a configuration that also carries `{credential}`: unless every deployment overrides it, the credential travels in clear text", lit.value()),
                HELP,
            );
        }
    }
}

/// Whether the `impl` block around the current node is for the type called `name`.
fn self_is(cx: &Ctx<'_, '_>, name: &str) -> bool {
    cx.ancestors_inside_out().any(|n| match n {
        Node::Item(syn::Item::Impl(imp)) => match imp.self_ty.as_ref() {
            syn::Type::Path(p) => p.path.segments.last().is_some_and(|s| s.ident == name),
            _ => false,
        },
        _ => false,
    })
}
