//! `http-client-without-timeout`: a reqwest client with no request or connect timeout.

use syn::spanned::Spanned;

use crate::finding::{Dimension, Severity};
use crate::knowledge::http_clients::{BUILDERS, NO_TIMEOUT_CONSTRUCTORS, TIMEOUT_METHODS};
use crate::rules::{Ctx, LiteralScope, Node, Precision, Rule, RuleEntry, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "http-client-without-timeout",
    dimension: Dimension::Resilience,
    default_severity: Severity::Low,
    summary: "`reqwest::Client::new()`, `reqwest::get` and `Client::builder()..build()` chains that set no `timeout`/`connect_timeout`: a stalled server hangs the request forever",
    doc: include_str!("../../rules/http-client-without-timeout.md"),
    enabled_by_default: true,
    production_only: true,
    precision: Precision::High,
    literals: &["reqwest"],
    pattern: None,
    literal_scope: LiteralScope::File,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, HttpClientWithoutTimeout);

/// Per file, computed at the first call that could matter: whether the text names reqwest at
/// all (every call of every parsed file reaches this rule; resolving each would cost a `String`).
#[derive(Default)]
pub struct HttpClientWithoutTimeout {
    names_reqwest: Option<bool>,
}

/// Whether a call may be one of the two tables' entries: it ends like one, or is a single name
/// (which a `use .. as ..` may have renamed).
fn may_be_listed(path: &syn::Path) -> bool {
    path.segments.len() == 1
        || path.segments.last().is_some_and(|last| {
            NO_TIMEOUT_CONSTRUCTORS
                .iter()
                .chain(BUILDERS)
                .filter_map(|entry| entry.last())
                .any(|name| last.ident == name)
        })
}

fn is_one_of(resolved: &[String], table: &[&[&str]]) -> bool {
    table.iter().any(|entry| {
        resolved
            .iter()
            .map(String::as_str)
            .eq(entry.iter().copied())
    })
}

impl Rule for HttpClientWithoutTimeout {
    fn check_expr<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, expr: &'ast syn::Expr) {
        let syn::Expr::Call(call) = expr else {
            return;
        };
        let syn::Expr::Path(func) = call.func.as_ref() else {
            return;
        };
        if !may_be_listed(&func.path)
            || !*self.names_reqwest.get_or_insert_with(|| {
                memchr::memmem::find(cx.file.text.as_bytes(), b"reqwest").is_some()
            })
        {
            return;
        }
        let resolved = cx.resolve(&func.path);
        let written = crate::syntax::path_text(&func.path);
        if is_one_of(&resolved, NO_TIMEOUT_CONSTRUCTORS) {
            if requests_set_timeouts(cx, expr) {
                return;
            }
            cx.report(
                call.span(),
                format!("`{written}()` uses reqwest's defaults, which have no timeout: a server that stops answering hangs the request (and its task) forever"),
                "build the client once with `reqwest::Client::builder().timeout(..).connect_timeout(..).build()` and reuse it",
            );
        } else if is_one_of(&resolved, BUILDERS) {
            let chain = methods_on(cx, expr);
            let builds = chain.iter().any(|m| m == "build");
            let bounded = chain.iter().any(|m| TIMEOUT_METHODS.contains(&m.as_str()));
            if builds && !bounded {
                cx.report(
                    call.span(),
                    format!("`{written}()` builds a client without `.timeout(..)` or `.connect_timeout(..)`: reqwest has no default timeout, so a stalled server hangs requests forever"),
                    "add `.timeout(Duration::from_secs(..))` (whole request) and `.connect_timeout(..)` to the builder chain",
                );
            }
        }
    }
}

/// `let client = reqwest::Client::new();` where a request built from `client` later in the same
/// function sets its own `.timeout(..)` (reqwest's per-request timeout): the request is bounded.
fn requests_set_timeouts<'ast>(cx: &Ctx<'_, 'ast>, expr: &'ast syn::Expr) -> bool {
    let Some(Node::Stmt(syn::Stmt::Local(local))) = cx.parent() else {
        return false;
    };
    let syn::Pat::Ident(binding) = &local.pat else {
        return false;
    };
    if !local
        .init
        .as_ref()
        .is_some_and(|init| std::ptr::eq(init.expr.as_ref(), expr))
    {
        return false;
    }
    let Some(f) = cx.enclosing_fn else {
        return false;
    };
    struct Finder<'n> {
        client: &'n syn::Ident,
        found: bool,
    }
    impl<'ast> syn::visit::Visit<'ast> for Finder<'_> {
        fn visit_expr_method_call(&mut self, mc: &'ast syn::ExprMethodCall) {
            if TIMEOUT_METHODS.iter().any(|m| mc.method == m)
                && chain_root(&mc.receiver).is_some_and(|root| root == self.client)
            {
                self.found = true;
            }
            syn::visit::visit_expr_method_call(self, mc);
        }
    }
    let mut finder = Finder {
        client: &binding.ident,
        found: false,
    };
    syn::visit::Visit::visit_block(&mut finder, f.block);
    finder.found
}

/// The variable a method chain starts from: `client.post(u).header(..)` gives `client`.
fn chain_root(mut expr: &syn::Expr) -> Option<&syn::Ident> {
    loop {
        match expr {
            syn::Expr::MethodCall(mc) => expr = &mc.receiver,
            syn::Expr::Path(p) => return p.path.get_ident(),
            syn::Expr::Reference(r) => expr = &r.expr,
            syn::Expr::Paren(p) => expr = &p.expr,
            _ => return None,
        }
    }
}

/// Names of the methods called on `expr` in one chain: `expr.a().b()` gives `["a", "b"]`.
fn methods_on<'ast>(cx: &Ctx<'_, 'ast>, expr: &'ast syn::Expr) -> Vec<String> {
    let mut current = expr;
    let mut names = Vec::new();
    for node in cx.ancestors_inside_out() {
        match node {
            Node::Expr(parent @ syn::Expr::MethodCall(mc))
                if std::ptr::eq(mc.receiver.as_ref(), current) =>
            {
                names.push(mc.method.to_string());
                current = parent;
            }
            _ => break,
        }
    }
    names
}
