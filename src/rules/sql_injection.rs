//! `sql-injection`: untrusted input (a web request, a socket, a CLI argument) reaches an SQL executor as text.
//! The flow is found by the taint engine (`crate::taint`); this file says what to report.

use crate::finding::{Dimension, Severity};
use crate::knowledge::taint::SinkKind;
use crate::rules::{RuleEntry, RuleMeta};
use crate::taint::report::TaintRule;

const RULE: TaintRule = TaintRule {
    id: "sql-injection",
    dimension: Dimension::Security,
    default_severity: Severity::High,
    summary: "untrusted input (a web request, a socket, a CLI argument) reaches an SQL executor as text; critical from a web request",
    doc: include_str!("../../rules/sql-injection.md"),
    kind: SinkKind::Sql,
    consequence: "SQL text executed or prepared by the database: the input can change the statement",
    help: "pass values as bind parameters (`sqlx::query(\"... WHERE id = $1\").bind(id)`); check identifiers against an allow-list before splicing them",
    web: Some(Severity::Critical),
    network: Some(Severity::High),
    local: Some(Severity::Medium),
    foreign: Some(Severity::Medium),
};

pub static META: RuleMeta = RULE.meta();

pub static ENTRY: RuleEntry = crate::taint_rule_entry!(META, RULE);
