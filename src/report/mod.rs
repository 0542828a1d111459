//! Reports: each turns a finished [`ScanResult`](crate::ScanResult) into text. Reports never
//! re-analyse; everything they show was recorded by the scan.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod listing;
pub mod markdown;
pub mod markdown_dependencies;
pub mod safe_text;
pub mod sarif;
pub mod statistics;

use crate::rules;

/// `--list-rules`: id, dimension, default severity, on/off, summary.
pub fn rule_list() -> String {
    let mut out = String::new();
    let width = rules::registry()
        .iter()
        .map(|r| r.meta.id.len())
        .max()
        .unwrap_or(0);
    out.push_str(&format!(
        "{:width$}  {:14}  {:8}  {:3}  {}\n",
        "ID", "DIMENSION", "SEVERITY", "ON", "SUMMARY"
    ));
    for entry in rules::registry() {
        let m = entry.meta;
        out.push_str(&format!(
            "{:width$}  {:14}  {:8}  {:3}  {}\n",
            m.id,
            m.dimension.as_str(),
            m.default_severity.as_str(),
            if m.enabled_by_default { "on" } else { "off" },
            m.summary
        ));
    }
    out
}

/// `--list-rules --format json`: one object per rule, for tools (the ecosystem check reads which
/// rules are on by default from it).
pub fn rule_list_json() -> String {
    let rules: Vec<serde_json::Value> = rules::registry()
        .iter()
        .map(|entry| {
            let m = entry.meta;
            serde_json::json!({
                "id": m.id,
                "dimension": m.dimension.as_str(),
                "severity": m.default_severity.as_str(),
                "enabled_by_default": m.enabled_by_default,
                "summary": m.summary,
            })
        })
        .collect();
    let mut text = serde_json::Value::Array(rules).to_string();
    text.push('\n');
    text
}

/// `--list-rules --format markdown`: the README's rule table.
pub fn rule_table_markdown() -> String {
    let mut out =
        String::from("| id | dimension | severity | default | summary |\n|---|---|---|---|---|\n");
    for entry in rules::registry() {
        let m = entry.meta;
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            m.id,
            m.dimension.as_str(),
            m.default_severity.as_str(),
            if m.enabled_by_default { "on" } else { "off" },
            // A `|` ends a table cell even inside a code span unless escaped.
            m.summary.replace('|', "\\|")
        ));
    }
    out
}
