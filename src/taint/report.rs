//! How the taint rules turn the engine's hits into findings: one finding per source and sink,
//! severity by where the input comes from, the path in the message and in `flow`.

use crate::finding::Severity;
use crate::knowledge::taint::{Family, SinkKind};
use crate::rules::{Ctx, RawStep};
use crate::taint::summary::ModelSummaries;
use crate::taint::{Origin, flows};

/// What a taint rule reports, and how severe each family of source is for it (`None`: not
/// reported, e.g. a command-line tool opening the file its user names).
pub struct TaintRule {
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
    fn severity(&self, family: Family) -> Option<Severity> {
        match family {
            Family::WebRequest => self.web,
            Family::Network => self.network,
            Family::Local => self.local,
            Family::Foreign => self.foreign,
        }
    }
}

pub fn report(cx: &mut Ctx<'_, '_>, file: &syn::File, rule: &TaintRule) {
    // A file parsed for other rules that names no source has no flow to follow (the prefilter's
    // own test, repeated: every enabled rule runs on every parsed file).
    if !crate::taint::literals::names_a_source(cx.file.text) {
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
        let mut steps: Vec<RawStep> = hit
            .flow
            .steps
            .iter()
            .map(|s| RawStep {
                start: s.start,
                end: s.end,
                note: crate::report::safe_text::one_line(&s.note).into_owned(),
            })
            .collect();
        steps.push(RawStep {
            start: hit.sink.start,
            end: hit.sink.end,
            note: crate::report::safe_text::one_line(&hit.sink.note).into_owned(),
        });
        cx.report_flow(hit.sink.start, hit.arg, severity, message, rule.help, steps);
    }
}
