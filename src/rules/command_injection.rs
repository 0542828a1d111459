//! `command-injection`: untrusted input from a request or the network decides a program run by `Command` or its arguments.
//! The flow is found by the taint engine (`crate::taint`); this file says what to report.

use crate::finding::{Dimension, Severity};
use crate::knowledge::taint::{SOURCE_LITERALS, SinkKind};
use crate::rules::{Ctx, LiteralScope, Precision, Rule, RuleEntry, RuleMeta};
use crate::taint::report::{TaintRule, report};

pub static META: RuleMeta = RuleMeta {
    id: "command-injection",
    dimension: Dimension::Security,
    default_severity: Severity::High,
    summary: "untrusted input from a request or the network decides a program run by `Command` or its arguments",
    doc: include_str!("../../rules/command-injection.md"),
    enabled_by_default: true,
    production_only: true,
    precision: Precision::High,
    // A file without a source has no flow; with one, helpers anywhere in it may matter.
    literals: SOURCE_LITERALS,
    pattern: None,
    literal_scope: LiteralScope::File,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, CommandInjection);

const RULE: TaintRule = TaintRule {
    kind: SinkKind::Command,
    consequence: "a program started with it, or its arguments or environment: the input decides what runs",
    help: "never let input choose the program; pass input as separate arguments after a fixed `--`, checked against an allow-list, and never to `sh -c`/`cmd /C`",
    web: Some(Severity::Critical),
    network: Some(Severity::High),
    local: None,
    foreign: Some(Severity::Medium),
};

#[derive(Default)]
pub struct CommandInjection;

impl Rule for CommandInjection {
    fn exit_file<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, file: &'ast syn::File) {
        report(cx, file, &RULE);
    }
}
