//! One file, start to finish: prefilter, parse, the single traversal, suppressions, and the
//! findings with their snippets and fingerprints.

use std::collections::BTreeMap;

use xxhash_rust::xxh3::xxh3_64;

use crate::analyze::{self, ActiveRule};
use crate::finding::{Finding, FlowStep, Severity};
use crate::prefilter::{Prefilter, Selection};
use crate::rules::{self, RawFinding, RuleMeta};
use crate::scan::{FileOutcome, FileProblem, PreparedRule, ProblemKind};
use crate::source::SourceFile;
use crate::suppress;

/// Files nested deeper than this (brackets and braces) are skipped rather than risk the stack.
pub const MAX_NESTING: usize = 10_000;

/// Lines as `str::lines` counts them, at memchr speed.
fn count_lines(text: &str) -> usize {
    let newlines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
    newlines + usize::from(!text.is_empty() && !text.ends_with('\n'))
}

/// Deepest bracket nesting, counted on raw bytes (brackets inside strings and comments count
/// too, which only makes the guard more careful).
fn max_nesting(text: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for b in text.bytes() {
        match b {
            b'(' | b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

pub(crate) fn analyse_file(
    rel: &str,
    crate_name: &str,
    text: &str,
    rules: &[PreparedRule],
    prefilter: &Prefilter,
    include_tests: bool,
) -> FileOutcome {
    let mut outcome = FileOutcome {
        lines: count_lines(text),
        analysed: true,
        ..FileOutcome::default()
    };
    let selection = prefilter.select(text);
    if matches!(selection, Selection::Nothing) && !suppress::may_contain_suppression(text) {
        // Nothing here can produce a finding: no parse, no comment scan.
        return outcome;
    }
    if let Selection::Parse(parse_text) = &selection {
        let depth = max_nesting(parse_text);
        if depth > MAX_NESTING {
            outcome.analysed = false;
            outcome.problem = Some(FileProblem {
                path: rel.to_string(),
                kind: ProblemKind::TooDeep,
                line: None,
                column: None,
                message: format!("brackets nest {depth} deep (limit {MAX_NESTING})"),
            });
            return outcome;
        }
    }
    let active: Vec<&PreparedRule> = rules.iter().filter(|r| r.applies_to(rel)).collect();
    let mut source = SourceFile::new(rel.to_string(), crate_name.to_string(), text);
    let analysis = match selection {
        Selection::Nothing => analyze::Analysis::default(),
        Selection::Parse(parse_text) => {
            let ast = match syn::parse_file(&parse_text) {
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
                    meta: r.settings.entry.meta,
                    rule: (r.settings.entry.new)(),
                })
                .collect();
            analyze::analyze(&ast, &source, &mut instances)
        }
    };
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
            .find(|r| std::ptr::eq(r.settings.entry.meta, meta))
            .and_then(|r| r.settings.severity)
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
    let ran = |id: &str| active.iter().any(|r| r.settings.entry.meta.id == id);
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
        fingerprint: String::new(),
        snippet: snippet(source, start.line, end.line),
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
        fingerprint: String::new(),
        snippet: text.to_string(),
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

    #[test]
    fn nesting_depth() {
        assert_eq!(max_nesting("fn f() { [(1)] }"), 3);
        assert_eq!(max_nesting(""), 0);
    }
}
