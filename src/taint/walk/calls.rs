//! Calls and method calls: sources, sinks, sanitizers, request-object accessors, and the
//! summaries of the file's functions applied at their call sites.

use super::*;
use crate::taint::summary::{Outside, ReturnedFrom};

impl Walk<'_, '_, '_> {
    /// What a read from `from` puts into the buffer `key` (`stream.read_to_string(&mut s)`,
    /// `Read::read_to_string(&mut stream, &mut s)`): text from where `from` was opened.
    fn read_into(&mut self, from: Taint, span: Span, key: String) {
        let read = with_step(
            set_kind(opened(from), ValueKind::Text),
            span,
            &format!("read into `{key}`"),
            Some(&key),
        );
        self.add_to(key, read);
    }
}

impl Walk<'_, '_, '_> {
    pub(super) fn method_call(&mut self, mc: &syn::ExprMethodCall) -> Taint {
        let method = mc.method.to_string();
        let receiver = self.expr(&mc.receiver);
        // Closure arguments of iterator and option adaptors see the receiver's items.
        let mut args = Vec::new();
        let mut closure_result = Vec::new();
        let takes_closure = CLOSURE_RESULT_METHODS.contains(&method.as_str());
        for arg in &mc.args {
            match peel(arg) {
                syn::Expr::Closure(c) => {
                    let t = self.closure(c, receiver.clone());
                    union(&mut closure_result, t.clone());
                    args.push(t);
                }
                // A fn of the file in the closure's place (`.and_then(handler)` of a warp
                // filter, `.map(parse)`): every parameter sees the receiver's items.
                syn::Expr::Path(p)
                    if takes_closure
                        && !receiver.is_empty()
                        && p.path.segments.len() == 1
                        && let Some(i) = self
                            .engine
                            .index
                            .unique(&p.path.segments[0].ident.to_string(), false) =>
                {
                    let n = self.engine.index.fns[i].sig.inputs.len();
                    let inputs = vec![receiver.clone(); n];
                    let spans = vec![arg.span(); n];
                    let exprs = vec![None; n];
                    let t = self.apply_summary(i, &inputs, &exprs, &spans, arg.span());
                    union(&mut closure_result, t.clone());
                    args.push(t);
                }
                _ => args.push(self.expr(arg)),
            }
        }

        let receiver_type = self.type_of(&mc.receiver);
        // A function of this file: its summary decides, unless the receiver is known to be of
        // another type than its `impl`'s (`headers.get(..)` on a `HeaderMap` beside `Cfg::get`).
        let other_type = |f: &FnDef<'_>| match (&f.self_type, receiver_type.as_ref()) {
            (Some(own), Some(t)) => t.last() != Some(own) && own != "Self",
            _ => false,
        };
        if let Some(i) = self.engine.index.unique(&method, true)
            && self.engine.index.fns[i].sig.receiver().is_some()
            && !other_type(&self.engine.index.fns[i])
        {
            let mut inputs = vec![receiver.clone()];
            inputs.extend(args.iter().cloned());
            let spans: Vec<Span> = std::iter::once(mc.receiver.span())
                .chain(mc.args.iter().map(|a| a.span()))
                .collect();
            let exprs = method_exprs(mc);
            return self.apply_summary(i, &inputs, &exprs, &spans, mc.method.span());
        }

        // A method of a workspace type in another file, on a value whose type the walk knows.
        if let Some(owner) = receiver_type.as_ref().and_then(|t| t.last())
            && let Some(outside) = self
                .engine
                .outside
                .summary(&[owner.clone(), method.clone()], true)
        {
            let mut inputs = vec![receiver.clone()];
            inputs.extend(args.iter().cloned());
            let spans: Vec<Span> = std::iter::once(mc.receiver.span())
                .chain(mc.args.iter().map(|a| a.span()))
                .collect();
            let exprs = method_exprs(mc);
            return self.apply_outside(&outside, &inputs, &exprs, &spans, mc.method.span());
        }

        // Sinks.
        let type_path = receiver_type.as_ref().map(|t| t.join("::"));
        if let Some(source) = kb::SOURCE_METHODS.iter().find(|s| {
            s.method == method
                && (s.receivers.is_empty()
                    || type_path
                        .as_ref()
                        .is_some_and(|t| s.receivers.contains(&t.as_str())))
        }) {
            return vec![Flow {
                origin: Origin::Source {
                    family: source.family,
                    what: source.what,
                },
                kind: ValueKind::Object,
                cleared: 0,
                accessors: source.accessors,
                joined: None,
                steps: vec![step(
                    mc.method.span(),
                    format!("{}: `.{method}()`", source.what),
                    None,
                )],
            }];
        }
        let mut path_sink_method = false;
        for sink in kb::SINK_METHODS {
            if sink.kind != self.kind() || sink.method != method {
                continue;
            }
            if !sink.traits.is_empty()
                && (!sink
                    .traits
                    .iter()
                    .any(|t| trait_in_scope(self.engine.uses, t))
                    || self.is_sql_builder(&mc.receiver))
            {
                continue;
            }
            if !sink.receivers.is_empty()
                && !receiver_type
                    .as_ref()
                    .is_some_and(|t| sink.receivers.contains(&t.join("::").as_str()))
            {
                continue;
            }
            path_sink_method |= sink.kind == SinkKind::Path;
            for &a in sink.args {
                if let (Some(arg), Some(t)) = (mc.args.iter().nth(a), args.get(a)) {
                    // `.query(&[("k", v)])` is a list of parameters, not SQL text.
                    if self.kind() == SinkKind::Sql && is_collection_literal(arg) {
                        continue;
                    }
                    let desc = match &receiver_type {
                        Some(t) if !sink.receivers.is_empty() => {
                            format!("`{}::{method}`", t.last().map_or("", String::as_str))
                        }
                        _ => format!("`.{method}()`"),
                    };
                    self.sink_value(self.kind(), &desc, mc.method.span(), arg, t.clone());
                }
            }
        }

        if self.kind() == SinkKind::Tls {
            self.verify_mode_sinks(mc, &method, &args);
        }

        // Reading into a buffer: `stdin.read_line(&mut line)`.
        if READ_INTO_METHODS.contains(&method.as_str())
            && !receiver.is_empty()
            && let Some(key) = mc
                .args
                .first()
                .and_then(|a| local_name(a).or_else(|| field_key(peel(a))))
        {
            self.read_into(receiver.clone(), mc.method.span(), key);
            return Vec::new();
        }
        // Storing into the receiver: `sql.push_str(&name)`.
        if STORE_METHODS.contains(&method.as_str())
            && let Some(key) = local_name(&mc.receiver).or_else(|| field_key(peel(&mc.receiver)))
        {
            let mut stored = Vec::new();
            for t in &args {
                union(&mut stored, t.clone());
            }
            if !stored.is_empty() {
                let onto_path = kb::PUSH_METHODS.contains(&method.as_str())
                    && self.is_path_receiver(&mc.receiver);
                if !onto_path && self.outlives_call(&key) {
                    self.escape(&stored, mc.method.span(), &format!("stored in `{key}`"));
                }
                let stored = with_step(
                    stored,
                    mc.method.span(),
                    &format!("appended to `{key}`"),
                    Some(&key),
                );
                let stored = if onto_path {
                    let end = mc.args.first().map_or(mc.method.span(), |a| a.span());
                    self.joined_onto(stored, mc.method.span(), end, "`.push()`")
                } else {
                    stored
                };
                self.add_to(key, stored);
            }
            return Vec::new();
        }

        // Request objects: only their accessors give input.
        let receiver = receiver
            .into_iter()
            .filter_map(|mut f| {
                if f.accessors.is_empty() || PASS_THROUGH.contains(&method.as_str()) {
                    Some(f)
                } else if f.accessors.contains(&method.as_str()) {
                    f.accessors = &[];
                    f.kind = ValueKind::Unknown;
                    f.push_step(step(mc.method.span(), format!("`.{method}()`"), None));
                    Some(f)
                } else {
                    None
                }
            })
            .collect::<Taint>();

        // Sanitizers.
        if method == "parse" {
            if let Some(ty) = turbofish_type(mc) {
                return self.typed(receiver, ty);
            }
            return receiver;
        }
        if method == "canonicalize" {
            return receiver;
        }
        // A flag is a flag whatever it was derived with: `env::var(..).is_ok()` is the
        // environment's choice.
        if let Some(s) = kb::SANITIZER_METHODS.iter().find(|s| s.method == method)
            && self.kind() != SinkKind::Tls
            && (!s.on_paths || self.is_path_value(&mc.receiver))
        {
            return clean(receiver, s.cleans);
        }
        if is_validator_name(&method) {
            let mut out = receiver;
            for t in args {
                union(&mut out, t);
            }
            return clear_all_text(out);
        }

        // A request's body collected whole (`req.into_body().collect()`, `body.collect()`): for
        // deserialisers, a body only a limit on the whole request bounds.
        if method == "collect"
            && self.kind() == SinkKind::Deserialise
            && trait_in_scope(self.engine.uses, kb::BODY_COLLECT_TRAIT)
            && self.is_request_body(&mc.receiver)
        {
            return request_body(mc.method.span(), "`.collect()`");
        }
        // `resp.into_body().collect()` with http-body-util's `BodyExt` in scope: the body.
        if method == "collect"
            && matches!(&*mc.receiver, syn::Expr::MethodCall(inner)
                if kb::BODY_METHODS.contains(&inner.method.to_string().as_str()))
            && trait_in_scope(self.engine.uses, kb::BODY_COLLECT_TRAIT)
        {
            return vec![Flow {
                origin: Origin::Source {
                    family: Family::Network,
                    what: "an HTTP body",
                },
                kind: ValueKind::Unknown,
                cleared: 0,
                accessors: &[],
                joined: None,
                steps: vec![step(
                    mc.method.span(),
                    "an HTTP body: `.collect()`".to_string(),
                    None,
                )],
            }];
        }
        // `Request::builder().uri(u)`: the request built carries its URI to a client's
        // `request(req)`; a request is no text for any other sink (`client.execute(req)` of
        // reqwest is no SQL).
        if method == "uri"
            && let Some(uri) = args.first()
        {
            let mut out = receiver;
            let built = uri
                .iter()
                .cloned()
                .map(|mut f| {
                    for k in kb::TEXT_SINKS.iter().chain([&SinkKind::Allocation]) {
                        if *k != SinkKind::Ssrf {
                            f.cleared |= k.bit();
                        }
                    }
                    f
                })
                .collect();
            union(&mut out, built);
            return out;
        }
        // A value joined onto a path: `base.join(name)`.
        let joins = kb::JOIN_METHODS.contains(&method.as_str())
            && mc.args.len() == 1
            && self.kind() == SinkKind::Path
            && self.is_path_receiver(&mc.receiver);
        let known = CLOSURE_RESULT_METHODS.contains(&method.as_str())
            || ARG_FLOW_METHODS.contains(&method.as_str())
            || PART_METHODS.contains(&method.as_str())
            || TEXT_METHODS.contains(&method.as_str())
            || PASS_THROUGH.contains(&method.as_str())
            || matches!(method.as_str(), "unwrap_or_else" | "or_else" | "map_or")
            || kb::JOINED_PATH_KEEPING_METHODS.contains(&method.as_str())
            || kb::JOIN_READING_METHODS.contains(&method.as_str())
            || path_sink_method;
        if !known {
            // A joined path handed to a method the engine does not know leaves here.
            let spans: Vec<Span> = mc.args.iter().map(|a| a.span()).collect();
            self.escape_into_call(&[format!(".{method}()")], &args, &spans);
        }
        let receiver = self.after_path_method(&method, receiver);
        let mut out = if CLOSURE_RESULT_METHODS.contains(&method.as_str()) {
            closure_result
        } else {
            let mut out = receiver;
            if ARG_FLOW_METHODS.contains(&method.as_str())
                || matches!(method.as_str(), "unwrap_or_else" | "or_else" | "map_or")
            {
                for (i, t) in args.into_iter().enumerate() {
                    let t = match mc.args.iter().nth(i) {
                        Some(arg) if joins => {
                            self.joined_onto(t, mc.method.span(), arg.span(), "`.join()`")
                        }
                        _ => t,
                    };
                    union(&mut out, t);
                }
            }
            out
        };
        // `[base, name].iter().collect::<PathBuf>()`
        if method == "collect"
            && turbofish_type(mc)
                .and_then(type_name)
                .is_some_and(|t| kb::PATH_TYPES.contains(&t.as_str()))
        {
            out = self.joined_onto(out, mc.method.span(), mc.span(), "`.collect()`");
        }
        // `params.get("cmd")` of a whole map or list: an element, which may be text.
        if PART_METHODS.contains(&method.as_str()) {
            out = part_of(out);
        }
        if TEXT_METHODS.contains(&method.as_str()) {
            out = out
                .into_iter()
                .map(|mut f| {
                    if f.kind != ValueKind::Number {
                        f.kind = ValueKind::Text;
                    }
                    f
                })
                .collect();
        }
        out
    }

    pub(super) fn call(&mut self, c: &syn::ExprCall) -> Taint {
        let args: Vec<Taint> = c.args.iter().map(|a| self.expr(a)).collect();
        let syn::Expr::Path(func) = &*c.func else {
            let f = self.expr(&c.func);
            let mut out = f;
            for t in args {
                union(&mut out, t);
            }
            return out;
        };
        let segments = &func.path.segments;
        // A local closure: what it captured plus what it is given.
        if segments.len() == 1 {
            let name = segments[0].ident.to_string();
            if self.vars.contains_key(&name) {
                let mut out = self.lookup(&name);
                for t in args {
                    union(&mut out, t);
                }
                return out;
            }
        }
        let resolved = resolve(self.engine.uses, &func.path);
        let full = resolved.join("::");
        let call_span = func.span();

        // A read into a buffer written as a path call: `Read::read_to_string(&mut stream, &mut s)`
        // is `stream.read_to_string(&mut s)`.
        if segments.len() > 1
            && READ_INTO_METHODS.contains(&segments[segments.len() - 1].ident.to_string().as_str())
            && let (Some(from), Some(into)) = (args.first(), c.args.iter().nth(1))
            && !from.is_empty()
            && let Some(key) = local_name(into).or_else(|| field_key(peel(into)))
        {
            self.read_into(from.clone(), call_span, key);
            return Vec::new();
        }

        // A request body read whole with no limit (`to_bytes(body, usize::MAX)`): for
        // deserialisers only.
        if self.kind() == SinkKind::Deserialise
            && let Some(read) = kb_body::BODY_READ_FNS.iter().find(|r| r.path == full)
            && c.args
                .first()
                .is_some_and(|body| self.is_request_body(body))
            && read
                .limit_arg
                .is_none_or(|a| c.args.iter().nth(a).is_some_and(is_no_limit))
        {
            return request_body(c.span(), &format!("`{}(..)`", short(&full)));
        }

        for sink in kb::SINK_FNS {
            if sink.kind == self.kind() && sink.path == full {
                for &a in sink.args {
                    if let (Some(arg), Some(t)) = (c.args.iter().nth(a), args.get(a)) {
                        let desc = format!("`{}`", short(&full));
                        self.sink_value(self.kind(), &desc, call_span, arg, t.clone());
                    }
                }
            }
        }

        if self.kind() == SinkKind::Tls
            && let Some(off) = self.verify_off_call(c)
        {
            return off;
        }
        if self.kind() == SinkKind::Tls {
            for &(path, a) in kb_tls::MODE_FNS {
                if path == full
                    && let (Some(arg), Some(t)) = (c.args.iter().nth(a), args.get(a))
                {
                    let desc = format!("`{}`", short(&full));
                    self.sink_value(SinkKind::Tls, &desc, call_span, arg, only_modes(t.clone()));
                }
            }
        }
        let flag_source = || {
            kb_tls::FLAG_SOURCE_FNS
                .iter()
                .find(|s| s.path == full && self.kind() == SinkKind::Tls)
        };
        // The environment as input (a setting): a flag's environment stays configuration.
        let environment = || {
            kb::ENVIRONMENT_SOURCE_FNS.iter().find(|s| {
                s.path == full
                    && self.kind() != SinkKind::Tls
                    && self.engine.outside.environment_is_input()
            })
        };
        if let Some(source) = kb::SOURCE_FNS
            .iter()
            .find(|s| s.path == full)
            .or_else(flag_source)
            .or_else(environment)
        {
            return vec![Flow {
                origin: Origin::Source {
                    family: source.family,
                    what: source.what,
                },
                kind: ValueKind::Unknown,
                cleared: 0,
                accessors: &[],
                joined: None,
                steps: vec![Step {
                    start: c.span(),
                    end: c.span(),
                    note: format!("{}: `{}(..)`", source.what, short(&full)),
                    var: None,
                }],
            }];
        }

        if let Some(s) = kb::SANITIZER_FNS.iter().find(|s| s.path == full) {
            let mut out = Vec::new();
            for t in args {
                union(&mut out, t);
            }
            return clean(out, s.cleans);
        }

        // Same-file functions: `helper(x)`, `Self::helper(x)`.
        let last = segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default(); // optional: a path always has a last segment; "" matches nothing
        let same_file = if segments.len() == 1 {
            self.engine.index.unique(&last, false)
        } else if segments.len() == 2 && segments[0].ident == "Self" {
            self.engine.index.unique(&last, true)
        } else {
            None
        };
        if let Some(i) = same_file {
            let offset = usize::from(
                self.engine.index.fns[i].sig.receiver().is_some() && segments.len() == 1,
            );
            let mut inputs = vec![Vec::new(); offset];
            inputs.extend(args.iter().cloned());
            let mut spans = vec![call_span; offset];
            spans.extend(c.args.iter().map(|a| a.span()));
            let mut exprs = vec![None; offset];
            exprs.extend(c.args.iter().map(Some));
            return self.apply_summary(i, &inputs, &exprs, &spans, call_span);
        }
        if is_validator_name(&last) {
            let mut out = Vec::new();
            for t in args {
                union(&mut out, t);
            }
            return clear_all_text(out);
        }

        // A workspace fn in another file: its summary, through the model.
        if let Some(outside) = self.engine.outside.summary(&resolved, false) {
            let spans: Vec<Span> = c.args.iter().map(|a| a.span()).collect();
            let exprs: Vec<_> = c.args.iter().map(Some).collect();
            return self.apply_outside(&outside, &args, &exprs, &spans, call_span);
        }

        // Conversions: `i64::from_str(s)`, `u32::try_from(n)` are numbers; `Uuid::from_str`
        // leaves nothing; `PathBuf::from(s)`, `Some(s)`, `Wrapper(s)` keep the value.
        let owner = segments
            .iter()
            .rev()
            .nth(1)
            .map(|s| s.ident.to_string())
            .unwrap_or_default(); // optional: a bare `f(..)` has no owner type
        // An error carries its payload to whoever handles it, not to the value `?` or
        // `unwrap` give (`_ => Err(format!("no column {c}"))` of an allow-list).
        if last == "Err" {
            return Vec::new();
        }
        let mut out = Vec::new();
        for t in &args {
            union(&mut out, t.clone());
        }
        if out.is_empty() {
            return out;
        }
        if matches!(
            last.as_str(),
            "from_str" | "try_from" | "from" | "parse" | "new"
        ) && (is_number_name(&owner) || owner == "bool")
        {
            return set_kind(out, ValueKind::Number);
        }
        if kb::SAFE_PARSE_TYPES.contains(&owner.as_str()) {
            return Vec::new();
        }
        // `Order::from_str(s)` of an enum of unit variants: one of them, none of the text.
        if matches!(last.as_str(), "from_str" | "try_from" | "from" | "parse")
            && self.kind() != SinkKind::Tls
            && self.is_plain_enum_name(&owner)
        {
            return Vec::new();
        }
        if kb::CARRIER_FNS.contains(&full.as_str()) {
            return out;
        }
        let keeps = matches!(
            last.as_str(),
            "Some"
                | "Ok"
                | "Err"
                | "from"
                | "new"
                | "from_utf8"
                | "from_utf8_lossy"
                | "parse"
                | "from_str"
                | "try_from"
                | "Borrowed"
                | "Owned"
                | "into"
                | "to_string"
                | "clone"
        ) || last.chars().next().is_some_and(char::is_uppercase);
        let path_sink = kb::SINK_FNS
            .iter()
            .any(|s| s.kind == SinkKind::Path && s.path == full);
        if !keeps && !path_sink {
            // A joined path handed to a fn the engine does not know leaves here.
            let spans: Vec<Span> = c.args.iter().map(|a| a.span()).collect();
            self.escape_into_call(&resolved, &args, &spans);
        }
        if keeps { out } else { Vec::new() }
    }

    /// Applies the summary of the file's function `i` at a call.
    pub(super) fn apply_summary(
        &mut self,
        i: usize,
        inputs: &[Taint],
        exprs: &[Option<&syn::Expr>],
        spans: &[Span],
        call: Span,
    ) -> Taint {
        if inputs.iter().all(Vec::is_empty) {
            // Nothing tainted goes in; what comes out can only be a source inside the callee.
            let result = self.engine.analyse(i);
            return result
                .returns
                .iter()
                .filter(|f| matches!(f.origin, Origin::Source { .. }))
                .cloned()
                .collect();
        }
        let result = self.engine.analyse(i);
        let name = self.engine.index.fns[i].name.clone();
        self.apply_result(&result, &name, inputs, exprs, spans, call)
    }

    pub(super) fn apply_result(
        &mut self,
        result: &FnResult,
        name: &str,
        inputs: &[Taint],
        exprs: &[Option<&syn::Expr>],
        spans: &[Span],
        call: Span,
    ) -> Taint {
        for hit in &result.hits {
            let Some(p) = hit.flow.origin.param() else {
                continue;
            };
            let arg = self.handed(inputs, exprs, p, hit.flow.origin.field());
            for a in &arg {
                let flow = substitute(&hit.flow, a, spans.get(p).copied().unwrap_or(call), name);
                if flow.fires(self.kind()) {
                    self.hits.push(Hit {
                        flow,
                        sink: hit.sink.clone(),
                        arg: hit.arg,
                        in_test: false,
                    });
                }
            }
        }
        let mut out = Vec::new();
        for r in &result.returns {
            match r.origin.param() {
                Some(p) => {
                    for a in &self.handed(inputs, exprs, p, r.origin.field()) {
                        let mut flow =
                            substitute(r, a, spans.get(p).copied().unwrap_or(call), name);
                        flow.push_step(step(call, format!("returned by `{name}`"), None));
                        union(&mut out, vec![flow]);
                    }
                }
                None => union(&mut out, vec![r.clone()]),
            }
        }
        out
    }

    /// What a call hands to parameter `p` of a callee that reads only `field` of it: the field's
    /// value when the argument is a struct literal or a local filled field by field; else the
    /// whole argument (the caller's own parameter, handed on whole, then narrowed to the field).
    fn handed(
        &mut self,
        inputs: &[Taint],
        exprs: &[Option<&syn::Expr>],
        p: usize,
        field: Option<&str>,
    ) -> Taint {
        let whole = inputs.get(p).cloned().unwrap_or_default(); // optional: a missing argument hands over nothing
        let (Some(field), Some(Some(expr))) = (field, exprs.get(p)) else {
            return whole;
        };
        let named = |m: &syn::Member| matches!(m, syn::Member::Named(n) if n == field);
        match peel(expr) {
            syn::Expr::Struct(lit) => match lit.fields.iter().find(|f| named(&f.member)) {
                Some(f) => self.evaluate_again(&f.expr),
                None if lit.rest.is_some() => set_unknown_from_object(whole),
                None => Vec::new(),
            },
            other => match root_key(other) {
                Some(key) if self.vars.contains_key(&format!("{key}.{field}")) => {
                    self.lookup(&format!("{key}.{field}"))
                }
                Some(_) => set_unknown_from_object(param_field(whole, field)),
                None => whole,
            },
        }
    }

    /// The taint of an expression already walked once (a field of a struct literal argument),
    /// without recording its sinks, returns and checks a second time.
    fn evaluate_again(&mut self, expr: &syn::Expr) -> Taint {
        let (hits, returns, validates) =
            (self.hits.len(), self.returns.len(), self.validates.len());
        let taint = self.expr(expr);
        self.hits.truncate(hits);
        self.returns.truncate(returns);
        self.validates.truncate(validates);
        taint
    }

    /// Applies the summary of a workspace fn in another file at a call: its sinks are reported
    /// at the call (the argument that carries the value), pointing at the sink's file and line.
    pub(super) fn apply_outside(
        &mut self,
        outside: &Outside,
        inputs: &[Taint],
        exprs: &[Option<&syn::Expr>],
        spans: &[Span],
        call: Span,
    ) -> Taint {
        let summary = &outside.summary;
        let name = &outside.name;
        let file = crate::report::safe_text::one_line(&summary.file).into_owned();
        let kind = self.kind();
        for sink in summary.sinks.iter().filter(|k| k.sink == kind) {
            let arg = self.handed(inputs, exprs, sink.param, sink.field.as_deref());
            let at = spans.get(sink.param).copied().unwrap_or(call);
            for a in &arg {
                let mut flow = a.clone();
                flow.kind = combine_kind(a.kind, sink.kind);
                flow.cleared |= sink.cleared;
                flow.push_step(step(at, format!("passed to `{name}`"), None));
                let param_reaches = flow.origin.param().is_some()
                    && flow.cleared & self.kind().bit() == 0
                    && flow.accessors.is_empty();
                if flow.fires(self.kind()) || param_reaches {
                    self.hits.push(Hit {
                        flow,
                        sink: Step {
                            start: call,
                            end: at,
                            note: format!("{} in `{name}` ({file}:{})", sink.note, sink.line),
                            var: None,
                        },
                        arg: at,
                        in_test: false,
                    });
                }
            }
        }
        let mut out = Vec::new();
        for r in summary.returns.iter().filter(|r| r.sink == kind) {
            match &r.from {
                ReturnedFrom::Param(p) => {
                    let arg = self.handed(inputs, exprs, *p, r.field.as_deref());
                    let at = spans.get(*p).copied().unwrap_or(call);
                    for a in &arg {
                        let mut flow = a.clone();
                        flow.kind = combine_kind(a.kind, r.kind);
                        flow.cleared |= r.cleared;
                        flow.push_step(step(at, format!("passed to `{name}`"), None));
                        flow.push_step(step(call, format!("returned by `{name}` ({file})"), None));
                        union(&mut out, vec![flow]);
                    }
                }
                ReturnedFrom::Source { family, what, line } => union(
                    &mut out,
                    vec![Flow {
                        origin: Origin::Source {
                            family: *family,
                            what,
                        },
                        kind: r.kind,
                        cleared: r.cleared,
                        accessors: &[],
                        joined: None,
                        steps: vec![step(
                            call,
                            format!("{what}, read in `{name}` ({file}:{line})"),
                            None,
                        )],
                    }],
                ),
            }
        }
        out
    }

    /// Records the flows of `taint` that reach a sink of `kind`.
    pub(super) fn sink_value(
        &mut self,
        kind: SinkKind,
        desc: &str,
        at: Span,
        arg: &syn::Expr,
        taint: Taint,
    ) {
        if kind != self.kind() {
            return;
        }
        // A constant written at the sink (`true`, `SslVerifyMode::NONE`, an accept-all callback)
        // inside `if`s is decided by what their conditions read: `if insecure { .. }` is the
        // caller's opt-in when `insecure` is a parameter, `true` when it is `let insecure = true`.
        let taint = if kind == SinkKind::Tls && self.is_constant(arg) && !self.conditions.is_empty()
        {
            let mut decided = Vec::new();
            if !taint.is_empty() {
                for c in &self.conditions {
                    union(&mut decided, c.clone());
                }
            }
            decided
        } else {
            taint
        };
        for flow in taint {
            if flow.fires(kind)
                || (flow.origin.param().is_some()
                    && flow.cleared & kind.bit() == 0
                    && flow.accessors.is_empty())
            {
                self.hits.push(Hit {
                    flow,
                    sink: Step {
                        start: at,
                        end: arg.span(),
                        note: format!("reaches {desc}"),
                        var: None,
                    },
                    arg: arg.span(),
                    in_test: false,
                });
            }
        }
    }
}

impl Walk<'_, '_, '_> {
    /// A value written at the call rather than held in a local: a literal, a closure, a path
    /// (`SslVerifyMode::NONE`, `SSL_VERIFY_NONE`).
    fn is_constant(&self, arg: &syn::Expr) -> bool {
        match peel(arg) {
            syn::Expr::Lit(_) | syn::Expr::Closure(_) => true,
            syn::Expr::Path(p) => {
                p.path.segments.len() > 1
                    || local_name(arg).is_some_and(|n| !self.vars.contains_key(&n))
            }
            _ => false,
        }
    }

    /// openssl's verify mode and callback: `set_verify(SslVerifyMode::NONE)`,
    /// `set_verify_callback(mode, |_, _| true)`.
    fn verify_mode_sinks(&mut self, mc: &syn::ExprMethodCall, method: &str, args: &[Taint]) {
        for &(m, a) in kb_tls::MODE_METHODS {
            if m == method
                && let (Some(arg), Some(t)) = (mc.args.iter().nth(a), args.get(a))
            {
                let desc = format!("`.{method}()`");
                self.sink_value(
                    SinkKind::Tls,
                    &desc,
                    mc.method.span(),
                    arg,
                    only_modes(t.clone()),
                );
            }
        }
        for &(m, a) in kb_tls::CALLBACK_METHODS {
            if m == method
                && let Some(arg) = mc.args.iter().nth(a)
                && is_accept_all_closure(arg)
            {
                let desc = format!("`.{method}()`");
                let value = super::literal(arg.span(), kb_tls::ACCEPT_ALL_CALLBACK);
                self.sink_value(SinkKind::Tls, &desc, mc.method.span(), arg, value);
            }
        }
    }
}

/// A verify mode's value: a `true` is not one (`set_verify(true)` is some other library's).
fn only_modes(taint: Taint) -> Taint {
    taint
        .into_iter()
        .filter(|f| !matches!(f.origin, Origin::Source { family: Family::Literal, what } if what == kb_tls::TRUE))
        .collect()
}

/// `|_, _| true`
fn is_accept_all_closure(expr: &syn::Expr) -> bool {
    let is_true = |e: &syn::Expr| matches!(e, syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Bool(b), .. }) if b.value);
    matches!(peel(expr), syn::Expr::Closure(c) if is_true(&c.body)
        || matches!(&*c.body, syn::Expr::Block(b) if b.block.stmts.len() == 1
            && matches!(&b.block.stmts[0], syn::Stmt::Expr(e, None) if is_true(e))))
}

/// The kind of a caller's value after a callee made it into `callee`.
fn combine_kind(arg: ValueKind, callee: ValueKind) -> ValueKind {
    match (arg, callee) {
        (ValueKind::Number, _) | (_, ValueKind::Number) => ValueKind::Number,
        (a, ValueKind::Unknown) => a,
        (ValueKind::Object, ValueKind::Object) => ValueKind::Object,
        (_, c) => c,
    }
}

/// A method call's receiver and arguments, in the order of the callee's parameters.
fn method_exprs(mc: &syn::ExprMethodCall) -> Vec<Option<&syn::Expr>> {
    std::iter::once(&mc.receiver)
        .map(|r| &**r)
        .chain(&mc.args)
        .map(Some)
        .collect()
}

/// Substitutes a caller's argument flow for a callee's parameter flow.
pub(super) fn substitute(callee: &Flow, arg: &Flow, at: Span, name: &str) -> Flow {
    let kind = combine_kind(arg.kind, callee.kind);
    let mut steps = arg.steps.clone();
    steps.push(step(at, format!("passed to `{name}`"), None));
    steps.extend(callee.steps.iter().cloned());
    if steps.len() > crate::taint::MAX_STEPS {
        let cut = steps.len() - crate::taint::MAX_STEPS;
        steps.drain(1..=cut);
    }
    Flow {
        origin: arg.origin.clone(),
        kind,
        cleared: arg.cleared | callee.cleared,
        accessors: arg.accessors,
        joined: callee.joined.or(arg.joined),
        steps,
    }
}

/// Methods that hand back the object they are called on (a request, a message): its accessors
/// still decide what is input.
/// Methods of maps, lists and `serde_json::Value` that give one element of the collection.
const PART_METHODS: &[&str] = &[
    "get",
    "get_mut",
    "first",
    "last",
    "remove",
    "pop",
    "pop_front",
    "pop_back",
    "values",
    "into_values",
    "keys",
    "into_keys",
    "as_object",
    "as_array",
];

const PASS_THROUGH: &[&str] = &[
    "unwrap", "expect", "ok", "clone", "as_ref", "borrow", "detach",
];

/// Whether the file imports `path` (a trait, by name, as `_`, or through a glob of its module).
pub(super) fn trait_in_scope(uses: &UseMap, path: &str) -> bool {
    let (module, name) = path.rsplit_once("::").unwrap_or(("", path));
    uses.resolve(&[name.to_string()]).join("::") == path
        || uses.imports_anonymously(path)
        || uses.glob_imports(&module.split("::").collect::<Vec<_>>())
}

impl Walk<'_, '_, '_> {
    /// Whether `e` is a path: a value of a path type, `Path::new(..)`, an entry's `.path()`,
    /// and what `join`/`parent`/`unwrap`/`?` give of one. What `Path::file_name` cleans.
    pub(super) fn is_path_value(&self, e: &syn::Expr) -> bool {
        match peel(e) {
            syn::Expr::MethodCall(mc) => {
                let m = mc.method.to_string();
                kb::PATH_RESULT_METHODS.contains(&m.as_str())
                    || (kb::PATH_KEEPING_METHODS.contains(&m.as_str())
                        && self.is_path_value(&mc.receiver))
            }
            syn::Expr::Try(t) => self.is_path_value(&t.expr),
            syn::Expr::Await(a) => self.is_path_value(&a.base),
            e => self
                .type_of(e)
                .and_then(|t| t.last().cloned())
                .is_some_and(|t| kb::PATH_TYPES.contains(&t.as_str())),
        }
    }

    /// Whether `e` is an sqlx query builder (`sqlx::query(..).bind(x)`, `qb.build()`), whose
    /// `fetch*`/`execute` take the executor.
    fn is_sql_builder(&self, e: &syn::Expr) -> bool {
        match peel(e) {
            syn::Expr::MethodCall(mc) => {
                kb::SQL_BUILDER_METHODS.contains(&mc.method.to_string().as_str())
                    || self.is_sql_builder(&mc.receiver)
            }
            syn::Expr::Call(c) => matches!(&*c.func, syn::Expr::Path(p)
                if kb::SQL_BUILDER_FNS.contains(&resolve(self.engine.uses, &p.path).join("::").as_str())),
            // `sqlx::query!(..)`, `sqlx::query_as!(..)`: checked at compile time.
            syn::Expr::Macro(m) => m
                .mac
                .path
                .segments
                .last()
                .is_some_and(|s| s.ident.to_string().starts_with("query")),
            syn::Expr::Try(t) => self.is_sql_builder(&t.expr),
            syn::Expr::Await(a) => self.is_sql_builder(&a.base),
            _ => false,
        }
    }

    /// Whether `e` is a request's body: a parameter or local of a request type
    /// (`kb_body::REQUEST_TYPES`), or its `.into_body()`/`.body_mut()`.
    fn is_request_body(&self, e: &syn::Expr) -> bool {
        let e = match peel(e) {
            syn::Expr::MethodCall(mc)
                if kb::BODY_METHODS.contains(&mc.method.to_string().as_str()) =>
            {
                peel(&mc.receiver)
            }
            e => e,
        };
        matches!(e, syn::Expr::Path(p) if p.path.segments.len() == 1)
            && self
                .type_of(e)
                .is_some_and(|t| kb_body::REQUEST_TYPES.contains(&t.join("::").as_str()))
    }
}

/// The limit written as no limit: `usize::MAX`.
fn is_no_limit(e: &syn::Expr) -> bool {
    matches!(peel(e), syn::Expr::Path(p)
        if kb_body::NO_LIMIT.contains(&crate::syntax::path_segments(&p.path).join("::").as_str()))
}

/// A request body read whole: a source of deserialisers that only a limit on the whole request
/// bounds.
fn request_body(span: Span, how: &str) -> Taint {
    vec![Flow {
        origin: Origin::Source {
            family: Family::RequestBody(kb_body::BoundedBy::WholeRequestLimit),
            what: "the request body read whole",
        },
        kind: ValueKind::Unknown,
        cleared: 0,
        accessors: &[],
        joined: None,
        steps: vec![Step {
            start: span,
            end: span,
            note: format!("the request body, read whole with no limit: {how}"),
            var: None,
        }],
    }]
}
