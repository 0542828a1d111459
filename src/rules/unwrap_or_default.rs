//! `unwrap-or-default`: `.unwrap_or_default()` turning a missing or failed value into `""`, `0`,
//! an empty collection or the epoch, graded by how evident it is that the value was required.

use proc_macro2::Span;
use quote::ToTokens;
use syn::spanned::Spanned;

use crate::finding::{Dimension, Severity};
use crate::knowledge::fallible::{OPTION_METHODS, RESULT_FUNCTIONS, RESULT_METHODS, SERDE_CRATES};
use crate::model::{is_option_type, result_arguments};
use crate::rationale::{self, Subject};
use crate::rules::{Ctx, LiteralScope, Node, Precision, Rule, RuleEntry, RuleMeta};
use crate::syntax::{declared_types, leading_path, pat_name};

pub static META: RuleMeta = RuleMeta {
    id: "unwrap-or-default",
    dimension: Dimension::ErrorHandling,
    default_severity: Severity::Low,
    summary: "`.unwrap_or_default()` silently replaces a missing or failed value with an empty default",
    doc: include_str!("../../rules/unwrap-or-default.md"),
    enabled_by_default: false,
    production_only: true,
    precision: Precision::Low,
    literals: &["unwrap_or_default"],
    pattern: None,
    literal_scope: LiteralScope::Item,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, UnwrapOrDefault);

#[derive(Default)]
pub struct UnwrapOrDefault;

/// Names that denote a value the program cannot do without (`user_id`, `jwtIssuer`, `config`).
const REQUIRED_NAMES: &[&str] = &[
    "id",
    "uuid",
    "name",
    "status",
    "issuer",
    "audience",
    "url",
    "key",
    "secret",
    "token",
    "namespace",
    "version",
    "config",
    "schema",
    "template",
];

/// Calls that wrap the defaulted value without changing what it means: `x.unwrap_or_default().clone()`.
const TRANSPARENT_METHODS: &[&str] = &[
    "clone",
    "to_string",
    "to_owned",
    "into",
    "as_str",
    "as_ref",
    "trim",
    "to_lowercase",
    "to_uppercase",
];

impl Rule for UnwrapOrDefault {
    fn check_expr<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, expr: &'ast syn::Expr) {
        let syn::Expr::MethodCall(call) = expr else {
            return;
        };
        if call.method != "unwrap_or_default" || !call.args.is_empty() {
            return;
        }
        let span = call.method.span();
        if has_rationale(cx, span) {
            cx.observe("unwrap-or-default/documented");
            return;
        }
        let end = call.paren_token.span.close();
        let evidence = result_evidence(cx, &call.receiver, 0);
        if let Some(Evidence::CargoContract | Evidence::CannotFail) = evidence {
            return;
        }
        // An `Option`: `None` is an absence, not an error, and a default fills it, unless the
        // value lands in a required-sounding place (graded below as without the type).
        if matches!(evidence, Some(Evidence::Absent)) && required_destination(cx, expr).is_none() {
            cx.observe("unwrap-or-default/option");
            return;
        }
        // `opt.map(|a| !a.is_hidden()).unwrap_or_default()`: `Option<bool>` to `false` is
        // `is_some_and`, a predicate over an optional value, not a lost required value.
        if maps_to_bool(&call.receiver) {
            return;
        }
        // `debug!(size = to_string(x).unwrap_or_default().len())`: only a log line is affected.
        if in_log_macro(cx) {
            cx.report_at(
                span,
                end,
                Severity::Low,
                "`unwrap_or_default()` inside a log statement: the logged value silently becomes empty/zero on failure",
                "log the failure itself (`?e` / `%e` in the fields) or leave the field out when the value is missing",
            );
            return;
        }
        if let Some(Evidence::Propagated) = evidence {
            cx.report_at(
                span,
                end,
                Severity::Low,
                "`unwrap_or_default()` after `?`: the error was propagated, and an absent value becomes an empty/zero default",
                "if absence means empty, say so in a comment on this line; if the value is required, `.ok_or_else(..)?`",
            );
            return;
        }
        if let Some(Evidence::Fallible(source)) = evidence {
            cx.report_at(
                span,
                end,
                Severity::Medium,
                format!(
                    "`unwrap_or_default()` on {source}: a failed or missing value silently becomes an empty/zero default and the reason is lost"
                ),
                "propagate the failure instead: `?` on the `Result` (with `.context(\"..\")?` or `.map_err(..)?` to say what was being read), or `match` it and handle the error explicitly; if a default is truly right, say why in a comment on this line",
            );
            return;
        }
        if let Some(name) = required_destination(cx, expr) {
            cx.report_at(
                span,
                end,
                Severity::Medium,
                format!(
                    "`unwrap_or_default()` fills `{name}` with an empty/zero value when it is missing"
                ),
                format!(
                    "a missing `{name}` is an error: `.ok_or_else(|| Error::Missing(\"{name}\"))?` or `.context(\"{name} is required\")?`; if it is truly optional, say so in a comment on this line"
                ),
            );
            return;
        }
        cx.report_at(
            span,
            end,
            Severity::Low,
            "`unwrap_or_default()` turns a missing value into a silent empty/zero default",
            "if the value is required, fail loudly: `.ok_or_else(..)?`, `.context(\"..\")?` or an explicit `match`; if it is optional, document it with a comment on this line (`// optional: absent means no labels`) or spell the default out (`.unwrap_or(0)`)",
        );
    }
}

/// A comment on the call's line, or above it or above the statement it is part of, that says
/// why the default is right (see [`crate::rationale`]).
fn has_rationale(cx: &Ctx<'_, '_>, span: Span) -> bool {
    let line = span.start().line;
    let stmt_line = cx.ancestors_inside_out().find_map(|node| match node {
        Node::Stmt(stmt) => Some(stmt.span().start().line),
        Node::FieldValue(field) => Some(field.span().start().line),
        _ => None,
    });
    let lines: Vec<usize> = std::iter::once(line).chain(stmt_line).collect();
    rationale::documented(cx.file, &lines, Subject::Default)
}

/// What the receiver chain says about the defaulted value.
enum Evidence {
    /// A `Result` or fallible conversion, described for the message.
    Fallible(String),
    /// `fetch().await?.unwrap_or_default()` where `fetch`'s doc comment, in this file, says that
    /// `None` means empty: the error went up with `?`; only a documented absence is defaulted.
    Propagated,
    /// `env::var("CARGO_CFG_..")` in a build script: Cargo documents absence as "not set", so the
    /// empty default is the contract, not a lost error.
    CargoContract,
    /// An `Option`: `None` is an absence, no error is lost.
    Absent,
    /// `.duration_since(UNIX_EPOCH)`: fails only for a time before 1970.
    CannotFail,
}

/// Adapters the evidence is looked for through: `s.parse().map(|v| v * 2).unwrap_or_default()`.
const PASS_THROUGH_METHODS: &[&str] = &["map", "as_deref", "as_ref", "cloned", "copied", "clone"];

/// Describes the receiver when it evidently was a `Result` or a fallible conversion.
fn result_evidence(cx: &Ctx<'_, '_>, receiver: &syn::Expr, depth: usize) -> Option<Evidence> {
    if depth > 2 {
        return None;
    }
    let mut expr = receiver;
    let mut immediate = true;
    loop {
        let wrapper = matches!(expr, syn::Expr::Await(_) | syn::Expr::Paren(_));
        match expr {
            syn::Expr::MethodCall(mc) => {
                let method = mc.method.to_string();
                if method == "duration_since" && since_epoch(cx, mc) {
                    return Some(Evidence::CannotFail);
                }
                if RESULT_METHODS.contains(&method.as_str()) || method.starts_with("from_timestamp")
                {
                    return Some(Evidence::Fallible(format!("the result of `.{method}()`")));
                }
                if OPTION_METHODS.contains(&method.as_str()) {
                    return Some(Evidence::Absent);
                }
                if let Some(owner) = cx.receiver_type(&mc.receiver)
                    && let Some(evidence) = workspace_return(cx, &[owner, method.clone()], &method)
                {
                    return Some(evidence);
                }
                // `.and_then(|v| v.parse().ok())`: what the closure returns decides.
                if method == "and_then" {
                    return match mc.args.first() {
                        Some(syn::Expr::Closure(closure)) => {
                            result_evidence(cx, tail(&closure.body), depth + 1)
                        }
                        _ => None,
                    };
                }
                if !PASS_THROUGH_METHODS.contains(&method.as_str()) {
                    return None;
                }
                expr = &mc.receiver;
            }
            syn::Expr::Call(call) => {
                let syn::Expr::Path(func) = &*call.func else {
                    return None;
                };
                if is_cargo_cfg_var(call) {
                    return Some(Evidence::CargoContract);
                }
                if let Some(f) = fallible_function(cx, &func.path) {
                    return Some(Evidence::Fallible(format!("the result of `{f}()`")));
                }
                let name = func.path.segments.last()?.ident.to_string();
                return workspace_return(cx, &cx.resolve(&func.path), &name);
            }
            // `opt.unwrap_or_default()`, `self.limit.clone().unwrap_or_default()`: the declared
            // type of the local, parameter or field.
            syn::Expr::Path(_) | syn::Expr::Field(_) => return declared_evidence(cx, expr),
            // `x.transpose()?`: the `Option` came first and the error went up with `?`.
            syn::Expr::Try(t)
                if immediate
                    && matches!(&*t.expr, syn::Expr::MethodCall(mc) if mc.method == "transpose") =>
            {
                return Some(Evidence::Absent);
            }
            // `read_batch(..).await?.unwrap_or_default()`: a fetched `Option` that may be absent.
            syn::Expr::Try(t) if immediate => {
                return Some(match called_name(&t.expr) {
                    Some(name) if none_documented_as_empty(cx, &name) => Evidence::Propagated,
                    _ => Evidence::Fallible(
                        "a fetched result (`..?.unwrap_or_default()`)".to_string(),
                    ),
                });
            }
            syn::Expr::Await(a) => expr = &a.base,
            syn::Expr::Paren(p) => expr = &p.expr,
            syn::Expr::Reference(r) => expr = &r.expr,
            _ => return None,
        }
        immediate &= wrapper;
    }
}

/// The function or method a (possibly awaited) call names: `client.read_batch(..).await` gives
/// `read_batch`.
fn called_name(expr: &syn::Expr) -> Option<String> {
    match expr {
        syn::Expr::Await(a) => called_name(&a.base),
        syn::Expr::Paren(p) => called_name(&p.expr),
        syn::Expr::MethodCall(mc) => Some(mc.method.to_string()),
        syn::Expr::Call(call) => match &*call.func {
            syn::Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        },
        _ => None,
    }
}

/// `fn name` is defined in this file with a doc comment saying what `None` means, and that is
/// "empty" (`/// Returns `None` when the queue is empty`).
fn none_documented_as_empty(cx: &Ctx<'_, '_>, name: &str) -> bool {
    let file = cx.file;
    (1..=file.line_count()).any(|line| {
        let code = file.line(line);
        let defines = code.find(&format!("fn {name}")).is_some_and(|at| {
            code[at + 3 + name.len()..]
                .trim_start()
                .starts_with(['(', '<'])
        });
        if !defines {
            return false;
        }
        // The doc block above, stepping over attributes.
        let mut doc = String::new();
        let mut above = line - 1;
        while above > 0 {
            let text = file.line(above).trim();
            if let Some(comment) = text.strip_prefix("///") {
                doc.push_str(comment);
                doc.push(' ');
            } else if !text.starts_with("#[") {
                break;
            }
            above -= 1;
        }
        let doc = doc.to_lowercase();
        doc.contains("none")
            && ["empty", "no ", "nothing", "absent"]
                .iter()
                .any(|w| doc.contains(w))
    })
}

/// Inside the arguments of a logging macro (`debug!`, `tracing::info!`, `println!`...).
fn in_log_macro(cx: &Ctx<'_, '_>) -> bool {
    cx.ancestors_inside_out().any(|node| match node {
        Node::Macro(mac) => LOG_MACROS.contains(&crate::macros::macro_name(mac).as_str()),
        _ => false,
    })
}

/// Macros whose arguments only end up in a log or console line.
const LOG_MACROS: &[&str] = &[
    "trace", "debug", "info", "warn", "error", "event", "log", "println", "eprintln", "print",
    "eprint",
];

/// The receiver is `.map(|x| <boolean expression>)`: a negation, a comparison, `&&`/`||`, a
/// `true`/`false` literal, or a predicate call named by Rust's convention (`is_*`, `has_*`).
fn maps_to_bool(receiver: &syn::Expr) -> bool {
    let syn::Expr::MethodCall(map) = receiver else {
        return false;
    };
    if map.method != "map" {
        return false;
    }
    let Some(syn::Expr::Closure(closure)) = map.args.first() else {
        return false;
    };
    is_boolean(tail(&closure.body))
}

fn is_boolean(expr: &syn::Expr) -> bool {
    use syn::BinOp::{And, Eq, Ge, Gt, Le, Lt, Ne, Or};
    match expr {
        syn::Expr::Unary(u) => matches!(u.op, syn::UnOp::Not(_)),
        syn::Expr::Binary(b) => matches!(
            b.op,
            Eq(_) | Ne(_) | Lt(_) | Le(_) | Gt(_) | Ge(_) | And(_) | Or(_)
        ),
        syn::Expr::Lit(l) => matches!(l.lit, syn::Lit::Bool(_)),
        syn::Expr::Paren(p) => is_boolean(&p.expr),
        syn::Expr::MethodCall(mc) => {
            let name = mc.method.to_string();
            name.starts_with("is_") || name.starts_with("has_")
        }
        _ => false,
    }
}

/// `env::var("CARGO_CFG_TARGET_FEATURE")` / `var("CARGO_FEATURE_X")`: cfg and feature variables
/// that Cargo leaves unset when empty.
fn is_cargo_cfg_var(call: &syn::ExprCall) -> bool {
    let syn::Expr::Path(func) = &*call.func else {
        return false;
    };
    let is_var = func.path.segments.last().is_some_and(|s| s.ident == "var");
    is_var
        && matches!(call.args.first(), Some(syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(name), .. }))
            if name.value().starts_with("CARGO_CFG_") || name.value().starts_with("CARGO_FEATURE_"))
}

fn tail(body: &syn::Expr) -> &syn::Expr {
    if let syn::Expr::Block(block) = body
        && let Some(syn::Stmt::Expr(last, None)) = block.block.stmts.last()
    {
        return last;
    }
    body
}

/// `serde_json::from_str`, `u32::try_from`, `std::env::var`, `DateTime::from_timestamp`...
fn fallible_function(cx: &Ctx<'_, '_>, path: &syn::Path) -> Option<String> {
    let resolved = cx.resolve(path);
    let last = resolved.last()?.as_str();
    let written = path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::");
    let serde = resolved
        .first()
        .is_some_and(|c| SERDE_CRATES.contains(&c.as_str()))
        && resolved.len() > 1
        && (last.starts_with("from_") || last.starts_with("to_"));
    let env_var = last == "var" && resolved.iter().any(|s| s == "env");
    let fallible = RESULT_FUNCTIONS.contains(&last)
        || last.starts_with("from_timestamp")
        || last.starts_with("parse_")
        || serde
        || env_var;
    fallible.then_some(written)
}

/// The required-sounding name of the `let` binding, struct field or assignment target the value
/// lands in, looking through `.clone()`/`.to_string()`-style wrappers.
fn required_destination(cx: &Ctx<'_, '_>, expr: &syn::Expr) -> Option<String> {
    let mut child: *const syn::Expr = expr;
    for node in cx.ancestors_inside_out() {
        match node {
            Node::Expr(parent) => match parent {
                syn::Expr::MethodCall(mc)
                    if std::ptr::eq(&*mc.receiver, child)
                        && TRANSPARENT_METHODS.contains(&mc.method.to_string().as_str()) =>
                {
                    child = parent;
                }
                syn::Expr::Paren(_) | syn::Expr::Reference(_) | syn::Expr::Cast(_) => {
                    child = parent;
                }
                syn::Expr::Assign(assign) if std::ptr::eq(&*assign.right, child) => {
                    return place_name(&assign.left).filter(|n| names_required(n));
                }
                _ => return None,
            },
            Node::Stmt(syn::Stmt::Local(local)) => {
                return pat_name(&local.pat).filter(|n| names_required(n));
            }
            Node::FieldValue(field) => {
                let syn::Member::Named(name) = &field.member else {
                    return None;
                };
                let name = name.to_string();
                return names_required(&name).then_some(name);
            }
            _ => return None,
        }
    }
    None
}

fn place_name(place: &syn::Expr) -> Option<String> {
    match place {
        syn::Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        syn::Expr::Field(f) => match &f.member {
            syn::Member::Named(name) => Some(name.to_string()),
            syn::Member::Unnamed(_) => None,
        },
        syn::Expr::Unary(u) => place_name(&u.expr),
        _ => None,
    }
}

/// `id`, `user_id`, `USER_ID`, `userId` name a required thing; `valid`, `paid`, `monkey` do not.
fn names_required(name: &str) -> bool {
    let name = name.trim_start_matches("r#").trim_start_matches('_');
    let lower = name.to_ascii_lowercase();
    REQUIRED_NAMES.iter().any(|word| {
        if lower == *word || lower.ends_with(&format!("_{word}")) {
            return true;
        }
        // camelCase: `userId`, `jwtIssuer`.
        let mut capitalized = word.to_string();
        capitalized[..1].make_ascii_uppercase();
        name.len() > word.len()
            && name.ends_with(&capitalized)
            && name[..name.len() - word.len()]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    })
}

/// `.duration_since(UNIX_EPOCH)` (the epoch resolved to std's): it fails only for a time before
/// 1970, which a system clock or a file time does not give on a sane system.
fn since_epoch(cx: &Ctx<'_, '_>, mc: &syn::ExprMethodCall) -> bool {
    mc.args.first().is_some_and(|e| {
        matches!(e, syn::Expr::Path(p) if {
            let resolved = cx.resolve(&p.path);
            resolved.last().is_some_and(|l| l == "UNIX_EPOCH")
                && resolved
                    .first()
                    .is_some_and(|c| matches!(c.as_str(), "std" | "UNIX_EPOCH" | "SystemTime"))
        })
    })
}

/// What a workspace fn returns, through the model: `Result<..>` is a failure (medium),
/// `Option<..>` an absence. `None` when the call does not resolve, or fns sharing the name
/// disagree.
fn workspace_return(cx: &Ctx<'_, '_>, path: &[String], name: &str) -> Option<Evidence> {
    let kinds: Vec<Option<bool>> = cx
        .workspace_fns(path)
        .iter()
        .map(|f| {
            let ret = f.ret.as_deref()?;
            if result_arguments(ret).is_some() || ret.starts_with("Result<") {
                Some(true)
            } else if is_option_type(ret) {
                Some(false)
            } else {
                None
            }
        })
        .collect();
    match kinds.first().copied().flatten() {
        Some(is_result) if kinds.iter().all(|k| *k == Some(is_result)) => Some(if is_result {
            Evidence::Fallible(format!("the `Result` of the project's `{name}()`"))
        } else {
            Evidence::Absent
        }),
        _ => None,
    }
}

/// The declared type of a local, parameter or field the receiver names, when every `name: Type`
/// declaration in the file agrees on `Option<..>` or `Result<..>`.
fn declared_evidence(cx: &Ctx<'_, '_>, expr: &syn::Expr) -> Option<Evidence> {
    let (name, declared): (String, Vec<String>) = match expr {
        syn::Expr::Path(p) => {
            let name = p.path.get_ident()?.to_string();
            // A parameter of the enclosing fn: its own type, whatever else the file declares.
            let param = cx.enclosing_fn.and_then(|f| {
                f.sig.inputs.iter().find_map(|input| match input {
                    syn::FnArg::Typed(t) if pat_name(&t.pat).as_deref() == Some(name.as_str()) => {
                        Some(t.ty.to_token_stream().to_string())
                    }
                    _ => None,
                })
            });
            let declared = match param {
                Some(ty) => vec![ty],
                None => declared_types(cx.file.text, &name)
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
            };
            (name, declared)
        }
        syn::Expr::Field(f) => {
            let syn::Member::Named(n) = &f.member else {
                return None;
            };
            let name = n.to_string();
            // `config.metadata`: the field of the workspace struct the base is declared as.
            let of_struct: Vec<String> = cx
                .receiver_type(&f.base)
                .map(|owner| {
                    cx.workspace
                        .structs_named(&owner)
                        .flat_map(|st| st.fields.iter())
                        .filter(|(field, _, _)| *field == name)
                        .map(|(_, ty, _)| ty.to_string())
                        .collect()
                })
                .unwrap_or_default();
            let declared = if of_struct.is_empty() {
                declared_types(cx.file.text, &name)
                    .into_iter()
                    .map(str::to_string)
                    .collect()
            } else {
                of_struct
            };
            (name, declared)
        }
        _ => return None,
    };
    let kinds: Vec<Option<bool>> = declared
        .iter()
        .map(|ty| {
            let ty = ty.trim_start().trim_start_matches('&').trim_start();
            let last = leading_path(ty).pop()?;
            let generic = ty[ty.find(&last)? + last.len()..]
                .trim_start()
                .starts_with('<');
            match last.as_str() {
                "Option" if generic => Some(false),
                "Result" if generic => Some(true),
                _ => None,
            }
        })
        .collect();
    match kinds.first().copied().flatten() {
        Some(is_result) if kinds.iter().all(|k| *k == Some(is_result)) => Some(if is_result {
            Evidence::Fallible(format!("`{name}`, a `Result`"))
        } else {
            Evidence::Absent
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::names_required;

    #[test]
    fn required_names() {
        for yes in [
            "id",
            "user_id",
            "USER_ID",
            "userId",
            "jwt_issuer",
            "api_key",
            "config",
        ] {
            assert!(names_required(yes), "{yes}");
        }
        for no in [
            "valid", "paid", "monkey", "labels", "count", "width", "identity",
        ] {
            assert!(!names_required(no), "{no}");
        }
    }
}
