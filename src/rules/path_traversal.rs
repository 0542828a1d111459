//! `path-traversal`: untrusted input from a request or the network decides a file path that is opened, written, deleted or served.
//! The flow is found by the taint engine (`crate::taint`); this file says what to report.

use crate::finding::{Dimension, Severity};
use crate::knowledge::taint::{SOURCE_LITERALS, SinkKind};
use crate::rules::{Ctx, LiteralScope, Precision, Rule, RuleEntry, RuleMeta};
use crate::taint::report::{TaintRule, report};

pub static META: RuleMeta = RuleMeta {
    id: "path-traversal",
    dimension: Dimension::Security,
    default_severity: Severity::High,
    summary: "untrusted input from a request or the network decides a file path that is opened, written, deleted or served",
    doc: include_str!("../../rules/path-traversal.md"),
    enabled_by_default: true,
    production_only: true,
    precision: Precision::High,
    // A file without a source has no flow; with one, helpers anywhere in it may matter.
    literals: SOURCE_LITERALS,
    pattern: None,
    literal_scope: LiteralScope::File,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, PathTraversal);

const RULE: TaintRule = TaintRule {
    kind: SinkKind::Path,
    consequence: "the file system: `../` in the input reaches files outside the intended directory",
    help: "keep only the final name (`Path::new(&name).file_name()`), or `canonicalize` the joined path and check it `starts_with` the base directory before using it",
    web: Some(Severity::High),
    network: Some(Severity::High),
    local: None,
    foreign: Some(Severity::Medium),
};

#[derive(Default)]
pub struct PathTraversal;

impl Rule for PathTraversal {
    fn exit_file<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, file: &'ast syn::File) {
        report(cx, file, &RULE);
    }
}
