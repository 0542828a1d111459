//! The rule model: static metadata, hooks the analyzer calls, and the registry.
//!
//! A rule is one file in this folder. It declares a [`RuleMeta`] and implements [`Rule`] for the
//! node kinds it cares about. The analyzer walks each file's syntax tree once and calls the hooks
//! of every enabled rule; rules never walk the tree themselves, read files, or print. A fresh rule
//! value is made for every file, so a rule may keep per-file state in `self` (owned data only).

use proc_macro2::Span;

use crate::finding::{Dimension, Severity};
use crate::macros::MacroCall;
use crate::model::Workspace;
use crate::source::SourceFile;

pub mod allow_attribute;
pub mod block_on_without_timeout;
pub mod command_injection;
pub mod detached_spawn;
pub mod discarded_result;
pub mod error_detail_leak;
pub mod ffi_unchecked_pointer;
pub mod hardcoded_resource_limit;
pub mod http_client_without_timeout;
pub mod insecure_default_url;
pub mod lint_policy_not_enforced;
pub mod map_err_discard;
pub mod no_statement_timeout;
pub mod panic_in_production;
pub mod path_traversal;
pub mod permissive_cors;
pub mod poison_recovery;
pub mod regex_injection;
pub mod shutdown_without_timeout;
pub mod sql_injection;
pub mod sql_interpolation;
pub mod ssrf;
pub mod stringly_error;
pub mod suppression_without_reason;
pub mod tls_verification_disabled;
pub mod unbounded_channel;
pub mod unbounded_spin;
pub mod uncontrolled_allocation;
pub mod unmaintained_dependency;
pub mod unraised_error_variant;
pub mod unsafe_send_sync;
pub mod unsound_dependency;
pub mod unused_dependency_ignores;
pub mod unused_suppression;
pub mod unvalidated_input;
pub mod unwrap_or_default;
pub mod vulnerable_dependency;

/// How often a rule's findings are right, as SARIF's `precision` property says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    VeryHigh,
    High,
    Medium,
    Low,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::VeryHigh => "very-high",
            Precision::High => "high",
            Precision::Medium => "medium",
            Precision::Low => "low",
        }
    }
}

/// How far a rule's evidence reaches, which decides how much of a file the prefilter may skip.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiteralScope {
    /// A finding in a top-level item implies one of the rule's literals in that same item: only
    /// the items containing a literal need parsing.
    Item,
    /// As `Item`, one level narrower: a finding in a member of a block item (a fn of an `impl`
    /// or `trait`, an item of an inline `mod` or `extern` block) implies a match in that same
    /// member, and depends on nothing else of the block but its header (`#[cfg(test)] mod
    /// tests {`). Of a block whose header does not match, only the matching members are parsed.
    Member,
    /// Findings may depend on other items (names imported by `use`, state kept across items): a
    /// literal anywhere in the file means the whole file is parsed.
    File,
    /// As `File`, in a file whose text also matches each of these regexes: a finding needs them
    /// all (a rule whose literal is common in code it can never report, like `http://` in
    /// generated bindings).
    FileWhere(&'static [&'static str]),
    /// As `File`, for evidence that is text inside a string literal (SQL): only a match within
    /// one string literal counts, so the same words in a comment (a licence's `IN CONNECTION
    /// WITH THE SOFTWARE`) or spanning two literals select nothing. A file's string literals
    /// are searched only when its text matches one of these regexes: what a match inside a
    /// literal implies of the whole text, cheaper to search for (the rule's literals and
    /// pattern when empty).
    FileStrings(&'static [&'static str]),
    /// As `Item`, and the whole file where a `use` declaration names one of these crates or
    /// modules (as a path segment): its items can then name the crate's types without writing
    /// the crate (`use deadpool_postgres::Pool;` then `Pool::builder()`).
    ItemOrFileUsing(&'static [&'static str]),
    /// As `Item`, and the whole file where it holds one of the rule's literals and matches this
    /// regex: a finding then may depend on other items (`block_on` in a helper that an
    /// `extern "C"` fn of the file calls).
    ItemOrFileWhere(&'static str),
    /// As `Item`, plus (literal, gates) pairs: the literal counts only in a file whose text holds
    /// one of its gates (`From` of `impl From<sqlx::Error>`: a finding needs the error's crate
    /// or module written in the file, in the impl or in a `use`). In a workspace macro's body
    /// the literal counts ungated: the gate may be written at the call site.
    ItemGated(&'static [(&'static str, &'static [&'static str])]),
    /// As `Item`, for a rule whose every finding also needs one of these words in its item
    /// (each of `shutdown-without-timeout`'s is an `.await`): an item counts only when it holds
    /// a literal and one of the words, or a call of a workspace macro whose body holds one
    /// (its expansion may bring the word).
    ItemWith(&'static [&'static str]),
    /// As `Item`, in a file whose text matches every one of `gates`, and for an item holding a
    /// literal or the pattern; in a file with such an item, also the items matching `along`:
    /// the other items a finding reads (`stringly-error`'s error enums), which the file's other
    /// items need not be parsed for.
    ItemsAlong {
        gates: &'static [&'static str],
        along: &'static str,
    },
    /// The engine finds these in comments; no parsing is needed for them.
    Comments,
    /// Findings come from manifests and lockfiles in the workspace phase (`crate::workspace`):
    /// no `.rs` file needs parsing for them.
    Workspace,
}

/// What every report, the config and `--list-rules` know about a rule without running it.
#[derive(Debug, Clone, Copy)]
pub struct RuleMeta {
    /// Stable kebab-case id: used in suppressions, baselines, SARIF and configs.
    pub id: &'static str,
    pub dimension: Dimension,
    pub default_severity: Severity,
    /// One line, for `--list-rules` and SARIF `shortDescription`.
    pub summary: &'static str,
    /// The rule's `rules/ID.md` page.
    pub doc: &'static str,
    pub enabled_by_default: bool,
    /// Findings in test code are dropped unless `--include-tests`.
    pub production_only: bool,
    pub precision: Precision,
    /// Prefilter: a file containing none of these byte strings cannot produce a finding of this
    /// rule, so it need not be parsed for it. Empty (and no `pattern`) means "always parse".
    pub literals: &'static [&'static str],
    /// A regex that does the same job where plain literals would match far too often
    /// (`allow-attribute` wants `#[expect`, not every `.expect(`).
    pub pattern: Option<&'static str>,
    pub literal_scope: LiteralScope,
}

impl RuleMeta {
    /// One section of the rule's page (`## Why it matters`), without its heading.
    pub fn doc_section(&self, heading: &str) -> Option<&'static str> {
        doc_section(self.doc, heading)
    }
}

pub fn doc_section<'d>(doc: &'d str, heading: &str) -> Option<&'d str> {
    let marker = format!("## {heading}");
    let start = doc.find(&marker)? + marker.len();
    let rest = &doc[start..];
    let end = rest.find("\n## ").unwrap_or(rest.len());
    Some(rest[..end].trim())
}

/// A syntax node on the path from the file root to the node being checked.
#[derive(Clone, Copy)]
pub enum Node<'ast> {
    Item(&'ast syn::Item),
    ImplItem(&'ast syn::ImplItem),
    TraitItem(&'ast syn::TraitItem),
    ForeignItem(&'ast syn::ForeignItem),
    Stmt(&'ast syn::Stmt),
    Expr(&'ast syn::Expr),
    FieldValue(&'ast syn::FieldValue),
    Arm(&'ast syn::Arm),
    /// A macro invocation whose body the analyzer parsed; its children are the parsed parts.
    Macro(&'ast syn::Macro),
}

/// A function with a body: free fn, inherent/trait impl method, or trait default method.
#[derive(Clone, Copy)]
pub struct FnNode<'ast> {
    pub attrs: &'ast [syn::Attribute],
    pub sig: &'ast syn::Signature,
    pub block: &'ast syn::Block,
    /// Inside an `impl Trait for Type` block: the trait's path.
    pub impl_trait: Option<&'ast syn::Path>,
}

impl FnNode<'_> {
    /// `extern "C" fn` (or any non-Rust ABI): called across an FFI boundary.
    pub fn is_extern(&self) -> bool {
        self.sig
            .abi
            .as_ref()
            .is_some_and(|abi| abi.name.as_ref().is_none_or(|n| n.value() != "Rust"))
    }
}

/// A finding as a rule reports it, before the engine adds the file's context.
#[derive(Debug, Clone)]
pub struct RawFinding {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    pub start: Span,
    pub end: Span,
    pub message: String,
    pub help: String,
    pub in_test: bool,
    /// A data-flow finding's path, source first, sink last.
    pub flow: Vec<RawStep>,
    /// Taken back by its rule once more was known ([`Ctx::withdraw`]); not reported.
    pub withdrawn: bool,
    /// See [`crate::finding::Finding::evidence`].
    pub evidence: Vec<(&'static str, String)>,
}

/// One step of a data-flow path as a rule reports it.
#[derive(Debug, Clone)]
pub struct RawStep {
    pub start: Span,
    pub end: Span,
    pub note: String,
}

/// A finding reported with [`Ctx::report_revisable`], valid for the rest of the same file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FindingHandle(usize);

/// What a hook can see and do: the file, the ancestors of the current node, and `report`.
pub struct Ctx<'a, 'ast> {
    pub file: &'a SourceFile<'a>,
    /// From the file root down to (not including) the node being checked.
    pub ancestors: &'a [Node<'ast>],
    /// Inside test code (a test path, `#[cfg(test)]`, `#[test]`-style fn).
    pub in_test: bool,
    /// The innermost enclosing function, if any.
    pub enclosing_fn: Option<FnNode<'ast>>,
    /// The workspace model: what other files declare and do (see [`crate::model`]). Empty
    /// (every query "unknown") when no rule that consults it runs.
    pub workspace: &'a Workspace,
    pub(crate) rule: &'static RuleMeta,
    pub(crate) out: &'a mut Vec<RawFinding>,
    pub(crate) observations: &'a mut Vec<(&'static str, u32)>,
    pub(crate) facts: &'a mut Vec<&'static str>,
}

impl<'ast> Ctx<'_, 'ast> {
    /// Reports a finding at `span` with the rule's default severity.
    pub fn report(&mut self, span: Span, message: impl Into<String>, help: impl Into<String>) {
        let severity = self.rule.default_severity;
        self.report_at(span, span, severity, message, help);
    }

    /// Reports a finding from `start` to `end` with an explicit severity.
    pub fn report_at(
        &mut self,
        start: Span,
        end: Span,
        severity: Severity,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let mut evidence = Vec::new();
        if let Some(f) = self.enclosing_fn {
            evidence.push(("fn", f.sig.ident.to_string()));
            if f.is_extern() {
                evidence.push(("abi", "extern".to_string()));
            }
        }
        self.out.push(RawFinding {
            rule: self.rule,
            severity,
            start,
            end,
            message: message.into(),
            help: help.into(),
            in_test: self.in_test,
            flow: Vec::new(),
            withdrawn: false,
            evidence,
        });
    }

    /// Records a fact about the finding this hook just reported (a keyword, a name), which
    /// reports use in titles; `key` is lower-case kebab. Does nothing if this rule has not
    /// reported on this node.
    pub fn add_evidence(&mut self, key: &'static str, value: impl Into<String>) {
        if let Some(last) = self.out.last_mut()
            && std::ptr::eq(last.rule, self.rule)
        {
            last.evidence.retain(|(k, _)| *k != key);
            last.evidence.push((key, value.into()));
        }
    }

    /// [`Ctx::add_evidence`] for a finding reported with [`Ctx::report_revisable`] on this file.
    pub fn add_evidence_at(&mut self, handle: FindingHandle, key: &'static str, value: String) {
        if let Some(finding) = self.out.get_mut(handle.0)
            && std::ptr::eq(finding.rule, self.rule)
        {
            finding.evidence.retain(|(k, _)| *k != key);
            finding.evidence.push((key, value));
        }
    }

    /// Reports a data-flow finding with its path (source first, sink last).
    pub fn report_flow(
        &mut self,
        start: Span,
        end: Span,
        severity: Severity,
        message: impl Into<String>,
        help: impl Into<String>,
        flow: Vec<RawStep>,
    ) {
        self.report_at(start, end, severity, message, help);
        if let Some(last) = self.out.last_mut() {
            last.flow = flow;
        }
    }

    /// Marks the finding this hook just reported as test code: for a whole-file pass at
    /// `exit_file` (the taint rules), which runs outside the walk that knows test code.
    pub fn mark_in_test(&mut self) {
        if let Some(last) = self.out.last_mut()
            && std::ptr::eq(last.rule, self.rule)
        {
            last.in_test = true;
        }
    }

    /// Reports like [`Ctx::report_at`] and returns a handle with which a later hook on the same
    /// file (typically `exit_fn`) may revise the finding once more is known. Spans are not
    /// `Send`, so a rule cannot keep them in `self` to report later; it reports now and revises.
    pub fn report_revisable(
        &mut self,
        start: Span,
        end: Span,
        severity: Severity,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> FindingHandle {
        let handle = FindingHandle(self.out.len());
        self.report_at(start, end, severity, message, help);
        handle
    }

    /// Changes the severity and message of a finding this rule reported on this file.
    pub fn revise(
        &mut self,
        handle: FindingHandle,
        severity: Severity,
        message: impl Into<String>,
    ) {
        if let Some(finding) = self.out.get_mut(handle.0)
            && std::ptr::eq(finding.rule, self.rule)
        {
            finding.severity = severity;
            finding.message = message.into();
        }
    }

    /// Takes back a finding this rule reported on this file (another rule reports the same
    /// code better, or a later item of the file shows the finding does not hold).
    pub fn withdraw(&mut self, handle: FindingHandle) {
        if let Some(finding) = self.out.get_mut(handle.0)
            && std::ptr::eq(finding.rule, self.rule)
        {
            finding.withdrawn = true;
        }
    }

    /// Counts evidence for the Markdown report's strengths ("N channels, 0 unbounded").
    /// Recorded in production code only (strengths are claims about what ships); keys are
    /// `rule-id/what`.
    pub fn observe(&mut self, key: &'static str) {
        if !self.in_test {
            count_observation(self.observations, key);
        }
    }

    /// Records a fact about this file for the workspace step (see `crate::workspace::facts`):
    /// "a statement timeout is set here". Findings whose rule says they stand only without some
    /// fact anywhere in their workspace are settled there, after every file (cached or not) is in.
    pub fn record_fact(&mut self, fact: &'static str) {
        if !self.facts.contains(&fact) {
            self.facts.push(fact);
        }
    }

    /// The node directly containing the current one.
    pub fn parent(&self) -> Option<Node<'ast>> {
        self.ancestors.last().copied()
    }

    /// Ancestors from the nearest outwards.
    pub fn ancestors_inside_out(&self) -> impl Iterator<Item = Node<'ast>> + '_ {
        self.ancestors.iter().rev().copied()
    }

    /// The full path a written path names in this file, through `use` declarations.
    pub fn resolve(&self, path: &syn::Path) -> Vec<String> {
        self.file.uses.resolve_path(path)
    }

    /// The self type of the enclosing `impl` block, as its last path segment.
    pub fn impl_type(&self) -> Option<String> {
        self.ancestors_inside_out().find_map(|node| match node {
            Node::Item(syn::Item::Impl(imp)) => match &*imp.self_ty {
                syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
                _ => None,
            },
            _ => None,
        })
    }

    /// The type of a method receiver as far as this file declares it, as its last path segment:
    /// `self` is the enclosing impl's type; a local, parameter or field name (`pool`,
    /// `self.pool`) takes the type that every `name: Type` declaration in the file gives it, when
    /// they agree (`&'a mut Pool` gives `Pool`).
    pub fn receiver_type(&self, receiver: &syn::Expr) -> Option<String> {
        let name = match receiver {
            syn::Expr::Path(p) if p.path.is_ident("self") => return self.impl_type(),
            syn::Expr::Path(p) => p.path.get_ident()?.to_string(),
            syn::Expr::Field(f) => match &f.member {
                syn::Member::Named(n) => n.to_string(),
                syn::Member::Unnamed(_) => return None,
            },
            syn::Expr::Reference(r) => return self.receiver_type(&r.expr),
            syn::Expr::Paren(p) => return self.receiver_type(&p.expr),
            _ => return None,
        };
        let mut types = crate::syntax::declared_types(self.file.text, &name)
            .into_iter()
            .map(|ty| {
                let ty = ty.trim_start_matches('&').trim_start();
                let ty = match ty.strip_prefix('\'') {
                    Some(rest) => rest.split_once(char::is_whitespace).map_or("", |(_, t)| t),
                    None => ty,
                };
                let ty = ty.trim_start();
                let ty = ty.strip_prefix("mut ").unwrap_or(ty);
                crate::syntax::leading_path(ty).pop()
            });
        let first = types.next()??;
        types
            .all(|t| t.as_deref() == Some(first.as_str()))
            .then_some(first)
    }

    /// The workspace fns a call path (as [`Ctx::resolve`] gives it, `Self::` allowed) may name:
    /// one when the model resolves it, several when it cannot tell them apart, none when the path
    /// names no workspace fn.
    pub fn workspace_fns(&self, path: &[String]) -> Vec<&crate::model::FnDef> {
        let mut path = path.to_vec();
        if path.first().is_some_and(|s| s == "Self") {
            match self.impl_type() {
                Some(owner) => path[0] = owner,
                None => return Vec::new(),
            }
        }
        match self.workspace.resolve_fn(&path) {
            crate::model::Resolution::Resolved(f) => vec![f],
            crate::model::Resolution::Ambiguous(fns) => fns,
            crate::model::Resolution::Unknown => Vec::new(),
        }
    }
}

/// Adds one to `key`'s evidence counter (the engine counts `unsafe` the same way).
pub(crate) fn count_observation(observations: &mut Vec<(&'static str, u32)>, key: &'static str) {
    match observations.iter_mut().find(|(k, _)| *k == key) {
        Some((_, n)) => *n += 1,
        None => observations.push((key, 1)),
    }
}

/// Hooks the analyzer calls, each once per node of its kind, in source order. Every hook has an
/// empty default: a rule implements the ones it needs.
#[expect(
    unused_variables,
    reason = "default hooks ignore their arguments; the names document them"
)]
pub trait Rule: Send {
    /// Every expression, including those parsed out of macro bodies and those of the expansion
    /// of a workspace `macro_rules!` call (see `crate::analyze`, "Expansions").
    fn check_expr<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, expr: &'ast syn::Expr) {}
    /// Every statement (a `let`, an expression statement, an item, a macro statement).
    fn check_stmt<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, stmt: &'ast syn::Stmt) {}
    /// Every item, at any depth (including items nested in functions and modules).
    fn check_item<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, item: &'ast syn::Item) {}
    /// Every attribute, wherever it stands, plus attributes found inside `macro_rules!` bodies.
    fn check_attribute<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, attr: &'ast syn::Attribute) {}
    /// Every macro invocation, with its body parsed where the analyzer could.
    fn check_macro<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, call: &MacroCall<'ast>) {}
    /// Every type written in the source (fields, signatures, annotations).
    fn check_type<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, ty: &'ast syn::Type) {}
    /// Entering a function with a body, before any node inside it.
    fn enter_fn<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, f: FnNode<'ast>) {}
    /// Leaving that function, after every node inside it: the place for same-function flow checks.
    fn exit_fn<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, f: FnNode<'ast>) {}
    /// After every node of the file: the place for whole-file checks (a declaration and its uses
    /// in either order). Spans are not `Send`, so a rule keeps owned keys during the traversal and
    /// finds the nodes to report again in `file`.
    fn exit_file<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, file: &'ast syn::File) {}
}

/// A registered rule: its metadata and a constructor for a fresh per-file instance.
pub struct RuleEntry {
    pub meta: &'static RuleMeta,
    pub new: fn() -> Box<dyn Rule>,
    /// What the rule does after every file is analysed (see `crate::workspace`): findings from
    /// manifests and lockfiles, or settling its per-file findings on workspace-wide facts.
    pub workspace: Option<&'static crate::workspace::WorkspaceHooks>,
}

/// Every rule ferret knows, in id order. Adding a rule = one file + one line here.
pub fn registry() -> &'static [&'static RuleEntry] {
    static REGISTRY: &[&RuleEntry] = &[
        &allow_attribute::ENTRY,
        &block_on_without_timeout::ENTRY,
        &command_injection::ENTRY,
        &detached_spawn::ENTRY,
        &discarded_result::ENTRY,
        &error_detail_leak::ENTRY,
        &ffi_unchecked_pointer::ENTRY,
        &hardcoded_resource_limit::ENTRY,
        &http_client_without_timeout::ENTRY,
        &insecure_default_url::ENTRY,
        &lint_policy_not_enforced::ENTRY,
        &map_err_discard::ENTRY,
        &no_statement_timeout::ENTRY,
        &panic_in_production::ENTRY,
        &path_traversal::ENTRY,
        &permissive_cors::ENTRY,
        &poison_recovery::ENTRY,
        &regex_injection::ENTRY,
        &shutdown_without_timeout::ENTRY,
        &sql_injection::ENTRY,
        &sql_interpolation::ENTRY,
        &ssrf::ENTRY,
        &stringly_error::ENTRY,
        &suppression_without_reason::ENTRY,
        &tls_verification_disabled::ENTRY,
        &unbounded_channel::ENTRY,
        &unbounded_spin::ENTRY,
        &uncontrolled_allocation::ENTRY,
        &unraised_error_variant::ENTRY,
        &unsafe_send_sync::ENTRY,
        &unmaintained_dependency::ENTRY,
        &unsound_dependency::ENTRY,
        &unused_dependency_ignores::ENTRY,
        &unused_suppression::ENTRY,
        &unvalidated_input::ENTRY,
        &unwrap_or_default::ENTRY,
        &vulnerable_dependency::ENTRY,
    ];
    REGISTRY
}

pub fn find(id: &str) -> Option<&'static RuleEntry> {
    registry().iter().copied().find(|r| r.meta.id == id)
}

/// Rules that have no hooks: the engine itself produces their findings.
#[derive(Default)]
pub(crate) struct EngineRule;
impl Rule for EngineRule {}

/// Short-hand for a rule entry; used by every rule file.
#[macro_export]
macro_rules! rule_entry {
    ($meta:expr, $ty:ty) => {
        $crate::rules::RuleEntry {
            meta: $meta,
            new: || Box::new(<$ty>::default()),
            workspace: None,
        }
    };
    ($meta:expr, $ty:ty, $hooks:expr) => {
        $crate::rules::RuleEntry {
            meta: $meta,
            new: || Box::new(<$ty>::default()),
            workspace: Some($hooks),
        }
    };
}
