//! `regex-injection`: untrusted input from a request or the network compiled as a regular expression unescaped.
//! The flow is found by the taint engine (`crate::taint`); this file says what to report.

use crate::finding::{Dimension, Severity};
use crate::knowledge::taint::{SOURCE_LITERALS, SinkKind};
use crate::rules::{Ctx, LiteralScope, Precision, Rule, RuleEntry, RuleMeta};
use crate::taint::report::{TaintRule, report};

pub static META: RuleMeta = RuleMeta {
    id: "regex-injection",
    dimension: Dimension::Security,
    default_severity: Severity::Medium,
    summary: "untrusted input from a request or the network compiled as a regular expression unescaped",
    doc: include_str!("../../rules/regex-injection.md"),
    enabled_by_default: true,
    production_only: true,
    precision: Precision::High,
    // A file without a source has no flow; with one, helpers anywhere in it may matter.
    literals: SOURCE_LITERALS,
    pattern: None,
    literal_scope: LiteralScope::File,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, RegexInjection);

const RULE: TaintRule = TaintRule {
    kind: SinkKind::Regex,
    consequence: "a compiled regular expression: the input can change what matches and make compilation expensive",
    help: "escape the input with `regex::escape` to match it literally, or match with `str::contains`",
    web: Some(Severity::Medium),
    network: Some(Severity::Medium),
    local: None,
    foreign: None,
};

#[derive(Default)]
pub struct RegexInjection;

impl Rule for RegexInjection {
    fn exit_file<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, file: &'ast syn::File) {
        report(cx, file, &RULE);
    }
}
