//! Summaries of workspace fns for callers in other files: what a fn returns of its parameters,
//! which parameter reaches which sink, and which parameters it checks before returning `Ok`.
//!
//! The scan decides which files may have them when it builds the model: files that a file
//! holding a source calls into, and files that the fns called there call into, when they hold a
//! sink or a check (see [`worth_summarising`]). A file's summaries are computed from the file
//! parsed on its own the first time a call resolves into it (`crate::model::summaries`), and kept
//! there: owned and small. The model's fingerprint covers the text of those files, so that a
//! caller's cached findings follow the callee's body.
//!
//! Inside its own file a summary follows same-file calls as the engine does. Across files it goes
//! two workspace calls deep: the summary of a fn a caller resolves to ([`ModelSummaries`])
//! applies the summaries of the fns it calls in other files ([`SecondLevel`]), and those follow
//! their own file only: `handler -> a::f -> b::g -> sink` is found, `.. -> c::h -> sink` is not.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::knowledge::taint::{Cleans, Family, SinkKind};
use crate::knowledge::tls::DESERIALISE_DERIVES;
use crate::resolve::UseMap;

use super::{Engine, FileIndex, Origin, ValueKind};
use crate::model::summaries::Level;

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
    /// The field of the parameter returned, when only that field is ([`super::Origin::ParamField`]).
    pub field: Option<Box<str>>,
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
    /// The field of the parameter that reaches the sink, when only that field does
    /// ([`super::Origin::ParamField`]).
    pub field: Option<Box<str>>,
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
    super::literals::names_a_sink_or_check(text)
}

/// The summaries of the file's fns that take parameters and whose name is `wanted`, keyed by
/// (name, line of the name). A summary follows the file's other fns, wanted or not, and calls
/// into other files through `outside` ([`SecondLevel`], or [`super::FileOnlyWith`] with the
/// scan's `environment_is_input` setting).
pub fn summarise_file(
    path: &str,
    file: &syn::File,
    outside: &dyn super::Summaries,
    wanted: &dyn Fn(&str) -> bool,
) -> Vec<(String, usize, Arc<FnSummary>)> {
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
        let engine = Engine::new(&uses, &index, kind, outside);
        for (i, f) in index.fns.iter().enumerate() {
            if f.sig.inputs.is_empty() || !wanted(&f.name) {
                continue;
            }
            let result = engine.analyse(i);
            let summary = &mut summaries[i];
            for r in &result.returns {
                let from = match r.origin {
                    Origin::Param(p) | Origin::ParamField(p, _) => ReturnedFrom::Param(p),
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
                    field: r.origin.field().map(Box::from),
                };
                if !summary.returns.contains(&returned) {
                    summary.returns.push(returned);
                }
            }
            for hit in &result.hits {
                let Some(param) = hit.flow.origin.param() else {
                    continue;
                };
                let sink = ParamSink {
                    sink: kind,
                    param,
                    field: hit.flow.origin.field().map(Box::from),
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
        resolve(self.workspace, self.file, path, method, Level::First)
    }

    fn deserialised(&self, type_name: &str) -> bool {
        let derives = self.workspace.derives_of(type_name);
        DESERIALISE_DERIVES.iter().any(|d| derives.contains(d))
    }

    fn plain_enum(&self, name: &str) -> bool {
        let mut enums = self.workspace.enums_named(name).peekable();
        enums.peek().is_some()
            && enums
                .all(|e| !e.variants.is_empty() && e.variants.iter().all(|v| v.fields.is_empty()))
    }

    fn field_type(&self, name: &str, field: &str) -> Option<String> {
        let mut found: Option<&str> = None;
        for s in self.workspace.structs_named(name) {
            let (_, ty, _) = s.fields.iter().find(|(f, _, _)| &**f == field)?;
            match found {
                Some(seen) if seen != &**ty => return None,
                _ => found = Some(ty),
            }
        }
        found.map(str::to_string)
    }

    fn environment_is_input(&self) -> bool {
        self.workspace.environment_is_input()
    }
}

/// Summaries of workspace fns in other files, for the summary of a fn of `file` that a caller
/// resolved to: the second level, whose summaries follow their own file only.
pub struct SecondLevel<'w> {
    pub workspace: &'w crate::model::Workspace,
    pub file: &'w str,
}

impl super::Summaries for SecondLevel<'_> {
    fn summary(&self, path: &[String], method: bool) -> Option<Outside> {
        resolve(self.workspace, self.file, path, method, Level::Second)
    }

    fn environment_is_input(&self) -> bool {
        self.workspace.environment_is_input()
    }
}

/// The summary at `level` of the workspace fn outside `file` that a call of `path` names, if the
/// call names one fn that may have a summary at that level.
fn resolve(
    ws: &crate::model::Workspace,
    file: &str,
    path: &[String],
    method: bool,
    level: Level,
) -> Option<Outside> {
    let path = match path.first().map(String::as_str) {
        Some("crate" | "self" | "super") => &path[1..],
        _ => path,
    };
    // Most calls name no fn that may have a summary: no need to resolve them.
    let may = match level {
        Level::First => ws.may_have_summary(path),
        Level::Second => ws.may_have_second_summary(path),
    };
    if !may {
        return None;
    }
    let mut candidates = ws.summary_candidates(path);
    let at = match candidates.len() {
        1 => candidates.remove(0),
        // `util::save` where the calling file has a `save` of its own at its root, which the
        // model lets any qualifier name: the one summarised elsewhere is meant.
        n if n > 1 && path.len() > 1 => {
            let mut elsewhere = candidates.into_iter().filter(|&at| {
                ws.fn_at(at).0.path != file && ws.summary_at_level(at, level).is_some()
            });
            let first = elsewhere.next()?;
            if elsewhere.next().is_some() {
                return None;
            }
            first
        }
        _ => return None,
    };
    let (callee_file, f) = ws.fn_at(at);
    if f.has_self != method && method {
        return None;
    }
    if callee_file.path == file {
        return None;
    }
    let summary = ws.summary_at_level(at, level)?;
    Some(Outside {
        name: f.name.to_string(),
        summary,
    })
}

/// The summaries of the file at `abs` (`path` as the scan names it), as [`summarise_file`]; none
/// when it cannot be read or parsed, or is shaped so that parsing it could overflow the stack
/// (the analysis's own guards: a stack overflow cannot be caught). Spans of the parse are left
/// in the thread's source map: the caller may be in the middle of another file's analysis.
pub fn summarise_path(
    abs: &std::path::Path,
    path: &str,
    outside: &dyn super::Summaries,
    wanted: &dyn Fn(&str) -> bool,
) -> Vec<(String, usize, Arc<FnSummary>)> {
    let Some(text) = std::fs::read(abs)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
    else {
        return Vec::new();
    };
    let shape = crate::lex::shape(&text);
    if shape.nesting > crate::check::MAX_NESTING
        || shape.item_tokens > crate::check::MAX_ITEM_TOKENS
    {
        return Vec::new();
    }
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        syn::parse_file(&text)
            .map(|file| summarise_file(path, &file, outside, wanted))
            .unwrap_or_default() // optional: a file syn cannot parse gives no summaries
    }))
    .unwrap_or_default() // optional: a parser panic gives no summaries
}

/// Whether `text` names a TLS check: one the knowledge names
/// ([`crate::knowledge::tls::check_names`]), or a call of a workspace fn whose parameter decides
/// one, where the call can name the fn ([`crate::model::Workspace::tls_flag_calls`]).
pub fn names_a_tls_check(workspace: &crate::model::Workspace, text: &str) -> bool {
    crate::knowledge::tls::check_names().any(|name| text.contains(name))
        || workspace.tls_flag_calls().iter().any(|(gate, call)| {
            text.contains(call.as_str()) && gate.as_ref().is_none_or(|g| text.contains(g.as_str()))
        })
}

/// Item literals for the calls of workspace fns whose parameter decides TLS verification in their
/// body: items calling them need parsing for `tls-verification-disabled`. Each is `name(`, with
/// the gate a file must contain for such a call in it to resolve to the fn (see
/// [`ModelSummaries`]): the fn's impl type, or its module, which the call's path or a `use`
/// must write; none where a bare call can name the fn (the only fn of that name, or a free fn at
/// a crate's root, which any qualifier names). A flag fn named like a common fn (`new`) selected
/// most items of a corpus with `new(` alone. Sorted, deduplicated: (gate, literal).
pub fn tls_flag_calls(workspace: &crate::model::Workspace) -> Vec<(Option<String>, String)> {
    let mut calls: BTreeSet<(Option<String>, String)> = BTreeSet::new();
    for (file, f) in workspace.fns() {
        let flags = f
            .taint
            .as_ref()
            .is_some_and(|t| t.sinks.iter().any(|s| s.sink == SinkKind::Tls));
        if !flags || f.in_test {
            continue;
        }
        let unique = workspace.fns_named(&f.name).filter(|g| !g.in_test).count() == 1;
        let owner = f
            .self_type
            .as_deref()
            .or_else(|| f.module.last().or(file.module.last()).map(String::as_str))
            .map(str::to_string);
        let gate = if unique { None } else { owner };
        calls.insert((gate, format!("{}(", f.name)));
    }
    // An ungated literal makes its gated copies moot.
    let ungated: BTreeSet<String> = calls
        .iter()
        .filter(|(gate, _)| gate.is_none())
        .map(|(_, l)| l.clone())
        .collect();
    calls
        .into_iter()
        .filter(|(gate, l)| gate.is_none() || !ungated.contains(l))
        .collect()
}
