//! `--format github`: GitHub Actions workflow commands, one annotation per finding
//! (`::error file=..,line=..,col=..,endLine=..,endColumn=..,title=ferret(RULE)::message`), as
//! ruff's `--output-format github` writes them. Paths are relative to the repository root.

use crate::finding::{Finding, Severity};
use crate::report::listing::listing;
use crate::report::safe_text::one_line;
use crate::scan::{FileProblem, ScanResult};

/// `repo_prefix` is the scan root relative to the repository root, with a trailing `/` (empty
/// when the scan root is the repository root).
pub fn render(result: &ScanResult, repo_prefix: &str, max_findings: Option<usize>) -> String {
    let listed = listing(result, max_findings);
    let mut out = String::new();
    for f in &listed.shown {
        out.push_str(&command(f, repo_prefix));
        out.push('\n');
    }
    // A file that could not be analysed is a gap in the scan: say so where the reviewer looks.
    for p in &result.problems {
        out.push_str(&problem_command(p, repo_prefix));
        out.push('\n');
    }
    // Plain lines are shown in the log as they are; only `::` lines are commands.
    if let Some(hidden) = listed.hidden_line() {
        out.push_str(&hidden);
        out.push('\n');
    }
    out.push_str(&crate::report::human::summary(result));
    out.push('\n');
    out
}

/// Annotation levels: GitHub has three, the audits five.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "notice",
    }
}

fn command(f: &Finding, repo_prefix: &str) -> String {
    let path = format!("{repo_prefix}{}", f.path);
    let title = format!("ferret({})", f.rule);
    // `%0A` is GitHub's escaped newline: the help goes on a line of its own in the annotation.
    let message = format!(
        "{}: {}%0Ahelp: {}",
        f.severity,
        data(&one_line(&f.message)),
        data(&one_line(&f.help))
    );
    format!(
        "::{} file={},line={},col={},endLine={},endColumn={},title={}::{message}",
        level(f.severity),
        property(&one_line(&path)),
        f.line,
        f.column,
        f.end_line,
        f.end_column,
        property(&title),
    )
}

fn problem_command(p: &FileProblem, repo_prefix: &str) -> String {
    let path = format!("{repo_prefix}{}", p.path);
    let mut properties = format!("file={}", property(&one_line(&path)));
    if let (Some(line), Some(col)) = (p.line, p.column) {
        properties.push_str(&format!(",line={line},col={col}"));
    }
    format!(
        "::warning {properties},title={}::{}",
        property("ferret: file not analysed"),
        data(&one_line(&p.message))
    )
}

/// A command's message, escaped as the actions toolkit's `escapeData` does.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command property value, escaped as the toolkit's `escapeProperty` does.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_actions_toolkit_does() {
        assert_eq!(data("100% a\r\nb"), "100%25 a%0D%0Ab");
        assert_eq!(property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
