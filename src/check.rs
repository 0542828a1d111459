//! One file, start to finish: prefilter, parse, the single traversal, suppressions, and the
//! findings with their snippets and fingerprints.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::time::Instant;

use xxhash_rust::xxh3::xxh3_64;

use crate::analyze::{self, ActiveRule};
use crate::finding::{Finding, FlowStep, Severity};
use crate::lex;
use crate::model::Workspace;
use crate::prefilter::{Prefilter, Selection};
use crate::rules::{self, RawFinding, RuleMeta};
use crate::scan::{FileOutcome, FileProblem, PreparedRule, ProblemKind};
use crate::source::SourceFile;
use crate::suppress;

/// Nesting estimate (see [`lex::Shape::nesting`]) beyond which a file is reported as too deep
/// instead of parsed. Real code stays far below it (the deepest file of a 470-crate corpus
/// measures in the hundreds); every recursive construct, written plainly, crosses it long before
/// it can exhaust a worker's stack.
pub const MAX_NESTING: usize = 10_000;

/// Tokens in one top-level item beyond which the item is not parsed on a worker thread but in a
/// separate process (see `isolate`). This is the guard that holds for every input, at any depth
/// and size:
///
/// - The parser (syn's recursive descent over proc-macro2's tokens; the lexer itself keeps an
///   explicit stack), ferret's traversal, the printing of token streams and the drop of a syntax
///   tree all recurse at most a bounded number of frames per token of the item they work on:
///   syn has no left recursion, so each level of recursion consumes at least one token, and
///   top-level items are parsed, walked and dropped in loops, one after the other.
/// - [`lex::shape`] counts at least as many tokens per item as the parser sees.
/// - The worst construct measured on a `WORKER_STACK` (parse, traversal with every rule, drop) is
///   a reference type `&&&..u8`, one token per level: 31 KiB of stack per token in a debug build
///   (the stack overflows at 17,000 levels), 3.1 KiB in a release build (171,000 levels); nested
///   generics come next (17 and 2.6 KiB). The limits leave a factor of 4 to spare.
/// - An item above the limit never touches a worker's stack: in its own process, a stack overflow
///   (which Rust cannot catch) kills only that process, and the file is reported as a problem.
pub const MAX_ITEM_TOKENS: usize = if cfg!(debug_assertions) {
    4_000
} else {
    40_000
};

/// Stack of every thread that parses: workers, and the analysis thread of an isolated process.
pub const WORKER_STACK: usize = 512 * 1024 * 1024;

/// A rule that runs on this file, with its configured severity.
#[derive(Clone, Copy)]
pub(crate) struct ActiveSetting {
    pub(crate) entry: &'static crate::rules::RuleEntry,
    pub(crate) severity: Option<Severity>,
}

/// What to do with a file after the cheap checks.
pub(crate) enum Checked<'t> {
    Done(FileOutcome),
    /// An item is too big to parse safely on this thread: analyse `parse_text` elsewhere.
    TooBigForThread {
        parse_text: Cow<'t, str>,
        active: Vec<ActiveSetting>,
        item_tokens: usize,
    },
}

/// Lines as `str::lines` counts them, at memchr speed.
fn count_lines(text: &str) -> usize {
    let newlines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
    newlines + usize::from(!text.is_empty() && !text.ends_with('\n'))
}

fn problem_outcome(text: &str, problem: FileProblem) -> FileOutcome {
    FileOutcome {
        lines: count_lines(text),
        problem: Some(problem),
        ..FileOutcome::default()
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "the file, its rules and the scan-wide inputs (model, test policy, deadline) are all needed; a bundle struct would only rename them"
)]
pub(crate) fn analyse_file<'t>(
    rel: &str,
    crate_name: &str,
    text: &'t str,
    rules: &[PreparedRule],
    prefilter: &Prefilter,
    workspace: &Workspace,
    include_tests: bool,
    deadline: Option<Instant>,
) -> Checked<'t> {
    let selection = prefilter.select(text, crate_name);
    if matches!(selection, Selection::Nothing) && !suppress::may_contain_suppression(text) {
        // Nothing here can produce a finding: no parse, no comment scan.
        return Checked::Done(FileOutcome {
            lines: count_lines(text),
            analysed: true,
            ..FileOutcome::default()
        });
    }
    let active: Vec<ActiveSetting> = rules
        .iter()
        .filter(|r| r.applies_to(rel))
        .map(|r| ActiveSetting {
            entry: r.settings.entry,
            severity: r.settings.severity,
        })
        .collect();
    let parse_text = match selection {
        Selection::Nothing => None,
        Selection::Parse(parse_text) => Some(parse_text),
    };
    if let Some(parse_text) = parse_text.as_ref() {
        let shape = lex::shape(parse_text);
        if shape.nesting > MAX_NESTING {
            return Checked::Done(problem_outcome(
                text,
                FileProblem {
                    path: rel.to_string(),
                    kind: ProblemKind::TooDeep,
                    line: None,
                    column: None,
                    message: format!(
                        "nests {} deep (brackets, generics, closures, operators or call chains; \
                         limit {MAX_NESTING})",
                        shape.nesting
                    ),
                },
            ));
        }
        if shape.item_tokens > MAX_ITEM_TOKENS {
            return Checked::TooBigForThread {
                parse_text: parse_text.clone(),
                active,
                item_tokens: shape.item_tokens,
            };
        }
    }
    Checked::Done(analyse_selected(
        rel,
        crate_name,
        text,
        parse_text.as_deref(),
        &active,
        workspace,
        include_tests,
        deadline,
    ))
}

/// Parses `parse_text` (the prefilter's selection of `text`; `None` when only comments matter),
/// runs the active rules and the suppressions. Runs on a worker thread, or in an isolated
/// process for items too big for one.
#[expect(
    clippy::too_many_arguments,
    reason = "the file, its rules and the scan-wide inputs (model, test policy, deadline) are all needed; a bundle struct would only rename them"
)]
pub(crate) fn analyse_selected(
    rel: &str,
    crate_name: &str,
    text: &str,
    parse_text: Option<&str>,
    active: &[ActiveSetting],
    workspace: &Workspace,
    include_tests: bool,
    deadline: Option<Instant>,
) -> FileOutcome {
    let mut outcome = FileOutcome {
        lines: count_lines(text),
        analysed: true,
        ..FileOutcome::default()
    };
    let mut source = SourceFile::new(rel.to_string(), crate_name.to_string(), text);
    let analysis = match parse_text {
        None => analyze::Analysis::default(),
        Some(parse_text) => {
            let ast = match syn::parse_file(parse_text) {
                Ok(ast) => ast,
                Err(e) => {
                    let start = e.span().start();
                    outcome.analysed = false;
                    outcome.problem = Some(FileProblem {
                        path: rel.to_string(),
                        kind: ProblemKind::ParseError,
                        line: Some(start.line),
                        column: Some(start.column + 1),
                        message: e.to_string(),
                    });
                    return outcome;
                }
            };
            source.uses = crate::resolve::UseMap::from_file(&ast);
            let mut instances: Vec<ActiveRule> = active
                .iter()
                .map(|r| ActiveRule {
                    meta: r.entry.meta,
                    rule: (r.entry.new)(),
                })
                .collect();
            analyze::analyze(&ast, &source, workspace, &mut instances, deadline)
        }
    };
    if analysis.timed_out || deadline.is_some_and(|d| Instant::now() > d) {
        return timed_out(rel, text);
    }
    outcome.observations = analysis
        .observations
        .into_iter()
        .map(|(k, n)| (k.to_string(), n))
        .collect();
    outcome.facts = analysis.facts.iter().map(|f| f.to_string()).collect();
    outcome.facts.sort();

    let severity_of = |meta: &RuleMeta, reported: Severity| {
        active
            .iter()
            .find(|r| std::ptr::eq(r.entry.meta, meta))
            .and_then(|r| r.severity)
            .unwrap_or(reported)
    };
    let mut findings: Vec<Finding> = analysis
        .findings
        .iter()
        .filter(|raw| !raw.withdrawn)
        .map(|raw| {
            let severity = severity_of(raw.rule, raw.severity);
            to_finding(&source, raw, severity)
        })
        .collect();

    let mut suppressions = suppress::parse(&source);
    suppress::apply(&mut findings, &mut suppressions);
    let ran = |id: &str| active.iter().any(|r| r.entry.meta.id == id);
    let known = |id: &str| rules::find(id).is_some();
    for p in suppress::problems(&suppressions, ran, known) {
        let (meta, line, message, help) = match p {
            suppress::Problem::NoReason(sup) => (
                &rules::suppression_without_reason::META,
                sup.line,
                format!("suppression of `{}` gives no reason", sup.rules.join(", ")),
                "say why the finding does not apply: `// ferret: expect(RULE) reason text`"
                    .to_string(),
            ),
            suppress::Problem::Unused { sup, rule, known } => (
                &rules::unused_suppression::META,
                sup.line,
                if known {
                    format!(
                        "suppression of `{rule}` silences nothing on line {}",
                        sup.target
                    )
                } else {
                    format!("suppression names `{rule}`, which is not a ferret rule")
                },
                "remove the suppression, or move it to the line it is meant for".to_string(),
            ),
        };
        if ran(meta.id) {
            let severity = severity_of(meta, meta.default_severity);
            findings.push(comment_finding(
                &source, meta, severity, line, message, help,
            ));
        }
    }

    findings.retain(|f| {
        let meta = rules::find(&f.rule).map(|r| r.meta);
        include_tests || !f.in_test || meta.is_none_or(|m| !m.production_only)
    });
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    assign_fingerprints(&source, &mut findings);
    outcome.findings = findings;
    outcome
}

/// The outcome of a file whose analysis ran out of time (`--file-timeout`).
pub(crate) fn timed_out(rel: &str, text: &str) -> FileOutcome {
    problem_outcome(
        text,
        FileProblem {
            path: rel.to_string(),
            kind: ProblemKind::Timeout,
            line: None,
            column: None,
            message: "analysis took longer than the time limit (--file-timeout)".to_string(),
        },
    )
}

fn to_finding(source: &SourceFile<'_>, raw: &RawFinding, severity: Severity) -> Finding {
    let start = raw.start.start();
    let mut end = raw.end.end();
    if (end.line, end.column) < (start.line, start.column) {
        end = raw.start.end();
    }
    Finding {
        rule: raw.rule.id.to_string(),
        severity,
        dimension: raw.rule.dimension,
        crate_name: source.crate_name.clone(),
        path: source.path.clone(),
        line: start.line,
        column: start.column + 1,
        end_line: end.line,
        end_column: end.column + 1,
        message: raw.message.clone(),
        help: raw.help.clone(),
        in_test: raw.in_test || source.is_test_path,
        dead_code: false,
        fingerprint: String::new(),
        snippet: snippet(source, start.line, end.line),
        evidence: raw
            .evidence
            .iter()
            .map(|(k, v)| ((*k).to_string(), v.clone()))
            .collect(),
        suppression: None,
        flow: raw.flow.iter().map(flow_step).collect(),
    }
}

fn flow_step(step: &crate::rules::RawStep) -> FlowStep {
    let start = step.start.start();
    let mut end = step.end.end();
    if (end.line, end.column) < (start.line, start.column) {
        end = step.start.end();
    }
    FlowStep {
        line: start.line,
        column: start.column + 1,
        end_line: end.line,
        end_column: end.column + 1,
        note: step.note.clone(),
    }
}

/// A finding about a comment (the whole comment line).
fn comment_finding(
    source: &SourceFile<'_>,
    meta: &'static RuleMeta,
    severity: Severity,
    line: usize,
    message: String,
    help: String,
) -> Finding {
    let text = source.line(line);
    let column = text.find("//").or_else(|| text.find("/*")).unwrap_or(0);
    let column = text[..column].chars().count() + 1;
    Finding {
        rule: meta.id.to_string(),
        severity,
        dimension: meta.dimension,
        crate_name: source.crate_name.clone(),
        path: source.path.clone(),
        line,
        column,
        end_line: line,
        end_column: text.chars().count() + 1,
        message,
        help,
        in_test: source.is_test_path,
        dead_code: false,
        fingerprint: String::new(),
        snippet: text.to_string(),
        evidence: BTreeMap::new(),
        suppression: None,
        flow: Vec::new(),
    }
}

/// At most this many lines of source are kept with a finding.
const SNIPPET_LINES: usize = 6;

fn snippet(source: &SourceFile<'_>, first: usize, last: usize) -> String {
    let last = last.min(first + SNIPPET_LINES - 1).max(first);
    (first..=last)
        .map(|l| source.line(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Fingerprints survive unrelated edits: they hash the rule, the path, the trimmed source line and
/// how many identical (rule, line text) pairs precede this one in the file, not the line number.
fn assign_fingerprints(source: &SourceFile<'_>, findings: &mut [Finding]) {
    let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
    for f in findings.iter_mut() {
        let line = source.line(f.line).trim().to_string();
        let index = seen.entry((f.rule.clone(), line.clone())).or_default();
        let key = format!("{}\u{0}{}\u{0}{}\u{0}{}", f.rule, f.path, line, index);
        *index += 1;
        f.fingerprint = format!("{:016x}", xxh3_64(key.as_bytes()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_counts_match_str_lines() {
        for text in ["", "a", "a\n", "a\nb", "a\r\nb\r\n", "\n\n"] {
            assert_eq!(count_lines(text), text.lines().count(), "{text:?}");
        }
    }
}
