//! Paths joined from input (`base.join(name)`, `buf.push(name)`, a `collect::<PathBuf>()`): a
//! flow keeps where it was joined while it is still that path ([`crate::taint::Flow::joined`]);
//! when the path leaves the function without reaching a sink (returned, stored in a field of
//! `self` or of a parameter, handed to a call the engine does not know), the join is a hit of
//! its own, which `Engine::run` drops when the same join reaches a sink elsewhere in the file.

use super::*;
use crate::taint::Joined;

impl Walk<'_, '_, '_> {
    /// `taint` joined onto a path at `start..end` by `how`: each flow that may still decide a
    /// path remembers the join (its first, for a path joined again) and gets a step there.
    pub(super) fn joined_onto(
        &self,
        taint: Taint,
        start: Span,
        end: Span,
        how: &'static str,
    ) -> Taint {
        if self.kind() != SinkKind::Path {
            return taint;
        }
        taint
            .into_iter()
            .map(|mut f| {
                if f.joined.is_none()
                    && f.cleared & SinkKind::Path.bit() == 0
                    && f.accessors.is_empty()
                    && f.kind != ValueKind::Number
                {
                    f.joined = Some(Joined { start, end, how });
                    // A push's own step ("appended to `path`") is there already.
                    let at = crate::taint::pos(start);
                    if f.steps
                        .last()
                        .is_none_or(|s| crate::taint::pos(s.start) != at)
                    {
                        f.push_step(step(start, format!("joined onto a path by {how}"), None));
                    }
                }
                f
            })
            .collect()
    }

    /// Whether `e` is a path to join onto: a value known to be one ([`Self::is_path_value`]), or
    /// a field whose declared type (this file's struct or the workspace's) is a path type.
    pub(super) fn is_path_receiver(&self, e: &syn::Expr) -> bool {
        if self.is_path_value(e) {
            return true;
        }
        match peel(e) {
            syn::Expr::Field(f) => match &f.member {
                syn::Member::Named(n) => self
                    .field_type(&f.base, &n.to_string())
                    .and_then(|t| type_name(&t))
                    .is_some_and(|t| kb::PATH_TYPES.contains(&t.as_str())),
                syn::Member::Unnamed(_) => false,
            },
            _ => false,
        }
    }

    /// Whether `key` (`self.files`, `state.cache`) is a field of the receiver or of a parameter
    /// bound whole: what is stored there outlives the call.
    pub(super) fn outlives_call(&self, key: &str) -> bool {
        match key.split_once('.') {
            Some((root, _)) => self.params.iter().any(|p| p == root),
            None => false,
        }
    }

    /// The flows of `taint` that were joined onto a path here and may still decide it leave the
    /// function at `at` (`how`: "returned by `f`", "stored in `self.root`", "passed to `g`"): a
    /// hit at the join.
    pub(super) fn escape(&mut self, taint: &Taint, at: Span, how: &str) {
        if self.kind() != SinkKind::Path {
            return;
        }
        for f in taint {
            let Some(joined) = f.joined else {
                continue;
            };
            // Whatever holds the path (a struct, a tuple, an `Option`) still holds it; a parameter's
            // flow is the caller's to judge, as at a sink.
            if f.cleared & SinkKind::Path.bit() != 0
                || !f.accessors.is_empty()
                || f.kind == ValueKind::Number
            {
                continue;
            }
            let mut flow = f.clone();
            flow.push_step(step(at, how.to_string(), None));
            self.hits.push(Hit {
                flow,
                sink: Step {
                    start: joined.start,
                    end: joined.end,
                    note: format!("reaches a path built by {}, {how}", joined.how),
                    var: None,
                },
                arg: joined.end,
                in_test: false,
            });
        }
    }

    /// The joined paths handed to a call of `path` the engine does not know leave the function
    /// there, unless the call is the standard library's (whose file-system fns are sinks) or one
    /// that only reads the path (`canonicalize`, `drop`).
    pub(super) fn escape_into_call(&mut self, path: &[String], args: &[Taint], spans: &[Span]) {
        if self.kind() != SinkKind::Path
            || args.iter().all(|a| a.iter().all(|f| f.joined.is_none()))
        {
            return;
        }
        let first = path.first().map_or("", String::as_str);
        let last = path.last().map_or("", String::as_str);
        if kb::JOIN_READING_CRATES.contains(&first) || kb::JOIN_READING_FNS.contains(&last) {
            return;
        }
        let how = format!("passed to `{}`", short(&path.join("::")));
        for (t, at) in args.iter().zip(spans) {
            self.escape(t, *at, &how);
        }
    }

    /// What a method gives of a joined path: the path while the method keeps it
    /// ([`kb::JOINED_PATH_KEEPING_METHODS`]), else a value of its own that is no longer it.
    pub(super) fn after_path_method(&self, method: &str, taint: Taint) -> Taint {
        if self.kind() != SinkKind::Path || kb::JOINED_PATH_KEEPING_METHODS.contains(&method) {
            return taint;
        }
        taint
            .into_iter()
            .map(|mut f| {
                f.joined = None;
                f
            })
            .collect()
    }
}
