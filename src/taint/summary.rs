//! Summaries of workspace fns for callers in other files: what a fn returns of its parameters,
//! which parameter reaches which sink, and which parameters it checks before returning `Ok`.
//!
//! They are computed at index time (`scan::build_model`), from the fn's file parsed on its own,
//! and kept on the model's [`crate::model::FnDef`]: owned, small, hashed into the model's
//! fingerprint, so that a caller's cached findings follow the callee's body. Only files that a
//! file holding a source calls into, and that hold a sink or a check, are summarised (see
//! [`worth_summarising`]). Inside its own file a summary follows same-file calls as the engine
//! does; a call into a third file is not followed (one workspace call deep).

use std::sync::Arc;

use crate::knowledge::taint::{self as kb, Cleans, Family, SinkKind};
use crate::knowledge::tls::DESERIALISE_DERIVES;
use crate::resolve::UseMap;

use super::{Engine, FileIndex, FileOnly, Origin, ValueKind};

/// What a fn does with its parameters, for every sink kind.
#[derive(Debug, Default, Clone, Hash, PartialEq, Eq)]
pub struct FnSummary {
    /// The file the fn is in, for the step that points there.
    pub file: String,
    pub returns: Vec<Returned>,
    pub sinks: Vec<ParamSink>,
    /// Parameters the fn checks, returning early (`Err`, `None`, `bail!`) when the check fails:
    /// after `f(x)?` the caller's `x` is clean for what the check covers.
    pub validates: Vec<(usize, Cleans)>,
}

/// A value the fn may return, as the engine of one sink kind sees it.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub struct Returned {
    pub sink: SinkKind,
    pub from: ReturnedFrom,
    pub kind: ValueKind,
    /// Sinks a sanitizer on the way made the value safe for (`SinkKind::bit`).
    pub cleared: u8,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub enum ReturnedFrom {
    /// The parameter at this index (the receiver counts).
    Param(usize),
    /// A source read inside the fn (`fn read_name() -> String { std::env::args()... }`).
    Source {
        family: Family,
        what: &'static str,
        line: usize,
    },
}

/// A parameter that reaches a sink inside the fn.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub struct ParamSink {
    pub sink: SinkKind,
    pub param: usize,
    pub kind: ValueKind,
    pub cleared: u8,
    /// "reaches `std::fs::read`".
    pub note: String,
    pub line: usize,
}

/// Every sink kind a summary covers.
pub const KINDS: &[SinkKind] = &[
    SinkKind::Sql,
    SinkKind::Command,
    SinkKind::Path,
    SinkKind::Ssrf,
    SinkKind::Regex,
    SinkKind::Allocation,
    SinkKind::Tls,
];

/// Whether a file's text may give a summary worth keeping: it names a sink or a check.
pub fn worth_summarising(text: &str) -> bool {
    kb::SUMMARY_LITERALS.iter().any(|l| text.contains(l))
}

/// The summaries of the file's fns that take parameters, keyed by (name, line of the name).
pub fn summarise_file(path: &str, file: &syn::File) -> Vec<(String, usize, Arc<FnSummary>)> {
    let uses = UseMap::from_file(file);
    let index = FileIndex::build(file, &uses);
    let mut summaries: Vec<FnSummary> = index
        .fns
        .iter()
        .map(|_| FnSummary {
            file: path.to_string(),
            ..FnSummary::default()
        })
        .collect();
    for &kind in KINDS {
        let engine = Engine::new(&uses, &index, kind, &FileOnly);
        for (i, f) in index.fns.iter().enumerate() {
            if f.sig.inputs.is_empty() {
                continue;
            }
            let result = engine.analyse(i);
            let summary = &mut summaries[i];
            for r in &result.returns {
                let from = match r.origin {
                    Origin::Param(p) => ReturnedFrom::Param(p),
                    Origin::Source { family, what } => ReturnedFrom::Source {
                        family,
                        what,
                        line: r.steps.first().map_or(0, |s| s.start.start().line),
                    },
                };
                let returned = Returned {
                    sink: kind,
                    from,
                    kind: r.kind,
                    cleared: r.cleared,
                };
                if !summary.returns.contains(&returned) {
                    summary.returns.push(returned);
                }
            }
            for hit in &result.hits {
                let Origin::Param(param) = hit.flow.origin else {
                    continue;
                };
                let sink = ParamSink {
                    sink: kind,
                    param,
                    kind: hit.flow.kind,
                    cleared: hit.flow.cleared,
                    note: hit.sink.note.clone(),
                    line: hit.sink.start.start().line,
                };
                if !summary.sinks.contains(&sink) {
                    summary.sinks.push(sink);
                }
            }
            for v in &result.validates {
                if !summary.validates.contains(v) {
                    summary.validates.push(*v);
                }
            }
        }
    }
    index
        .fns
        .iter()
        .zip(summaries)
        .filter(|(_, s)| !s.returns.is_empty() || !s.sinks.is_empty() || !s.validates.is_empty())
        .map(|(f, s)| (f.name.clone(), f.sig.ident.span().start().line, Arc::new(s)))
        .collect()
}

/// A workspace fn a call resolved to, outside the calling file.
pub struct Outside {
    pub name: String,
    pub summary: Arc<FnSummary>,
}

/// Summaries of workspace fns in other files, through the model.
pub struct ModelSummaries<'w> {
    pub workspace: &'w crate::model::Workspace,
    /// The calling file: its own fns are the engine's to follow, with their spans.
    pub file: &'w str,
}

impl super::Summaries for ModelSummaries<'_> {
    fn summary(&self, path: &[String], method: bool) -> Option<Outside> {
        let path = match path.first().map(String::as_str) {
            Some("crate" | "self" | "super") => &path[1..],
            _ => path,
        };
        let f = match self.workspace.resolve_fn(path) {
            crate::model::Resolution::Resolved(f) => f,
            // `util::save` where the calling file has a `save` of its own at its root, which the
            // model lets any qualifier name: the one summarised elsewhere is meant.
            crate::model::Resolution::Ambiguous(candidates) if path.len() > 1 => {
                let mut elsewhere = candidates
                    .into_iter()
                    .filter(|f| f.taint.as_ref().is_some_and(|t| t.file != self.file));
                let first = elsewhere.next()?;
                if elsewhere.next().is_some() {
                    return None;
                }
                first
            }
            _ => return None,
        };
        if f.has_self != method && method {
            return None;
        }
        let summary = f.taint.as_ref()?;
        (summary.file != self.file).then(|| Outside {
            name: f.name.clone(),
            summary: Arc::clone(summary),
        })
    }

    fn deserialised(&self, type_name: &str) -> bool {
        let derives = self.workspace.derives_of(type_name);
        DESERIALISE_DERIVES.iter().any(|d| derives.contains(d))
    }
}

/// Names of workspace fns whose parameter decides TLS verification in their body: items calling
/// them need parsing for `tls-verification-disabled` (extra prefilter literals). Sorted.
pub fn tls_flag_fns(workspace: &crate::model::Workspace) -> Vec<String> {
    let names: std::collections::BTreeSet<String> = workspace
        .fns()
        .filter(|(_, f)| {
            f.taint
                .as_ref()
                .is_some_and(|t| t.sinks.iter().any(|s| s.sink == SinkKind::Tls))
        })
        .map(|(_, f)| format!("{}(", f.name))
        .collect();
    names.into_iter().collect()
}
