//! `uncontrolled-allocation`: a number from a request or the network sizes an allocation
//! (`Vec::with_capacity`, `vec![x; n]`), or a request body read whole with no limit anywhere in
//! the workspace reaches a deserialiser (`serde_json::from_slice`).
//! The flows are found by the taint engine (`crate::taint`); this file says what to report.

use crate::finding::{Dimension, Severity};
use crate::knowledge::taint::{Family, SinkKind};
use crate::rules::{Ctx, Rule, RuleEntry, RuleMeta};
use crate::taint::report::{TaintRule, report, report_kept};

const RULE: TaintRule = TaintRule {
    id: "uncontrolled-allocation",
    dimension: Dimension::Resilience,
    default_severity: Severity::Medium,
    summary: "a number from a request or the network sizes an allocation (`Vec::with_capacity`, `vec![x; n]`, `reserve`) with no bound, or a request body read with no size limit reaches a deserialiser",
    doc: include_str!("../../rules/uncontrolled-allocation.md"),
    kind: SinkKind::Allocation,
    consequence: "an allocation sized by it: one request can ask for gigabytes and abort the process",
    help: "bound the number first (`n.min(MAX_ITEMS)`, or reject `n > MAX_ITEMS` with an error) before allocating",
    web: Some(Severity::Medium),
    network: Some(Severity::Medium),
    local: None,
    foreign: None,
};

/// The same rule's second sink: a request body read whole, which nothing in the workspace bounds,
/// deserialised. Only the request-body family reaches it (`Family::RequestBody`); the rest of
/// the engine's sources (a `Json` extractor's fields, a header) are bounded by the framework.
const BODY: TaintRule = TaintRule {
    kind: SinkKind::Deserialise,
    consequence: "a deserialiser, and no body limit written in the workspace bounds this read: one request can send gigabytes, held in memory twice (the bytes and the value built from them)",
    help: "install a body limit (tower-http's `RequestBodyLimitLayer`, axum's `DefaultBodyLimit::max(..)`, http-body-util's `Limited`) or read the body with a finite limit (`axum::body::to_bytes(body, MAX_BODY)`)",
    network: None,
    ..RULE
};

pub static META: RuleMeta = RULE.meta();

pub static ENTRY: RuleEntry = RuleEntry {
    meta: &META,
    new: || Box::new(UncontrolledAllocation),
    workspace: None,
};

struct UncontrolledAllocation;

impl Rule for UncontrolledAllocation {
    fn exit_file<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, file: &'ast syn::File) {
        report(cx, file, &RULE);
        // A body is a finding only where the model knows no setting in the workspace bounds it.
        report_kept(cx, file, &BODY, |family, workspace| match family {
            Family::RequestBody(by) => workspace.body_bounded(by) == Some(false),
            _ => false,
        });
    }
}
