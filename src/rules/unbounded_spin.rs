//! `unbounded-spin`: a loop that only spins (`spin_loop()`, `yield_now()`) with no deadline or
//! iteration bound.

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::spanned::Spanned;

use crate::finding::{Dimension, Severity};
use crate::rules::{Ctx, LiteralScope, Precision, Rule, RuleEntry, RuleMeta};
use crate::syntax::name_words;

pub static META: RuleMeta = RuleMeta {
    id: "unbounded-spin",
    dimension: Dimension::Resilience,
    default_severity: Severity::Medium,
    summary: "busy-wait loops whose body is only `spin_loop()`/`yield_now()`, with no deadline or iteration bound",
    doc: include_str!("../../rules/unbounded-spin.md"),
    enabled_by_default: true,
    production_only: true,
    precision: Precision::High,
    literals: &["spin_loop", "yield_now"],
    pattern: None,
    literal_scope: LiteralScope::Item,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, UnboundedSpin);

#[derive(Default)]
pub struct UnboundedSpin;

/// Function names that hint the CPU or scheduler and return at once.
const SPIN_CALLS: &[&str] = &["spin_loop", "spin_loop_hint", "yield_now"];

/// Idents in a loop condition that bound it by time.
const DEADLINE_IDENTS: &[&str] = &[
    "elapsed",
    "deadline",
    "timeout",
    "Instant",
    "now",
    "expired",
    "is_expired",
];

impl Rule for UnboundedSpin {
    fn check_expr<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, expr: &'ast syn::Expr) {
        let (keyword, cond, body) = match expr {
            syn::Expr::Loop(l) => (l.loop_token.span, None, &l.body),
            syn::Expr::While(w) => (w.while_token.span, Some(&*w.cond), &w.body),
            _ => return,
        };
        let Some(spin) = spin_only_body(body) else {
            return;
        };
        if cond.is_some_and(|c| mentions_deadline(quote::ToTokens::to_token_stream(c))) {
            return;
        }
        if implements_primitive(cx, cond) {
            return;
        }
        let what = if cond.is_some() {
            "`while` loop"
        } else {
            "`loop`"
        };
        cx.report_at(
            keyword,
            spin,
            cx.rule.default_severity,
            format!(
                "{what} busy-waits with only a spin hint in its body and no deadline or iteration bound: if the condition never changes, this thread burns a core forever"
            ),
            "bound the wait (`let deadline = Instant::now() + timeout;` and give up with an error once `Instant::now() >= deadline`), back off to `thread::sleep`/parking after a few spins, or wait on an event (`Condvar`, `tokio::sync::Notify`)",
        );
    }
}

/// A spinlock, parker or one-time initialiser spinning is the primitive working as designed: the
/// wait is bounded by another thread's short critical section, and the place to bound a wait is
/// the code that uses the primitive. Recognised by the loop condition (acquiring or polling a
/// lock, waiting out an initialisation) or by the enclosing function (`lock`, `park`, `acquire`).
fn implements_primitive(cx: &Ctx<'_, '_>, cond: Option<&syn::Expr>) -> bool {
    // Whole words of the name: `try_lock`, `park_timeout`, `acquire_slow`; not `block_until` or
    // `clock_sync`.
    let in_primitive_fn = cx.enclosing_fn.is_some_and(|f| {
        name_words(&f.sig.ident.to_string()).iter().any(|w| {
            matches!(
                w.as_str(),
                "lock" | "unlock" | "spinlock" | "park" | "acquire"
            )
        })
    });
    in_primitive_fn || cond.is_some_and(|c| polls_lock(quote::ToTokens::to_token_stream(c)))
}

fn polls_lock(tokens: TokenStream) -> bool {
    tokens.into_iter().any(|tt| match tt {
        TokenTree::Ident(i) => {
            let name = i.to_string();
            let words = name_words(&name);
            name.starts_with("compare_exchange")
                || name == "compare_and_swap"
                || name == "swap"
                || words.iter().any(|w| {
                    matches!(w.as_str(), "lock" | "locked" | "unlock" | "spinlock")
                        || w.starts_with("initializ")
                        || w.starts_with("initialis")
                })
        }
        TokenTree::Group(g) => polls_lock(g.stream()),
        _ => false,
    })
}

/// The body consists only of spin hints, and of `if cond { break }` exits that test no deadline.
/// Returns the span of the last spin call.
fn spin_only_body(body: &syn::Block) -> Option<Span> {
    let mut spin = None;
    for stmt in &body.stmts {
        let expr = match stmt {
            syn::Stmt::Expr(e, _) => e,
            _ => return None,
        };
        if is_spin_call(expr) {
            spin = Some(expr.span());
        } else if !is_plain_exit(expr) {
            return None;
        }
    }
    spin
}

fn is_spin_call(expr: &syn::Expr) -> bool {
    let syn::Expr::Call(call) = expr else {
        return false;
    };
    let syn::Expr::Path(p) = &*call.func else {
        return false;
    };
    call.args.is_empty()
        && p.path
            .segments
            .last()
            .is_some_and(|s| SPIN_CALLS.iter().any(|c| s.ident == c))
}

/// `if cond { break; }` / `if cond { return ..; }` with no `else`, whose condition tests no
/// deadline: an exit on the awaited event, not a bound.
fn is_plain_exit(expr: &syn::Expr) -> bool {
    let syn::Expr::If(i) = expr else {
        return false;
    };
    i.else_branch.is_none()
        && !mentions_deadline(quote::ToTokens::to_token_stream(&i.cond))
        && i.then_branch.stmts.len() == 1
        && matches!(
            &i.then_branch.stmts[0],
            syn::Stmt::Expr(syn::Expr::Break(_) | syn::Expr::Return(_), _)
        )
}

fn mentions_deadline(tokens: TokenStream) -> bool {
    tokens.into_iter().any(|tt| match tt {
        TokenTree::Ident(i) => {
            let name = i.to_string();
            // Whole words: `max_tries`, `SPIN_DEADLINE`, `remainingAttempts`; not `entries`.
            DEADLINE_IDENTS.contains(&name.as_str())
                || name_words(&name).iter().any(|w| {
                    matches!(
                        w.as_str(),
                        "deadline"
                            | "timeout"
                            | "attempt"
                            | "attempts"
                            | "tries"
                            | "retries"
                            | "retry"
                            | "spins"
                    )
                })
        }
        TokenTree::Group(g) => mentions_deadline(g.stream()),
        _ => false,
    })
}
