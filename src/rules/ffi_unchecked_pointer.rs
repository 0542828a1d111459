//! `ffi-unchecked-pointer`: in an exported `extern "C"` function, a pointer the C caller passed
//! (a parameter, or an element of an array parameter) is turned into a reference, slice, C string
//! or `Box` before anything checked it for null.
//!
//! Same-function flow in source order: hooks see a function's nodes in the order they are
//! written, so "checked earlier" is "a check was seen before this use".

use std::collections::{BTreeMap, BTreeSet};

use syn::spanned::Spanned;

use crate::finding::{Dimension, Severity};
use crate::macros::MacroCall;
use crate::rules::{Ctx, FnNode, LiteralScope, Precision, Rule, RuleEntry, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "ffi-unchecked-pointer",
    dimension: Dimension::Ffi,
    default_severity: Severity::High,
    summary: "exported `extern \"C\"` fn dereferences a caller's pointer (`from_raw_parts`, `CStr::from_ptr`, `&*p`, `Box::from_raw`) without a null check",
    doc: include_str!("../../rules/ffi-unchecked-pointer.md"),
    enabled_by_default: true,
    production_only: true,
    precision: Precision::High,
    // The rule reads only exported fns (`is_exported`): the attribute is in the fn's item.
    // `extern` alone selected every `extern crate` and binding block (6 MB of a corpus).
    literals: &["no_mangle", "export_name"],
    pattern: None,
    literal_scope: LiteralScope::Item,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, FfiUncheckedPointer);

#[derive(Default)]
pub struct FfiUncheckedPointer {
    /// One entry per function being walked (nested functions push their own).
    stack: Vec<FnState>,
}

/// Where a tracked pointer came from.
#[derive(Clone)]
enum Origin {
    Parameter,
    /// Read out of the array parameter named here (`let p = *ptrs.add(i);`).
    ElementOf(String),
}

#[derive(Default)]
struct FnState {
    /// Raw pointers from the caller, by local name. Empty for functions the rule ignores.
    pointers: BTreeMap<String, Origin>,
    checked: BTreeSet<String>,
    /// `let` bindings that take effect once the statement has ended: (end line, end column,
    /// name, new origin or `None` for a shadowing binding).
    pending: Vec<(usize, usize, String, Option<Origin>)>,
}

impl Rule for FfiUncheckedPointer {
    fn enter_fn<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, f: FnNode<'ast>) {
        let mut state = FnState::default();
        if f.is_extern() && is_exported(f.attrs) {
            for input in &f.sig.inputs {
                if let syn::FnArg::Typed(t) = input
                    && let syn::Pat::Ident(id) = &*t.pat
                    && matches!(&*t.ty, syn::Type::Ptr(_))
                {
                    state
                        .pointers
                        .insert(id.ident.to_string(), Origin::Parameter);
                }
            }
            if !state.pointers.is_empty() {
                cx.observe("ffi-unchecked-pointer/pointer-export");
            }
        }
        self.stack.push(state);
    }

    fn exit_fn<'ast>(&mut self, _cx: &mut Ctx<'_, 'ast>, _f: FnNode<'ast>) {
        self.stack.pop();
    }

    fn check_stmt<'ast>(&mut self, _cx: &mut Ctx<'_, 'ast>, stmt: &'ast syn::Stmt) {
        let Some(state) = self.active() else {
            return;
        };
        let start = stmt.span().start();
        state.apply_pending(start.line, start.column);
        let syn::Stmt::Local(local) = stmt else {
            return;
        };
        let Some(name) = bound_name(&local.pat) else {
            return;
        };
        let origin = local
            .init
            .as_ref()
            .and_then(|init| state.array_element_of(&init.expr))
            .map(Origin::ElementOf);
        if origin.is_none() && !state.pointers.contains_key(&name) {
            return;
        }
        let end = stmt.span().end();
        state.pending.push((end.line, end.column, name, origin));
    }

    fn check_macro<'ast>(&mut self, _cx: &mut Ctx<'_, 'ast>, call: &MacroCall<'ast>) {
        let Some(state) = self.active() else {
            return;
        };
        // `check_null!(p)`, `ffi_try_non_null!(p)`: project-specific null checks.
        if call.name.to_ascii_lowercase().contains("null") {
            for arg in call.args {
                if let Some(name) = state.pointer_name(arg) {
                    state.checked.insert(name);
                }
            }
        }
    }

    fn check_expr<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, expr: &'ast syn::Expr) {
        let Some(state) = self.active() else {
            return;
        };
        let start = expr.span().start();
        state.apply_pending(start.line, start.column);
        state.record_null_checks(expr);
        let Some((operand, token, what)) = dereference(cx, expr) else {
            return;
        };
        let (subject, help_name) = if let Some(array) = state.array_element_of(operand) {
            (
                format!("an element of array parameter `{array}`"),
                "the element",
            )
        } else if let Some(name) = state.pointer_name(operand) {
            if state.checked.contains(&name) {
                return;
            }
            let subject = match state.pointers.get(&name) {
                Some(Origin::ElementOf(array)) => {
                    format!("`{name}`, an element of array parameter `{array}`,")
                }
                _ => format!("parameter `{name}`"),
            };
            (subject, "it")
        } else {
            return;
        };
        cx.report_at(
            token,
            expr.span(),
            Severity::High,
            format!("{what} on {subject} from the C caller with no null check before it: a null pointer here is undefined behaviour"),
            format!("check {help_name} first and return an error code: `if p.is_null() {{ return ERR_NULL; }}` (or `let Some(r) = p.as_ref() else {{ .. }}`)"),
        );
    }
}

impl FfiUncheckedPointer {
    fn active(&mut self) -> Option<&mut FnState> {
        self.stack.last_mut().filter(|s| !s.pointers.is_empty())
    }
}

impl FnState {
    fn apply_pending(&mut self, line: usize, column: usize) {
        let (due, later): (Vec<_>, Vec<_>) = self
            .pending
            .drain(..)
            .partition(|(l, c, _, _)| (line, column) >= (*l, *c));
        self.pending = later;
        for (_, _, name, origin) in due {
            self.checked.remove(&name);
            match origin {
                Some(origin) => {
                    self.pointers.insert(name, origin);
                }
                None => {
                    self.pointers.remove(&name);
                }
            }
        }
    }

    /// `p.is_null()`, `p.as_ref()`, `NonNull::new(p)`, `p == ptr::null()`, `check_not_null(p)`.
    fn record_null_checks(&mut self, expr: &syn::Expr) {
        let checked = match expr {
            syn::Expr::MethodCall(mc)
                if matches!(
                    mc.method.to_string().as_str(),
                    "is_null" | "as_ref" | "as_mut" | "is_aligned"
                ) =>
            {
                self.pointer_name(&mc.receiver)
            }
            syn::Expr::Call(call) => {
                let syn::Expr::Path(func) = &*call.func else {
                    return;
                };
                let names: Vec<String> = func
                    .path
                    .segments
                    .iter()
                    .map(|s| s.ident.to_string().to_ascii_lowercase())
                    .collect();
                let checks = names.iter().any(|n| n.contains("null"));
                if !checks {
                    return;
                }
                call.args.iter().find_map(|a| self.pointer_name(a))
            }
            syn::Expr::Binary(b) if matches!(b.op, syn::BinOp::Eq(_) | syn::BinOp::Ne(_)) => {
                if is_null_constant(&b.right) {
                    self.pointer_name(&b.left)
                } else if is_null_constant(&b.left) {
                    self.pointer_name(&b.right)
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(name) = checked {
            self.checked.insert(name);
        }
    }

    /// The tracked pointer `expr` names, through casts: `p`, `p as *const u8`, `p.cast()`.
    fn pointer_name(&self, expr: &syn::Expr) -> Option<String> {
        let name = strip_casts(expr);
        let syn::Expr::Path(p) = name else {
            return None;
        };
        let ident = p.path.get_ident()?.to_string();
        self.pointers.contains_key(&ident).then_some(ident)
    }

    /// `*arr.add(i)`, `*arr.offset(i)`, `arr.add(i).read()` where `arr` is a pointer parameter:
    /// the array's name.
    fn array_element_of(&self, expr: &syn::Expr) -> Option<String> {
        let expr = strip_casts(expr);
        let indexed = match expr {
            syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => strip_casts(&u.expr),
            syn::Expr::MethodCall(mc) if mc.method == "read" && mc.args.is_empty() => &mc.receiver,
            _ => return None,
        };
        let syn::Expr::MethodCall(mc) = indexed else {
            return None;
        };
        if !matches!(
            mc.method.to_string().as_str(),
            "add" | "offset" | "wrapping_add" | "wrapping_offset"
        ) {
            return None;
        }
        let name = self.pointer_name(&mc.receiver)?;
        matches!(self.pointers.get(&name), Some(Origin::Parameter)).then_some(name)
    }
}

/// The pointer operand of a dereferencing construct, the token to report and a description.
fn dereference<'e>(
    cx: &Ctx<'_, '_>,
    expr: &'e syn::Expr,
) -> Option<(&'e syn::Expr, proc_macro2::Span, &'static str)> {
    match expr {
        syn::Expr::Call(call) => {
            let syn::Expr::Path(func) = &*call.func else {
                return None;
            };
            let last = func.path.segments.last()?;
            let resolved = cx.resolve(&func.path);
            let owner = resolved.iter().rev().nth(1).map(String::as_str);
            let what = match (owner, last.ident.to_string().as_str()) {
                (Some("slice"), "from_raw_parts") => "`slice::from_raw_parts`",
                (Some("slice"), "from_raw_parts_mut") => "`slice::from_raw_parts_mut`",
                (Some("CStr"), "from_ptr") => "`CStr::from_ptr`",
                (Some("Box"), "from_raw") => "`Box::from_raw`",
                _ => return None,
            };
            Some((call.args.first()?, last.ident.span(), what))
        }
        syn::Expr::Reference(r) => {
            let syn::Expr::Unary(u) = strip_parens(&r.expr) else {
                return None;
            };
            if !matches!(u.op, syn::UnOp::Deref(_)) {
                return None;
            }
            let what = if r.mutability.is_some() {
                "`&mut *`"
            } else {
                "`&*`"
            };
            Some((&u.expr, r.and_token.span, what))
        }
        _ => None,
    }
}

fn strip_parens(expr: &syn::Expr) -> &syn::Expr {
    match expr {
        syn::Expr::Paren(p) => strip_parens(&p.expr),
        syn::Expr::Group(g) => strip_parens(&g.expr),
        other => other,
    }
}

fn strip_casts(expr: &syn::Expr) -> &syn::Expr {
    match strip_parens(expr) {
        syn::Expr::Cast(c) => strip_casts(&c.expr),
        syn::Expr::MethodCall(mc)
            if mc.args.is_empty()
                && matches!(
                    mc.method.to_string().as_str(),
                    "cast" | "cast_mut" | "cast_const"
                ) =>
        {
            strip_casts(&mc.receiver)
        }
        other => other,
    }
}

/// `ptr::null()`, `std::ptr::null_mut()`, `null()`.
fn is_null_constant(expr: &syn::Expr) -> bool {
    matches!(strip_casts(expr), syn::Expr::Call(call)
        if matches!(&*call.func, syn::Expr::Path(p)
            if p.path.segments.last().is_some_and(|s| s.ident == "null" || s.ident == "null_mut")))
}

fn bound_name(pat: &syn::Pat) -> Option<String> {
    match pat {
        syn::Pat::Ident(id) => Some(id.ident.to_string()),
        syn::Pat::Type(t) => bound_name(&t.pat),
        _ => None,
    }
}

/// `#[no_mangle]`, `#[unsafe(no_mangle)]`, `#[export_name = ".."]`: callable by C by name.
fn is_exported(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        let path = attr.path();
        path.is_ident("no_mangle")
            || path.is_ident("export_name")
            || (path.is_ident("unsafe")
                && attr.meta.require_list().is_ok_and(|list| {
                    let tokens = list.tokens.to_string();
                    tokens.contains("no_mangle") || tokens.contains("export_name")
                }))
    })
}
