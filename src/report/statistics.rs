//! `--statistics`: how many active findings each rule produced at each severity, most frequent
//! first, as `ruff check --statistics` prints them; as a JSON array with `--format json`.

use serde::Serialize;

use crate::finding::Severity;
use crate::rules;
use crate::scan::ScanResult;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    pub rule: String,
    pub count: usize,
    pub severity: Severity,
    /// ferret offers no automatic fixes: always false, kept for tools that read ruff's shape.
    pub fixable: bool,
    pub summary: &'static str,
}

/// One row per (rule, severity) with active findings, most frequent first, then most severe,
/// then by rule id.
pub fn by_rule(result: &ScanResult) -> Vec<RuleCount> {
    let mut rows: Vec<RuleCount> = Vec::new();
    for f in result.active_findings() {
        match rows
            .iter_mut()
            .find(|r| r.rule == f.rule && r.severity == f.severity)
        {
            Some(row) => row.count += 1,
            None => rows.push(RuleCount {
                rule: f.rule.clone(),
                count: 1,
                severity: f.severity,
                fixable: false,
                summary: rules::find(&f.rule).map_or("", |e| e.meta.summary),
            }),
        }
    }
    rows.sort_by(|a, b| (b.count, b.severity, &a.rule).cmp(&(a.count, a.severity, &b.rule)));
    rows
}

/// Aligned columns: count, rule, severity, summary.
pub fn render_text(result: &ScanResult) -> String {
    let rows = by_rule(result);
    if rows.is_empty() {
        return "ferret: no findings\n".to_string();
    }
    let count_width = rows
        .iter()
        .map(|r| r.count.to_string().len())
        .max()
        .unwrap_or(1);
    let rule_width = rows.iter().map(|r| r.rule.len()).max().unwrap_or(4);
    let mut out = String::new();
    for r in &rows {
        out.push_str(&format!(
            "{:>count_width$}  {:rule_width$}  {:8}  {}\n",
            r.count,
            r.rule,
            r.severity.as_str(),
            r.summary
        ));
    }
    out
}

pub fn render_json(result: &ScanResult) -> String {
    let mut text = serde_json::to_string_pretty(&by_rule(result)).unwrap_or_else(|e| {
        // Serialising plain data cannot fail; say so loudly if it ever does.
        format!("{{\"error\": \"cannot serialise the statistics: {e}\"}}")
    });
    text.push('\n');
    text
}
