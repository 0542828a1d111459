//! `block-on-without-timeout`: `block_on(fut)` whose future carries no timeout.
//!
//! Whether the future is bounded is read from the call's own tokens, so that a timeout written in
//! an async block, a closure or an unparsed macro body counts.

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::spanned::Spanned;

use crate::finding::{Dimension, Severity};
use quote::ToTokens;

use crate::rules::{Ctx, FnNode, Precision, Rule, RuleEntry, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "block-on-without-timeout",
    dimension: Dimension::Resilience,
    default_severity: Severity::Medium,
    summary: "`block_on(..)` on a future with no timeout: the calling thread can block forever (high inside `extern \"C\"` fns)",
    doc: include_str!("../../rules/block-on-without-timeout.md"),
    enabled_by_default: true,
    production_only: true,
    precision: Precision::Medium,
    literals: &["block_on"],
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, BlockOnWithoutTimeout);

#[derive(Default)]
pub struct BlockOnWithoutTimeout {
    /// Locals bound to a timeout-wrapped future: `let fut = timeout(d, work());`.
    bounded_locals: Vec<String>,
}

/// Idents in a `select!` body that mean one branch is a timer.
const TIMER_IDENTS: &[&str] = &[
    "sleep",
    "sleep_until",
    "delay_for",
    "delay_until",
    "timeout",
    "timeout_at",
    "Delay",
    "Timer",
    "tick",
];

impl Rule for BlockOnWithoutTimeout {
    fn enter_fn<'ast>(&mut self, _cx: &mut Ctx<'_, 'ast>, _f: FnNode<'ast>) {
        self.bounded_locals.clear();
    }

    fn check_stmt<'ast>(&mut self, _cx: &mut Ctx<'_, 'ast>, stmt: &'ast syn::Stmt) {
        if let syn::Stmt::Local(local) = stmt
            && let Some(init) = &local.init
            && let syn::Pat::Ident(name) = &local.pat
            && bounded(init.expr.to_token_stream())
        {
            self.bounded_locals.push(name.ident.to_string());
        }
    }

    fn check_expr<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, expr: &'ast syn::Expr) {
        let Some((start, end, future)) = block_on_call(expr) else {
            return;
        };
        if cx.file.is_build_script {
            return;
        }
        let f = cx.enclosing_fn;
        // `main` exists to drive the program's top-level future to completion.
        if f.is_some_and(|f| f.sig.ident == "main" && !f.is_extern()) {
            return;
        }
        let bound_local = future.is_some_and(|fut| match fut {
            syn::Expr::Path(p) => p
                .path
                .get_ident()
                .is_some_and(|i| self.bounded_locals.iter().any(|b| i == b)),
            _ => false,
        });
        if bound_local || bounded(expr.to_token_stream()) {
            return;
        }
        match f.filter(|f| f.is_extern()) {
            Some(f) => cx.report_at(
                start,
                end,
                Severity::High,
                format!(
                    "`block_on` without a timeout inside `extern` fn `{}`: a slow or hung future blocks the foreign caller's thread indefinitely",
                    f.sig.ident
                ),
                "bound the wait: `rt.block_on(tokio::time::timeout(Duration::from_secs(N), fut))`, and map the elapsed error to an error code the caller can act on",
            ),
            None => cx.report_at(
                start,
                end,
                cx.rule.default_severity,
                "`block_on` without a timeout: if the future never completes, this thread blocks forever",
                "bound the wait: `rt.block_on(tokio::time::timeout(Duration::from_secs(N), fut))` (or race it against `tokio::time::sleep` in `select!`) and handle the elapsed case",
            ),
        }
    }
}

/// `x.block_on(fut)`, `fut.block_on()` (pollster), `block_on(fut)`, `executor::block_on(fut)`:
/// the span to report and the future, when it is an argument.
fn block_on_call(expr: &syn::Expr) -> Option<(Span, Span, Option<&syn::Expr>)> {
    match expr {
        syn::Expr::MethodCall(call) if call.method == "block_on" && call.args.len() <= 1 => Some((
            call.method.span(),
            call.paren_token.span.close(),
            call.args.first(),
        )),
        syn::Expr::Call(call) if call.args.len() == 1 => {
            let syn::Expr::Path(p) = &*call.func else {
                return None;
            };
            let last = p.path.segments.last()?;
            (last.ident == "block_on").then(|| {
                (
                    p.path.span(),
                    call.paren_token.span.close(),
                    call.args.first(),
                )
            })
        }
        _ => None,
    }
}

/// The tokens call something that bounds the wait: `timeout(d, fut)`, `timeout_at(..)`,
/// `fut.timeout(d)`, a function whose name says timeout or deadline (`fetch_with_timeout()`), or
/// a `select!` that races a timer.
fn bounded(tokens: TokenStream) -> bool {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let direct = trees.windows(2).any(|w| match w {
        [TokenTree::Ident(name), TokenTree::Group(g)]
            if g.delimiter() == proc_macro2::Delimiter::Parenthesis =>
        {
            let name = name.to_string().to_lowercase();
            name.contains("timeout") || name.contains("deadline")
        }
        _ => false,
    });
    let select_with_timer = trees.windows(3).any(|w| match w {
        [TokenTree::Ident(name), TokenTree::Punct(bang), TokenTree::Group(body)] => {
            (name == "select" || name == "select_biased")
                && bang.as_char() == '!'
                && mentions_timer(body.stream())
        }
        _ => false,
    });
    direct
        || select_with_timer
        || trees.iter().any(|tt| match tt {
            TokenTree::Group(g) => bounded(g.stream()),
            _ => false,
        })
}

fn mentions_timer(tokens: TokenStream) -> bool {
    tokens.into_iter().any(|tt| match tt {
        TokenTree::Ident(i) => TIMER_IDENTS.iter().any(|t| i == t),
        TokenTree::Group(g) => mentions_timer(g.stream()),
        _ => false,
    })
}
