//! rustc-style diagnostics through codespan-reporting, and the closing summary line.

use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as Level};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, termcolor::Buffer};

use crate::finding::{Finding, Severity};
use crate::report::safe_text::{multi_line, one_line};
use crate::scan::{FileProblem, ScanResult};

pub fn render(result: &ScanResult, color: bool) -> String {
    render_limited(result, color, None)
}

/// The diagnostics (at most `max_findings` of them, the most severe), then the per-rule counts
/// and the high and critical findings again, so they are not lost in a long scroll, then the
/// summary line.
pub fn render_limited(result: &ScanResult, color: bool, max_findings: Option<usize>) -> String {
    let listed = crate::report::listing::listing(result, max_findings);
    let mut buffer = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    let config = term::Config::default();
    for &finding in &listed.shown {
        let file = SnippetFile::new(finding);
        let diagnostic = diagnostic(finding, &file);
        if term::emit_to_write_style(&mut buffer, &config, &file, &diagnostic).is_err() {
            // The snippet and the label come from the same finding, so this cannot happen; fall
            // back to one plain line rather than lose the finding.
            buffer_line(&mut buffer, &plain_line(finding));
        }
    }
    let mut text = String::from_utf8_lossy(buffer.as_slice()).into_owned();
    if let Some(hidden) = listed.hidden_line() {
        text.push_str(&hidden);
        text.push_str("\n\n");
    }
    text.push_str(&closing_counts(result));
    text.push_str(&summary(result));
    text.push('\n');
    text
}

fn buffer_line(buffer: &mut Buffer, line: &str) {
    use std::io::Write;
    // Writing to an in-memory buffer does not fail.
    if writeln!(buffer, "{line}").is_err() {
        unreachable!("in-memory buffer write failed");
    }
}

/// `path:line:col: severity[rule]: message`, for the rare case a diagnostic cannot be drawn.
pub fn plain_line(f: &Finding) -> String {
    format!(
        "{}:{}:{}: {}[{}]: {}",
        one_line(&f.path),
        f.line,
        f.column,
        f.severity,
        f.rule,
        one_line(&f.message)
    )
}

fn level(severity: Severity) -> Level {
    match severity {
        Severity::Critical | Severity::High => Level::Error,
        Severity::Medium | Severity::Low => Level::Warning,
        Severity::Info => Level::Note,
    }
}

fn diagnostic(f: &Finding, file: &SnippetFile<'_>) -> Diagnostic<()> {
    let mut notes = vec![format!("help: {}", one_line(&f.help))];
    if f.in_test {
        notes.push("note: in test code".to_string());
    }
    if !f.flow.is_empty() {
        let path: Vec<String> = f
            .flow
            .iter()
            .map(|step| format!("line {}: {}", step.line, step.note))
            .collect();
        notes.push(format!(
            "path: {}",
            crate::report::safe_text::one_line(&path.join(" → "))
        ));
    }
    Diagnostic::new(level(f.severity))
        .with_code(&f.rule)
        .with_message(one_line(&f.message))
        .with_labels(vec![
            Label::primary((), file.label_range(f))
                .with_message(format!("{} severity", f.severity)),
        ])
        .with_notes(notes)
}

/// The finding's own snippet, presented to codespan as a file whose lines start at the finding's
/// line, so the report needs no second read of the source. Name and text are escaped (see
/// `safe_text`); columns, which count characters of the source, are mapped onto the escaped text.
struct SnippetFile<'f> {
    name: String,
    first_line: usize,
    /// The snippet as the source has it, for column arithmetic.
    raw: &'f str,
    raw_line_starts: Vec<usize>,
    /// The escaped snippet codespan shows (as many lines: newlines are kept).
    text: String,
    line_starts: Vec<usize>,
}

fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(
        text.char_indices()
            .filter(|&(_, c)| c == '\n')
            .map(|(i, _)| i + 1),
    );
    starts
}

impl<'f> SnippetFile<'f> {
    fn new(f: &'f Finding) -> SnippetFile<'f> {
        let text = multi_line(&f.snippet).into_owned();
        SnippetFile {
            name: one_line(&f.path).into_owned(),
            first_line: f.line,
            raw: &f.snippet,
            raw_line_starts: line_starts(&f.snippet),
            line_starts: line_starts(&text),
            text,
        }
    }

    /// Byte offset in the escaped text of the 1-based character `column` of source `line`.
    fn offset(&self, line: usize, column: usize) -> usize {
        let idx = line
            .saturating_sub(self.first_line)
            .min(self.line_starts.len() - 1);
        let raw_start = self.raw_line_starts[idx];
        let raw_end = self
            .raw_line_starts
            .get(idx + 1)
            .map_or(self.raw.len(), |&next| next - 1);
        let before: String = self.raw[raw_start..raw_end]
            .chars()
            .take(column.saturating_sub(1))
            .collect();
        let start = self.line_starts[idx];
        (start + multi_line(&before).len()).min(self.line_end(idx))
    }

    fn line_end(&self, idx: usize) -> usize {
        self.line_starts
            .get(idx + 1)
            .map_or(self.text.len(), |&next| next - 1)
    }

    fn label_range(&self, f: &Finding) -> Range<usize> {
        let start = self.offset(f.line, f.column);
        let last_line = self.first_line + self.line_starts.len() - 1;
        let end = if f.end_line <= last_line {
            self.offset(f.end_line, f.end_column)
        } else {
            self.text.len()
        };
        start..end.max(start)
    }
}

impl<'a> Files<'a> for SnippetFile<'_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, FilesError> {
        let idx = self.line_starts.partition_point(|&s| s <= byte_index) - 1;
        Ok(idx + self.first_line - 1)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, FilesError> {
        let idx = line_index + 1 - self.first_line;
        let start = *self.line_starts.get(idx).ok_or(FilesError::LineTooLarge {
            given: line_index,
            max: self.first_line + self.line_starts.len() - 2,
        })?;
        let end = self
            .line_starts
            .get(idx + 1)
            .copied()
            .unwrap_or(self.text.len());
        Ok(start..end)
    }
}

/// Per-rule counts, most severe first, then one line per high or critical finding:
///
/// ```text
/// ferret: findings by rule, most severe first:
///      1  high      sql-interpolation
///      4  medium    allow-attribute
/// ferret: high and critical findings:
///   src/db.rs:16:27: high[sql-interpolation] SQL text built with `format!` ...
/// ```
fn closing_counts(result: &ScanResult) -> String {
    let mut rows = crate::report::statistics::by_rule(result);
    if rows.is_empty() {
        return String::new();
    }
    rows.sort_by(|a, b| (b.severity, b.count, &a.rule).cmp(&(a.severity, a.count, &b.rule)));
    let width = rows
        .iter()
        .map(|r| r.count.to_string().len())
        .max()
        .unwrap_or(1);
    let mut out = String::from("ferret: findings by rule, most severe first:\n");
    for r in &rows {
        out.push_str(&format!(
            "  {:>width$}  {:8}  {}\n",
            r.count,
            r.severity.as_str(),
            r.rule
        ));
    }
    let serious: Vec<&Finding> = result
        .active_findings()
        .filter(|f| f.severity >= Severity::High)
        .collect();
    if !serious.is_empty() {
        out.push_str("ferret: high and critical findings:\n");
        let mut serious = serious;
        serious.sort_by_key(|f| std::cmp::Reverse(f.severity));
        for f in serious {
            out.push_str(&format!("  {}\n", crate::report::concise::line(f)));
        }
    }
    out
}

/// `ferret: 120 files, 8,000 lines in 0.31s: 5 findings (1 high, 4 medium), 2 suppressed, 1 parse failure`
pub fn summary(result: &ScanResult) -> String {
    let active: Vec<&Finding> = result.active_findings().collect();
    let mut parts = Vec::new();
    for severity in Severity::DESCENDING {
        let n = active.iter().filter(|f| f.severity == severity).count();
        if n > 0 {
            parts.push(format!("{n} {severity}"));
        }
    }
    let findings = match active.len() {
        0 => "no findings".to_string(),
        n => format!("{n} finding{} ({})", plural(n), parts.join(", ")),
    };
    let mut line = format!(
        "ferret: scanned {} file{} ({} lines) in {:.2}s: {findings}",
        result.files_scanned,
        plural(result.files_scanned),
        result.lines_scanned,
        result.duration.as_secs_f64()
    );
    let suppressed = result.findings.len() - active.len();
    if suppressed > 0 {
        line.push_str(&format!(", {suppressed} suppressed"));
    }
    let parse_failures = result
        .problems
        .iter()
        .filter(|p| p.kind == crate::scan::ProblemKind::ParseError)
        .count();
    if parse_failures > 0 {
        line.push_str(&format!(
            ", {parse_failures} parse failure{}",
            plural(parse_failures)
        ));
    }
    if result.files_generated > 0 {
        line.push_str(&format!(
            ", {} generated file{} not analysed",
            result.files_generated,
            plural(result.files_generated)
        ));
    }
    let skipped = result.problems.len() - parse_failures;
    if skipped > 0 {
        line.push_str(&format!(", {skipped} file{} skipped", plural(skipped)));
    }
    line
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// One stderr line per file that could not be analysed.
pub fn problem_line(p: &FileProblem) -> String {
    let path = one_line(&p.path);
    let at = match (p.line, p.column) {
        (Some(l), Some(c)) => format!("{path}:{l}:{c}"),
        _ => path.into_owned(),
    };
    let what = match p.kind {
        crate::scan::ProblemKind::ParseError => "error: could not parse",
        crate::scan::ProblemKind::InternalError => "error: internal error in",
        _ => "warning: skipped",
    };
    format!("{what} {at}: {}", one_line(&p.message))
}
