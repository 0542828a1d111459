//! Calls and method calls: sources, sinks, sanitizers, request-object accessors, and the
//! summaries of the file's functions applied at their call sites.

use super::*;

impl Walk<'_, '_, '_> {
    pub(super) fn method_call(&mut self, mc: &syn::ExprMethodCall) -> Taint {
        let method = mc.method.to_string();
        let receiver = self.expr(&mc.receiver);
        // Closure arguments of iterator and option adaptors see the receiver's items.
        let mut args = Vec::new();
        let mut closure_result = Vec::new();
        for arg in &mc.args {
            match peel(arg) {
                syn::Expr::Closure(c) => {
                    let t = self.closure(c, receiver.clone());
                    union(&mut closure_result, t.clone());
                    args.push(t);
                }
                _ => args.push(self.expr(arg)),
            }
        }

        // A function of this file: its summary decides.
        if let Some(i) = self.engine.index.unique(&method, true)
            && self.engine.index.fns[i].sig.receiver().is_some()
        {
            let mut inputs = vec![receiver.clone()];
            inputs.extend(args.iter().cloned());
            let spans: Vec<Span> = std::iter::once(mc.receiver.span())
                .chain(mc.args.iter().map(|a| a.span()))
                .collect();
            return self.apply_summary(i, &inputs, &spans, mc.method.span());
        }

        // Sinks.
        let receiver_type = self.type_of(&mc.receiver);
        if let Some(source) = receiver_type.as_ref().and_then(|t| {
            let t = t.join("::");
            kb::SOURCE_METHODS
                .iter()
                .find(|s| s.method == method && s.receivers.contains(&t.as_str()))
        }) {
            return vec![Flow {
                origin: Origin::Source {
                    family: source.family,
                    what: source.what,
                },
                kind: ValueKind::Object,
                cleared: 0,
                accessors: source.accessors,
                steps: vec![step(
                    mc.method.span(),
                    format!("{}: `.{method}()`", source.what),
                    None,
                )],
            }];
        }
        for sink in kb::SINK_METHODS {
            if sink.kind != self.kind() || sink.method != method {
                continue;
            }
            if !sink.receivers.is_empty()
                && !receiver_type
                    .as_ref()
                    .is_some_and(|t| sink.receivers.contains(&t.join("::").as_str()))
            {
                continue;
            }
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

        // Reading into a buffer: `stdin.read_line(&mut line)`.
        if READ_INTO_METHODS.contains(&method.as_str())
            && !receiver.is_empty()
            && let Some(key) = mc
                .args
                .first()
                .and_then(|a| local_name(a).or_else(|| field_key(peel(a))))
        {
            let read = with_step(
                set_kind(opened(receiver.clone()), ValueKind::Text),
                mc.method.span(),
                &format!("read into `{key}`"),
                Some(&key),
            );
            let mut now = self.lookup(&key);
            union(&mut now, read);
            self.vars.insert(key, now);
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
                let stored = with_step(
                    stored,
                    mc.method.span(),
                    &format!("appended to `{key}`"),
                    Some(&key),
                );
                let mut now = self.lookup(&key);
                union(&mut now, stored);
                self.vars.insert(key, now);
            }
            return Vec::new();
        }

        // Request objects: only their accessors give input.
        let receiver = receiver
            .into_iter()
            .filter_map(|mut f| {
                if f.accessors.is_empty() {
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
        if let Some(s) = kb::SANITIZER_METHODS.iter().find(|s| s.method == method) {
            return clean(receiver, s.cleans);
        }
        if is_validator_name(&method) {
            let mut out = receiver;
            for t in args {
                union(&mut out, t);
            }
            return clear_all_text(out);
        }

        let mut out = if CLOSURE_RESULT_METHODS.contains(&method.as_str()) {
            closure_result
        } else {
            let mut out = receiver;
            if ARG_FLOW_METHODS.contains(&method.as_str())
                || matches!(method.as_str(), "unwrap_or_else" | "or_else" | "map_or")
            {
                for t in args {
                    union(&mut out, t);
                }
            }
            out
        };
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
        let resolved = self.engine.uses.resolve_path(&func.path);
        let full = resolved.join("::");
        let call_span = func.span();

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

        if let Some(source) = kb::SOURCE_FNS.iter().find(|s| s.path == full) {
            return vec![Flow {
                origin: Origin::Source {
                    family: source.family,
                    what: source.what,
                },
                kind: ValueKind::Unknown,
                cleared: 0,
                accessors: &[],
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
            return self.apply_summary(i, &inputs, &spans, call_span);
        }
        if let Some(summary) = self.engine.outside.summary(&resolved) {
            return self.apply_result(
                &summary,
                &last,
                &args,
                &c.args.iter().map(|a| a.span()).collect::<Vec<_>>(),
                call_span,
            );
        }

        if is_validator_name(&last) {
            let mut out = Vec::new();
            for t in args {
                union(&mut out, t);
            }
            return clear_all_text(out);
        }

        // Conversions: `i64::from_str(s)`, `u32::try_from(n)` are numbers; `Uuid::from_str`
        // leaves nothing; `PathBuf::from(s)`, `Some(s)`, `Wrapper(s)` keep the value.
        let owner = segments
            .iter()
            .rev()
            .nth(1)
            .map(|s| s.ident.to_string())
            .unwrap_or_default(); // optional: a bare `f(..)` has no owner type
        let mut out = Vec::new();
        for t in args {
            union(&mut out, t);
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
        if keeps { out } else { Vec::new() }
    }

    /// Applies the summary of the file's function `i` at a call.
    pub(super) fn apply_summary(
        &mut self,
        i: usize,
        inputs: &[Taint],
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
        self.apply_result(&result, &name, inputs, spans, call)
    }

    pub(super) fn apply_result(
        &mut self,
        result: &FnResult,
        name: &str,
        inputs: &[Taint],
        spans: &[Span],
        call: Span,
    ) -> Taint {
        for hit in &result.hits {
            let Origin::Param(p) = hit.flow.origin else {
                continue;
            };
            let Some(arg) = inputs.get(p) else { continue };
            for a in arg {
                let flow = substitute(&hit.flow, a, spans.get(p).copied().unwrap_or(call), name);
                if flow.fires(self.kind()) {
                    self.hits.push(Hit {
                        flow,
                        sink: hit.sink.clone(),
                        arg: hit.arg,
                    });
                }
            }
        }
        let mut out = Vec::new();
        for r in &result.returns {
            match r.origin {
                Origin::Param(p) => {
                    if let Some(arg) = inputs.get(p) {
                        for a in arg {
                            let mut flow =
                                substitute(r, a, spans.get(p).copied().unwrap_or(call), name);
                            flow.push_step(step(call, format!("returned by `{name}`"), None));
                            union(&mut out, vec![flow]);
                        }
                    }
                }
                Origin::Source { .. } => union(&mut out, vec![r.clone()]),
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
        for flow in taint {
            if flow.fires(kind)
                || (matches!(flow.origin, Origin::Param(_))
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
                });
            }
        }
    }
}

/// Substitutes a caller's argument flow for a callee's parameter flow.
pub(super) fn substitute(callee: &Flow, arg: &Flow, at: Span, name: &str) -> Flow {
    let kind = match (arg.kind, callee.kind) {
        (ValueKind::Number, _) | (_, ValueKind::Number) => ValueKind::Number,
        (a, ValueKind::Unknown) => a,
        (ValueKind::Object, ValueKind::Object) => ValueKind::Object,
        (_, c) => c,
    };
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
        steps,
    }
}
