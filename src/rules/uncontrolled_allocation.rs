//! `uncontrolled-allocation`: a number from a request or the network sizes an allocation (`Vec::with_capacity`, `vec![x.
//! The flow is found by the taint engine (`crate::taint`); this file says what to report.

use crate::finding::{Dimension, Severity};
use crate::knowledge::taint::SinkKind;
use crate::rules::{RuleEntry, RuleMeta};
use crate::taint::report::TaintRule;

const RULE: TaintRule = TaintRule {
    id: "uncontrolled-allocation",
    dimension: Dimension::Resilience,
    default_severity: Severity::Medium,
    summary: "a number from a request or the network sizes an allocation (`Vec::with_capacity`, `vec![x; n]`, `reserve`) with no bound",
    doc: include_str!("../../rules/uncontrolled-allocation.md"),
    kind: SinkKind::Allocation,
    consequence: "an allocation sized by it: one request can ask for gigabytes and abort the process",
    help: "bound the number first (`n.min(MAX_ITEMS)`, or reject `n > MAX_ITEMS` with an error) before allocating",
    web: Some(Severity::Medium),
    network: Some(Severity::Medium),
    local: None,
    foreign: None,
};

pub static META: RuleMeta = RULE.meta();

pub static ENTRY: RuleEntry = crate::taint_rule_entry!(META, RULE);
