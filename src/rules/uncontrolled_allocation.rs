//! `uncontrolled-allocation`: a number from a request or the network sizes an allocation (`Vec::with_capacity`, `vec![x.
//! The flow is found by the taint engine (`crate::taint`); this file says what to report.

use crate::finding::{Dimension, Severity};
use crate::knowledge::taint::{SOURCE_LITERALS, SinkKind};
use crate::rules::{Ctx, LiteralScope, Precision, Rule, RuleEntry, RuleMeta};
use crate::taint::report::{TaintRule, report};

pub static META: RuleMeta = RuleMeta {
    id: "uncontrolled-allocation",
    dimension: Dimension::Resilience,
    default_severity: Severity::Medium,
    summary: "a number from a request or the network sizes an allocation (`Vec::with_capacity`, `vec![x; n]`, `reserve`) with no bound",
    doc: include_str!("../../rules/uncontrolled-allocation.md"),
    enabled_by_default: true,
    production_only: true,
    precision: Precision::High,
    // A file without a source has no flow; with one, helpers anywhere in it may matter.
    literals: SOURCE_LITERALS,
    pattern: None,
    literal_scope: LiteralScope::File,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, UncontrolledAllocation);

const RULE: TaintRule = TaintRule {
    kind: SinkKind::Allocation,
    consequence: "an allocation sized by it: one request can ask for gigabytes and abort the process",
    help: "bound the number first (`n.min(MAX_ITEMS)`, or reject `n > MAX_ITEMS` with an error) before allocating",
    web: Some(Severity::Medium),
    network: Some(Severity::Medium),
    local: None,
    foreign: None,
};

#[derive(Default)]
pub struct UncontrolledAllocation;

impl Rule for UncontrolledAllocation {
    fn exit_file<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, file: &'ast syn::File) {
        report(cx, file, &RULE);
    }
}
