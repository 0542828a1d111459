//! `ssrf`: untrusted input from a request decides the URL or host of an outgoing HTTP request (server-side request forgery).
//! The flow is found by the taint engine (`crate::taint`); this file says what to report.

use crate::finding::{Dimension, Severity};
use crate::knowledge::taint::{SOURCE_LITERALS, SinkKind};
use crate::rules::{Ctx, LiteralScope, Precision, Rule, RuleEntry, RuleMeta};
use crate::taint::report::{TaintRule, report};

pub static META: RuleMeta = RuleMeta {
    id: "ssrf",
    dimension: Dimension::Security,
    default_severity: Severity::High,
    summary: "untrusted input from a request decides the URL or host of an outgoing HTTP request (server-side request forgery)",
    doc: include_str!("../../rules/ssrf.md"),
    enabled_by_default: true,
    production_only: true,
    precision: Precision::High,
    // A file without a source has no flow; with one, helpers anywhere in it may matter.
    literals: SOURCE_LITERALS,
    pattern: None,
    literal_scope: LiteralScope::File,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, Ssrf);

const RULE: TaintRule = TaintRule {
    kind: SinkKind::Ssrf,
    consequence: "an outgoing request whose host it decides: the server can be made to call internal services",
    help: "fix the scheme and host in the code and put input only in the path or query, or check the parsed URL's host against an allow-list",
    web: Some(Severity::High),
    network: Some(Severity::Medium),
    local: None,
    foreign: None,
};

#[derive(Default)]
pub struct Ssrf;

impl Rule for Ssrf {
    fn exit_file<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, file: &'ast syn::File) {
        report(cx, file, &RULE);
    }
}
