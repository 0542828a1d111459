//! `sql-injection`: untrusted input (a web request, a socket, a CLI argument) reaches an SQL executor as text.
//! The flow is found by the taint engine (`crate::taint`); this file says what to report.

use crate::finding::{Dimension, Severity};
use crate::knowledge::taint::{SOURCE_LITERALS, SinkKind};
use crate::rules::{Ctx, LiteralScope, Precision, Rule, RuleEntry, RuleMeta};
use crate::taint::report::{TaintRule, report};

pub static META: RuleMeta = RuleMeta {
    id: "sql-injection",
    dimension: Dimension::Security,
    default_severity: Severity::High,
    summary: "untrusted input (a web request, a socket, a CLI argument) reaches an SQL executor as text; critical from a web request",
    doc: include_str!("../../rules/sql-injection.md"),
    enabled_by_default: true,
    production_only: true,
    precision: Precision::High,
    // A file without a source has no flow; with one, helpers anywhere in it may matter.
    literals: SOURCE_LITERALS,
    pattern: None,
    literal_scope: LiteralScope::File,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, SqlInjection);

const RULE: TaintRule = TaintRule {
    kind: SinkKind::Sql,
    consequence: "SQL text executed or prepared by the database: the input can change the statement",
    help: "pass values as bind parameters (`sqlx::query(\"... WHERE id = $1\").bind(id)`); check identifiers against an allow-list before splicing them",
    web: Some(Severity::Critical),
    network: Some(Severity::High),
    local: Some(Severity::Medium),
    foreign: Some(Severity::Medium),
};

#[derive(Default)]
pub struct SqlInjection;

impl Rule for SqlInjection {
    fn exit_file<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, file: &'ast syn::File) {
        report(cx, file, &RULE);
    }
}
