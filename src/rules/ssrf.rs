//! `ssrf`: untrusted input from a request decides the URL or host of an outgoing HTTP request (server-side request forgery).
//! The flow is found by the taint engine (`crate::taint`); this file says what to report.

use crate::finding::{Dimension, Severity};
use crate::knowledge::taint::SinkKind;
use crate::rules::{RuleEntry, RuleMeta};
use crate::taint::report::TaintRule;

const RULE: TaintRule = TaintRule {
    id: "ssrf",
    dimension: Dimension::Security,
    default_severity: Severity::High,
    summary: "untrusted input from a request decides the URL or host of an outgoing HTTP request (server-side request forgery)",
    doc: include_str!("../../rules/ssrf.md"),
    kind: SinkKind::Ssrf,
    consequence: "an outgoing request whose host it decides: the server can be made to call internal services",
    help: "fix the scheme and host in the code and put input only in the path or query, or check the parsed URL's host against an allow-list",
    web: Some(Severity::High),
    network: Some(Severity::Medium),
    local: None,
    foreign: None,
};

pub static META: RuleMeta = RULE.meta();

pub static ENTRY: RuleEntry = crate::taint_rule_entry!(META, RULE);
