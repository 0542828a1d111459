//! `panic-in-production`: `.unwrap()`, `.expect(..)` and the panicking macros outside test code.

use syn::spanned::Spanned;

use crate::finding::{Dimension, Severity};
use crate::macros::MacroCall;
use crate::rules::{Ctx, LiteralScope, Node, Precision, Rule, RuleEntry, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "panic-in-production",
    dimension: Dimension::ErrorHandling,
    default_severity: Severity::Low,
    summary: "`.unwrap()`, `.expect(..)`, `panic!`, `unreachable!`, `todo!`, `unimplemented!` in production code",
    doc: include_str!("../../rules/panic-in-production.md"),
    enabled_by_default: false,
    production_only: true,
    precision: Precision::High,
    literals: &[
        "unwrap",
        "expect",
        "panic",
        "unreachable",
        "todo",
        "unimplemented",
    ],
    pattern: None,
    literal_scope: LiteralScope::Item,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, PanicInProduction);

#[derive(Default)]
pub struct PanicInProduction;

/// Words with which an `expect` message claims the value cannot be missing ("checked in
/// should_use", "buffer is large enough", "runtime should be available").
const INVARIANT_WORDS: &[&str] = &[
    "always",
    "never",
    "must",
    "should",
    "guaranteed",
    "guarantees",
    "checked",
    "invariant",
    "infallible",
    "impossible",
    "ensured",
    "verified",
    "validated",
    "valid",
    "enough",
    "within",
    "nonempty",
    "initialized",
    "initialised",
    "present",
    "exists",
    "known",
    "cannot",
    "can't",
];

/// Multi-word forms of the same claim.
const INVARIANT_PHRASES: &[&str] = &[
    "can not",
    "by construction",
    "not empty",
    "non-empty",
    "is set",
];

impl Rule for PanicInProduction {
    fn check_expr<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, expr: &'ast syn::Expr) {
        let syn::Expr::MethodCall(call) = expr else {
            return;
        };
        let method = call.method.to_string();
        let is_unwrap = method == "unwrap" && call.args.is_empty();
        let is_expect = method == "expect" && call.args.len() == 1;
        if !(is_unwrap || is_expect) || exempt(cx) || settled_by_literals(&call.receiver) {
            return;
        }
        // `parser.expect(Token)?` is a fallible parser step, not `Option::expect`.
        if matches!(cx.parent(), Some(Node::Expr(syn::Expr::Try(_)))) {
            return;
        }
        let start = call.method.span();
        let end = call.paren_token.span.close();
        if is_unwrap {
            cx.report_at(
                start,
                end,
                cx.rule.default_severity,
                "`.unwrap()` panics in production code when the value is `None` or `Err`",
                "propagate the failure with `?` (`.ok_or(MyError::Missing)?`, `.context(\"..\")?`) or handle the empty case explicitly",
            );
            return;
        }
        let Some(arg) = call.args.first() else {
            return;
        };
        let message = match arg {
            syn::Expr::Lit(lit) => match &lit.lit {
                syn::Lit::Str(s) => Some(s.value()),
                // `expect(b'{')`, `expect('x')`, `expect(3)`: a parser or reader API, not a panic.
                _ => return,
            },
            _ => None,
        };
        match message.filter(|m| documents_invariant(m)) {
            Some(m) => cx.report_at(
                start,
                end,
                cx.rule.default_severity,
                format!(
                    "`.expect(\"{m}\")` panics in production code; the message documents an invariant, but if it is ever broken the thread dies instead of returning an error"
                ),
                "if the invariant is enforced elsewhere, make it a type (a checked newtype, a non-`Option` field) or return an error with `?`; if it truly holds, keep the `expect` and record why with `// ferret: expect(panic-in-production) <reason>`",
            ),
            None => cx.report_at(
                start,
                end,
                cx.rule.default_severity,
                "`.expect(..)` panics in production code when the value is `None` or `Err`",
                "return the failure with `?` (`.ok_or(MyError::Missing)?`, `.context(\"..\")?`) instead of panicking",
            ),
        }
    }

    fn check_macro<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, call: &MacroCall<'ast>) {
        let (message, help) = match call.name.as_str() {
            "panic" => (
                "`panic!` aborts the thread in production code",
                "return an error (`return Err(..)`, `bail!(..)`) so the caller decides what a failure means",
            ),
            "unreachable" => (
                "`unreachable!` panics if the case it rules out ever happens",
                "make the case unrepresentable (a narrower type, an exhaustive enum) or return an error for it",
            ),
            "todo" => (
                "`todo!` left in production code panics when reached",
                "implement the branch, or return an explicit \"not supported\" error",
            ),
            "unimplemented" => (
                "`unimplemented!` in production code panics when reached",
                "implement the branch, or return an explicit \"not supported\" error",
            ),
            _ => return,
        };
        if !is_std_macro_path(&call.mac.path) || exempt(cx) {
            return;
        }
        let start = call.mac.path.span();
        let end = call.mac.bang_token.span;
        cx.report_at(start, end, cx.rule.default_severity, message, help);
    }
}

/// `panic!`, `std::panic!`, `core::panic!`: not some crate's own macro of the same name.
fn is_std_macro_path(path: &syn::Path) -> bool {
    match path.segments.len() {
        1 => true,
        2 => path
            .segments
            .first()
            .is_some_and(|s| s.ident == "std" || s.ident == "core"),
        _ => false,
    }
}

/// Build scripts, `main()` of examples, and const contexts (where a panic is a compile error).
fn exempt(cx: &Ctx<'_, '_>) -> bool {
    if cx.file.in_build_script() {
        return true;
    }
    if let Some(f) = cx.enclosing_fn {
        if f.sig.constness.is_some() {
            return true;
        }
        if cx.file.is_example && f.sig.ident == "main" {
            return true;
        }
    }
    in_const_context(cx) || in_test_or_debug_branch(cx)
}

/// Inside the then-branch of `if cfg!(test) { .. }` or `if cfg!(debug_assertions) { .. }`: the
/// panic exists in test or debug builds only; the release build takes the other branch.
fn in_test_or_debug_branch(cx: &Ctx<'_, '_>) -> bool {
    let mut inner: Option<Node<'_>> = None;
    for node in cx.ancestors_inside_out() {
        if let Node::Expr(syn::Expr::If(branch)) = node
            && let Some(Node::Stmt(stmt)) = inner
            && branch
                .then_branch
                .stmts
                .iter()
                .any(|s| std::ptr::eq(s, stmt))
            && is_test_or_debug_cfg(&branch.cond)
        {
            return true;
        }
        inner = Some(node);
    }
    false
}

/// `cfg!(test)`, `cfg!(debug_assertions)`.
fn is_test_or_debug_cfg(cond: &syn::Expr) -> bool {
    let syn::Expr::Macro(m) = cond else {
        return false;
    };
    if !m.mac.path.is_ident("cfg") {
        return false;
    }
    let tokens = m.mac.tokens.to_string();
    matches!(tokens.trim(), "test" | "debug_assertions")
}

fn in_const_context(cx: &Ctx<'_, '_>) -> bool {
    // `thread_local! { static X: T = init; }` initialises lazily at run time.
    let thread_local = cx
        .ancestors
        .iter()
        .any(|n| matches!(n, Node::Macro(mac) if mac.path.segments.last().is_some_and(|s| s.ident == "thread_local")));
    for node in cx.ancestors_inside_out() {
        match node {
            // Code in a closure, async block or nested fn runs at run time, even in a `static`.
            Node::Expr(syn::Expr::Closure(_) | syn::Expr::Async(_)) => return false,
            Node::Item(syn::Item::Fn(_)) | Node::ImplItem(syn::ImplItem::Fn(_)) => return false,
            Node::Expr(syn::Expr::Const(_)) => return true,
            Node::Item(syn::Item::Const(_)) => return true,
            Node::Item(syn::Item::Static(_)) => return !thread_local,
            Node::ImplItem(syn::ImplItem::Const(_)) | Node::TraitItem(syn::TraitItem::Const(_)) => {
                return true;
            }
            _ => {}
        }
    }
    false
}

fn documents_invariant(message: &str) -> bool {
    let lower = message.to_lowercase();
    let mut words = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '_'))
        .filter(|w| !w.is_empty());
    words.any(|w| INVARIANT_WORDS.contains(&w))
        || INVARIANT_PHRASES.iter().any(|p| lower.contains(p))
}

/// The value unwrapped is computed from literals only, so whether it panics is settled the first
/// time the line runs (`Regex::new("[a-z]+").unwrap()`, `"127.0.0.1".parse().unwrap()`), or it
/// cannot fail at all (`buf[..4].try_into().unwrap()` into a 4-byte array).
fn settled_by_literals(receiver: &syn::Expr) -> bool {
    match receiver {
        // Pure constructors and parsers only: `File::open("x")` or `env::var("X")` take literals
        // too, but their outcome depends on the machine.
        syn::Expr::Call(call) => {
            let syn::Expr::Path(func) = &*call.func else {
                return false;
            };
            let pure = func.path.segments.len() >= 2
                && func.path.segments.last().is_some_and(|s| {
                    PURE_CONSTRUCTORS.iter().any(|c| s.ident == c)
                        || s.ident.to_string().ends_with("_opt")
                });
            pure && !call.args.is_empty() && call.args.iter().all(is_literal)
        }
        syn::Expr::MethodCall(call) if call.method == "try_into" && call.args.is_empty() => {
            is_literal_range_slice(&call.receiver) || is_literal(&call.receiver)
        }
        syn::Expr::MethodCall(call) if call.method == "parse" => {
            is_literal(&call.receiver) && call.args.is_empty()
        }
        _ => false,
    }
}

/// `Type::new(..)`-style functions whose result depends on their arguments alone (plus chrono's
/// `*_opt` constructors such as `NaiveDate::from_ymd_opt(1970, 1, 1)`).
const PURE_CONSTRUCTORS: &[&str] = &[
    "new",
    "parse",
    "from_str",
    "from_size_align",
    "from_utf8",
    "try_from",
    "from_static",
];

fn is_literal(expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::Lit(_) => true,
        syn::Expr::Reference(r) => is_literal(&r.expr),
        syn::Expr::Paren(p) => is_literal(&p.expr),
        _ => false,
    }
}

/// `buf[..4]`, `&input[0x00..0x04]`: a slice whose length the literals fix.
fn is_literal_range_slice(expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::Reference(r) => is_literal_range_slice(&r.expr),
        syn::Expr::Paren(p) => is_literal_range_slice(&p.expr),
        syn::Expr::Index(index) => match &*index.index {
            syn::Expr::Range(range) => {
                range.end.as_deref().is_some_and(is_literal)
                    && range.start.as_deref().is_none_or(is_literal)
            }
            _ => false,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::scan::{RuleSettings, ScanOptions, scan};

    /// `main()` of an example may panic; its other functions are checked like any code (the
    /// corpus cannot express this: an example is recognised by its `examples/` directory).
    #[test]
    fn example_main_is_exempt() {
        let dir = tempfile::tempdir().expect("temp dir");
        let examples = dir.path().join("examples");
        std::fs::create_dir(&examples).expect("examples dir");
        std::fs::write(
            examples.join("demo.rs"),
            "fn main() {\n    helper().unwrap();\n}\nfn helper() -> Option<u8> {\n    None::<u8>.unwrap();\n    None\n}\n",
        )
        .expect("example file");
        let mut options = ScanOptions::new(vec![dir.path().to_path_buf()]);
        options.rules = vec![RuleSettings::new(&super::ENTRY)];
        options.include_tests = true;
        let result = scan(&options).expect("scan runs");
        let lines: Vec<usize> = result.active_findings().map(|f| f.line).collect();
        assert_eq!(lines, [5]);
    }

    /// Modules of a build script kept in `build/` beside `src/` are build-script code; a `build`
    /// module under `src/` is not. (Directory-based, so not expressible in the corpus either.)
    #[test]
    fn build_script_directories() {
        let dir = tempfile::tempdir().expect("temp dir");
        for sub in ["build", "src/build"] {
            std::fs::create_dir_all(dir.path().join(sub)).expect("dir");
            std::fs::write(
                dir.path().join(sub).join("main.rs"),
                "fn generate() {\n    None::<u8>.unwrap();\n}\n",
            )
            .expect("file");
        }
        let mut options = ScanOptions::new(vec![dir.path().to_path_buf()]);
        options.rules = vec![RuleSettings::new(&super::ENTRY)];
        let result = scan(&options).expect("scan runs");
        let paths: Vec<&str> = result.active_findings().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["src/build/main.rs"]);
    }

    #[test]
    fn invariant_messages() {
        for m in [
            "checked in should_use",
            "Ruby runtime should be available",
            "buffer is large enough",
            "`blocks` can not be empty",
            "within 4-bit range",
        ] {
            assert!(super::documents_invariant(m), "{m}");
        }
        for m in [
            "failed to spawn tokio driver thread",
            "invalid header value",
            "Unable to generate bindings.",
        ] {
            assert!(!super::documents_invariant(m), "{m}");
        }
    }
}
