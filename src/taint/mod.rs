//! The taint engine: follows untrusted data from a source to a dangerous sink, on the syntax tree
//! of one file, without compiling anything.
//!
//! Per function, a forward walk in source order keeps what each local may hold (`let`,
//! assignment, shadowing, fields of a local, `format!`, `+`, `push_str`, method chains, `?`,
//! closures, `match`/`if let` bindings, loops), drops it at a sanitizer, and records every
//! tainted value that reaches a sink. Parameters are tainted symbolically (`Param(i)`), so the
//! same walk is the function's summary: what of its parameters it returns and what it passes to
//! a sink. A call to a function of the same file applies the callee's summary (memoised, a few
//! calls deep), which is the seam through which a workspace model can later supply summaries of
//! functions in other files ([`Summaries`]).
//!
//! Sources, sinks and sanitizers are data: [`crate::knowledge::taint`].

pub mod literals;
pub mod report;
pub mod summary;
mod walk;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use proc_macro2::Span;

use crate::knowledge::taint::{Family, SinkKind};
use crate::resolve::UseMap;

pub use walk::FnResult;

/// What a value is, as far as its type or its history says: sinks of text fire on text, the
/// allocation sink on numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ValueKind {
    Text,
    Number,
    /// A struct or collection as a whole: its fields may be text, the value itself is not.
    Object,
    Unknown,
}

/// Where a tainted value comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    Source {
        family: Family,
        what: &'static str,
    },
    /// The function's parameter at this index of its signature (the receiver counts).
    Param(usize),
    /// A field of that parameter, read by name (`opts.uri_path`): a caller that passes a struct
    /// literal, or a local it filled field by field, hands over that field's value only.
    ParamField(usize, Rc<str>),
}

impl Origin {
    /// The parameter a flow starts at, whole or one of its fields.
    pub fn param(&self) -> Option<usize> {
        match self {
            Origin::Param(p) | Origin::ParamField(p, _) => Some(*p),
            Origin::Source { .. } => None,
        }
    }

    /// The field of the parameter a flow starts at, if it starts at one field only.
    pub fn field(&self) -> Option<&str> {
        match self {
            Origin::ParamField(_, field) => Some(field),
            _ => None,
        }
    }
}

/// One place on a path, with what happens there.
#[derive(Clone, Debug)]
pub struct Step {
    pub start: Span,
    pub end: Span,
    pub note: String,
    /// The local the value is stored in at this step, for the one-line message.
    pub var: Option<String>,
}

/// One way a value may be tainted.
#[derive(Clone, Debug)]
pub struct Flow {
    pub origin: Origin,
    pub kind: ValueKind,
    /// Sinks (`SinkKind::bit`) a sanitizer on the way made this value safe for.
    pub cleared: u8,
    /// Request objects: the accessors that yield input; the object itself reaches no sink.
    pub accessors: &'static [&'static str],
    pub steps: Vec<Step>,
    /// Where this value was joined onto a path (`base.join(v)`, `buf.push(v)`), while what it
    /// is still that path: the place a path-traversal finding points at when the path leaves
    /// the function without reaching a file-system sink (returned, stored, handed to a call the
    /// engine does not know). Only the `Path` engine sets it.
    pub joined: Option<Joined>,
}

/// A join of an untrusted value onto a path (see [`Flow::joined`]).
#[derive(Clone, Copy, Debug)]
pub struct Joined {
    pub start: Span,
    pub end: Span,
    /// How: "`.join()`", "`.push()`", "`.collect()`".
    pub how: &'static str,
}

/// Paths longer than this keep their first and last steps.
pub(crate) const MAX_STEPS: usize = 12;
/// Flows kept per value: enough to name a source, small enough to stay fast.
const MAX_FLOWS: usize = 4;
/// Summaries applied inside summaries: one or two calls deep is what an auditor can check.
const MAX_DEPTH: usize = 3;

impl Flow {
    pub fn fires(&self, kind: SinkKind) -> bool {
        if self.cleared & kind.bit() != 0 || !self.accessors.is_empty() {
            return false;
        }
        match kind {
            SinkKind::Allocation => matches!(self.kind, ValueKind::Number | ValueKind::Unknown),
            // A flag is a `bool`, which the engine counts as a number.
            SinkKind::Tls => self.kind != ValueKind::Object,
            // Bytes or text, whatever the type says: a body is never a number.
            SinkKind::Deserialise => self.kind != ValueKind::Number,
            _ => matches!(self.kind, ValueKind::Text | ValueKind::Unknown),
        }
    }

    fn push_step(&mut self, step: Step) {
        if self.steps.len() < MAX_STEPS {
            self.steps.push(step);
        } else if let Some(last) = self.steps.last_mut() {
            *last = step;
        }
    }
}

/// Everything a value may hold.
pub type Taint = Vec<Flow>;

fn union(into: &mut Taint, more: Taint) {
    for flow in more {
        if into.len() >= MAX_FLOWS {
            break;
        }
        if !into
            .iter()
            .any(|f| f.origin == flow.origin && f.kind == flow.kind && f.cleared == flow.cleared)
        {
            into.push(flow);
        }
    }
}

/// A tainted value reaching a sink.
#[derive(Clone, Debug)]
pub struct Hit {
    pub flow: Flow,
    /// The sink call (`sqlx::query`, `.arg`), and the argument that carries the value.
    pub sink: Step,
    pub arg: Span,
    /// Found in test code (a `#[test]` fn, a `#[cfg(test)]` module): reported as test code,
    /// which a scan leaves out unless `--include-tests`.
    pub in_test: bool,
}

impl Hit {
    /// A joined path that leaves its function: the hit points at the join itself.
    pub fn is_escape(&self) -> bool {
        self.flow
            .joined
            .is_some_and(|j| pos(j.start) == pos(self.sink.start))
    }

    /// The source family, for a hit whose origin is a real source.
    pub fn family(&self) -> Option<Family> {
        match self.flow.origin {
            Origin::Source { family, .. } => Some(family),
            Origin::Param(_) | Origin::ParamField(..) => None,
        }
    }
}

/// Summaries of functions outside this file (the workspace model's seam): by the path a call
/// resolves to through the file's `use` map (`[Type, method]` for a method call on a value of a
/// known type, with `method` set).
pub trait Summaries {
    fn summary(&self, path: &[String], method: bool) -> Option<summary::Outside>;

    /// Whether a struct of this name elsewhere in the workspace is deserialised configuration
    /// (`#[derive(Deserialize)]`, clap's `Parser`): its fields are a TLS flag's source.
    fn deserialised(&self, _type_name: &str) -> bool {
        false
    }

    /// The expansion of a call of a workspace `macro_rules!` (`client_with_verification!(true)`),
    /// for rules that follow values into macro templates.
    fn expand(&self, _mac: &syn::Macro) -> Option<proc_macro2::TokenStream> {
        None
    }

    /// Whether every enum of this name in the workspace has unit variants only (and one
    /// exists): what is parsed or deserialised into one keeps none of the text.
    fn plain_enum(&self, _name: &str) -> bool {
        false
    }

    /// The declared type (as written) of field `field` of the workspace's struct `name`, when
    /// its structs of that name agree: what a deserialised request's field holds.
    fn field_type(&self, _name: &str, _field: &str) -> Option<String> {
        None
    }

    /// Whether `std::env::var` and its kin are sources (of the local family): the scan's
    /// `environment_is_input` setting (`[taint] environment-is-input` in `ferret.toml`).
    fn environment_is_input(&self) -> bool {
        false
    }
}

/// No summaries beyond the file.
pub struct FileOnly;
impl Summaries for FileOnly {
    fn summary(&self, _path: &[String], _method: bool) -> Option<summary::Outside> {
        None
    }
}

/// No summaries beyond the file, with the environment as input or not (summaries of workspace
/// fns are made with the scan's setting).
pub struct FileOnlyWith {
    pub environment_is_input: bool,
}
impl Summaries for FileOnlyWith {
    fn summary(&self, _path: &[String], _method: bool) -> Option<summary::Outside> {
        None
    }

    fn environment_is_input(&self) -> bool {
        self.environment_is_input
    }
}

/// A function of the file the engine can analyse.
pub struct FnDef<'ast> {
    pub name: String,
    pub sig: &'ast syn::Signature,
    pub block: &'ast syn::Block,
    pub attrs: &'ast [syn::Attribute],
    /// A method (in an `impl` or a trait), rather than a free function.
    pub is_method: bool,
    /// The type of the inherent or trait `impl` it is in (`Cfg` of `impl Cfg`), by its last
    /// segment: a method call on a value of another type is not a call of it.
    pub self_type: Option<String>,
    /// Test code: the fn, or a module or `impl` around it, has a test attribute
    /// (`crate::analyze::is_test_attribute`).
    pub in_test: bool,
}

/// The functions and struct field types of one file.
pub struct FileIndex<'ast> {
    pub fns: Vec<FnDef<'ast>>,
    /// Field name -> resolved type, when every struct of the file agrees on it.
    pub field_types: HashMap<String, Vec<String>>,
    /// Structs of the file that derive a deserialiser (`crate::knowledge::tls::DESERIALISE_DERIVES`).
    pub deserialised: Vec<String>,
    /// (struct, field) -> the field's declared type, for a field read of a value whose struct
    /// the walk knows (`r.id` of `Json(r): Json<Req>`).
    pub struct_fields: HashMap<(String, String), &'ast syn::Type>,
    /// Enums of the file whose every variant is a unit: a value of one holds no text.
    pub plain_enums: Vec<String>,
}

impl<'ast> FileIndex<'ast> {
    pub fn build(file: &'ast syn::File, uses: &UseMap) -> FileIndex<'ast> {
        let mut collector = walk::Collector {
            uses,
            index: FileIndex {
                fns: Vec::new(),
                field_types: HashMap::new(),
                deserialised: Vec::new(),
                struct_fields: HashMap::new(),
                plain_enums: Vec::new(),
            },
            ambiguous: Vec::new(),
            test_depth: 0,
            impl_type: None,
        };
        syn::visit::Visit::visit_file(&mut collector, file);
        for name in collector.ambiguous {
            collector.index.field_types.remove(&name);
        }
        collector.index
    }

    fn unique(&self, name: &str, method: bool) -> Option<usize> {
        let mut found = self
            .fns
            .iter()
            .enumerate()
            .filter(|(_, f)| f.name == name && f.is_method == method);
        let first = found.next()?.0;
        found.next().is_none().then_some(first)
    }
}

/// The engine for one file and one sink kind.
pub struct Engine<'a, 'ast> {
    pub uses: &'a UseMap,
    pub index: &'a FileIndex<'ast>,
    pub kind: SinkKind,
    pub outside: &'a dyn Summaries,
    memo: RefCell<HashMap<usize, Rc<FnResult>>>,
    in_progress: RefCell<Vec<usize>>,
}

impl<'a, 'ast> Engine<'a, 'ast> {
    pub fn new(
        uses: &'a UseMap,
        index: &'a FileIndex<'ast>,
        kind: SinkKind,
        outside: &'a dyn Summaries,
    ) -> Self {
        Engine {
            uses,
            index,
            kind,
            outside,
            memo: RefCell::new(HashMap::new()),
            in_progress: RefCell::new(Vec::new()),
        }
    }

    /// The summary of the file's function `i`, computed once.
    fn analyse(&self, i: usize) -> Rc<FnResult> {
        if let Some(done) = self.memo.borrow().get(&i) {
            return Rc::clone(done);
        }
        let depth = self.in_progress.borrow().len();
        if depth >= MAX_DEPTH || self.in_progress.borrow().contains(&i) {
            return Rc::new(FnResult::default());
        }
        self.in_progress.borrow_mut().push(i);
        let result = Rc::new(walk::analyse_fn(self, &self.index.fns[i]));
        self.in_progress.borrow_mut().pop();
        self.memo.borrow_mut().insert(i, Rc::clone(&result));
        result
    }

    /// Every flow from a real source to a sink of this kind in the file. Only functions that
    /// hold a source are analysed; the functions they call are summarised on demand.
    pub fn run(&self) -> Vec<Hit> {
        for (i, f) in self.index.fns.iter().enumerate() {
            // A TLS flag's sources are everywhere (`true`): every fn of a file that names a flag
            // sink (the rule's prefilter) is analysed.
            if self.kind == SinkKind::Tls
                || walk::has_source(self.uses, f, self.kind, self.outside.environment_is_input())
            {
                self.analyse(i);
            }
        }
        let memo = self.memo.borrow();
        let mut keys: Vec<&usize> = memo.keys().collect();
        keys.sort();
        // A join whose path reaches a sink anywhere in the file is reported at that sink (the
        // join a step of its path), never at the join as well.
        let sunk: Vec<(usize, usize)> = memo
            .values()
            .flat_map(|r| r.hits.iter())
            .filter(|h| !h.is_escape())
            .filter_map(|h| h.flow.joined.map(|j| pos(j.start)))
            .collect();
        let mut hits: Vec<Hit> = Vec::new();
        let mut seen = Vec::new();
        for i in keys {
            for hit in &memo[i].hits {
                if hit.family().is_none() {
                    continue;
                }
                if hit.is_escape() && sunk.contains(&pos(hit.sink.start)) {
                    continue;
                }
                let mut hit = hit.clone();
                hit.in_test |= self.index.fns[*i].in_test;
                let first = hit.flow.steps.first().map(|s| pos(s.start));
                // One finding per source and sink call, whichever of its arguments carries it.
                let key = (pos(hit.sink.start), first);
                if !seen.contains(&key) {
                    seen.push(key);
                    hits.push(hit);
                }
            }
        }
        hits
    }
}

pub fn pos(span: Span) -> (usize, usize) {
    let p = span.start();
    (p.line, p.column)
}

/// Convenience for rules: every source-to-sink flow of `kind` in `file`, following calls into
/// other files of the workspace through `outside`.
pub fn flows(file: &syn::File, uses: &UseMap, kind: SinkKind, outside: &dyn Summaries) -> Vec<Hit> {
    let index = FileIndex::build(file, uses);
    Engine::new(uses, &index, kind, outside).run()
}

#[cfg(test)]
mod tests;
