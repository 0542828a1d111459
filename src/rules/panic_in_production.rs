//! `panic-in-production`: `.unwrap()`, `.expect(..)` and the panicking macros outside test code.

use syn::spanned::Spanned;

use crate::finding::{Dimension, Severity};
use crate::macros::MacroCall;
use crate::rules::{Ctx, Node, Precision, Rule, RuleEntry, RuleMeta};

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
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, PanicInProduction);

#[derive(Default)]
pub struct PanicInProduction;

/// Words with which an `expect` message claims the value cannot be missing.
const INVARIANT_WORDS: &[&str] = &[
    "always",
    "never",
    "must",
    "should",
    "guarantee",
    "checked",
    "invariant",
    "cannot",
    "can't",
    "can not",
    "infallible",
    "impossible",
    "by construction",
    "ensured",
    "verified",
    "validated",
    "known to",
    "is valid",
    "are valid",
];

impl Rule for PanicInProduction {
    fn check_expr<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, expr: &'ast syn::Expr) {
        let syn::Expr::MethodCall(call) = expr else {
            return;
        };
        let method = call.method.to_string();
        let is_unwrap = method == "unwrap" && call.args.is_empty();
        let is_expect = method == "expect" && call.args.len() == 1;
        if !(is_unwrap || is_expect) || exempt(cx) {
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
    if cx.file.is_build_script {
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
    in_const_context(cx)
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
    INVARIANT_WORDS.iter().any(|w| lower.contains(w))
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
}
