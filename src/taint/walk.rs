//! The walk over one function body (see the module above for what it follows).

use std::collections::HashMap;

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::spanned::Spanned;
use syn::visit::Visit;

use super::{Engine, FileIndex, Flow, FnDef, Hit, Origin, Step, Taint, ValueKind, union};
use crate::knowledge::body_limits as kb_body;
use crate::knowledge::taint::{self as kb, Cleans, Family, SinkKind};
use crate::knowledge::tls as kb_tls;
use crate::resolve::UseMap;

mod calls;
mod guard;
mod joins;
mod macros;
mod syntax;
mod types;

use guard::*;
use syntax::*;
use types::*;

/// What a function does with tainted data: what it returns, and what reaches a sink in it.
#[derive(Default, Debug)]
pub struct FnResult {
    pub returns: Taint,
    pub hits: Vec<Hit>,
    /// Parameters checked with an early error return (see `summary::FnSummary::validates`).
    pub validates: Vec<(usize, Cleans)>,
}

/// Collects the file's functions and struct field types.
pub(super) struct Collector<'a, 'ast> {
    pub uses: &'a UseMap,
    pub index: FileIndex<'ast>,
    pub ambiguous: Vec<String>,
    /// Test modules and `impl`s around the current item.
    pub test_depth: usize,
    /// The type of the `impl` being visited.
    pub impl_type: Option<String>,
}

impl Collector<'_, '_> {
    fn in_test(&self, attrs: &[syn::Attribute]) -> bool {
        self.test_depth > 0 || attrs.iter().any(crate::analyze::is_test_attribute)
    }
}

impl<'ast> Visit<'ast> for Collector<'_, 'ast> {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.index.fns.push(FnDef {
            name: f.sig.ident.to_string(),
            sig: &f.sig,
            block: &f.block,
            attrs: &f.attrs,
            is_method: false,
            self_type: None,
            in_test: self.in_test(&f.attrs),
        });
        syn::visit::visit_item_fn(self, f);
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.index.fns.push(FnDef {
            name: f.sig.ident.to_string(),
            sig: &f.sig,
            block: &f.block,
            attrs: &f.attrs,
            is_method: true,
            self_type: self.impl_type.clone(),
            in_test: self.in_test(&f.attrs),
        });
        syn::visit::visit_impl_item_fn(self, f);
    }

    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        if let Some(block) = &f.default {
            self.index.fns.push(FnDef {
                name: f.sig.ident.to_string(),
                sig: &f.sig,
                block,
                attrs: &f.attrs,
                is_method: true,
                self_type: None,
                in_test: self.in_test(&f.attrs),
            });
        }
        syn::visit::visit_trait_item_fn(self, f);
    }

    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        let test = m.attrs.iter().any(crate::analyze::is_test_attribute);
        self.test_depth += usize::from(test);
        syn::visit::visit_item_mod(self, m);
        self.test_depth -= usize::from(test);
    }

    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        let test = i.attrs.iter().any(crate::analyze::is_test_attribute);
        self.test_depth += usize::from(test);
        let self_type = match &*i.self_ty {
            syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        };
        let outer = std::mem::replace(&mut self.impl_type, self_type);
        syn::visit::visit_item_impl(self, i);
        self.impl_type = outer;
        self.test_depth -= usize::from(test);
    }

    fn visit_item_struct(&mut self, s: &'ast syn::ItemStruct) {
        let derives = crate::model::index::derives(&s.attrs);
        if derives
            .iter()
            .any(|d| kb_tls::DESERIALISE_DERIVES.contains(&d.as_str()))
        {
            self.index.deserialised.push(s.ident.to_string());
        }
        for field in &s.fields {
            if let Some(name) = &field.ident {
                self.index
                    .struct_fields
                    .insert((s.ident.to_string(), name.to_string()), &field.ty);
            }
        }
        syn::visit::visit_item_struct(self, s);
    }

    fn visit_item_enum(&mut self, e: &'ast syn::ItemEnum) {
        if !e.variants.is_empty()
            && e.variants
                .iter()
                .all(|v| matches!(v.fields, syn::Fields::Unit))
        {
            self.index.plain_enums.push(e.ident.to_string());
        }
        syn::visit::visit_item_enum(self, e);
    }

    fn visit_field(&mut self, field: &'ast syn::Field) {
        if let (Some(name), Some(ty)) = (&field.ident, resolved_type(self.uses, &field.ty)) {
            let name = name.to_string();
            match self.index.field_types.get(&name) {
                Some(known) if *known != ty => self.ambiguous.push(name),
                Some(_) => {}
                None => {
                    self.index.field_types.insert(name, ty);
                }
            }
        }
        syn::visit::visit_field(self, field);
    }
}

/// Whether the function holds a source: a parameter of a source type or a route parameter,
/// or a call of a source function.
pub(super) fn has_source(uses: &UseMap, f: &FnDef<'_>, kind: SinkKind, environment: bool) -> bool {
    let bodies = kind == SinkKind::Deserialise;
    let typed = f.sig.inputs.iter().any(|input| match input {
        syn::FnArg::Typed(t) => {
            source_type(uses, &t.ty).is_some() || (bodies && body_param_type(uses, &t.ty).is_some())
        }
        syn::FnArg::Receiver(_) => false,
    });
    if typed || !rocket_params(f.attrs).is_empty() {
        return true;
    }
    struct Finder<'u> {
        uses: &'u UseMap,
        environment: bool,
        bodies: bool,
        found: bool,
    }
    impl<'ast> Visit<'ast> for Finder<'_> {
        fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
            if let syn::Expr::Path(p) = &*call.func {
                let full = resolve(self.uses, &p.path).join("::");
                let environment = || {
                    self.environment && kb::ENVIRONMENT_SOURCE_FNS.iter().any(|s| s.path == full)
                };
                let body_read =
                    || self.bodies && kb_body::BODY_READ_FNS.iter().any(|r| r.path == full);
                if kb::SOURCE_FNS.iter().any(|s| s.path == full) || environment() || body_read() {
                    self.found = true;
                }
            }
            syn::visit::visit_expr_call(self, call);
        }
        fn visit_expr_method_call(&mut self, mc: &'ast syn::ExprMethodCall) {
            // Archive entries: whether the receiver is an archive is the walk's to decide.
            // So is whether `x.into_body().collect()` is http-body-util's.
            let body_collect = mc.method == "collect"
                && matches!(&*mc.receiver, syn::Expr::MethodCall(inner)
                    if kb::BODY_METHODS.contains(&inner.method.to_string().as_str()));
            // A request body collected whole (whether the receiver is one is the walk's to
            // decide).
            let request_collect = self.bodies
                && mc.method == "collect"
                && calls::trait_in_scope(self.uses, kb::BODY_COLLECT_TRAIT);
            if body_collect
                || request_collect
                || kb::SOURCE_METHODS.iter().any(|s| mc.method == s.method)
            {
                self.found = true;
            }
            syn::visit::visit_expr_method_call(self, mc);
        }
        fn visit_macro(&mut self, mac: &'ast syn::Macro) {
            // Sources inside macro bodies (`format!("{}", std::env::args()..)`) are rare; the
            // walk parses bodies itself when the function is analysed.
            let text = mac.tokens.to_string();
            if text.contains("args")
                || text.contains("stdin")
                || text.contains("from_ptr")
                || (self.environment && text.contains("var"))
            {
                self.found = true;
            }
        }
    }
    let mut finder = Finder {
        uses,
        environment,
        bodies,
        found: false,
    };
    finder.visit_block(f.block);
    finder.found
}

pub(super) fn analyse_fn(engine: &Engine<'_, '_>, f: &FnDef<'_>) -> FnResult {
    let mut walk = Walk {
        engine,
        vars: HashMap::new(),
        types: HashMap::new(),
        struct_types: HashMap::new(),
        canonical: Vec::new(),
        tuple_kinds: HashMap::new(),
        branch_depth: 0,
        scopes: Vec::new(),
        conditions: Vec::new(),
        returns: Vec::new(),
        hits: Vec::new(),
        validates: Vec::new(),
        expansions: 0,
        params: Vec::new(),
    };
    let route = rocket_params(f.attrs);
    for (i, input) in f.sig.inputs.iter().enumerate() {
        match input {
            syn::FnArg::Receiver(r) => {
                let flow = Flow {
                    origin: Origin::Param(i),
                    kind: ValueKind::Object,
                    cleared: 0,
                    accessors: &[],
                    joined: None,
                    steps: vec![step(r.self_token.span, "`self`".to_string(), None)],
                };
                walk.vars.insert("self".to_string(), vec![flow]);
                walk.params.push("self".to_string());
            }
            syn::FnArg::Typed(t) => {
                let pat_text = short(&t.pat.to_token_stream().to_string());
                let source = source_type(engine.uses, &t.ty);
                let body = if engine.kind == SinkKind::Deserialise {
                    body_param_type(engine.uses, &t.ty)
                } else {
                    None
                };
                let route_param = crate::syntax::pat_name(&t.pat)
                    .filter(|n| route.contains(n))
                    .is_some();
                let flow = match source {
                    _ if let Some(bounded_by) = body => Flow {
                        origin: Origin::Source {
                            family: Family::RequestBody(bounded_by),
                            what: "the request body",
                        },
                        kind: ValueKind::Unknown,
                        cleared: 0,
                        accessors: &[],
                        joined: None,
                        steps: vec![step(
                            t.span(),
                            format!("`{pat_text}`: the request body, read whole"),
                            crate::syntax::pat_name(&t.pat),
                        )],
                    },
                    Some(s) => Flow {
                        origin: Origin::Source {
                            family: s.family,
                            what: s.what,
                        },
                        kind: ValueKind::Object,
                        cleared: 0,
                        accessors: s.accessors,
                        joined: None,
                        steps: vec![step(
                            t.span(),
                            format!("`{pat_text}`: {}", s.what),
                            crate::syntax::pat_name(&t.pat),
                        )],
                    },
                    None if route_param => Flow {
                        origin: Origin::Source {
                            family: Family::WebRequest,
                            what: "a route parameter",
                        },
                        kind: kind_of_type(&t.ty),
                        cleared: 0,
                        accessors: &[],
                        joined: None,
                        steps: vec![step(
                            t.span(),
                            format!("`{pat_text}`: a route parameter"),
                            crate::syntax::pat_name(&t.pat),
                        )],
                    },
                    None => Flow {
                        origin: Origin::Param(i),
                        kind: kind_of_type(&t.ty),
                        cleared: 0,
                        accessors: &[],
                        joined: None,
                        steps: vec![step(
                            t.pat.span(),
                            format!("parameter `{pat_text}` of `{}`", f.name),
                            crate::syntax::pat_name(&t.pat),
                        )],
                    },
                };
                if let Some(ty) = resolved_type(engine.uses, &t.ty)
                    && let Some(name) = crate::syntax::pat_name(&t.pat)
                {
                    walk.types.insert(name, ty);
                }
                if let Some(name) = crate::syntax::pat_name(&t.pat) {
                    walk.params.push(name);
                }
                // Extractors are tuple structs around the value: `Query(q): Query<P>`.
                walk.bind_typed(
                    &t.pat,
                    vec![flow],
                    Some(&t.ty),
                    source.is_some() || body.is_some(),
                );
            }
        }
    }
    let tail = walk.block(f.block);
    union(&mut walk.returns, tail);
    // A path joined from input that the fn returns leaves it unchecked; a parameter's is the
    // caller's to follow (the summary's return keeps where it was joined).
    let returned: Taint = walk
        .returns
        .iter()
        .filter(|r| matches!(r.origin, Origin::Source { .. }))
        .cloned()
        .collect();
    walk.escape(
        &returned,
        f.sig.ident.span(),
        &format!("returned by `{}`", f.name),
    );
    // Every predicate returns a `true` somewhere: as a returned value it would give most fns of
    // a summarised file a TLS summary, for a pattern (`fn insecure() -> bool { true }`) that
    // hardly occurs. The `true` a fn passes to a flag itself is a hit, not a return.
    walk.returns.retain(|f| {
        !matches!(
            f.origin,
            Origin::Source {
                family: Family::Literal,
                ..
            }
        )
    });
    FnResult {
        returns: walk.returns,
        hits: walk.hits,
        validates: walk.validates,
    }
}

fn step(span: Span, note: String, var: Option<String>) -> Step {
    Step {
        start: span,
        end: span,
        note,
        var,
    }
}

fn short(text: &str) -> String {
    let text = text
        .replace(" :: ", "::")
        .replace(" (", "(")
        .replace("( ", "(");
    let text = text
        .replace(" )", ")")
        .replace(" .", ".")
        .replace(". ", ".");
    if text.chars().count() > 40 {
        let cut: String = text.chars().take(37).collect();
        format!("{cut}..")
    } else {
        text
    }
}

fn with_step(taint: Taint, span: Span, note: &str, var: Option<&str>) -> Taint {
    taint
        .into_iter()
        .map(|mut f| {
            f.push_step(step(span, note.to_string(), var.map(str::to_string)));
            f
        })
        .collect()
}

/// `NONE | PEER` is `PEER`: a verify mode with no bit set (`SslVerifyMode::NONE`, `empty()`)
/// turns verification off through `|` only when the other operand may be one too. A `true`
/// stays: `insecure | true` is `true`.
fn or_modes(left: Taint, right: Taint) -> Taint {
    // The program's own values for a TLS check are `true`, an accept-all callback and the
    // verify-off modes.
    let no_bits = |f: &Flow| {
        matches!(f.origin, Origin::Source { family: Family::Literal, what }
            if what != kb_tls::TRUE && what != kb_tls::ACCEPT_ALL_CALLBACK)
    };
    let (left_off, right_off) = (left.iter().any(no_bits), right.iter().any(no_bits));
    let mut out = left;
    if !right_off {
        out.retain(|f| !no_bits(f));
    }
    let mut right = right;
    if !left_off {
        right.retain(|f| !no_bits(f));
    }
    union(&mut out, right);
    set_kind(out, ValueKind::Number)
}

fn set_kind(taint: Taint, kind: ValueKind) -> Taint {
    taint
        .into_iter()
        .map(|mut f| {
            f.kind = kind;
            f
        })
        .collect()
}

fn clean(taint: Taint, cleans: Cleans) -> Taint {
    match cleans {
        Cleans::Everything => Vec::new(),
        Cleans::ToNumber => set_kind(taint, ValueKind::Number),
        Cleans::For(kind) => taint
            .into_iter()
            .map(|mut f| {
                f.cleared |= kind.bit();
                f
            })
            .collect(),
    }
}

fn clear_all_text(taint: Taint) -> Taint {
    taint
        .into_iter()
        .map(|mut f| {
            for k in kb::TEXT_SINKS {
                f.cleared |= k.bit();
            }
            f
        })
        .collect()
}

/// Methods that return (part of) their receiver's text or value.
const TEXT_METHODS: &[&str] = &[
    "to_string",
    "as_str",
    "to_owned",
    "trim",
    "trim_start",
    "trim_end",
    "to_lowercase",
    "to_uppercase",
    "to_ascii_lowercase",
    "to_ascii_uppercase",
    "into_string",
    "to_str",
    "to_string_lossy",
    "as_path",
    "display",
    "as_os_str",
    "text",
];

/// Methods whose arguments flow into the result, as well as the receiver.
const ARG_FLOW_METHODS: &[&str] = &[
    // warp's `filter.and(warp::query())`: the extracted values of both.
    "and",
    "join",
    "unwrap_or",
    "or",
    "chain",
    "replace",
    "replacen",
    "with_file_name",
    "with_extension",
    "concat",
    // `cond.then_some(v)`, `a.zip(b)`, `a.xor(b)`: the argument is (part of) the result.
    "then_some",
    "zip",
    "xor",
];

/// Methods that store their arguments in the receiver.
const STORE_METHODS: &[&str] = &[
    "push_str",
    "push",
    "extend",
    "extend_from_slice",
    "insert",
    "insert_str",
    "append",
    "write_str",
    "write_all",
    "set_path",
];

/// Methods that read from the receiver into their `&mut` argument.
const READ_INTO_METHODS: &[&str] = &[
    "read_line",
    "read_to_string",
    "read_to_end",
    "read",
    "read_exact",
    "read_buf",
    // datagram sockets: `sock.recv_from(&mut buf)`
    "recv",
    "recv_from",
    "try_recv",
    "try_recv_from",
    "peek",
    "peek_from",
];

/// Methods taking a closure whose result is the method's result.
const CLOSURE_RESULT_METHODS: &[&str] = &[
    "map",
    "and_then",
    "filter_map",
    "flat_map",
    "then",
    "map_or_else",
    "map_ok",
    "find_map",
];

/// A local a binding shadowed: its name, and what it (and its fields) held before.
type Shadowed = (String, Vec<(String, Taint)>);

struct Walk<'e, 'a, 'ast> {
    engine: &'e Engine<'a, 'ast>,
    /// Local (or `local.field`) -> what it may hold.
    vars: HashMap<String, Taint>,
    /// Local -> the resolved type it is known to have.
    types: HashMap<String, Vec<String>>,
    /// Local -> the struct (last path segment) its declared type names, for its fields' types
    /// (`Json(r): Json<Req>` makes `r` a `Req`).
    struct_types: HashMap<String, String>,
    /// Locals assigned from `canonicalize()`: a `starts_with` check on them is a real check.
    canonical: Vec<String>,
    /// Extractors of a tuple bound whole (`path: web::Path<(String, u32)>`): the kind of each
    /// element, for `let (name, id) = path.into_inner()`.
    tuple_kinds: HashMap<String, Vec<ValueKind>>,
    /// Inside a branch, an assignment adds to what a local may hold instead of replacing it.
    branch_depth: usize,
    /// For `SinkKind::Tls`: what the conditions of the enclosing `if`s read, which decides a
    /// literal `true` inside them (`if insecure { b.danger_accept_invalid_certs(true) }`).
    conditions: Vec<Taint>,
    /// Per block: the locals a `let` of the block shadowed, with what they held before.
    scopes: Vec<Vec<Shadowed>>,
    returns: Taint,
    hits: Vec<Hit>,
    validates: Vec<(usize, Cleans)>,
    /// Workspace macro expansions being walked (see `Summaries::expand`), bounded.
    expansions: usize,
    /// The fn's parameters bound whole (`self`, `state`): a field of one outlives the call.
    params: Vec<String>,
}

impl Walk<'_, '_, '_> {
    fn kind(&self) -> SinkKind {
        self.engine.kind
    }

    /// Adds `taint` to what `key` (a local or a field of one) may hold: a write that keeps the
    /// old value (`push_str`, `+=`, a read into a buffer).
    fn add_to(&mut self, key: String, taint: Taint) {
        let mut now = self.lookup(&key);
        union(&mut now, taint);
        self.vars.insert(key, now);
    }

    fn lookup(&self, key: &str) -> Taint {
        let mut out = self.vars.get(key).cloned().unwrap_or_default(); // optional: a local never assigned holds nothing untrusted
        // A flag is one field: a struct handed on whole (`Session::new(options)`) does not tell
        // which of its fields decides, so its `silent: true` must not count as `insecure`.
        if self.kind() == SinkKind::Tls {
            return out;
        }
        // The whole of a local whose fields were assigned one by one.
        let prefix = format!("{key}.");
        for (k, v) in &self.vars {
            if k.starts_with(&prefix) {
                union(&mut out, v.clone());
            }
        }
        out
    }

    fn assign(&mut self, key: String, taint: Taint) {
        if self.branch_depth > 0 {
            let mut old = self.vars.remove(&key).unwrap_or_default(); // optional: a local not yet assigned holds nothing untrusted
            union(&mut old, taint);
            self.vars.insert(key, old);
        } else {
            let prefix = format!("{key}.");
            self.vars.retain(|k, _| !k.starts_with(&prefix));
            self.vars.insert(key, taint);
        }
    }

    fn block(&mut self, block: &syn::Block) -> Taint {
        self.scopes.push(Vec::new());
        let mut last = Vec::new();
        for (i, stmt) in block.stmts.iter().enumerate() {
            let value = self.stmt(stmt);
            if i + 1 == block.stmts.len() {
                last = value;
            }
        }
        self.end_scope();
        last
    }

    /// A `let`, closure or arm binding names new locals: what the names held before is set
    /// aside until the scope ends (a shadowing `let name = clean(&name)` in a branch replaces
    /// the value there, rather than adding to it as an assignment on some path would).
    fn declare(&mut self, pat: &syn::Pat) {
        struct Names(Vec<String>);
        impl<'ast> Visit<'ast> for Names {
            fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
                self.0.push(p.ident.to_string());
                syn::visit::visit_pat_ident(self, p);
            }
        }
        let mut names = Names(Vec::new());
        names.visit_pat(pat);
        for name in names.0 {
            let prefix = format!("{name}.");
            let old: Vec<(String, Taint)> = self
                .vars
                .iter()
                .filter(|(k, _)| **k == name || k.starts_with(&prefix))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            for (k, _) in &old {
                self.vars.remove(k);
            }
            if let Some(scope) = self.scopes.last_mut()
                && !scope.iter().any(|(n, _)| *n == name)
            {
                scope.push((name, old));
            }
        }
    }

    fn end_scope(&mut self) {
        if let Some(scope) = self.scopes.pop() {
            for (name, old) in scope {
                let prefix = format!("{name}.");
                self.vars
                    .retain(|k, _| *k != name && !k.starts_with(&prefix));
                self.vars.extend(old);
            }
        }
    }

    fn stmt(&mut self, stmt: &syn::Stmt) -> Taint {
        match stmt {
            syn::Stmt::Local(local) => {
                let Some(init) = &local.init else {
                    return Vec::new();
                };
                let mut value = self.expr(&init.expr);
                if let Some((_, diverge)) = &init.diverge {
                    self.expr(diverge);
                }
                let ty = match &local.pat {
                    syn::Pat::Type(t) => Some(&*t.ty),
                    _ => None,
                };
                if let Some(ty) = ty {
                    value = self.typed(value, ty);
                    // `let p: PathBuf = [base, name].iter().collect();`
                    if let syn::Expr::MethodCall(mc) = peel(&init.expr)
                        && mc.method == "collect"
                        && type_name(ty).is_some_and(|t| kb::PATH_TYPES.contains(&t.as_str()))
                    {
                        value =
                            self.joined_onto(value, mc.method.span(), mc.span(), "`.collect()`");
                    }
                    if let (Some(name), Some(resolved)) = (
                        crate::syntax::pat_name(&local.pat),
                        resolved_type(self.engine.uses, ty),
                    ) {
                        self.types.insert(name, resolved);
                    }
                } else if let Some(name) = crate::syntax::pat_name(&local.pat) {
                    match self.type_of(&init.expr) {
                        Some(t) => {
                            self.types.insert(name.clone(), t);
                        }
                        None => {
                            self.types.remove(&name);
                        }
                    }
                    if is_canonicalize(self.engine.uses, &init.expr) {
                        self.canonical.push(name);
                    }
                }
                // `let s = Struct { a: x, .. }`: fields one by one.
                if let (Some(name), syn::Expr::Struct(lit)) =
                    (crate::syntax::pat_name(&local.pat), peel(&init.expr))
                {
                    self.assign(name.clone(), Vec::new());
                    for field in &lit.fields {
                        if let syn::Member::Named(m) = &field.member {
                            let t = self.expr(&field.expr);
                            let key = format!("{name}.{m}");
                            let t = with_step(
                                t,
                                field.span(),
                                &format!("stored in `{key}`"),
                                Some(&key),
                            );
                            self.assign(key, t);
                        }
                    }
                    return Vec::new();
                }
                if let (syn::Pat::Tuple(tuple), Some(kinds)) = (
                    &local.pat,
                    extractor_root(&init.expr).and_then(|r| self.tuple_kinds.get(&r).cloned()),
                ) {
                    for (elem, kind) in tuple.elems.iter().zip(kinds) {
                        let part = set_kind(set_unknown_from_object(value.clone()), kind);
                        self.bind_typed(elem, part, None, false);
                    }
                    return Vec::new();
                }
                self.declare(&local.pat);
                self.bind_typed(&local.pat, value, ty, false);
                Vec::new()
            }
            syn::Stmt::Expr(expr, _) => {
                self.statement_guard(expr);
                self.expr(expr)
            }
            syn::Stmt::Macro(m) => {
                self.statement_macro_guard(&m.mac);
                self.mac(&m.mac)
            }
            syn::Stmt::Item(_) => Vec::new(),
        }
    }

    /// What a type annotation or turbofish says about a parsed value.
    fn typed(&self, value: Taint, ty: &syn::Type) -> Taint {
        // A flag is a `bool`: its type says nothing about who decides it.
        if value.is_empty() || self.kind() == SinkKind::Tls {
            return value;
        }
        match kind_of_type(ty) {
            ValueKind::Number => {
                if is_safe_type(ty) {
                    Vec::new()
                } else {
                    set_kind(value, ValueKind::Number)
                }
            }
            _ if is_safe_type(ty) || self.is_plain_enum(ty) => Vec::new(),
            _ => value,
        }
    }

    /// Whether `ty` names (through `Option`, `Vec`, references) an enum of unit variants only,
    /// of this file or the workspace: `let o: Order = s.parse()?` keeps none of `s`.
    fn is_plain_enum(&self, ty: &syn::Type) -> bool {
        type_name(ty).is_some_and(|n| self.is_plain_enum_name(&n))
    }

    fn is_plain_enum_name(&self, name: &str) -> bool {
        self.engine.index.plain_enums.iter().any(|e| e == name)
            || self.engine.outside.plain_enum(name)
    }

    /// The declared type of field `member` of the struct `base` is known to be: this file's
    /// struct, else the workspace's.
    fn field_type(&self, base: &syn::Expr, member: &str) -> Option<syn::Type> {
        self.declared_field(&self.struct_of(base)?, member)
    }

    /// The declared type of field `member` of the struct named `owner`.
    fn declared_field(&self, owner: &str, member: &str) -> Option<syn::Type> {
        if let Some(ty) = self
            .engine
            .index
            .struct_fields
            .get(&(owner.to_string(), member.to_string()))
        {
            return Some((*ty).clone());
        }
        let written = self.engine.outside.field_type(owner, member)?;
        syn::parse_str(&written).ok()
    }

    /// The struct a value is known to be: a typed local or parameter, a field of one.
    fn struct_of(&self, e: &syn::Expr) -> Option<String> {
        match peel(e) {
            syn::Expr::Path(p) if p.path.segments.len() == 1 => self
                .struct_types
                .get(&p.path.segments[0].ident.to_string())
                .cloned(),
            syn::Expr::Field(f) => match &f.member {
                syn::Member::Named(n) => type_name(&self.field_type(&f.base, &n.to_string())?),
                syn::Member::Unnamed(_) => None,
            },
            _ => None,
        }
    }

    /// What a field's declared type says about the value read from it: serde puts only a
    /// number into an `i64` field and only one of its variants into a plain enum's.
    fn field_typed(&self, value: Taint, ty: &syn::Type) -> Taint {
        if value.is_empty() || self.kind() == SinkKind::Tls {
            return value;
        }
        if is_safe_type(ty) || self.is_plain_enum(ty) {
            return Vec::new();
        }
        match kind_of_type(ty) {
            ValueKind::Number => set_kind(value, ValueKind::Number),
            _ => value,
        }
    }

    /// Binds the names in `pat` to `value`. With the declared type, an extractor pattern
    /// (`Query(q): Query<P>`) gives `q` the kind of `P`.
    fn bind_typed(
        &mut self,
        pat: &syn::Pat,
        value: Taint,
        ty: Option<&syn::Type>,
        extractor: bool,
    ) {
        match pat {
            syn::Pat::Ident(id) => {
                let name = id.ident.to_string();
                let mut value = value;
                // An extractor bound whole (`path: web::Path<String>`): the value is what the
                // extractor wraps, `path.into_inner()` or `*path`.
                let declared = match ty {
                    Some(ty) if extractor => match peel_type(ty) {
                        syn::Type::Path(p) => p.path.segments.last().and_then(first_type_arg),
                        _ => None,
                    },
                    other => other,
                };
                if let Some(syn::Type::Tuple(t)) = declared.map(peel_type) {
                    self.tuple_kinds
                        .insert(name.clone(), t.elems.iter().map(kind_of_type).collect());
                }
                match declared.and_then(type_name) {
                    Some(owner) => {
                        self.struct_types.insert(name.clone(), owner);
                    }
                    None => {
                        self.struct_types.remove(&name);
                    }
                }
                if let Some(ty) = declared {
                    let kind = kind_of_type(ty);
                    if kind != ValueKind::Unknown {
                        value = value
                            .into_iter()
                            .map(|mut f| {
                                if f.kind != ValueKind::Number && f.accessors.is_empty() {
                                    f.kind = kind;
                                }
                                f
                            })
                            .collect();
                    }
                }
                if let Some((_, sub)) = &id.subpat {
                    self.bind_typed(sub, value.clone(), ty, extractor);
                }
                let value = if value.iter().any(|f| {
                    f.steps
                        .last()
                        .is_some_and(|s| s.var.as_deref() == Some(name.as_str()))
                }) {
                    value
                } else {
                    with_step(value, id.ident.span(), &format!("`{name}`"), Some(&name))
                };
                self.assign(name, value);
            }
            syn::Pat::Type(t) => self.bind_typed(&t.pat, value, Some(&t.ty), extractor),
            syn::Pat::Reference(r) => self.bind_typed(&r.pat, value, ty, extractor),
            syn::Pat::Paren(p) => self.bind_typed(&p.pat, value, ty, extractor),
            syn::Pat::TupleStruct(ts) => {
                // `Query(q): Query<P>`, `Some(x)`, `Ok(x)`: the inner value, typed by the
                // wrapper's type argument when there is one.
                let inner_ty = ty.and_then(|t| match peel_type(t) {
                    syn::Type::Path(p) => p.path.segments.last().and_then(first_type_arg),
                    _ => None,
                });
                let inner_kind = inner_ty.map(kind_of_type);
                let value = match inner_kind {
                    Some(kind) if extractor => value
                        .into_iter()
                        .map(|mut f| {
                            if f.accessors.is_empty() {
                                f.kind = kind;
                            }
                            f
                        })
                        .collect(),
                    // Without a type argument (`RawQuery(q): RawQuery`, `Some(s)` of an
                    // extractor's value) the inner value is a part of the whole, as a field is.
                    _ => part_of(value),
                };
                let tuple_types: Vec<&syn::Type> = match inner_ty {
                    Some(syn::Type::Tuple(t)) if ts.elems.len() == 1 => t.elems.iter().collect(),
                    _ => Vec::new(),
                };
                for elem in &ts.elems {
                    if let (syn::Pat::Tuple(tp), false) = (elem, tuple_types.is_empty()) {
                        for (p, t) in tp.elems.iter().zip(tuple_types.iter()) {
                            self.bind_typed(p, value.clone(), Some(t), false);
                        }
                    } else {
                        self.bind_typed(elem, value.clone(), inner_ty.filter(|_| extractor), false);
                    }
                }
            }
            syn::Pat::Tuple(t) => {
                let types: Vec<&syn::Type> = match ty.map(peel_type) {
                    Some(syn::Type::Tuple(tt)) => tt.elems.iter().collect(),
                    _ => Vec::new(),
                };
                // The parts of a whole (`let (name, id) = path.into_inner()`) may be text.
                let value = set_unknown_from_object(value);
                for (i, elem) in t.elems.iter().enumerate() {
                    self.bind_typed(elem, value.clone(), types.get(i).copied(), false);
                }
            }
            syn::Pat::Struct(s) => {
                // `Json(Req { id, name }): Json<Req>`: each field typed as the struct declares.
                let owner = s.path.segments.last().map(|l| l.ident.to_string());
                for field in &s.fields {
                    let mut value = set_unknown_from_object(value.clone());
                    if let (Some(owner), syn::Member::Named(m)) = (&owner, &field.member)
                        && let Some(ty) = self.declared_field(owner, &m.to_string())
                    {
                        value = self.field_typed(value, &ty);
                    }
                    self.bind_typed(&field.pat, value, None, false);
                }
            }
            syn::Pat::Slice(s) => {
                for elem in &s.elems {
                    self.bind_typed(elem, value.clone(), None, false);
                }
            }
            syn::Pat::Or(o) => {
                for case in &o.cases {
                    self.bind_typed(case, value.clone(), ty, extractor);
                }
            }
            _ => {}
        }
    }

    fn expr(&mut self, expr: &syn::Expr) -> Taint {
        match expr {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Bool(b),
                ..
            }) if b.value && self.kind() == SinkKind::Tls => literal(b.span(), kb_tls::TRUE),
            syn::Expr::Lit(_) => Vec::new(),
            syn::Expr::Path(p) => {
                let local = if p.qself.is_none() && p.path.segments.len() == 1 {
                    self.lookup(&p.path.segments[0].ident.to_string())
                } else {
                    Vec::new()
                };
                if local.is_empty() && self.kind() == SinkKind::Tls {
                    return self.verify_off(p);
                }
                local
            }
            syn::Expr::Field(f) if self.kind() == SinkKind::Tls && self.is_config(&f.base) => {
                self.config_field(f)
            }
            syn::Expr::Field(_) => {
                let Some(key) = field_key(expr) else {
                    let syn::Expr::Field(f) = expr else {
                        return Vec::new();
                    };
                    return set_unknown_from_object(self.expr(&f.base));
                };
                // The longest assigned prefix: `s.a.b`, then `s.a`, then `s`.
                let mut k = key.as_str();
                loop {
                    if self.vars.contains_key(k) {
                        let t = self.lookup(k);
                        if k == key {
                            return t;
                        }
                        // A field of a parameter read whole: the summary says which field.
                        let t = if k.contains('.') {
                            t
                        } else {
                            let field = key[k.len() + 1..].split('.').next().unwrap_or_default(); // optional: `key` extends `k` by `.field`
                            param_field(t, field)
                        };
                        let t = set_unknown_from_object(t);
                        // A field of a whole value: what its declared type lets it hold.
                        let syn::Expr::Field(f) = expr else {
                            return t;
                        };
                        return match &f.member {
                            syn::Member::Named(m) => {
                                match self.field_type(&f.base, &m.to_string()) {
                                    Some(ty) => self.field_typed(t, &ty),
                                    None => t,
                                }
                            }
                            syn::Member::Unnamed(_) => t,
                        };
                    }
                    match k.rfind('.') {
                        Some(i) => k = &k[..i],
                        None => return Vec::new(),
                    }
                }
            }
            syn::Expr::Reference(r) => self.expr(&r.expr),
            syn::Expr::Paren(p) => self.expr(&p.expr),
            syn::Expr::Group(g) => self.expr(&g.expr),
            syn::Expr::Try(t) => {
                let value = self.expr(&t.expr);
                self.checked_by_call(&t.expr);
                value
            }
            syn::Expr::Await(a) => self.expr(&a.base),
            syn::Expr::Unary(u) => {
                let t = self.expr(&u.expr);
                match u.op {
                    syn::UnOp::Not(_) if self.kind() != SinkKind::Tls => Vec::new(),
                    _ => t,
                }
            }
            syn::Expr::Cast(c) => {
                let t = self.expr(&c.expr);
                self.typed(set_kind(t, ValueKind::Number), &c.ty)
            }
            syn::Expr::Binary(b) => self.binary(b),
            syn::Expr::Assign(a) => {
                let value = self.expr(&a.right);
                if let Some(key) = field_key(&a.left)
                    && self.outlives_call(&key)
                {
                    self.escape(&value, a.left.span(), &format!("stored in `{key}`"));
                }
                if let Some(key) = field_key(&a.left).or_else(|| local_name(&a.left)) {
                    let value = with_step(
                        value,
                        a.left.span(),
                        &format!("assigned to `{key}`"),
                        Some(&key),
                    );
                    self.assign(key, value);
                } else {
                    self.expr(&a.left);
                }
                Vec::new()
            }
            syn::Expr::MethodCall(mc) => self.method_call(mc),
            syn::Expr::Call(c) => self.call(c),
            syn::Expr::Macro(m) => self.mac(&m.mac),
            syn::Expr::Block(b) => self.block(&b.block),
            syn::Expr::Unsafe(u) => self.block(&u.block),
            syn::Expr::Async(a) => self.block(&a.block),
            syn::Expr::TryBlock(t) => self.block(&t.block),
            syn::Expr::Const(c) => self.block(&c.block),
            syn::Expr::If(i) => self.if_expr(i),
            syn::Expr::Match(m) => self.match_expr(m),
            syn::Expr::Let(l) => {
                let value = self.expr(&l.expr);
                // `if let Component::Normal(name) = part`: one plain name, as in a `match` arm.
                let value = if is_normal_component(&l.pat) {
                    clean(value, Cleans::For(SinkKind::Path))
                } else {
                    value
                };
                self.declare(&l.pat);
                self.bind_typed(&l.pat, value, None, false);
                Vec::new()
            }
            syn::Expr::ForLoop(f) => {
                let items = self.expr(&f.expr);
                self.branch_depth += 1;
                self.scopes.push(Vec::new());
                self.declare(&f.pat);
                self.bind_typed(&f.pat, items, None, false);
                self.block(&f.body);
                self.end_scope();
                self.branch_depth -= 1;
                if let Some(key) = normal_components_asserted(f) {
                    self.clean_vars(&[key], Cleans::For(SinkKind::Path));
                }
                Vec::new()
            }
            syn::Expr::While(w) => {
                self.branch_depth += 1;
                self.scopes.push(Vec::new());
                self.expr(&w.cond);
                self.block(&w.body);
                self.end_scope();
                self.branch_depth -= 1;
                Vec::new()
            }
            syn::Expr::Loop(l) => {
                self.branch_depth += 1;
                let t = self.block(&l.body);
                self.branch_depth -= 1;
                t
            }
            syn::Expr::Closure(c) => self.closure(c, Vec::new()),
            syn::Expr::Return(r) => {
                if let Some(e) = &r.expr {
                    let t = self.expr(e);
                    union(&mut self.returns, t);
                }
                Vec::new()
            }
            syn::Expr::Break(b) => b.expr.as_ref().map(|e| self.expr(e)).unwrap_or_default(), // optional: `break` without a value carries nothing
            syn::Expr::Struct(s) => {
                let mut out = Vec::new();
                for field in &s.fields {
                    let t = self.expr(&field.expr);
                    union(&mut out, t);
                }
                if let Some(rest) = &s.rest {
                    self.expr(rest);
                }
                set_kind_object(out)
            }
            syn::Expr::Tuple(t) => self.union_all(t.elems.iter()),
            syn::Expr::Array(a) => self.union_all(a.elems.iter()),
            syn::Expr::Repeat(r) => {
                let len = self.expr(&r.len);
                self.sink_value(
                    SinkKind::Allocation,
                    "an array length",
                    r.span(),
                    &r.len,
                    len,
                );
                self.expr(&r.expr)
            }
            syn::Expr::Index(i) => {
                // `params["cmd"]`, `headers["host"]`: an element is a part of the whole.
                let t = self.expr(&i.expr);
                self.expr(&i.index);
                part_of(opened(t))
            }
            syn::Expr::Range(r) => {
                let mut out = Vec::new();
                if let Some(s) = &r.start {
                    let t = self.expr(s);
                    union(&mut out, t);
                }
                if let Some(e) = &r.end {
                    let t = self.expr(e);
                    union(&mut out, t);
                }
                out
            }
            _ => Vec::new(),
        }
    }

    fn union_all<'x>(&mut self, exprs: impl Iterator<Item = &'x syn::Expr>) -> Taint {
        let mut out = Vec::new();
        for e in exprs {
            let t = self.expr(e);
            union(&mut out, t);
        }
        out
    }

    fn binary(&mut self, b: &syn::ExprBinary) -> Taint {
        use syn::BinOp::*;
        let left = self.expr(&b.left);
        let right = self.expr(&b.right);
        match b.op {
            Add(_) => {
                // `"https://host/" + id`: only the leftmost operand decides the host.
                let right = if self.kind() == SinkKind::Ssrf {
                    clean(right, Cleans::For(SinkKind::Ssrf))
                } else {
                    right
                };
                let mut out = left;
                union(&mut out, right);
                // The concatenation is a step of the path, as `format!` is, once for a chain
                // (`a + b + c` nests, every `+` starting where the chain starts): where
                // `sql-interpolation` sees that input reaches the text it would report.
                let at = super::pos(b.span());
                for f in &mut out {
                    if f.steps.last().is_none_or(|s| super::pos(s.start) != at) {
                        f.push_step(step(b.span(), "concatenated by `+`".to_string(), None));
                    }
                }
                out
            }
            AddAssign(_) => {
                if let Some(key) = field_key(&b.left).or_else(|| local_name(&b.left)) {
                    let right = if self.kind() == SinkKind::Ssrf {
                        clean(right, Cleans::For(SinkKind::Ssrf))
                    } else {
                        right
                    };
                    let appended = with_step(
                        right,
                        b.right.span(),
                        &format!("appended to `{key}`"),
                        Some(&key),
                    );
                    self.add_to(key, appended);
                }
                Vec::new()
            }
            BitOr(_) if self.kind() == SinkKind::Tls => or_modes(left, right),
            BitOrAssign(_) if self.kind() == SinkKind::Tls => {
                if let Some(key) = local_name(&b.left) {
                    self.assign(key, or_modes(left, right));
                }
                Vec::new()
            }
            Sub(_) | Mul(_) | Div(_) | Rem(_) | Shl(_) | Shr(_) | BitAnd(_) | BitOr(_)
            | BitXor(_) => {
                let mut out = set_kind(left, ValueKind::Number);
                union(&mut out, set_kind(right, ValueKind::Number));
                out
            }
            SubAssign(_) | MulAssign(_) | DivAssign(_) | RemAssign(_) | ShlAssign(_)
            | ShrAssign(_) | BitAndAssign(_) | BitOrAssign(_) | BitXorAssign(_) => {
                if let Some(key) = local_name(&b.left) {
                    self.add_to(key, set_kind(right, ValueKind::Number));
                }
                Vec::new()
            }
            // A flag is a flag whatever it was derived with (as `.eq(..)`, `.is_ok()`):
            // `env::var("INSECURE")? == "1"` may be `true` when its operand says so.
            Eq(_) | Ne(_) | Lt(_) | Le(_) | Gt(_) | Ge(_) | And(_)
                if self.kind() == SinkKind::Tls =>
            {
                // The program's own `true` or `NONE` as an operand does not make the result
                // its own (`x == true` is `x`, `mode == SslVerifyMode::NONE` is no mode), nor
                // does a request object, only its accessors.
                let mut out = left;
                union(&mut out, right);
                out.retain(|f| {
                    !matches!(
                        f.origin,
                        Origin::Source {
                            family: Family::Literal,
                            ..
                        }
                    ) && f.accessors.is_empty()
                });
                set_kind(out, ValueKind::Number)
            }
            // `insecure || true` is the program's own `true`.
            Or(_) if self.kind() == SinkKind::Tls => {
                let mut out = left;
                union(&mut out, right);
                out.retain(|f| f.accessors.is_empty());
                set_kind(out, ValueKind::Number)
            }
            // Comparisons and logic give a bool, which carries no text.
            _ => Vec::new(),
        }
    }

    fn closure(&mut self, c: &syn::ExprClosure, params: Taint) -> Taint {
        self.branch_depth += 1;
        self.scopes.push(Vec::new());
        for input in &c.inputs {
            self.declare(input);
            self.bind_typed(input, params.clone(), None, false);
        }
        let body = self.expr(&c.body);
        self.end_scope();
        self.branch_depth -= 1;
        body
    }

    fn if_expr(&mut self, i: &syn::ExprIf) -> Taint {
        // `if let` bindings live in the `then` block only.
        self.scopes.push(Vec::new());
        let out = self.if_expr_scoped(i);
        self.end_scope();
        out
    }

    fn if_expr_scoped(&mut self, i: &syn::ExprIf) -> Taint {
        self.expr(&i.cond);
        let guard = self.guard_of(&i.cond);
        let decides = self.kind() == SinkKind::Tls;
        if decides {
            let read = self.read_by(&i.cond);
            self.conditions.push(read);
        }
        self.branch_depth += 1;
        // A positive check (`if is_valid(&x) { .. }`): `x` is clean inside.
        let saved = guard
            .as_ref()
            .filter(|g| g.positive)
            .map(|g| self.clean_vars(&g.vars, g.cleans));
        let mut out = self.block(&i.then_branch);
        if let Some(saved) = saved {
            self.restore(saved);
        }
        if let Some((_, else_branch)) = &i.else_branch {
            let t = self.expr(else_branch);
            union(&mut out, t);
        }
        self.branch_depth -= 1;
        if decides {
            self.conditions.pop();
        }
        // A negative check that leaves (`if !is_valid(&x) { return .. }`): clean after.
        if let Some(g) = guard
            && !g.positive
            && diverges(&i.then_branch)
        {
            if fails(&i.then_branch) {
                self.note_validated(&g.vars, g.cleans);
            }
            self.clean_vars(&g.vars, g.cleans);
        }
        out
    }

    fn match_expr(&mut self, m: &syn::ExprMatch) -> Taint {
        let scrutinee = self.expr(&m.expr);
        let scrutinee_key = field_key(peel(&m.expr)).or_else(|| local_name(&m.expr));
        // `match verify { Verify::No => b.danger_accept_invalid_certs(true), .. }`: the
        // scrutinee decides a constant in an arm, as an `if` condition does.
        let decides = self.kind() == SinkKind::Tls;
        if decides {
            let read = self.read_by(&m.expr);
            self.conditions.push(read);
        }
        self.branch_depth += 1;
        let mut out = Vec::new();
        for arm in &m.arms {
            // An arm matching literals (`"asc" | "desc" =>`) is an allow-list: the value is one
            // of the program's own strings there.
            let literal = is_literal_pat(&arm.pat);
            let saved = match (&scrutinee_key, literal) {
                (Some(k), true) => {
                    Some(self.clean_vars(std::slice::from_ref(k), Cleans::Everything))
                }
                _ => None,
            };
            self.scopes.push(Vec::new());
            self.declare(&arm.pat);
            // `Component::Normal(name)` of a path's components: one plain name, never `..`,
            // a root or a separator.
            let part = if is_normal_component(&arm.pat) {
                clean(scrutinee.clone(), Cleans::For(SinkKind::Path))
            } else {
                scrutinee.clone()
            };
            self.bind_typed(&arm.pat, set_unknown_from_object(part), None, false);
            if let Some((_, g)) = &arm.guard {
                self.expr(g);
            }
            let t = self.expr(&arm.body);
            self.end_scope();
            union(&mut out, t);
            if let Some(saved) = saved {
                self.restore(saved);
            }
        }
        self.branch_depth -= 1;
        if decides {
            self.conditions.pop();
        }
        out
    }

    /// `SslVerifyMode::NONE`, `SSL_VERIFY_NONE` through the file's imports (or unimported, by
    /// their distinctive names).
    fn verify_off(&self, p: &syn::ExprPath) -> Taint {
        let resolved = resolve(self.engine.uses, &p.path);
        let full = resolved.join("::");
        let unimported = matches!(
            resolved
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .as_slice(),
            ["SslVerifyMode", "NONE"] | ["SSL_VERIFY_NONE"]
        );
        if unimported || kb_tls::VERIFY_OFF.contains(&full.as_str()) {
            let shown = crate::syntax::path_text(&p.path);
            let what = if shown.ends_with("SSL_VERIFY_NONE") {
                "`SSL_VERIFY_NONE`"
            } else {
                "`SslVerifyMode::NONE`"
            };
            literal(p.span(), what)
        } else {
            Vec::new()
        }
    }

    /// `SslVerifyMode::empty()`: no bit set, which is `NONE` (see [`Self::verify_off`]).
    fn verify_off_call(&self, c: &syn::ExprCall) -> Option<Taint> {
        let syn::Expr::Path(p) = &*c.func else {
            return None;
        };
        let resolved = resolve(self.engine.uses, &p.path);
        let unimported = matches!(
            resolved
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .as_slice(),
            ["SslVerifyMode", "empty"]
        );
        (unimported || kb_tls::VERIFY_OFF_FNS.contains(&resolved.join("::").as_str()))
            .then(|| literal(c.span(), "`SslVerifyMode::empty()`"))
    }

    /// A field of a deserialised configuration: a TLS flag's source.
    fn config_field(&self, f: &syn::ExprField) -> Taint {
        let name = match &f.member {
            syn::Member::Named(n) => n.to_string(),
            syn::Member::Unnamed(i) => i.index.to_string(),
        };
        vec![Flow {
            origin: Origin::Source {
                family: Family::Configuration,
                what: kb_tls::CONFIG_FIELD,
            },
            kind: ValueKind::Unknown,
            cleared: 0,
            accessors: &[],
            joined: None,
            steps: vec![step(
                f.span(),
                format!("{}: `.{name}`", kb_tls::CONFIG_FIELD),
                None,
            )],
        }]
    }

    /// A value of a deserialised configuration struct (this file's or the workspace's).
    fn is_config(&self, base: &syn::Expr) -> bool {
        self.type_of(base)
            .and_then(|t| t.last().cloned())
            .is_some_and(|name| {
                // The file's own struct of that name is the one meant, not the workspace's.
                let declared_here = self
                    .engine
                    .index
                    .struct_fields
                    .keys()
                    .any(|(s, _)| *s == name);
                self.engine.index.deserialised.contains(&name)
                    || (!declared_here && self.engine.outside.deserialised(&name))
            })
    }

    /// The type a value is known to have: a typed local or parameter, a struct field of the
    /// file, the type of a `Type::new()`/`Type::builder()` call (builder methods keep it).
    fn type_of(&self, expr: &syn::Expr) -> Option<Vec<String>> {
        match peel(expr) {
            syn::Expr::Path(p) if p.path.segments.len() == 1 => self
                .types
                .get(&p.path.segments[0].ident.to_string())
                .cloned(),
            syn::Expr::Field(f) => match &f.member {
                syn::Member::Named(n) => self.engine.index.field_types.get(&n.to_string()).cloned(),
                syn::Member::Unnamed(_) => None,
            },
            syn::Expr::Call(c) => {
                let syn::Expr::Path(p) = &*c.func else {
                    return None;
                };
                if p.path.segments.len() < 2 {
                    return None;
                }
                // The type part on its own, so that a glob-imported type resolves.
                let segments = crate::syntax::path_segments(&p.path);
                let full = self
                    .engine
                    .uses
                    .resolve_known(&segments[..segments.len() - 1], kb::is_known_path);
                full.last()
                    .is_some_and(|s| s.chars().next().is_some_and(char::is_uppercase))
                    .then_some(full)
            }
            syn::Expr::MethodCall(mc) => self.type_of(&mc.receiver),
            syn::Expr::Try(t) => self.type_of(&t.expr),
            syn::Expr::Await(a) => self.type_of(&a.base),
            _ => None,
        }
    }
}

/// A value of the program's own that turns a TLS check off (`true`, `SslVerifyMode::NONE`).
fn literal(span: Span, what: &'static str) -> Taint {
    vec![Flow {
        origin: Origin::Source {
            family: Family::Literal,
            what,
        },
        kind: ValueKind::Unknown,
        cleared: 0,
        accessors: &[],
        joined: None,
        steps: vec![step(span, what.to_string(), None)],
    }]
}

/// A request object's accessor was called on the whole value (`for (k, v) in headers`).
fn opened(taint: Taint) -> Taint {
    taint
        .into_iter()
        .map(|mut f| {
            f.accessors = &[];
            f
        })
        .collect()
}

/// Flows of a parameter read whole, narrowed to the field `field` of it (`opts.uri_path`).
pub(super) fn param_field(taint: Taint, field: &str) -> Taint {
    taint
        .into_iter()
        .map(|mut f| {
            if let Origin::Param(p) = f.origin {
                f.origin = Origin::ParamField(p, field.into());
            }
            f
        })
        .collect()
}

pub(super) fn set_unknown_from_object(taint: Taint) -> Taint {
    taint
        .into_iter()
        .filter(|f| f.accessors.is_empty())
        .map(|mut f| {
            if f.kind == ValueKind::Object {
                f.kind = ValueKind::Unknown;
            }
            f
        })
        .collect()
}

/// A part of a value (a tuple struct's field, an element, what `.get(k)` finds): a whole
/// object's part may be text. Unlike [`set_unknown_from_object`], request objects stay (their
/// accessors still decide).
fn part_of(taint: Taint) -> Taint {
    taint
        .into_iter()
        .map(|mut f| {
            if f.kind == ValueKind::Object && f.accessors.is_empty() {
                f.kind = ValueKind::Unknown;
            }
            f
        })
        .collect()
}

fn set_kind_object(taint: Taint) -> Taint {
    set_kind(taint, ValueKind::Object)
}

fn is_normal_component(pat: &syn::Pat) -> bool {
    let syn::Pat::TupleStruct(ts) = pat else {
        return false;
    };
    let segments: Vec<String> = ts
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    matches!(
        segments
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice(),
        [.., "Component", "Normal"]
    )
}

fn is_validator_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    kb::VALIDATOR_WORDS.iter().any(|w| lower.contains(w))
}
