//! `unused-suppression`: a `// ferret: expect(RULE)` comment that silences nothing.
//! The engine produces these findings while it applies suppressions (see `suppress.rs`).

use crate::finding::{Dimension, Severity};
use crate::rules::{EngineRule, LiteralScope, Precision, RuleEntry, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "unused-suppression",
    dimension: Dimension::LintPolicy,
    default_severity: Severity::Low,
    summary: "a `// ferret: expect(RULE)` suppression, or an `[advisories] ignore` entry, that silences no finding",
    doc: include_str!("../../rules/unused-suppression.md"),
    enabled_by_default: true,
    production_only: false,
    precision: Precision::VeryHigh,
    literal_scope: LiteralScope::Comments,
    literals: &["ferret:"],
    pattern: None,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, EngineRule);
