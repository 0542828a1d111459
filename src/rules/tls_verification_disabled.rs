//! `tls-verification-disabled`: certificate or hostname verification turned off.

use syn::spanned::Spanned;

use crate::finding::{Dimension, Severity};
use crate::rules::{Ctx, FnNode, LiteralScope, Precision, Rule, RuleEntry, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "tls-verification-disabled",
    dimension: Dimension::Security,
    default_severity: Severity::High,
    summary: "TLS certificate or hostname verification disabled (`danger_accept_invalid_certs(true)`, accept-all rustls verifiers, `SslVerifyMode::NONE`)",
    doc: include_str!("../../rules/tls-verification-disabled.md"),
    enabled_by_default: true,
    production_only: true,
    precision: Precision::High,
    literals: &[
        "danger_accept_invalid",
        "SslVerifyMode",
        "CertVerifier",
        "set_verify_callback",
        "verify_server_cert",
        "verify_client_cert",
    ],
    pattern: None,
    literal_scope: LiteralScope::Item,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, TlsVerificationDisabled);

#[derive(Default)]
pub struct TlsVerificationDisabled;

const HELP: &str = "keep verification on; for a private CA add its certificate as a root (`add_root_certificate`, `RootCertStore::add`) instead of accepting every certificate";

impl Rule for TlsVerificationDisabled {
    fn check_expr<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, expr: &'ast syn::Expr) {
        match expr {
            syn::Expr::MethodCall(mc) => {
                let method = mc.method.to_string();
                match method.as_str() {
                    "danger_accept_invalid_certs" | "danger_accept_invalid_hostnames"
                        if mc.args.first().is_some_and(is_true) && !behind_flag(cx) =>
                    {
                        let what = if method.ends_with("certs") {
                            "any certificate, from anyone, is accepted"
                        } else {
                            "a valid certificate for any other host is accepted"
                        };
                        cx.report_at(
                            mc.method.span(),
                            mc.span(),
                            Severity::High,
                            format!("`{method}(true)` turns TLS verification off: {what}, so a man in the middle can read and change the traffic"),
                            HELP,
                        );
                    }
                    "set_verify_callback"
                        if mc.args.iter().any(is_accept_all_closure) && !behind_flag(cx) =>
                    {
                        cx.report_at(
                            mc.method.span(),
                            mc.span(),
                            Severity::High,
                            "the verify callback returns `true` for every certificate: verification is off",
                            HELP,
                        );
                    }
                    _ => {}
                }
            }
            syn::Expr::Path(p) => {
                let mut segments = p.path.segments.iter().rev();
                let (Some(last), Some(owner)) = (segments.next(), segments.next()) else {
                    return;
                };
                if last.ident == "NONE"
                    && owner.ident == "SslVerifyMode"
                    && is_argument(cx)
                    && !behind_flag(cx)
                {
                    cx.report_at(
                        owner.ident.span(),
                        last.ident.span(),
                        Severity::High,
                        "`SslVerifyMode::NONE` turns certificate verification off",
                        "use `SslVerifyMode::PEER` and trust the right roots",
                    );
                }
            }
            _ => {}
        }
    }

    fn enter_fn<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, f: FnNode<'ast>) {
        let Some(trait_path) = f.impl_trait else {
            return;
        };
        let Some(trait_name) = trait_path.segments.last().map(|s| s.ident.to_string()) else {
            return;
        };
        let checks = match (trait_name.as_str(), f.sig.ident.to_string().as_str()) {
            ("ServerCertVerifier", "verify_server_cert") => "server",
            ("ClientCertVerifier", "verify_client_cert") => "client",
            _ => return,
        };
        if accepts_everything(f.block) {
            cx.report_at(
                f.sig.fn_token.span,
                f.sig.ident.span(),
                Severity::High,
                format!("this `{trait_name}` accepts every {checks} certificate without looking at it: TLS verification is off wherever it is installed"),
                "verify the chain with `WebPkiServerVerifier`/`WebPkiClientVerifier` (or pin a certificate and compare it) instead of returning success unconditionally",
            );
        }
    }
}

/// Inside the `then` branch of `if insecure { .. }` / `if self.accept_invalid_certs { .. }`: the
/// user's explicit opt-in, the same as `danger_accept_invalid_certs(insecure)`.
fn behind_flag(cx: &Ctx<'_, '_>) -> bool {
    cx.ancestors_inside_out()
        .any(|node| matches!(node, crate::rules::Node::Expr(syn::Expr::If(i)) if is_flag(&i.cond)))
}

/// A boolean option: `insecure`, `self.accept_invalid`, `!verify`, `config.tls.skip_verify`.
fn is_flag(expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::Path(p) => p.path.get_ident().is_some(),
        syn::Expr::Field(f) => matches!(&*f.base, syn::Expr::Path(_) | syn::Expr::Field(_)),
        syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Not(_)) => is_flag(&u.expr),
        syn::Expr::Paren(p) => is_flag(&p.expr),
        _ => false,
    }
}

fn is_true(expr: &syn::Expr) -> bool {
    matches!(expr, syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Bool(b), .. }) if b.value)
}

/// `|_, _| true`
fn is_accept_all_closure(expr: &syn::Expr) -> bool {
    matches!(expr, syn::Expr::Closure(c) if is_true(&c.body)
        || matches!(&*c.body, syn::Expr::Block(b) if b.block.stmts.len() == 1
            && matches!(&b.block.stmts[0], syn::Stmt::Expr(e, None) if is_true(e))))
}

/// Passed to a call (`set_verify(SslVerifyMode::NONE)`, `builder.verify(..)`), not compared.
fn is_argument(cx: &Ctx<'_, '_>) -> bool {
    matches!(
        cx.parent(),
        Some(crate::rules::Node::Expr(
            syn::Expr::Call(_) | syn::Expr::MethodCall(_)
        ))
    )
}

/// The body is only `Ok(ServerCertVerified::assertion())` (statements that bind nothing or only
/// ignore arguments are allowed before it).
fn accepts_everything(block: &syn::Block) -> bool {
    let Some(syn::Stmt::Expr(tail, None)) = block.stmts.last() else {
        return false;
    };
    let only_ignores = block.stmts[..block.stmts.len() - 1].iter().all(|stmt| {
        matches!(stmt, syn::Stmt::Local(l) if matches!(l.pat, syn::Pat::Wild(_))
            && l.init.as_ref().is_some_and(|i| matches!(&*i.expr, syn::Expr::Path(_) | syn::Expr::Tuple(_))))
    });
    only_ignores && is_ok_assertion(tail)
}

fn is_ok_assertion(expr: &syn::Expr) -> bool {
    let syn::Expr::Call(ok) = expr else {
        return false;
    };
    let is_ok = matches!(&*ok.func, syn::Expr::Path(p) if p.path.is_ident("Ok"));
    is_ok
        && ok.args.len() == 1
        && matches!(&ok.args[0], syn::Expr::Call(inner)
            if matches!(&*inner.func, syn::Expr::Path(p)
                if p.path.segments.last().is_some_and(|s| s.ident == "assertion")))
}
