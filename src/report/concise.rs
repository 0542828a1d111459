//! `--format concise`: one line per finding, `path:line:col: severity[rule] message`, the form
//! editors' quickfix lists and `grep` read; then the summary line.

use crate::finding::Finding;
use crate::report::listing::listing;
use crate::report::safe_text::one_line;
use crate::scan::ScanResult;

pub fn render(result: &ScanResult, max_findings: Option<usize>) -> String {
    let listed = listing(result, max_findings);
    let mut out = String::new();
    for f in &listed.shown {
        out.push_str(&line(f));
        out.push('\n');
    }
    if let Some(hidden) = listed.hidden_line() {
        out.push_str(&hidden);
        out.push('\n');
    }
    out.push_str(&crate::report::human::summary(result));
    out.push('\n');
    out
}

/// `src/db.rs:16:27: high[sql-interpolation] SQL text built with ...`, source text escaped.
pub fn line(f: &Finding) -> String {
    format!(
        "{}:{}:{}: {}[{}] {}",
        one_line(&f.path),
        f.line,
        f.column,
        f.severity,
        f.rule,
        one_line(&f.message)
    )
}
