//! `regex-injection`: untrusted input from a request or the network compiled as a regular expression unescaped.
//! The flow is found by the taint engine (`crate::taint`); this file says what to report.

use crate::finding::{Dimension, Severity};
use crate::knowledge::taint::SinkKind;
use crate::rules::{RuleEntry, RuleMeta};
use crate::taint::report::TaintRule;

const RULE: TaintRule = TaintRule {
    id: "regex-injection",
    dimension: Dimension::Security,
    default_severity: Severity::Medium,
    summary: "untrusted input from a request or the network compiled as a regular expression unescaped",
    doc: include_str!("../../rules/regex-injection.md"),
    kind: SinkKind::Regex,
    consequence: "a compiled regular expression: the input can change what matches and make compilation expensive",
    help: "escape the input with `regex::escape` to match it literally, or match with `str::contains`",
    web: Some(Severity::Medium),
    network: Some(Severity::Medium),
    local: None,
    foreign: None,
};

pub static META: RuleMeta = RULE.meta();

pub static ENTRY: RuleEntry = crate::taint_rule_entry!(META, RULE);
