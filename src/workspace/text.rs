//! A non-code input (`Cargo.toml`, `Cargo.lock`) as workspace rules see it: its text, a line
//! index, and findings located by byte offsets, with snippets and fingerprints like a `.rs` file's.

use std::ops::Range;

use xxhash_rust::xxh3::xxh3_64;

use crate::finding::{Finding, Severity};
use crate::rules::RuleMeta;

/// At most this many lines of a manifest or lockfile are kept with a finding.
const SNIPPET_LINES: usize = 8;

pub struct TextFile {
    /// Relative to the scanned root, `/`-separated.
    pub rel: String,
    /// The crate (package) the file belongs to, as discovery mapped it.
    pub crate_name: String,
    pub text: String,
    line_starts: Vec<usize>,
}

/// Where a finding goes in a [`TextFile`], and what it shows.
pub struct Location {
    /// Byte range of the finding (its start and end line and column).
    pub span: Range<usize>,
    /// 1-based lines shown as the snippet (cut to a few).
    pub snippet: Range<usize>,
    /// Tells apart findings of one rule on one line (an advisory id); part of the fingerprint, so
    /// it must not change when unrelated lines do.
    pub key: String,
}

impl TextFile {
    pub fn new(rel: String, crate_name: String, text: String) -> TextFile {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        TextFile {
            rel,
            crate_name,
            text,
            line_starts,
        }
    }

    /// 1-based line and character column of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count())
            + 1;
        (line, column)
    }

    /// The text of 1-based line `line`, without its line ending.
    pub fn line(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1);
        self.text
            .get(start..end.max(start))
            .unwrap_or("")
            .trim_end_matches('\r')
    }

    /// Byte offset where 1-based line `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line.wrapping_sub(1))
            .copied()
            .unwrap_or(self.text.len())
    }

    pub fn finding(
        &self,
        meta: &'static RuleMeta,
        severity: Severity,
        at: Location,
        message: String,
        help: String,
    ) -> Finding {
        let (line, column) = self.position(at.span.start);
        let (end_line, end_column) = self.position(at.span.end.max(at.span.start));
        let last = at
            .snippet
            .end
            .min(at.snippet.start + SNIPPET_LINES)
            .max(at.snippet.start + 1);
        let snippet = (at.snippet.start..last)
            .map(|l| self.line(l))
            .collect::<Vec<_>>()
            .join("\n");
        let key = format!(
            "{}\u{0}{}\u{0}{}\u{0}{}",
            meta.id,
            self.rel,
            self.line(line).trim(),
            at.key
        );
        Finding {
            rule: meta.id.to_string(),
            severity,
            dimension: meta.dimension,
            crate_name: self.crate_name.clone(),
            path: self.rel.clone(),
            line,
            column,
            end_line,
            end_column,
            message,
            help,
            in_test: false,
            dead_code: false,
            fingerprint: format!("{:016x}", xxh3_64(key.as_bytes())),
            snippet,
            evidence: Default::default(),
            suppression: None,
            flow: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_and_lines() {
        let file = TextFile::new("Cargo.lock".into(), "c".into(), "ab\r\nçd\n\nx".into());
        assert_eq!(file.position(0), (1, 1));
        assert_eq!(file.position(4), (2, 1));
        assert_eq!(file.position(6), (2, 2), "columns count characters");
        assert_eq!(file.line(1), "ab");
        assert_eq!(file.line(2), "çd");
        assert_eq!(file.line(3), "");
        assert_eq!(file.line(4), "x");
        assert_eq!(file.line(9), "");
    }
}
