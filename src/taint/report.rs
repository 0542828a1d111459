//! How the taint rules turn the engine's hits into findings: one finding per source and sink,
//! severity by where the input comes from, the path in the message and in `flow`.

use crate::finding::{Dimension, Severity};
use crate::knowledge::taint::{Family, SOURCE_LITERALS, SOURCE_PATTERN, SinkKind};
use crate::rules::{Ctx, LiteralScope, Precision, RawStep, Rule, RuleMeta};
use crate::taint::summary::ModelSummaries;
use crate::taint::{Origin, flows};

/// A rule on the taint engine: its id and page, the sink family it reports, and how severe each
/// family of source is for it (`None`: not reported, e.g. a command-line tool opening the file
/// its user names). Every taint rule is one of these and [`TaintHooks`].
pub struct TaintRule {
    pub id: &'static str,
    pub dimension: Dimension,
    pub default_severity: Severity,
    /// One line, for `--list-rules` and SARIF.
    pub summary: &'static str,
    /// The rule's `rules/ID.md` page.
    pub doc: &'static str,
    pub kind: SinkKind,
    /// What the sink does with the value, after "reaches ..": "an SQL executor".
    pub consequence: &'static str,
    pub help: &'static str,
    pub web: Option<Severity>,
    pub network: Option<Severity>,
    pub local: Option<Severity>,
    pub foreign: Option<Severity>,
}

impl TaintRule {
    /// The rule's metadata: what every taint rule shares (on by default, production code only,
    /// prefiltered on the source literals of the whole file).
    pub const fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: self.id,
            dimension: self.dimension,
            default_severity: self.default_severity,
            summary: self.summary,
            doc: self.doc,
            enabled_by_default: true,
            production_only: true,
            precision: Precision::High,
            // A file without a source has no flow; with one, helpers anywhere in it may matter.
            // With the environment as input, its words select files too (`crate::scan`).
            literals: SOURCE_LITERALS,
            pattern: Some(SOURCE_PATTERN),
            literal_scope: LiteralScope::File,
        }
    }

    /// Whether `meta`'s prefilter is the taint sources' (a rule made by [`TaintRule::meta`]): the
    /// scan adds the environment's words to it when the environment is input.
    pub fn selects_by_sources(meta: &RuleMeta) -> bool {
        meta.literals == SOURCE_LITERALS && meta.pattern == Some(SOURCE_PATTERN)
    }

    fn severity(&self, family: Family) -> Option<Severity> {
        match family {
            Family::WebRequest => self.web,
            Family::Network => self.network,
            Family::Local => self.local,
            Family::Foreign => self.foreign,
            // Whether the body is bounded is the rule's to decide (`uncontrolled-allocation`).
            Family::RequestBody(_) => self.web,
            // Sources of TLS flags only: no text rule sees them.
            Family::Configuration | Family::Literal => None,
        }
    }
}

/// The hooks of every taint rule: at the end of the file, the engine's flows of its sink family.
pub struct TaintHooks(pub &'static TaintRule);

impl Rule for TaintHooks {
    fn exit_file<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, file: &'ast syn::File) {
        report(cx, file, self.0);
    }
}

/// The registry entry of a taint rule: `taint_rule_entry!(META, RULE)`.
#[macro_export]
macro_rules! taint_rule_entry {
    ($meta:ident, $rule:ident) => {
        $crate::rules::RuleEntry {
            meta: &$meta,
            new: || Box::new($crate::taint::report::TaintHooks(&$rule)),
            workspace: None,
        }
    };
}

pub fn report(cx: &mut Ctx<'_, '_>, file: &syn::File, rule: &TaintRule) {
    report_kept(cx, file, rule, |_, _| true);
}

/// [`report`], for the hits `keep` accepts (given the hit's source family and the model).
pub fn report_kept(
    cx: &mut Ctx<'_, '_>,
    file: &syn::File,
    rule: &TaintRule,
    keep: impl Fn(Family, &crate::model::Workspace) -> bool,
) {
    // A file parsed for other rules that names no source has no flow to follow (the prefilter's
    // own test, repeated: every enabled rule runs on every parsed file).
    let environment = cx.workspace.environment_is_input();
    let names_a_source = cx.file.names_a_source()
        || (environment && crate::taint::literals::names_the_environment(cx.file.text));
    if !names_a_source {
        return;
    }
    let outside = ModelSummaries {
        workspace: cx.workspace,
        file: &cx.file.path,
    };
    for hit in flows(file, &cx.file.uses, rule.kind, &outside) {
        let Origin::Source { family, what } = hit.flow.origin else {
            continue;
        };
        let Some(severity) = rule.severity(family) else {
            continue;
        };
        if !keep(family, cx.workspace) {
            continue;
        }
        let source_line = hit.flow.steps.first().map_or(0, |s| s.start.start().line);
        let mut vars: Vec<String> = Vec::new();
        for step in &hit.flow.steps {
            if let Some(v) = &step.var
                && !vars.contains(v)
            {
                vars.push(v.clone());
            }
        }
        let through = if vars.is_empty() {
            String::new()
        } else {
            let shown: Vec<String> = vars.iter().map(|v| format!("`{v}`")).collect();
            format!(" through {}", shown.join(" → "))
        };
        let sink = hit.sink.note.trim_start_matches("reaches ");
        let message = crate::report::safe_text::one_line(&format!(
            "untrusted input from {what} (line {source_line}){through} reaches {sink}: {}",
            rule.consequence
        ))
        .into_owned();
        let steps = flow_steps(&hit);
        cx.report_flow(hit.sink.start, hit.arg, severity, message, rule.help, steps);
        if hit.in_test {
            cx.mark_in_test();
        }
    }
}

/// A hit's path for the finding's `flow`: its steps, then the sink, notes made one safe line.
pub fn flow_steps(hit: &crate::taint::Hit) -> Vec<RawStep> {
    let step = |start, end, note: &str| RawStep {
        start,
        end,
        note: crate::report::safe_text::one_line(note).into_owned(),
    };
    hit.flow
        .steps
        .iter()
        .map(|s| step(s.start, s.end, &s.note))
        .chain(std::iter::once(step(
            hit.sink.start,
            hit.sink.end,
            &hit.sink.note,
        )))
        .collect()
}
