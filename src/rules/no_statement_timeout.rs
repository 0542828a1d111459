//! `no-statement-timeout`: database pools built in a workspace where no statement timeout is set
//! anywhere, so every query relies on the pool's acquire timeout alone.

use std::collections::BTreeSet;

use syn::spanned::Spanned;
use syn::visit::Visit;

use crate::finding::{Dimension, Finding, Severity};
use crate::knowledge::db_pools::{
    POOL_CONSTRUCTORS, PoolConstructor, QUERY_METHODS, TIMEOUT_SETTINGS,
};
use crate::rules::{Ctx, LiteralScope, Precision, Rule, RuleEntry, RuleMeta};
use crate::workspace::WorkspaceHooks;

pub static META: RuleMeta = RuleMeta {
    id: "no-statement-timeout",
    dimension: Dimension::Resilience,
    default_severity: Severity::Medium,
    summary: "database pools (sqlx, deadpool-postgres, bb8, diesel r2d2, tokio-postgres) in a workspace that sets no statement timeout anywhere: queries rely on the acquire timeout alone",
    doc: include_str!("../../rules/no-statement-timeout.md"),
    enabled_by_default: true,
    production_only: true,
    precision: Precision::Medium,
    literals: &[
        "PgPoolOptions",
        "MySqlPoolOptions",
        "PgPool",
        "MySqlPool",
        "deadpool_postgres",
        "bb8",
        "r2d2",
        "tokio_postgres",
        "statement_timeout",
        "max_execution_time",
        "timeout(",
    ],
    pattern: None,
    // A file that imports a pool crate's types builds pools with names the crate is not written
    // in (`use deadpool_postgres::Pool;` then `Pool::builder()`): all of it is read. The sqlx
    // types are literals of their own; `r2d2` covers diesel's `diesel::r2d2`.
    literal_scope: LiteralScope::ItemOrFileUsing(&[
        "deadpool_postgres",
        "bb8",
        "r2d2",
        "tokio_postgres",
    ]),
};

static HOOKS: WorkspaceHooks = WorkspaceHooks {
    check: None,
    keep: Some(keep),
    needs_advisories: false,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, NoStatementTimeout, &HOOKS);

/// Fact: this file bounds statements (a timeout setting, or a query wrapped in a timeout).
const TIMEOUT_SET: &str = "no-statement-timeout/timeout-set";

/// A pool construction site stands only if nothing in its workspace sets a statement timeout.
fn keep(_finding: &Finding, facts: &BTreeSet<String>) -> bool {
    !facts.contains(TIMEOUT_SET)
}

/// Per file, computed at the first node that could matter: whether the text names a timeout
/// setting at all, and whether it names a pool crate or a timeout call. Every string literal and
/// call of every parsed file reaches this rule; without these answers each would cost a
/// `String` (a literal's value, a resolved path).
#[derive(Default)]
pub struct NoStatementTimeout {
    names_setting: Option<bool>,
    names_pool_or_timeout: Option<bool>,
}

impl NoStatementTimeout {
    fn names_setting(&mut self, cx: &Ctx<'_, '_>) -> bool {
        *self.names_setting.get_or_insert_with(|| {
            let text = cx.file.text.as_bytes();
            TIMEOUT_SETTINGS
                .iter()
                .any(|s| memchr::memmem::find(text, s.as_bytes()).is_some())
        })
    }

    fn names_pool_or_timeout(&mut self, cx: &Ctx<'_, '_>) -> bool {
        *self.names_pool_or_timeout.get_or_insert_with(|| {
            let text = cx.file.text.as_bytes();
            POOL_CONSTRUCTORS
                .iter()
                .map(|c| c.krate)
                .chain(["timeout"])
                .any(|s| memchr::memmem::find(text, s.as_bytes()).is_some())
        })
    }
}

/// Whether a called path may name a pool constructor or `tokio::time::timeout`: it ends like
/// one, or is a single name (which a `use .. as ..` may have renamed).
fn may_construct_or_bound(path: &syn::Path) -> bool {
    let Some(last) = path.segments.last() else {
        return false;
    };
    path.segments.len() == 1
        || last.ident == "timeout"
        || POOL_CONSTRUCTORS
            .iter()
            .any(|c| c.functions.iter().any(|f| last.ident == f))
}

impl Rule for NoStatementTimeout {
    fn check_expr<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, expr: &'ast syn::Expr) {
        match expr {
            syn::Expr::Lit(lit) => {
                if let syn::Lit::Str(s) = &lit.lit
                    && self.names_setting(cx)
                    && names_timeout_setting(&s.value())
                {
                    cx.record_fact(TIMEOUT_SET);
                }
            }
            syn::Expr::MethodCall(mc) if TIMEOUT_SETTINGS.iter().any(|s| mc.method == s) => {
                cx.record_fact(TIMEOUT_SET);
            }
            syn::Expr::Call(call) => {
                let syn::Expr::Path(func) = call.func.as_ref() else {
                    return;
                };
                if !may_construct_or_bound(&func.path) || !self.names_pool_or_timeout(cx) {
                    return;
                }
                let resolved = cx.resolve(&func.path);
                if is_tokio_timeout(&resolved) && call.args.iter().nth(1).is_some_and(runs_a_query)
                {
                    cx.record_fact(TIMEOUT_SET);
                    return;
                }
                if let Some(built) = pool_constructor(cx, &resolved)
                    && !hands_config_back(cx, &resolved)
                {
                    let what = built.what;
                    let (message, help) = if built.pool {
                        (
                            format!(
                                "{what} built here, and no statement timeout is set anywhere in the workspace: every query relies on the pool's acquire timeout alone, so a slow query holds its connection for as long as it runs"
                            ),
                            "set a server-side statement timeout for the pool's connections (`SET statement_timeout` in `after_connect`, or `options=-c statement_timeout=30s` in the URL), or wrap queries in `tokio::time::timeout`",
                        )
                    } else {
                        // A lone connection: no pool, so no acquire timeout to rely on either.
                        (
                            format!(
                                "{what} used here, and no statement timeout is set anywhere in the workspace: nothing bounds how long a query on its connection runs, so a slow query holds the connection, and the task awaiting it, for as long as it runs"
                            ),
                            "set a server-side statement timeout for the connection (`options=-c statement_timeout=30s` in the URL or `Config::options`, or `SET statement_timeout` once connected), or wrap queries in `tokio::time::timeout`",
                        )
                    };
                    cx.report(call.span(), message, help);
                }
            }
            _ => {}
        }
    }
}

/// A `Config::new()` in a function that returns a `Config`: the caller connects with it and
/// decides its options (deadpool-postgres's `get_pg_config` builds one from user settings).
fn hands_config_back(cx: &Ctx<'_, '_>, resolved: &[String]) -> bool {
    if resolved.iter().rev().nth(1).is_none_or(|ty| ty != "Config") {
        return false;
    }
    let Some(f) = cx.enclosing_fn else {
        return false;
    };
    let syn::ReturnType::Type(_, ty) = &f.sig.output else {
        return false;
    };
    let mut text = quote::ToTokens::to_token_stream(ty.as_ref()).to_string();
    text.retain(|c| !c.is_whitespace());
    text.contains("Config")
}

fn names_timeout_setting(text: &str) -> bool {
    TIMEOUT_SETTINGS.iter().any(|s| text.contains(s))
}

fn is_tokio_timeout(resolved: &[String]) -> bool {
    let path: Vec<&str> = resolved.iter().map(String::as_str).collect();
    matches!(path.as_slice(), ["tokio", "time", "timeout"])
}

/// The pool or connection this call constructs, if it is one of the known constructors.
fn pool_constructor(cx: &Ctx<'_, '_>, resolved: &[String]) -> Option<&'static PoolConstructor> {
    let (first, rest) = resolved.split_first()?;
    let (function, before) = rest.split_last()?;
    let ty = before.last().map_or("", String::as_str);
    POOL_CONSTRUCTORS.iter().find(|c| {
        c.krate == first
            && c.ty == ty
            && (c.ty.is_empty() == before.is_empty())
            && c.functions.contains(&function.as_str())
            && (c.needs_any_of.is_empty()
                || c.needs_any_of.iter().any(|n| cx.file.text.contains(n)))
    })
}

/// Whether `expr` calls a query-running method (`.execute(..)`, `.fetch_one(..)`...).
fn runs_a_query(expr: &syn::Expr) -> bool {
    struct Finder(bool);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_expr_method_call(&mut self, mc: &'ast syn::ExprMethodCall) {
            if QUERY_METHODS.iter().any(|m| mc.method == m) {
                self.0 = true;
            }
            syn::visit::visit_expr_method_call(self, mc);
        }
    }
    let mut finder = Finder(false);
    finder.visit_expr(expr);
    finder.0
}

#[cfg(test)]
mod tests {
    use crate::scan::{RuleSettings, ScanOptions, scan};

    /// A pool's finding speaks of its acquire timeout; a lone `tokio_postgres` connection has no
    /// pool, and its finding says nothing bounds its queries (the corpus checks where findings
    /// are, not their words).
    #[test]
    fn a_lone_connection_is_not_called_a_pool() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("src")).expect("src dir");
        std::fs::write(
            dir.path().join("src/lib.rs"),
            "pub async fn one(url: &str) {\n    let _ = tokio_postgres::connect(url, tokio_postgres::NoTls).await;\n}\n\npub async fn pool(url: &str) {\n    let _ = sqlx::postgres::PgPoolOptions::new().connect(url).await;\n}\n",
        )
        .expect("source file");
        let mut options = ScanOptions::new(vec![dir.path().to_path_buf()]);
        options.rules = vec![RuleSettings::new(&super::ENTRY)];
        let result = scan(&options).expect("scan runs");
        let findings: Vec<(usize, &str)> = result
            .active_findings()
            .map(|f| (f.line, f.message.as_str()))
            .collect();
        assert_eq!(findings.len(), 2, "{findings:?}");
        let (connect, pool) = (findings[0].1, findings[1].1);
        assert!(
            connect.starts_with("`tokio_postgres::connect` used here")
                && connect.contains("nothing bounds how long a query on its connection runs")
                && !connect.contains("pool"),
            "{connect}"
        );
        assert!(pool.contains("the pool's acquire timeout alone"), "{pool}");
    }
}
