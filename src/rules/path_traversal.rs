//! `path-traversal`: untrusted input from a request or the network decides a file path that is opened, written, deleted or served.
//! The flow is found by the taint engine (`crate::taint`); this file says what to report.

use crate::finding::{Dimension, Severity};
use crate::knowledge::taint::SinkKind;
use crate::rules::{RuleEntry, RuleMeta};
use crate::taint::report::TaintRule;

const RULE: TaintRule = TaintRule {
    id: "path-traversal",
    dimension: Dimension::Security,
    default_severity: Severity::High,
    summary: "untrusted input from a request or the network decides a file path that is opened, written, deleted or served",
    doc: include_str!("../../rules/path-traversal.md"),
    kind: SinkKind::Path,
    consequence: "the file system: `../` in the input reaches files outside the intended directory",
    help: "keep only the final name (`Path::new(&name).file_name()`), or `canonicalize` the joined path and check it `starts_with` the base directory before using it",
    web: Some(Severity::High),
    network: Some(Severity::High),
    local: None,
    foreign: Some(Severity::Medium),
};

pub static META: RuleMeta = RULE.meta();

pub static ENTRY: RuleEntry = crate::taint_rule_entry!(META, RULE);
