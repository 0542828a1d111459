//! `tls-verification-disabled`: certificate or hostname verification turned off.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::visit::Visit;

use crate::finding::{Dimension, Severity};
use crate::knowledge::taint::{Family, SinkKind};
use crate::knowledge::tls as kb_tls;
use crate::rules::{Ctx, FnNode, LiteralScope, Precision, Rule, RuleEntry, RuleMeta};
use crate::taint::Origin;

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

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, TlsVerificationDisabled, &HOOKS);

#[derive(Default)]
pub struct TlsVerificationDisabled {
    /// Accept-all verifier types of the file and their findings, withdrawn at the end of the
    /// file when every install is behind the caller's opt-in.
    verifiers: Vec<(String, crate::rules::FindingHandle)>,
}

const HELP: &str = "keep verification on; for a private CA add its certificate as a root (`add_root_certificate`, `RootCertStore::add`) instead of accepting every certificate";

impl Rule for TlsVerificationDisabled {
    fn exit_file<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, file: &'ast syn::File) {
        report_flows(cx, file);
        let mut scan = FileScan {
            uses: &cx.file.uses,
            workspace: cx.workspace,
            krate: &cx.file.crate_name,
            path: &cx.file.path,
            accept_all: accept_all_verifiers(file),
            in_test: 0,
            params: Vec::new(),
            bindings: Vec::new(),
            opt_in: 0,
            opt_in_installs: Vec::new(),
            installs: Vec::new(),
        };
        scan.visit_file(file);
        let FileScan {
            installs,
            opt_in_installs,
            ..
        } = scan;
        if opt_in_installs.iter().any(|(_, behind)| *behind) {
            cx.record_fact(INSTALLED_BEHIND_OPT_IN);
        }
        if opt_in_installs.iter().any(|(_, behind)| !*behind) {
            cx.record_fact(INSTALLED_UNGUARDED);
        }
        for (name, handle) in &self.verifiers {
            let behind_opt_in = opt_in_installs.iter().any(|(n, o)| n == name && *o);
            let elsewhere = opt_in_installs.iter().any(|(n, o)| n == name && !*o);
            if behind_opt_in && !elsewhere {
                cx.withdraw(*handle);
            } else if !behind_opt_in && !elsewhere {
                // Installed in another file, if at all: the workspace's installs settle it.
                cx.add_evidence_at(*handle, "installed", "elsewhere".to_string());
            }
        }
        for (at, verifier, accepts_all) in installs {
            let (severity, message) = match (&verifier, &accepts_all) {
                (Some(verifier), Some(place)) => (
                    Severity::High,
                    format!(
                        "installs `{verifier}`, whose `verify_server_cert` ({place}) accepts every certificate: TLS verification is off"
                    ),
                ),
                (Some(verifier), None) => (
                    Severity::Medium,
                    format!(
                        "installs a custom certificate verifier `{verifier}`: check that it verifies the chain and the host name"
                    ),
                ),
                (None, _) => (
                    Severity::Medium,
                    "installs a custom certificate verifier of a type this code does not show: check that it verifies the chain and the host name".to_string(),
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
            if let Some(name) = cx.impl_type() {
                self.verifiers.push((name, handle));
            }
        }
    }
}

/// Facts for the workspace step: some file installs a verifier type only where the caller's
/// own flag or configuration says so (the library implementing the opt-in, reqwest's
/// `if !config.certs_verification`), or some file installs one unconditionally.
const INSTALLED_BEHIND_OPT_IN: &str = "tls-verifier-installed-behind-opt-in";
const INSTALLED_UNGUARDED: &str = "tls-verifier-installed-unguarded";

static HOOKS: crate::workspace::WorkspaceHooks = crate::workspace::WorkspaceHooks {
    check: None,
    keep: Some(keep),
    needs_advisories: false,
};

/// An accept-all verifier whose file does not install it stands unless the workspace installs
/// verifiers only behind the caller's opt-in: then it is the library's implementation of that
/// opt-in (reqwest's `NoVerifier` behind `danger_accept_invalid_certs`), and the application
/// that passes `true` is the finding.
fn keep(finding: &crate::finding::Finding, facts: &std::collections::BTreeSet<String>) -> bool {
    let elsewhere = finding
        .evidence
        .iter()
        .any(|(k, v)| *k == "installed" && v == "elsewhere");
    !elsewhere || !facts.contains(INSTALLED_BEHIND_OPT_IN) || facts.contains(INSTALLED_UNGUARDED)
}

/// The model's summaries, and the workspace's `macro_rules!` expanded where they are called: a
/// project's own client-builder macro decides verification with its caller's argument.
struct WithMacros<'a> {
    model: crate::taint::summary::ModelSummaries<'a>,
    krate: &'a str,
}

impl crate::taint::Summaries for WithMacros<'_> {
    fn summary(&self, path: &[String], method: bool) -> Option<crate::taint::summary::Outside> {
        self.model.summary(path, method)
    }

    fn deserialised(&self, type_name: &str) -> bool {
        self.model.deserialised(type_name)
    }

    fn expand(&self, mac: &syn::Macro) -> Option<proc_macro2::TokenStream> {
        self.model
            .workspace
            .expand_macro(mac, self.krate, self.model.file)
    }

    fn environment_is_input(&self) -> bool {
        self.model.environment_is_input()
    }
}

/// The engine's flows into a TLS check: a `true` (or a verify-off constant) the program writes,
/// a flag read from the environment, configuration or a request.
fn report_flows(cx: &mut Ctx<'_, '_>, file: &syn::File) {
    if !may_reach_sink(cx, file) {
        return;
    }
    let outside = WithMacros {
        model: crate::taint::summary::ModelSummaries {
            workspace: cx.workspace,
            file: &cx.file.path,
        },
        krate: &cx.file.crate_name,
    };
    let mut hits = crate::taint::flows(file, &cx.file.uses, SinkKind::Tls, &outside);
    // One finding per flag: the program's own `true` first, then a request, then the rest (a
    // flag decided by `--verify` and by an environment variable on another path is one flag).
    hits.sort_by_key(|h| match h.flow.origin {
        Origin::Source { family, .. } => match family {
            Family::Literal => 0,
            Family::WebRequest | Family::Network => 1,
            _ => 2,
        },
        Origin::Param(_) | Origin::ParamField(..) => 3,
    });
    let mut seen: Vec<(usize, usize)> = Vec::new();
    for hit in hits {
        let Origin::Source { family, what } = hit.flow.origin else {
            continue;
        };
        // A caller passing the value to a fn whose parameter decides: the argument is the place.
        let passed = hit
            .flow
            .steps
            .iter()
            .find(|s| s.note.starts_with("passed to `"))
            .map(|s| (s.start, s.note.trim_start_matches("passed to ").to_string()));
        let place = crate::taint::pos(passed.as_ref().map_or(hit.sink.start, |(at, _)| *at));
        if seen.contains(&place) {
            continue;
        }
        seen.push(place);
        let steps = &hit.flow.steps;
        let source_line = steps.first().map_or(0, |s| s.start.start().line);
        let sink = hit.sink.note.trim_start_matches("reaches ");
        let method = sink
            .split('`')
            .nth(1)
            .unwrap_or(sink)
            .trim_start_matches('.')
            .trim_end_matches("()")
            .rsplit("::")
            .next()
            .unwrap_or(sink)
            .to_string();
        let off = if method.contains("hostnames") {
            "a valid certificate for any other host is accepted"
        } else {
            "any certificate, from anyone, is accepted"
        };
        let mut vars: Vec<String> = Vec::new();
        for step in steps {
            if let Some(v) = &step.var
                && !vars.contains(v)
            {
                vars.push(format!("`{v}`"));
            }
        }
        let through = if vars.is_empty() {
            String::new()
        } else {
            format!(" through {}", vars.join(" → "))
        };
        let (severity, message) = match family {
            Family::Literal => {
                let message = match &passed {
                    Some((_, callee)) => format!(
                        "passes {what} to {callee}, whose parameter decides {sink}: TLS verification is off for this caller"
                    ),
                    None if what == kb_tls::TRUE && vars.is_empty() => format!(
                        "`{method}(true)` turns TLS verification off: {off}, so a man in the middle can read and change the traffic"
                    ),
                    None if what == kb_tls::TRUE => format!(
                        "`{method}(..)` may receive `true` (line {source_line}){through}: TLS verification is off: {off}, so a man in the middle can read and change the traffic"
                    ),
                    None if vars.is_empty() => {
                        format!("{what} passed to {sink} turns certificate verification off")
                    }
                    None => format!(
                        "{what} (line {source_line}){through} reaches {sink}: certificate verification is off"
                    ),
                };
                (Severity::High, message)
            }
            // A request body is a source of deserialisers only: no TLS flag sees one.
            Family::WebRequest | Family::Network | Family::RequestBody(_) => (
                Severity::High,
                format!(
                    "{sink} is decided by {what} (line {source_line}){through}: whoever sends it turns TLS verification off"
                ),
            ),
            Family::Local | Family::Configuration | Family::Foreign => (
                Severity::Medium,
                format!(
                    "{sink} is decided by {what} (line {source_line}){through}: setting it turns TLS verification off; make sure it cannot be set in production"
                ),
            ),
        };
        let help = if what == kb_tls::TRUE || !matches!(family, Family::Literal) {
            HELP
        } else {
            "use `SslVerifyMode::PEER` (`SSL_VERIFY_PEER`) and trust the right roots, or a callback that returns the preverification result"
        };
        let flow = crate::taint::report::flow_steps(&hit);
        let (start, end) = match passed {
            Some((at, _)) => (at, at),
            None => (hit.sink.start, hit.sink.end),
        };
        let message = crate::report::safe_text::one_line(&message).into_owned();
        cx.report_flow(start, end, severity, message, help, flow);
        if hit.in_test {
            cx.mark_in_test();
        }
    }
}

/// The end-of-file walk: callers passing `true` to a flag parameter, verifiers installed.
struct FileScan<'a> {
    uses: &'a crate::resolve::UseMap,
    /// For verifier types of other files: the index's accept-all impls.
    workspace: &'a crate::model::Workspace,
    krate: &'a str,
    path: &'a str,
    /// Verifier type name -> line of its accept-all `verify_server_cert`.
    accept_all: Vec<(String, usize)>,
    in_test: usize,
    /// Parameter names of the functions being walked, innermost last.
    params: Vec<Vec<String>>,
    /// What the parameters and `let`s of the functions being walked show of their type,
    /// innermost fn last, latest binding last.
    bindings: Vec<Vec<(String, Shown)>>,
    /// Inside an `if`/`match` decided by a parameter or a configuration field: the library
    /// implementing the opt-in (reqwest's `if !config.certs_verification { .. }`).
    opt_in: usize,
    /// Verifier types installed only behind the opt-in, and those installed anywhere else.
    opt_in_installs: Vec<(String, bool)>,
    /// (the install call, verifier type shown if any, where its accept-all impl is)
    installs: Vec<(Span, Option<String>, Option<String>)>,
}

/// What the code shows of a verifier's type.
#[derive(Clone, Debug)]
enum Shown {
    /// A type it names: `Arc::new(V::new())`, a local holding one, a parameter `v: Arc<V>`.
    Type(Vec<String>),
    /// A type the fn's caller picks: a parameter of type `dyn`/`impl` or a type parameter.
    Callers,
    /// A value whose type it does not show: a call's result, a field.
    Unknown,
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
            // `if let Some(verifier) = custom`: decided by what `custom` holds.
            syn::Expr::Let(l) => self.is_opt_in(&l.expr),
            _ => false,
        }
    }

    fn within_fn(&mut self, sig: &syn::Signature, walk: impl FnOnce(&mut Self)) {
        let generics: Vec<String> = sig
            .generics
            .type_params()
            .map(|p| p.ident.to_string())
            .collect();
        let mut names = Vec::new();
        let mut bindings = Vec::new();
        for input in &sig.inputs {
            if let syn::FnArg::Typed(t) = input
                && let Some(name) = crate::syntax::pat_name(&t.pat)
            {
                bindings.push((name.clone(), shown_by_type(&t.ty, &generics)));
                names.push(name);
            }
        }
        self.params.push(names);
        self.bindings.push(bindings);
        walk(self);
        self.bindings.pop();
        self.params.pop();
    }

    /// What an install argument shows of the verifier's type.
    fn shown(&self, expr: &syn::Expr) -> Shown {
        if let Some((path, _)) = verifier_type(expr) {
            return Shown::Type(path);
        }
        match expr {
            syn::Expr::Path(p) => p
                .path
                .get_ident()
                .and_then(|name| {
                    let scope = self.bindings.last()?;
                    let (_, shown) = scope.iter().rev().find(|(n, _)| name == n)?;
                    Some(shown.clone())
                })
                .unwrap_or(Shown::Unknown),
            syn::Expr::Call(c)
                if matches!(&*c.func, syn::Expr::Path(p)
                    if matches!(crate::syntax::path_segments(&p.path).as_slice(),
                        [.., w, n] if (w == "Arc" || w == "Box") && n == "new")) =>
            {
                c.args.first().map_or(Shown::Unknown, |a| self.shown(a))
            }
            // `v.clone()`, `v?`, `&v`, `(v)`: the same value.
            syn::Expr::MethodCall(mc) if PASS_THROUGH.contains(&mc.method.to_string().as_str()) => {
                self.shown(&mc.receiver)
            }
            syn::Expr::Try(t) => self.shown(&t.expr),
            syn::Expr::Reference(r) => self.shown(&r.expr),
            syn::Expr::Paren(p) => self.shown(&p.expr),
            _ => Shown::Unknown,
        }
    }

    /// Where the workspace shows `path`'s `verify_server_cert` accepting every certificate: this
    /// file's impl (`line N`), or the index's fact for another file of the crate the path names,
    /// when every `ServerCertVerifier` impl of that name there is one (`src/tls.rs:5`).
    fn accepts_all(&self, path: &[String]) -> Option<String> {
        let name = path.last()?;
        if let Some((_, line)) = self.accept_all.iter().find(|(n, _)| n == name) {
            return Some(format!("line {line}"));
        }
        let full = self.uses.resolve(path);
        let own = crate::model::crate_ident(self.krate);
        let krate = match full.first().map(String::as_str) {
            Some(first) if full.len() > 1 && !matches!(first, "crate" | "self" | "super") => {
                let named = self
                    .workspace
                    .files()
                    .iter()
                    .any(|f| crate::model::crate_ident(&f.crate_name) == first);
                if named { first.to_string() } else { own }
            }
            _ => own,
        };
        let places = self.workspace.impls().filter(|(f, i)| {
            i.self_type == name.as_str()
                && crate::model::crate_ident(&f.crate_name) == krate
                && i.trait_path
                    .as_deref()
                    .is_some_and(|t| t.rsplit("::").next() == Some(kb_tls::VERIFIER_TRAIT))
        });
        let mut place = None;
        for (f, i) in places {
            let line = i.accepts_all_certs?;
            if f.path != self.path {
                place.get_or_insert(format!("{}:{line}", f.path));
            }
        }
        place
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

    fn visit_local(&mut self, local: &'ast syn::Local) {
        syn::visit::visit_local(self, local);
        let (pat, ty) = match &local.pat {
            syn::Pat::Type(t) => (&*t.pat, Some(&*t.ty)),
            pat => (pat, None),
        };
        let Some(name) = crate::syntax::pat_name(pat) else {
            return;
        };
        let shown = match (ty, &local.init) {
            (Some(ty), _) => shown_by_type(ty, &[]),
            (None, Some(init)) => self.shown(&init.expr),
            (None, None) => Shown::Unknown,
        };
        if let Some(scope) = self.bindings.last_mut() {
            scope.push((name, shown));
        }
    }

    fn visit_expr_method_call(&mut self, mc: &'ast syn::ExprMethodCall) {
        if self.in_test == 0 {
            let installs = mc.method == "set_certificate_verifier"
                || mc.method == "with_custom_certificate_verifier";
            let shown = mc.args.first().filter(|_| installs).map(|a| self.shown(a));
            if let Some(Shown::Type(path)) = &shown
                && let Some(name) = path.last()
            {
                self.opt_in_installs.push((name.clone(), self.opt_in > 0));
            }
            // A verifier the caller hands in (`Some(verifier) => ..`, a `dyn` parameter) is the
            // caller's.
            let install = match shown {
                _ if self.opt_in > 0 => None,
                Some(Shown::Type(path)) => {
                    let full = self.uses.resolve(&path).join("::");
                    let known_good = kb_tls::KNOWN_VERIFIERS
                        .iter()
                        .any(|k| full == *k || full.ends_with(k));
                    (!known_good).then(|| (path.last().cloned(), self.accepts_all(&path)))
                }
                Some(Shown::Unknown) => Some((None, None)),
                Some(Shown::Callers) | None => None,
            };
            if let Some((name, accepts_all)) = install {
                self.installs.push((mc.method.span(), name, accepts_all));
            }
        }
        syn::visit::visit_expr_method_call(self, mc);
    }
}

fn item_is_test(item: &syn::Item) -> bool {
    let attrs: &[syn::Attribute] = match item {
        syn::Item::Fn(f) => &f.attrs,
        syn::Item::Mod(m) => &m.attrs,
        syn::Item::Impl(i) => &i.attrs,
        _ => &[],
    };
    attrs.iter().any(crate::analyze::is_test_attribute)
}

/// Methods that give back the value they are called on, for what a verifier shows.
const PASS_THROUGH: &[&str] = &["clone", "unwrap", "expect", "into", "to_owned"];

/// What a parameter's or a `let`'s type shows of a verifier: `Arc<V>`, `Box<V>`, `&V` name `V`;
/// `Arc<dyn ServerCertVerifier>`, `impl ..` and the fn's type parameters are the caller's pick;
/// `Option<..>` is what it holds.
fn shown_by_type(ty: &syn::Type, generics: &[String]) -> Shown {
    match ty {
        syn::Type::Reference(r) => shown_by_type(&r.elem, generics),
        syn::Type::Paren(p) => shown_by_type(&p.elem, generics),
        syn::Type::TraitObject(_) | syn::Type::ImplTrait(_) => Shown::Callers,
        syn::Type::Path(p) if p.qself.is_none() => {
            let Some(last) = p.path.segments.last() else {
                return Shown::Unknown;
            };
            let wrapper = ["Arc", "Box", "Rc", "Option"]
                .iter()
                .any(|w| last.ident == w);
            if wrapper {
                if let syn::PathArguments::AngleBracketed(a) = &last.arguments
                    && let Some(syn::GenericArgument::Type(inner)) = a.args.first()
                {
                    return shown_by_type(inner, generics);
                }
                return Shown::Unknown;
            }
            if p.path.segments.len() == 1 && generics.iter().any(|g| last.ident == g) {
                return Shown::Callers;
            }
            Shown::Type(crate::syntax::path_segments(&p.path))
        }
        _ => Shown::Unknown,
    }
}

/// The verifier type an install argument shows: `Arc::new(NoVerify)`, `Arc::new(V::new(..))`,
/// `Arc::new(V { .. })`, a builder of `V` (`V::builder(roots).build()?`).
fn verifier_type(expr: &syn::Expr) -> Option<(Vec<String>, Span)> {
    match expr {
        syn::Expr::Call(c) => {
            let syn::Expr::Path(p) = &*c.func else {
                return None;
            };
            let segments = crate::syntax::path_segments(&p.path);
            let last = segments.last()?;
            if matches!(segments.as_slice(), [.., w, n] if (w == "Arc" || w == "Box") && n == "new")
            {
                return c.args.first().and_then(verifier_type);
            }
            if last.chars().next().is_some_and(char::is_uppercase) {
                return Some((segments, p.span()));
            }
            // `V::new(..)`, `V::default()`: the type is the path before the constructor (not a
            // module's fn, `tls::make()`, whose type the call does not show).
            let mut owner = segments.clone();
            owner.pop();
            let is_type = owner
                .last()
                .is_some_and(|o| o.chars().next().is_some_and(char::is_uppercase));
            is_type.then(|| (owner, p.span()))
        }
        syn::Expr::Path(p) => {
            let segments = crate::syntax::path_segments(&p.path);
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
        // A chain on a constructor call keeps its type: `V::builder(roots).build()`.
        syn::Expr::MethodCall(mc) if matches!(root_of_chain(&mc.receiver), syn::Expr::Call(_)) => {
            verifier_type(root_of_chain(&mc.receiver))
        }
        syn::Expr::Try(t) => verifier_type(&t.expr),
        _ => None,
    }
}

/// The expression a method chain starts from (`V::builder(r)` in `V::builder(r).build()?`).
fn root_of_chain(expr: &syn::Expr) -> &syn::Expr {
    match expr {
        syn::Expr::MethodCall(mc) => root_of_chain(&mc.receiver),
        syn::Expr::Try(t) => root_of_chain(&t.expr),
        e => e,
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

/// Whether a flow of this file can end in a TLS check: the file names one (the knowledge's
/// methods and fns), calls a workspace fn whose parameter decides one (where the call can name
/// it: the prefilter's own test, [`crate::model::Workspace::tls_flag_calls`]), or calls a
/// workspace macro whose body does either. A `true` is a source in every file: without this the
/// engine walked every file parsed for any rule (a fifth of a default scan's time).
fn may_reach_sink(cx: &Ctx<'_, '_>, file: &syn::File) -> bool {
    if crate::taint::summary::names_a_tls_check(cx.workspace, cx.file.text) {
        return true;
    }
    // A call of such a macro writes its name in the file's text: a file that contains none of
    // their names calls none of them, and its tree need not be walked.
    let macros = cx.workspace.tls_check_macros();
    if !macros
        .iter()
        .any(|name| cx.file.text.contains(name.as_str()))
    {
        return false;
    }
    let mut calls = MacroCalls {
        macros,
        found: false,
    };
    calls.visit_file(file);
    calls.found
}

/// Finds a call of a workspace macro whose body names a TLS check (see [`may_reach_sink`]).
struct MacroCalls<'w> {
    /// [`crate::model::Workspace::tls_check_macros`].
    macros: &'w [String],
    found: bool,
}

impl<'ast> Visit<'ast> for MacroCalls<'_> {
    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        if self.found {
            return;
        }
        if let Some(name) = mac.path.segments.last()
            && self.macros.iter().any(|m| name.ident == m)
        {
            self.found = true;
        }
    }
}
