//! Checks that make a value safe on one side of them: validation calls, allow-lists, literal
//! matches, `..` and size checks, canonical prefixes; and the locals they clean.

use super::*;

impl Walk<'_, '_, '_> {
    /// Marks locals (or fields of locals) clean and returns what they held, for a check that
    /// only holds inside a branch.
    pub(super) fn clean_vars(
        &mut self,
        vars: &[String],
        cleans: Cleans,
    ) -> Vec<(String, Option<Taint>)> {
        let mut saved = Vec::new();
        for key in vars {
            let mut keys: Vec<String> = self
                .vars
                .keys()
                .filter(|k| *k == key || k.starts_with(&format!("{key}.")))
                .cloned()
                .collect();
            if !self.vars.contains_key(key) {
                // A field of a local held whole (`q.order` of `q`): the field gets its own,
                // clean entry.
                let inherited = set_unknown_from_object(self.expr_key(key));
                if !inherited.is_empty() {
                    saved.push((key.clone(), None));
                    self.vars.insert(key.clone(), clean(inherited, cleans));
                }
                keys.retain(|k| k != key);
            }
            // The same value held in another local (`absolute.push(&p); given.push(&p);`, then
            // `given` checked): what both were derived from, two steps or more, is checked.
            let prefixes: Vec<Vec<(usize, usize)>> = self
                .expr_key(key)
                .iter()
                .filter(|f| f.steps.len() >= 3)
                .map(|f| {
                    f.steps[..f.steps.len() - 1]
                        .iter()
                        .map(|s| crate::taint::pos(s.start))
                        .collect()
                })
                .collect();
            if !prefixes.is_empty() {
                for (k, v) in &self.vars {
                    if keys.contains(k) || k == key {
                        continue;
                    }
                    let shares = v.iter().any(|f| {
                        prefixes.iter().any(|p| {
                            f.steps.len() > p.len()
                                && f.steps
                                    .iter()
                                    .zip(p)
                                    .all(|(s, q)| crate::taint::pos(s.start) == *q)
                        })
                    });
                    if shares {
                        keys.push(k.clone());
                    }
                }
            }
            for k in keys {
                if let Some(old) = self.vars.remove(&k) {
                    saved.push((k.clone(), Some(old.clone())));
                    self.vars.insert(k, clean(old, cleans));
                }
            }
        }
        saved
    }

    pub(super) fn restore(&mut self, saved: Vec<(String, Option<Taint>)>) {
        for (k, v) in saved {
            match v {
                Some(v) => {
                    self.vars.insert(k, v);
                }
                None => {
                    self.vars.remove(&k);
                }
            }
        }
    }

    /// What the longest assigned prefix of `a.b.c` holds.
    pub(super) fn expr_key(&self, key: &str) -> Taint {
        let mut k = key;
        loop {
            if self.vars.contains_key(k) {
                return self.lookup(k);
            }
            match k.rfind('.') {
                Some(i) => k = &k[..i],
                None => return Vec::new(),
            }
        }
    }

    /// `validate(&x)?;`, `ensure!(is_valid(&x), ..)`: `x` is clean after the statement.
    pub(super) fn statement_guard(&mut self, expr: &syn::Expr) {
        let mut inner = expr;
        loop {
            match inner {
                syn::Expr::Try(t) => inner = &t.expr,
                syn::Expr::Await(a) => inner = &a.base,
                syn::Expr::MethodCall(mc)
                    if matches!(
                        mc.method.to_string().as_str(),
                        "map_err" | "context" | "with_context" | "wrap_err" | "or_else"
                    ) =>
                {
                    inner = &mc.receiver
                }
                _ => break,
            }
        }
        if !matches!(expr, syn::Expr::Try(_)) && !is_try_chain(expr) {
            return;
        }
        if let Some(g) = self.guard_of(inner) {
            self.note_validated(&g.vars, g.cleans);
            self.clean_vars(&g.vars, g.cleans);
        }
    }

    /// Records the parameters a check that returns early covers, for the fn's summary.
    pub(super) fn note_validated(&mut self, vars: &[String], cleans: Cleans) {
        for key in vars {
            for flow in self.expr_key(key) {
                if let Some(p) = flow.origin.param()
                    && !self.validates.contains(&(p, cleans))
                {
                    self.validates.push((p, cleans));
                }
            }
        }
    }

    /// `helper(&x)?` where `helper`'s summary says it checks that parameter and returns an
    /// error when the check fails: `x` is clean after it, as after `validate(&x)?`.
    pub(super) fn checked_by_call(&mut self, expr: &syn::Expr) {
        let mut inner = expr;
        loop {
            match inner {
                syn::Expr::Await(a) => inner = &a.base,
                syn::Expr::Paren(p) => inner = &p.expr,
                syn::Expr::MethodCall(mc)
                    if matches!(
                        mc.method.to_string().as_str(),
                        "map_err"
                            | "context"
                            | "with_context"
                            | "wrap_err"
                            | "ok_or"
                            | "ok_or_else"
                    ) =>
                {
                    inner = &mc.receiver
                }
                _ => break,
            }
        }
        let (validates, args): (Vec<(usize, Cleans)>, Vec<&syn::Expr>) = match inner {
            syn::Expr::Call(c) => {
                let syn::Expr::Path(func) = &*c.func else {
                    return;
                };
                let segments = &func.path.segments;
                let Some(last) = segments.last().map(|s| s.ident.to_string()) else {
                    return;
                };
                let same_file = match segments.len() {
                    1 => self.engine.index.unique(&last, false),
                    2 if segments[0].ident == "Self" => self.engine.index.unique(&last, true),
                    _ => None,
                };
                let validates = match same_file {
                    Some(i) if self.engine.index.fns[i].sig.receiver().is_none() => {
                        self.engine.analyse(i).validates.clone()
                    }
                    Some(_) => return,
                    None => {
                        let resolved = self.engine.uses.resolve_path(&func.path);
                        match self.engine.outside.summary(&resolved, false) {
                            Some(o) => o.summary.validates.clone(),
                            None => return,
                        }
                    }
                };
                (validates, c.args.iter().collect())
            }
            _ => return,
        };
        for (p, cleans) in validates {
            if let Some(key) = args.get(p).and_then(|a| root_key(a)) {
                self.note_validated(std::slice::from_ref(&key), cleans);
                self.clean_vars(&[key], cleans);
            }
        }
    }

    /// What the locals and fields a condition reads may hold (`insecure`, `!cfg.insecure`).
    pub(super) fn read_by(&self, cond: &syn::Expr) -> Taint {
        match cond {
            syn::Expr::Field(f) if self.kind() == SinkKind::Tls && self.is_config(&f.base) => {
                self.config_field(f)
            }
            syn::Expr::Path(_) | syn::Expr::Field(_) => {
                let key = field_key(cond).or_else(|| local_name(cond));
                key.map(|k| self.expr_key(&k)).unwrap_or_default() // optional: a constant condition reads no local
            }
            syn::Expr::Unary(u) => self.read_by(&u.expr),
            syn::Expr::Paren(p) => self.read_by(&p.expr),
            syn::Expr::Reference(r) => self.read_by(&r.expr),
            syn::Expr::Binary(b) => {
                let mut out = self.read_by(&b.left);
                union(&mut out, self.read_by(&b.right));
                out
            }
            syn::Expr::MethodCall(mc) => self.read_by(&mc.receiver),
            _ => Vec::new(),
        }
    }

    pub(super) fn statement_macro_guard(&mut self, mac: &syn::Macro) {
        let name = crate::macros::macro_name(mac);
        if !matches!(name.as_str(), "ensure" | "assert" | "anyhow_ensure") {
            return;
        }
        let Some(crate::macros::MacroBody::Exprs(args)) = crate::macros::parse_body(&name, mac)
        else {
            return;
        };
        if let Some(g) = args.first().and_then(|c| self.guard_of(c))
            && g.positive
        {
            self.note_validated(&g.vars, g.cleans);
            self.clean_vars(&g.vars, g.cleans);
        }
    }

    /// What a condition checks: a validator call, a regex match, an allow-list lookup, a
    /// `..` test, a size comparison, a canonical-prefix test; positive when the check passing
    /// makes the condition true.
    pub(super) fn guard_of(&self, cond: &syn::Expr) -> Option<Guard> {
        match cond {
            syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Not(_)) => {
                let mut g = self.guard_of(&u.expr)?;
                g.positive = !g.positive;
                Some(g)
            }
            syn::Expr::Paren(p) => self.guard_of(&p.expr),
            syn::Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
                let mut left = self.guard_of(&b.left);
                let right = self.guard_of(&b.right);
                match (&mut left, right) {
                    (Some(l), Some(r)) if l.positive && r.positive => {
                        l.vars.extend(r.vars);
                        left
                    }
                    (Some(_), _) => left,
                    (None, r) => r,
                }
            }
            syn::Expr::Binary(b)
                if matches!(
                    b.op,
                    syn::BinOp::Lt(_) | syn::BinOp::Le(_) | syn::BinOp::Gt(_) | syn::BinOp::Ge(_)
                ) =>
            {
                // A size compared with a bound: `n > MAX`, `n <= limit`. The direction decides
                // only whether the early return or the branch body is the safe side.
                let vars: Vec<String> = [&*b.left, &*b.right]
                    .into_iter()
                    .filter_map(root_key)
                    .collect();
                let upper_bound_on_left = matches!(b.op, syn::BinOp::Gt(_) | syn::BinOp::Ge(_));
                let positive = if root_key(&b.left).is_some() {
                    !upper_bound_on_left
                } else {
                    upper_bound_on_left
                };
                (!vars.is_empty()).then_some(Guard {
                    vars,
                    positive,
                    cleans: Cleans::For(SinkKind::Allocation),
                })
            }
            syn::Expr::Call(c) => {
                let syn::Expr::Path(p) = &*c.func else {
                    return None;
                };
                let name = p.path.segments.last()?.ident.to_string();
                if !is_validator_name(&name) {
                    return None;
                }
                let vars: Vec<String> = c.args.iter().filter_map(root_key).collect();
                (!vars.is_empty()).then_some(Guard {
                    vars,
                    positive: true,
                    cleans: Cleans::Everything,
                })
            }
            syn::Expr::MethodCall(mc) => {
                let method = mc.method.to_string();
                if method == "is_match" || is_validator_name(&method) {
                    let vars: Vec<String> = mc.args.iter().filter_map(root_key).collect();
                    return (!vars.is_empty()).then_some(Guard {
                        vars,
                        positive: true,
                        cleans: Cleans::Everything,
                    });
                }
                match method.as_str() {
                    // `name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')`: only
                    // letters, digits and underscores, which no sink gives a meaning to.
                    "all" if is_identifier_charset(mc) => {
                        let syn::Expr::MethodCall(inner) = &*mc.receiver else {
                            return None;
                        };
                        Some(Guard {
                            vars: root_key(&inner.receiver).into_iter().collect(),
                            positive: true,
                            cleans: Cleans::Everything,
                        })
                    }
                    // `p.components().any(|c| c == Component::ParentDir)`, or
                    // `.any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))`: a
                    // traversal check.
                    "any"
                        if matches!(&*mc.receiver, syn::Expr::MethodCall(inner) if inner.method == "components")
                            && (mc.args.to_token_stream().to_string().contains("ParentDir")
                                || not_only_normal(&mc.args.to_token_stream().to_string())) =>
                    {
                        let syn::Expr::MethodCall(inner) = &*mc.receiver else {
                            return None;
                        };
                        Some(Guard {
                            vars: path_root_key(&inner.receiver).into_iter().collect(),
                            positive: false,
                            cleans: Cleans::For(SinkKind::Path),
                        })
                    }
                    // `ALLOWED.contains(&x)`: an allow-list of the program's own values.
                    "contains" | "contains_key"
                        if self.expr_is_clean(&mc.receiver)
                            && mc.args.first().and_then(root_key).is_some() =>
                    {
                        Some(Guard {
                            vars: mc.args.iter().filter_map(root_key).collect(),
                            positive: true,
                            cleans: Cleans::Everything,
                        })
                    }
                    // `name.contains("..")`: a traversal check (negative: true means unsafe).
                    "contains"
                        if mc
                            .args
                            .first()
                            .is_some_and(|a| literal_text(a).is_some_and(|t| t.contains(".."))) =>
                    {
                        Some(Guard {
                            vars: root_key(&mc.receiver).into_iter().collect(),
                            positive: false,
                            cleans: Cleans::For(SinkKind::Path),
                        })
                    }
                    // `full.starts_with(&base)` on a canonicalized path.
                    "starts_with" => {
                        let key = root_key(&mc.receiver)?;
                        self.canonical.contains(&key).then_some(Guard {
                            vars: vec![key],
                            positive: true,
                            cleans: Cleans::For(SinkKind::Path),
                        })
                    }
                    _ => None,
                }
            }
            syn::Expr::Macro(m) if crate::macros::macro_name(&m.mac) == "matches" => {
                let tokens: Vec<TokenTree> = m.mac.tokens.clone().into_iter().collect();
                let comma = tokens
                    .iter()
                    .position(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ','))?;
                let scrutinee: TokenStream = tokens[..comma].iter().cloned().collect();
                let pattern: TokenStream = tokens[comma + 1..].iter().cloned().collect();
                let scrutinee: syn::Expr = syn::parse2(scrutinee).ok()?;
                let pattern = syn::parse::Parser::parse2(syn::Pat::parse_multi, pattern).ok()?;
                let key = root_key(&scrutinee)?;
                is_literal_pat(&pattern).then_some(Guard {
                    vars: vec![key],
                    positive: true,
                    cleans: Cleans::Everything,
                })
            }
            _ => None,
        }
    }

    /// No local the expression reads is tainted (a constant list, a fresh literal).
    pub(super) fn expr_is_clean(&self, expr: &syn::Expr) -> bool {
        match peel(expr) {
            syn::Expr::Path(p) => {
                p.path.segments.len() != 1
                    || self
                        .lookup(&p.path.segments[0].ident.to_string())
                        .is_empty()
            }
            syn::Expr::Array(_) | syn::Expr::Lit(_) => true,
            syn::Expr::Field(_) => false,
            _ => false,
        }
    }
}

/// `x.chars().all(|c| ..)` (or `.bytes()`) whose closure admits only ASCII letters, digits and
/// `_`: the character classes it calls and the character literals it compares with.
fn is_identifier_charset(mc: &syn::ExprMethodCall) -> bool {
    let syn::Expr::MethodCall(inner) = &*mc.receiver else {
        return false;
    };
    if !matches!(inner.method.to_string().as_str(), "chars" | "bytes") || !inner.args.is_empty() {
        return false;
    }
    let Some(syn::Expr::Closure(c)) = mc.args.first() else {
        return false;
    };
    struct Classes {
        ok: bool,
        any_class: bool,
    }
    impl<'ast> Visit<'ast> for Classes {
        fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
            let name = m.method.to_string();
            if matches!(
                name.as_str(),
                "is_ascii_alphanumeric"
                    | "is_ascii_alphabetic"
                    | "is_ascii_digit"
                    | "is_ascii_lowercase"
                    | "is_ascii_uppercase"
                    | "is_ascii_hexdigit"
            ) {
                self.any_class = true;
            } else {
                self.ok = false;
            }
            syn::visit::visit_expr_method_call(self, m);
        }
        fn visit_lit(&mut self, lit: &'ast syn::Lit) {
            let allowed = match lit {
                syn::Lit::Char(c) => c.value() == '_',
                syn::Lit::Byte(b) => b.value() == b'_',
                _ => false,
            };
            self.ok &= allowed;
        }
        fn visit_expr_call(&mut self, _: &'ast syn::ExprCall) {
            self.ok = false;
        }
        fn visit_macro(&mut self, _: &'ast syn::Macro) {
            self.ok = false;
        }
    }
    let mut classes = Classes {
        ok: true,
        any_class: false,
    };
    classes.visit_expr(&c.body);
    classes.ok && classes.any_class
}

pub(super) struct Guard {
    pub(super) vars: Vec<String>,
    pub(super) positive: bool,
    pub(super) cleans: Cleans,
}

/// A path made canonical: `canonicalize()`, or a lexical normaliser of a library the file
/// imports (`path_clean`'s `.clean()`, which resolves every `..`).
pub(super) fn is_canonicalize(uses: &UseMap, expr: &syn::Expr) -> bool {
    let mut e = expr;
    loop {
        match e {
            syn::Expr::Try(t) => e = &t.expr,
            syn::Expr::Await(a) => e = &a.base,
            syn::Expr::MethodCall(mc) if mc.method == "canonicalize" => return true,
            syn::Expr::MethodCall(mc)
                if mc.args.is_empty() && normaliser_in_scope(uses, &mc.method) =>
            {
                return true;
            }
            syn::Expr::MethodCall(mc)
                if matches!(
                    mc.method.to_string().as_str(),
                    "unwrap" | "expect" | "map_err" | "context" | "ok"
                ) =>
            {
                e = &mc.receiver
            }
            syn::Expr::Call(c) => {
                let syn::Expr::Path(p) = &*c.func else {
                    return false;
                };
                let full = resolve(uses, &p.path).join("::");
                return p
                    .path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "canonicalize")
                    || kb::PATH_NORMALISER_FNS.contains(&full.as_str());
            }
            _ => return false,
        }
    }
}

/// Whether `method` is a normalising method of a trait the file imports.
fn normaliser_in_scope(uses: &UseMap, method: &syn::Ident) -> bool {
    kb::PATH_NORMALISER_METHODS
        .iter()
        .any(|(tr, m)| method == m && super::calls::trait_in_scope(uses, tr))
}

pub(super) fn is_try_chain(expr: &syn::Expr) -> bool {
    matches!(expr, syn::Expr::Try(_))
}

/// Whether a block always leaves: `return`, `break`, `continue`, `bail!`, `panic!`.
pub(super) fn diverges(block: &syn::Block) -> bool {
    block.stmts.iter().any(|s| match s {
        syn::Stmt::Expr(e, _) => expr_diverges(e),
        syn::Stmt::Macro(m) => is_diverging_macro(&m.mac),
        _ => false,
    })
}

/// Whether a block that leaves does so with a failure the caller's `?` sees: `return Err(..)`,
/// `return None`, `bail!`, or a panic.
pub(super) fn fails(block: &syn::Block) -> bool {
    block.stmts.iter().any(|s| match s {
        syn::Stmt::Expr(syn::Expr::Return(r), _) => r.expr.as_deref().is_some_and(|e| {
            let e = match e {
                syn::Expr::Call(c) => &*c.func,
                other => other,
            };
            matches!(e, syn::Expr::Path(p)
                if p.path.segments.last().is_some_and(|s| s.ident == "Err" || s.ident == "None"))
        }),
        syn::Stmt::Expr(syn::Expr::Macro(m), _) => is_diverging_macro(&m.mac),
        syn::Stmt::Macro(m) => is_diverging_macro(&m.mac),
        _ => false,
    })
}

pub(super) fn expr_diverges(e: &syn::Expr) -> bool {
    match e {
        syn::Expr::Return(_) | syn::Expr::Break(_) | syn::Expr::Continue(_) => true,
        syn::Expr::Macro(m) => is_diverging_macro(&m.mac),
        syn::Expr::Block(b) => diverges(&b.block),
        _ => false,
    }
}

pub(super) fn is_diverging_macro(mac: &syn::Macro) -> bool {
    matches!(
        crate::macros::macro_name(mac).as_str(),
        "bail" | "panic" | "unreachable" | "todo" | "unimplemented"
    )
}

pub(super) fn is_literal_pat(pat: &syn::Pat) -> bool {
    match pat {
        syn::Pat::Lit(_) => true,
        syn::Pat::Or(o) => o.cases.iter().all(is_literal_pat),
        syn::Pat::Paren(p) => is_literal_pat(&p.pat),
        _ => false,
    }
}

/// A closure's text that is true for a component other than a plain name:
/// `!matches!(c, Component::Normal(_) | Component::CurDir)`.
fn not_only_normal(text: &str) -> bool {
    let text: String = text.split_whitespace().collect();
    text.contains("!matches!") && text.contains("Component::Normal") && !text.contains("ParentDir")
}

/// `for c in p.components() { assert!(matches!(c, Component::Normal(_))); }` (or `.enumerate()`
/// of them, the component bound first): the loop panics unless every component of `p` is a
/// plain name. The local checked, `p`.
pub(super) fn normal_components_asserted(f: &syn::ExprForLoop) -> Option<String> {
    let mut e = peel(&f.expr);
    if let syn::Expr::MethodCall(mc) = e
        && mc.method == "enumerate"
    {
        e = peel(&mc.receiver);
    }
    let syn::Expr::MethodCall(mc) = e else {
        return None;
    };
    if mc.method != "components" {
        return None;
    }
    let var = match &*f.pat {
        syn::Pat::Tuple(t) => t.elems.iter().nth(1).and_then(crate::syntax::pat_name),
        p => crate::syntax::pat_name(p),
    }?;
    let asserted = f.body.stmts.iter().any(|stmt| {
        let mac = match stmt {
            syn::Stmt::Macro(m) => &m.mac,
            syn::Stmt::Expr(syn::Expr::Macro(m), _) => &m.mac,
            _ => return false,
        };
        let text: String = mac.tokens.to_string().split_whitespace().collect();
        crate::macros::macro_name(mac) == "assert"
            && text.starts_with(&format!("matches!({var},"))
            && text.contains("Component::Normal")
            && !text.contains("ParentDir")
            && !text.contains("RootDir")
    });
    asserted.then(|| root_key(&mc.receiver)).flatten()
}

/// The local a path is made of: `p`, or `x` of `Path::new(x)`/`PathBuf::from(x)`.
fn path_root_key(expr: &syn::Expr) -> Option<String> {
    if let syn::Expr::Call(c) = peel(expr)
        && let syn::Expr::Path(p) = &*c.func
        && c.args.len() == 1
    {
        let segments: Vec<String> = p
            .path
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect();
        return match segments.as_slice() {
            [.., owner, ctor]
                if kb::PATH_TYPES.contains(&owner.as_str())
                    && matches!(ctor.as_str(), "new" | "from") =>
            {
                root_key(&c.args[0])
            }
            _ => None,
        };
    }
    root_key(expr)
}
