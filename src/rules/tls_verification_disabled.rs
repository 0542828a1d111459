//! `tls-verification-disabled`: certificate or hostname verification turned off.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::visit::Visit;

use crate::finding::{Dimension, Severity};
use crate::knowledge::taint::SinkKind;
use crate::rules::{Ctx, FnNode, LiteralScope, Precision, RawStep, Rule, RuleEntry, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "tls-verification-disabled",
    dimension: Dimension::Security,
    default_severity: Severity::High,
    summary: "TLS certificate or hostname verification disabled (`danger_accept_invalid_certs(true)` or a `bool` that may be `true`, accept-all rustls verifiers, `SslVerifyMode::NONE`)",
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
        "SSL_VERIFY_NONE",
        "set_certificate_verifier",
        "with_custom_certificate_verifier",
    ],
    pattern: None,
    // File: a flag's value may be set by a caller in another item, and a verifier installed in
    // one item is judged by its `impl` in another.
    literal_scope: LiteralScope::File,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, TlsVerificationDisabled);

#[derive(Default)]
pub struct TlsVerificationDisabled {
    /// Functions whose parameter (by index) decides `danger_accept_invalid_*`: a caller in the
    /// file that passes `true` is the finding, found at the end of the file.
    flag_params: Vec<FlagParam>,
    /// Accept-all verifier types of the file and their findings, withdrawn at the end of the
    /// file when every install is behind the caller's opt-in.
    verifiers: Vec<(String, crate::rules::FindingHandle)>,
}

struct FlagParam {
    function: String,
    index: usize,
    method: String,
    line: usize,
}

const HELP: &str = "keep verification on; for a private CA add its certificate as a root (`add_root_certificate`, `RootCertStore::add`) instead of accepting every certificate";

impl Rule for TlsVerificationDisabled {
    fn check_expr<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, expr: &'ast syn::Expr) {
        match expr {
            syn::Expr::Call(call) => self.workspace_flag(cx, call),
            syn::Expr::MethodCall(mc) => {
                let method = mc.method.to_string();
                match method.as_str() {
                    "danger_accept_invalid_certs" | "danger_accept_invalid_hostnames" => {
                        let Some(arg) = mc.args.first() else {
                            return;
                        };
                        let what = if method.ends_with("certs") {
                            "any certificate, from anyone, is accepted"
                        } else {
                            "a valid certificate for any other host is accepted"
                        };
                        // The literal `true` inside `if flag { .. }` is the flag's value.
                        let decided_by = if is_true(arg) {
                            flag_condition(cx)
                        } else {
                            Some(arg)
                        };
                        let origin = match decided_by {
                            None => BoolOrigin::True(arg.span(), Vec::new()),
                            Some(e) => bool_origin(cx, e, 0),
                        };
                        self.report_origin(cx, mc, &method, what, origin);
                    }
                    "set_verify_callback"
                        if mc.args.iter().any(is_accept_all_closure) && !behind_opt_in(cx) =>
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
                let Some(last) = segments.next() else {
                    return;
                };
                let owner = segments.next().unwrap_or(last);
                let resolved = cx.resolve(&p.path);
                let resolved: Vec<&str> = resolved.iter().map(String::as_str).collect();
                let verify_none = matches!(
                    resolved.as_slice(),
                    ["openssl", "ssl", "SslVerifyMode", "NONE"]
                        | ["openssl", "ssl", "verify", "SslVerifyMode", "NONE"]
                ) || (owner.ident == "SslVerifyMode" && last.ident == "NONE")
                    || matches!(
                        resolved.as_slice(),
                        [.., "SSL_VERIFY_NONE"] if resolved.len() == 1 || resolved[0] == "openssl_sys"
                    );
                if verify_none && is_argument(cx) && !behind_opt_in(cx) {
                    let shown = crate::syntax::path_text(&p.path);
                    cx.report_at(
                        p.path.segments[0].ident.span(),
                        last.ident.span(),
                        Severity::High,
                        format!("`{shown}` turns certificate verification off"),
                        "use `SslVerifyMode::PEER` (`SSL_VERIFY_PEER`) and trust the right roots",
                    );
                }
            }
            _ => {}
        }
    }

    fn exit_file<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, file: &'ast syn::File) {
        let mut scan = FileScan {
            uses: &cx.file.uses,
            flag_params: &self.flag_params,
            accept_all: accept_all_verifiers(file),
            in_test: 0,
            params: Vec::new(),
            opt_in: 0,
            opt_in_installs: Vec::new(),
            callers: Vec::new(),
            installs: Vec::new(),
        };
        scan.visit_file(file);
        let FileScan {
            callers,
            installs,
            opt_in_installs,
            ..
        } = scan;
        for (name, handle) in &self.verifiers {
            let behind_opt_in = opt_in_installs.iter().any(|(n, o)| n == name && *o);
            let elsewhere = opt_in_installs.iter().any(|(n, o)| n == name && !*o);
            if behind_opt_in && !elsewhere {
                cx.withdraw(*handle);
            }
        }
        for (arg, flag) in callers {
            let flag = &self.flag_params[flag];
            cx.report_flow(
                arg,
                arg,
                Severity::High,
                format!(
                    "passes `true` to `{}`, whose parameter decides `{}` on line {}: TLS verification is off for this caller",
                    flag.function, flag.method, flag.line
                ),
                HELP,
                vec![
                    RawStep {
                        start: arg,
                        end: arg,
                        note: format!("`true` passed to `{}`", flag.function),
                    },
                ],
            );
        }
        for (at, verifier, accepts_all) in installs {
            let (severity, message) = match &accepts_all {
                Some(line) => (
                    Severity::High,
                    format!(
                        "installs `{verifier}`, whose `verify_server_cert` (line {line}) accepts every certificate: TLS verification is off"
                    ),
                ),
                None => (
                    Severity::Medium,
                    format!(
                        "installs a custom certificate verifier `{verifier}`: check that it verifies the chain and the host name"
                    ),
                ),
            };
            cx.report_at(at, at, severity, message, HELP);
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
            let handle = cx.report_revisable(
                f.sig.fn_token.span,
                f.sig.ident.span(),
                Severity::High,
                format!("this `{trait_name}` accepts every {checks} certificate without looking at it: TLS verification is off wherever it is installed"),
                "verify the chain with `WebPkiServerVerifier`/`WebPkiClientVerifier` (or pin a certificate and compare it) instead of returning success unconditionally",
            );
            let self_type = cx.ancestors_inside_out().find_map(|node| match node {
                crate::rules::Node::Item(syn::Item::Impl(imp)) => match &*imp.self_ty {
                    syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
                    _ => None,
                },
                _ => None,
            });
            if let Some(name) = self_type {
                self.verifiers.push((name, handle));
            }
        }
    }
}

impl TlsVerificationDisabled {
    /// A call of a workspace fn in another file whose parameter decides `danger_accept_invalid_*`
    /// there (its taint summary, through the model): what this caller passes is the finding.
    fn workspace_flag(&mut self, cx: &mut Ctx<'_, '_>, call: &syn::ExprCall) {
        let syn::Expr::Path(p) = &*call.func else {
            return;
        };
        // Most calls name no fn with a flag summary: ask the model by name before resolving.
        let Some(last) = p.path.segments.last() else {
            return;
        };
        let name = [last.ident.to_string()];
        if !cx.workspace.may_pass_to_sink(&name, SinkKind::Tls) {
            return;
        }
        let resolved = cx.resolve(&p.path);
        if !cx.workspace.may_pass_to_sink(&resolved, SinkKind::Tls) {
            return;
        }
        let outside = crate::taint::summary::ModelSummaries {
            workspace: cx.workspace,
            file: &cx.file.path,
        };
        let Some(callee) = crate::taint::Summaries::summary(&outside, &resolved, false) else {
            return;
        };
        let file = crate::report::safe_text::one_line(&callee.summary.file).into_owned();
        for sink in callee
            .summary
            .sinks
            .iter()
            .filter(|s| s.sink == SinkKind::Tls)
        {
            let Some(arg) = call.args.iter().nth(sink.param) else {
                continue;
            };
            let method = sink
                .note
                .trim_start_matches("reaches ")
                .trim_matches('`')
                .trim_start_matches('.')
                .trim_end_matches("()")
                .to_string();
            let name = &callee.name;
            let there = format!("`{name}` ({file}:{})", sink.line);
            match bool_origin(cx, arg, 0) {
                BoolOrigin::True(literal, mut steps) => {
                    steps.insert(
                        0,
                        RawStep {
                            start: literal,
                            end: literal,
                            note: "`true`".to_string(),
                        },
                    );
                    steps.push(RawStep {
                        start: arg.span(),
                        end: arg.span(),
                        note: format!("passed to {there}, where it decides `{method}`"),
                    });
                    cx.report_flow(
                        arg.span(),
                        arg.span(),
                        Severity::High,
                        format!("passes `true` to {there}, whose parameter decides `{method}`: TLS verification is off for this caller"),
                        HELP,
                        steps,
                    );
                }
                BoolOrigin::Input(span, source) => cx.report_flow(
                    arg.span(),
                    arg.span(),
                    Severity::Medium,
                    format!("passes a flag read from {source} (line {}) to {there}, whose parameter decides `{method}`: setting it turns TLS verification off; make sure it cannot be set in production", span.start().line),
                    HELP,
                    vec![
                        RawStep {
                            start: span,
                            end: span,
                            note: format!("read from {source}"),
                        },
                        RawStep {
                            start: arg.span(),
                            end: arg.span(),
                            note: format!("passed to {there}, where it decides `{method}`"),
                        },
                    ],
                ),
                BoolOrigin::Param(index) => {
                    if let Some(f) = cx.enclosing_fn {
                        self.flag_params.push(FlagParam {
                            function: f.sig.ident.to_string(),
                            index,
                            method: format!("{method}` in {there} through `{name}"),
                            line: call.span().start().line,
                        });
                    }
                }
                BoolOrigin::OptIn | BoolOrigin::False => {}
            }
        }
    }

    fn report_origin(
        &mut self,
        cx: &mut Ctx<'_, '_>,
        mc: &syn::ExprMethodCall,
        method: &str,
        what: &str,
        origin: BoolOrigin,
    ) {
        match origin {
            BoolOrigin::True(literal, mut steps) => {
                let line = literal.start().line;
                steps.insert(
                    0,
                    RawStep {
                        start: literal,
                        end: literal,
                        note: "`true`".to_string(),
                    },
                );
                steps.push(RawStep {
                    start: mc.method.span(),
                    end: mc.span(),
                    note: format!("decides `{method}`"),
                });
                let message = if steps.len() > 2 {
                    format!(
                        "`{method}(..)` may receive `true` (line {line}): TLS verification is off: {what}, so a man in the middle can read and change the traffic"
                    )
                } else {
                    format!(
                        "`{method}(true)` turns TLS verification off: {what}, so a man in the middle can read and change the traffic"
                    )
                };
                cx.report_flow(
                    mc.method.span(),
                    mc.span(),
                    Severity::High,
                    message,
                    HELP,
                    steps,
                );
            }
            BoolOrigin::Input(span, source) => {
                let steps = vec![
                    RawStep {
                        start: span,
                        end: span,
                        note: format!("read from {source}"),
                    },
                    RawStep {
                        start: mc.method.span(),
                        end: mc.span(),
                        note: format!("decides `{method}`"),
                    },
                ];
                cx.report_flow(
                    mc.method.span(),
                    mc.span(),
                    Severity::Medium,
                    format!("`{method}(..)` is decided by {source} (line {}): setting it turns TLS verification off ({what}); make sure it cannot be set in production", span.start().line),
                    HELP,
                    steps,
                );
            }
            BoolOrigin::Param(index) => {
                if let Some(f) = cx.enclosing_fn {
                    self.flag_params.push(FlagParam {
                        function: f.sig.ident.to_string(),
                        index,
                        method: method.to_string(),
                        line: mc.method.span().start().line,
                    });
                }
            }
            BoolOrigin::OptIn | BoolOrigin::False => {}
        }
    }
}

/// The end-of-file walk: callers passing `true` to a flag parameter, verifiers installed.
struct FileScan<'a> {
    uses: &'a crate::resolve::UseMap,
    flag_params: &'a [FlagParam],
    /// Verifier type name -> line of its accept-all `verify_server_cert`.
    accept_all: Vec<(String, usize)>,
    in_test: usize,
    /// Parameter names of the functions being walked, innermost last.
    params: Vec<Vec<String>>,
    /// Inside an `if`/`match` decided by a parameter or a configuration field: the library
    /// implementing the opt-in (reqwest's `if !config.certs_verification { .. }`).
    opt_in: usize,
    /// Verifier types installed only behind the opt-in, and those installed anywhere else.
    opt_in_installs: Vec<(String, bool)>,
    /// (the `true` argument, index into `flag_params`)
    callers: Vec<(Span, usize)>,
    /// (the install call, verifier type shown, line of its accept-all impl)
    installs: Vec<(Span, String, Option<usize>)>,
}

impl FileScan<'_> {
    /// A condition decided by the function's caller: a parameter or a field of a value.
    fn is_opt_in(&self, cond: &syn::Expr) -> bool {
        match cond {
            syn::Expr::Path(p) => p.path.get_ident().is_some_and(|i| {
                self.params
                    .last()
                    .is_some_and(|ps| ps.contains(&i.to_string()))
            }),
            syn::Expr::Field(_) => true,
            syn::Expr::Unary(u) => self.is_opt_in(&u.expr),
            syn::Expr::Paren(p) => self.is_opt_in(&p.expr),
            syn::Expr::Reference(r) => self.is_opt_in(&r.expr),
            syn::Expr::Binary(b) => self.is_opt_in(&b.left) || self.is_opt_in(&b.right),
            syn::Expr::Tuple(t) => t.elems.iter().any(|e| self.is_opt_in(e)),
            _ => false,
        }
    }

    fn within_fn(&mut self, sig: &syn::Signature, walk: impl FnOnce(&mut Self)) {
        let names = sig
            .inputs
            .iter()
            .filter_map(|input| match input {
                syn::FnArg::Typed(t) => crate::syntax::pat_name(&t.pat),
                syn::FnArg::Receiver(_) => None,
            })
            .collect();
        self.params.push(names);
        walk(self);
        self.params.pop();
    }

    fn caller(&mut self, name: &str, args: &[&syn::Expr], method_call: bool) {
        // Calls of the danger methods themselves are judged where they are made.
        if name.starts_with("danger_accept_invalid") {
            return;
        }
        for (k, flag) in self.flag_params.iter().enumerate() {
            if flag.function != name {
                continue;
            }
            // A method's receiver is parameter 0 of its signature.
            let index = if method_call {
                flag.index.checked_sub(1)
            } else {
                Some(flag.index)
            };
            if let Some(arg) = index.and_then(|i| args.get(i))
                && is_true(arg)
            {
                self.callers.push((arg.span(), k));
            }
        }
    }
}

impl<'ast> Visit<'ast> for FileScan<'_> {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let test = item_is_test(item);
        self.in_test += usize::from(test);
        syn::visit::visit_item(self, item);
        self.in_test -= usize::from(test);
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        let test = f.attrs.iter().any(crate::analyze::is_test_attribute);
        self.in_test += usize::from(test);
        self.within_fn(&f.sig, |this| syn::visit::visit_impl_item_fn(this, f));
        self.in_test -= usize::from(test);
    }

    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.within_fn(&f.sig, |this| syn::visit::visit_item_fn(this, f));
    }

    fn visit_expr_if(&mut self, e: &'ast syn::ExprIf) {
        let opt_in = self.is_opt_in(&e.cond);
        self.opt_in += usize::from(opt_in);
        syn::visit::visit_expr_if(self, e);
        self.opt_in -= usize::from(opt_in);
    }

    fn visit_expr_match(&mut self, e: &'ast syn::ExprMatch) {
        let opt_in = self.is_opt_in(&e.expr);
        self.opt_in += usize::from(opt_in);
        syn::visit::visit_expr_match(self, e);
        self.opt_in -= usize::from(opt_in);
    }

    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        if self.in_test == 0
            && let syn::Expr::Path(p) = &*call.func
            && let Some(last) = p.path.segments.last()
        {
            let args: Vec<&syn::Expr> = call.args.iter().collect();
            self.caller(&last.ident.to_string(), &args, false);
        }
        syn::visit::visit_expr_call(self, call);
    }

    fn visit_expr_method_call(&mut self, mc: &'ast syn::ExprMethodCall) {
        if self.in_test == 0 {
            let args: Vec<&syn::Expr> = mc.args.iter().collect();
            self.caller(&mc.method.to_string(), &args, true);
            let installs = mc.method == "set_certificate_verifier"
                || mc.method == "with_custom_certificate_verifier";
            if installs
                && let Some((path, _)) = mc.args.first().and_then(verifier_type)
                && let Some(name) = path.last()
            {
                self.opt_in_installs.push((name.clone(), self.opt_in > 0));
            }
            // A verifier the caller hands in (`Some(verifier) => ..`) is the caller's.
            if installs
                && self.opt_in == 0
                && let Some(arg) = mc.args.first()
                && let Some(shown) = verifier_type(arg)
            {
                let shown = Some(shown);
                let known_good = shown.as_ref().is_some_and(|(path, _)| {
                    let full = self.uses.resolve(path).join("::");
                    KNOWN_VERIFIERS
                        .iter()
                        .any(|k| full == *k || full.ends_with(k))
                });
                if !known_good {
                    let name = shown
                        .as_ref()
                        .and_then(|(p, _)| p.last().cloned())
                        .unwrap_or_else(|| "..".to_string());
                    let accepts_all = self
                        .accept_all
                        .iter()
                        .find(|(n, _)| *n == name)
                        .map(|(_, line)| *line);
                    self.installs.push((mc.method.span(), name, accepts_all));
                }
            }
        }
        syn::visit::visit_expr_method_call(self, mc);
    }
}

/// Verifiers that check the chain (rustls' own WebPKI verifier, the platform verifier).
const KNOWN_VERIFIERS: &[&str] = &[
    "rustls::client::WebPkiServerVerifier",
    "WebPkiServerVerifier",
    "rustls_platform_verifier::Verifier",
];

fn item_is_test(item: &syn::Item) -> bool {
    let attrs: &[syn::Attribute] = match item {
        syn::Item::Fn(f) => &f.attrs,
        syn::Item::Mod(m) => &m.attrs,
        syn::Item::Impl(i) => &i.attrs,
        _ => &[],
    };
    attrs.iter().any(crate::analyze::is_test_attribute)
}

/// The verifier type an install argument shows: `Arc::new(NoVerify)`, `Arc::new(V::new(..))`,
/// `Arc::new(V { .. })`.
fn verifier_type(expr: &syn::Expr) -> Option<(Vec<String>, Span)> {
    match expr {
        syn::Expr::Call(c) => {
            let syn::Expr::Path(p) = &*c.func else {
                return None;
            };
            let segments: Vec<String> = p
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            let last = segments.last()?;
            if matches!(segments.as_slice(), [.., w, n] if (w == "Arc" || w == "Box") && n == "new")
            {
                return c.args.first().and_then(verifier_type);
            }
            if last.chars().next().is_some_and(char::is_uppercase) {
                return Some((segments, p.span()));
            }
            // `V::new(..)`, `V::default()`: the type is the path before the constructor.
            let mut owner = segments.clone();
            owner.pop();
            (!owner.is_empty()).then(|| (owner, p.span()))
        }
        syn::Expr::Path(p) => {
            let segments: Vec<String> = p
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            segments
                .last()
                .is_some_and(|l| l.chars().next().is_some_and(char::is_uppercase))
                .then(|| (segments, p.span()))
        }
        syn::Expr::Struct(s) => Some((
            s.path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect(),
            s.span(),
        )),
        syn::Expr::Paren(p) => verifier_type(&p.expr),
        _ => None,
    }
}

/// Types of the file whose `ServerCertVerifier::verify_server_cert` accepts everything.
fn accept_all_verifiers(file: &syn::File) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    struct Impls<'o> {
        out: &'o mut Vec<(String, usize)>,
    }
    impl<'ast> Visit<'ast> for Impls<'_> {
        fn visit_item_impl(&mut self, imp: &'ast syn::ItemImpl) {
            let is_verifier = imp.trait_.as_ref().is_some_and(|(_, path, _)| {
                path.segments
                    .last()
                    .is_some_and(|s| s.ident == "ServerCertVerifier")
            });
            if is_verifier
                && let syn::Type::Path(ty) = &*imp.self_ty
                && let Some(name) = ty.path.segments.last()
            {
                for item in &imp.items {
                    if let syn::ImplItem::Fn(f) = item
                        && f.sig.ident == "verify_server_cert"
                        && accepts_everything(&f.block)
                    {
                        self.out
                            .push((name.ident.to_string(), f.sig.ident.span().start().line));
                    }
                }
            }
            syn::visit::visit_item_impl(self, imp);
        }
    }
    Impls { out: &mut out }.visit_file(file);
    out
}

/// Where a `bool` that decides verification comes from, as far as the function shows.
enum BoolOrigin {
    /// It is `true` on some path: the literal, then the steps it took (`let insecure = true`).
    True(Span, Vec<RawStep>),
    /// Read from the environment or the command line.
    Input(Span, &'static str),
    /// The function's parameter at this index: its callers decide.
    Param(usize),
    /// A field of a configuration value, or anything else the caller set: the user's opt-in.
    OptIn,
    False,
}

/// The condition of the nearest `if` whose `then` block holds the current node
/// (`if insecure { builder.danger_accept_invalid_certs(true) }`).
fn flag_condition<'ast>(cx: &Ctx<'_, 'ast>) -> Option<&'ast syn::Expr> {
    let ancestors = cx.ancestors;
    for (i, node) in ancestors.iter().enumerate().rev() {
        if let crate::rules::Node::Expr(syn::Expr::If(if_expr)) = node
            && matches!(
                ancestors.get(i + 1),
                Some(crate::rules::Node::Stmt(_)) | None
            )
        {
            return Some(&if_expr.cond);
        }
    }
    None
}

/// Whether the `if` around the current node is the user's opt-in (a parameter, a field of a
/// configuration): then the code inside is the feature, like `curl -k`.
fn behind_opt_in(cx: &Ctx<'_, '_>) -> bool {
    flag_condition(cx).is_some_and(|c| {
        matches!(
            bool_origin(cx, c, 0),
            BoolOrigin::OptIn | BoolOrigin::Param(_) | BoolOrigin::False
        )
    })
}

fn bool_origin(cx: &Ctx<'_, '_>, expr: &syn::Expr, depth: usize) -> BoolOrigin {
    if depth > 4 {
        return BoolOrigin::OptIn;
    }
    match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Bool(b),
            ..
        }) => {
            if b.value {
                BoolOrigin::True(b.span(), Vec::new())
            } else {
                BoolOrigin::False
            }
        }
        syn::Expr::Paren(p) => bool_origin(cx, &p.expr, depth),
        syn::Expr::Reference(r) => bool_origin(cx, &r.expr, depth),
        syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Not(_)) => {
            match bool_origin(cx, &u.expr, depth) {
                BoolOrigin::False => BoolOrigin::True(u.span(), Vec::new()),
                BoolOrigin::True(..) => BoolOrigin::False,
                other => other,
            }
        }
        syn::Expr::Path(p) if p.path.get_ident().is_some() => {
            let name = p.path.segments[0].ident.to_string();
            let Some(f) = cx.enclosing_fn else {
                return BoolOrigin::OptIn;
            };
            if let Some(index) = f.sig.inputs.iter().position(|input| {
                matches!(input, syn::FnArg::Typed(t) if crate::syntax::pat_name(&t.pat).as_deref() == Some(name.as_str()))
            }) {
                return BoolOrigin::Param(index);
            }
            // Every value the local is given in the function, in any order.
            let mut values = Vec::new();
            Assignments {
                name: &name,
                out: &mut values,
            }
            .visit_block(f.block);
            let mut input = None;
            let mut all_false = !values.is_empty();
            for (at, value) in values {
                match bool_origin(cx, value, depth + 1) {
                    BoolOrigin::True(span, mut steps) => {
                        steps.push(RawStep {
                            start: at,
                            end: at,
                            note: format!("`{name}` may be `true` here"),
                        });
                        return BoolOrigin::True(span, steps);
                    }
                    BoolOrigin::Input(span, what) => input = Some((span, what)),
                    BoolOrigin::False => {}
                    _ => all_false = false,
                }
            }
            match input {
                Some((span, what)) => BoolOrigin::Input(span, what),
                None if all_false => BoolOrigin::False,
                None => BoolOrigin::OptIn,
            }
        }
        _ => match reads_input(cx, expr) {
            Some(what) => BoolOrigin::Input(expr.span(), what),
            None => BoolOrigin::OptIn,
        },
    }
}

/// `let name = value` and `name = value` in a function body.
struct Assignments<'n, 'ast> {
    name: &'n str,
    out: &'n mut Vec<(Span, &'ast syn::Expr)>,
}

impl<'ast> Visit<'ast> for Assignments<'_, 'ast> {
    fn visit_local(&mut self, local: &'ast syn::Local) {
        if crate::syntax::pat_name(&local.pat).as_deref() == Some(self.name)
            && let Some(init) = &local.init
        {
            self.out.push((local.pat.span(), &init.expr));
        }
        syn::visit::visit_local(self, local);
    }

    fn visit_expr_assign(&mut self, assign: &'ast syn::ExprAssign) {
        if matches!(&*assign.left, syn::Expr::Path(p) if p.path.is_ident(self.name)) {
            self.out.push((assign.left.span(), &assign.right));
        }
        syn::visit::visit_expr_assign(self, assign);
    }
}

/// `std::env::var("INSECURE").is_ok()`, `std::env::args().any(..)`: a value read from input.
fn reads_input(cx: &Ctx<'_, '_>, expr: &syn::Expr) -> Option<&'static str> {
    struct Finder<'c, 'a, 'ast> {
        cx: &'c Ctx<'a, 'ast>,
        found: Option<&'static str>,
    }
    impl<'ast2> Visit<'ast2> for Finder<'_, '_, '_> {
        fn visit_expr_call(&mut self, call: &'ast2 syn::ExprCall) {
            if let syn::Expr::Path(p) = &*call.func {
                let full = self.cx.resolve(&p.path).join("::");
                self.found = self.found.or(match full.as_str() {
                    "std::env::var" | "std::env::var_os" => Some("the environment"),
                    "std::env::args" | "std::env::args_os" => Some("the command line"),
                    _ => None,
                });
            }
            syn::visit::visit_expr_call(self, call);
        }
    }
    let mut finder = Finder { cx, found: None };
    finder.visit_expr(expr);
    finder.found
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
