//! Markdown text helpers: every piece of scanned text (paths, names, messages, snippets) reaches
//! the draft through one of these, so it can neither start Markdown syntax or raw HTML of its
//! own, break a table row, nor carry control bytes (`safe_text`).

use crate::finding::{Dimension, Severity};
use crate::report::safe_text;

pub fn plural<'s>(n: usize, one: &'s str, many: &'s str) -> &'s str {
    if n == 1 { one } else { many }
}

pub fn severity_title(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "Critical",
        Severity::High => "High",
        Severity::Medium => "Medium",
        Severity::Low => "Low",
        Severity::Info => "Info",
    }
}

pub fn status_of(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "Fix immediately",
        Severity::High => "Must fix before release",
        Severity::Medium => "Fix, or document as a known limitation",
        Severity::Low => "Track",
        Severity::Info => "For information",
    }
}

pub fn priority(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "Urgent",
        Severity::High => "High",
        Severity::Medium => "Medium",
        Severity::Low | Severity::Info => "Low",
    }
}

pub fn dimension_title(dimension: Dimension) -> &'static str {
    match dimension {
        Dimension::Security => "Security",
        Dimension::ErrorHandling => "Error Handling",
        Dimension::Resilience => "Resilience",
        Dimension::LintPolicy => "Lint Policy",
        Dimension::Ffi => "FFI",
        Dimension::Architecture => "Architecture",
    }
}

/// A message as a sentence: capitalised and ending in a full stop.
pub fn sentence(text: &str) -> String {
    let mut s = text.trim().to_string();
    if let Some(first) = s.chars().next()
        && first.is_lowercase()
    {
        s = first.to_uppercase().chain(s.chars().skip(1)).collect();
    }
    if !s.ends_with(['.', '!', '?']) {
        s.push('.');
    }
    s
}

/// Inline code that survives backticks in the text.
pub fn code(text: &str) -> String {
    let text = safe_text::one_line(text);
    let longest = longest_run(&text, '`');
    if longest == 0 {
        return format!("`{text}`");
    }
    let fence = "`".repeat(longest + 1);
    format!("{fence} {text} {fence}")
}

fn longest_run(text: &str, c: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// The lines of a snippet worth showing: leading comment lines (a doc header above the code
/// that matters) are dropped unless nothing else is left.
pub fn telling_lines(snippet: &str) -> String {
    let lines: Vec<&str> = snippet.lines().collect();
    let is_comment = |l: &&&str| {
        let t = l.trim_start();
        t.starts_with("//") || t.starts_with("/*") || t.starts_with('*')
    };
    let skip = lines.iter().take_while(is_comment).count();
    if skip == lines.len() {
        snippet.to_string()
    } else {
        lines[skip..].join("\n")
    }
}

/// A fenced Rust block of the snippet, dedented, fenced longer than any backtick run inside.
pub fn code_block(snippet: &str) -> String {
    let snippet = safe_text::multi_line(snippet);
    let lines: Vec<&str> = snippet.lines().collect();
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let body: Vec<&str> = lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or_else(|| l.trim_start()))
        .collect();
    let fence = "`".repeat(longest_run(&snippet, '`').max(2) + 1);
    format!("{fence}rust\n{}\n{fence}\n", body.join("\n"))
}

/// Markdown already made safe (a title of code spans and escaped prose) for a table cell: on one
/// line, pipes escaped (GFM ends a cell at `|` even inside a code span). Plain scanned text goes
/// through `escape_inline` instead, which escapes pipes too.
pub fn cell(text: &str) -> String {
    safe_text::one_line(text).replace('|', "\\|")
}

/// Plain text (a name) for a heading or list item: no Markdown syntax of its own.
pub fn escape_inline(text: &str) -> String {
    let text = safe_text::one_line(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '*' | '_' | '[' | ']' | '<' | '>' | '#' | '`' | '\\' | '|' | '&' | '!' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A rule's message, whose `code spans` are kept and whose other text is escaped: scanned text
/// in it cannot open a link, emphasis or raw HTML. Unmatched backticks are escaped too.
pub fn prose(text: &str) -> String {
    let text = safe_text::one_line(text);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '`' {
            let run = chars[i..].iter().take_while(|c| **c == '`').count();
            if let Some(close) = closing_run(&chars, i + run, run) {
                out.extend(&chars[i..close + run]);
                i = close + run;
            } else {
                for _ in 0..run {
                    out.push_str("\\`");
                }
                i += run;
            }
            continue;
        }
        if matches!(
            chars[i],
            '*' | '_' | '[' | ']' | '<' | '>' | '\\' | '|' | '&' | '!' | '~'
        ) {
            out.push('\\');
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Where a backtick run of exactly `len` starts at or after `from`.
fn closing_run(chars: &[char], from: usize, len: usize) -> Option<usize> {
    let mut i = from;
    while i < chars.len() {
        if chars[i] == '`' {
            let run = chars[i..].iter().take_while(|c| **c == '`').count();
            if run == len {
                return Some(i);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

/// The last component of a path: `listener.rs` for `crates/pgmq/src/listener.rs`.
pub fn file_name(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    // `mod.rs` names nothing on its own: its folder is the module (`mysql/mod.rs`).
    if name == "mod.rs"
        && let Some(slash) = path[..path.len() - name.len()]
            .trim_end_matches('/')
            .rfind('/')
    {
        return &path[slash + 1..];
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_keep_the_folder_of_a_mod_rs() {
        assert_eq!(file_name("crates/a/src/db/mysql/mod.rs"), "mysql/mod.rs");
        assert_eq!(file_name("crates/a/src/lib.rs"), "lib.rs");
        assert_eq!(file_name("mod.rs"), "mod.rs");
    }

    #[test]
    fn inline_helpers() {
        assert_eq!(code("a`b"), "`` a`b ``");
        assert_eq!(cell("map_err(|_| e)"), "map_err(\\|_\\| e)");
        assert_eq!(sentence("no reason given"), "No reason given.");
        assert_eq!(code_block("    a\n      b"), "```rust\na\n  b\n```\n");
        assert_eq!(code("a\u{1b}[2J"), "`a\\u{1b}[2J`");
    }

    #[test]
    fn prose_keeps_code_and_escapes_the_rest() {
        assert_eq!(prose("`<b>` and <b>"), "`<b>` and \\<b\\>");
        assert_eq!(prose("a [link](x) *b*"), "a \\[link\\](x) \\*b\\*");
        assert_eq!(prose("odd ` tick"), "odd \\` tick");
        assert_eq!(prose("``a`b`` ok"), "``a`b`` ok");
    }

    #[test]
    fn comment_headers_are_not_the_telling_line() {
        assert_eq!(telling_lines("/// doc\n// more\nlet x = 1;"), "let x = 1;");
        assert_eq!(telling_lines("// only"), "// only");
    }
}
