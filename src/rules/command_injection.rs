//! `command-injection`: untrusted input from a request or the network decides a program run by `Command` or its arguments.
//! The flow is found by the taint engine (`crate::taint`); this file says what to report.

use crate::finding::{Dimension, Severity};
use crate::knowledge::taint::SinkKind;
use crate::rules::{RuleEntry, RuleMeta};
use crate::taint::report::TaintRule;

const RULE: TaintRule = TaintRule {
    id: "command-injection",
    dimension: Dimension::Security,
    default_severity: Severity::High,
    summary: "untrusted input from a request or the network decides a program run by `Command` or its arguments",
    doc: include_str!("../../rules/command-injection.md"),
    kind: SinkKind::Command,
    consequence: "a program started with it, or its arguments or environment: the input decides what runs",
    help: "never let input choose the program; pass input as separate arguments after a fixed `--`, checked against an allow-list, and never to `sh -c`/`cmd /C`",
    web: Some(Severity::Critical),
    network: Some(Severity::High),
    local: None,
    foreign: Some(Severity::Medium),
};

pub static META: RuleMeta = RULE.meta();

pub static ENTRY: RuleEntry = crate::taint_rule_entry!(META, RULE);
