//! One source file as the rules see it: text, line index, comments, crate, test-ness, imports.

use crate::resolve::UseMap;

/// Everything the rules may ask about the file being analysed. Built once per file.
pub struct SourceFile<'t> {
    /// Relative to the scanned root, `/`-separated.
    pub path: String,
    pub crate_name: String,
    pub text: &'t str,
    /// The whole file is test code (under `tests/`, `benches/`, `examples/`, or a `tests.rs`).
    pub is_test_path: bool,
    pub is_build_script: bool,
    /// `examples/` files, whose `main()` may panic freely.
    pub is_example: bool,
    line_starts: Vec<usize>,
    comments: Vec<Comment>,
    pub uses: UseMap,
}

/// A `//` or `/* */` comment: the line it starts on, whether code precedes it on that line, and
/// its text without the comment markers.
#[derive(Debug, Clone)]
pub struct Comment {
    pub line: usize,
    pub end_line: usize,
    pub trailing: bool,
    pub text: String,
}

impl<'t> SourceFile<'t> {
    pub fn new(path: String, crate_name: String, text: &'t str) -> SourceFile<'t> {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(text));
        let comments = scan_comments(text, &line_starts);
        SourceFile {
            is_test_path: is_test_path(&path),
            is_build_script: path == "build.rs" || path.ends_with("/build.rs"),
            is_example: path.starts_with("examples/") || path.contains("/examples/"),
            path,
            crate_name,
            text,
            line_starts,
            comments,
            uses: UseMap::default(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The text of 1-based line `line`, without its newline.
    pub fn line(&self, line: usize) -> &'t str {
        let Some(&start) = self.line_starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1);
        self.text[start..end].trim_end_matches('\r')
    }

    pub fn comments(&self) -> &[Comment] {
        &self.comments
    }

    /// Comments that start on `line`.
    pub fn comments_on(&self, line: usize) -> impl Iterator<Item = &Comment> {
        let first = self.comments.partition_point(|c| c.line < line);
        self.comments[first..]
            .iter()
            .take_while(move |c| c.line == line)
    }

    /// Comment text that documents `line`: a comment on the line itself, or one ending on the line
    /// just above. This is the "documented rationale" convention several rules accept. Ferret's
    /// own markers are not rationale: `// ferret: expect(..)` suppressions (which must stay
    /// judged) and `//~` corpus annotations.
    pub fn rationale_for(&self, line: usize) -> Option<&str> {
        self.comments
            .iter()
            .filter(|c| !c.text.starts_with('~') && !c.text.starts_with("ferret:"))
            .find(|c| c.line == line || (c.end_line + 1 == line && !c.text.trim().is_empty()))
            .map(|c| c.text.as_str())
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i + 1)
}

/// Files that are test code by location: integration tests, benches, examples, and the
/// `tests.rs` / `*_tests.rs` files that `#[cfg(test)] mod tests;` conventionally points to.
pub fn is_test_path(path: &str) -> bool {
    let mut parts = path.split('/').peekable();
    while let Some(part) = parts.next() {
        let is_file = parts.peek().is_none();
        if is_file {
            let stem = part.strip_suffix(".rs").unwrap_or(part);
            return stem == "tests"
                || stem == "test"
                || stem.ends_with("_tests")
                || stem.ends_with("_test");
        }
        if matches!(part, "tests" | "benches" | "examples") {
            return true;
        }
    }
    false
}

/// A small lexer that finds comments while stepping over string, raw string, byte string and
/// char literals, so that `"// not a comment"` is not one.
fn scan_comments(text: &str, line_starts: &[usize]) -> Vec<Comment> {
    let bytes = text.as_bytes();
    let line_of = |offset: usize| line_starts.partition_point(|&s| s <= offset);
    let mut comments = Vec::new();
    let mut i = 0;
    let mut code_since_newline = false;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                code_since_newline = false;
                i += 1;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let end = memchr_at(bytes, i, b'\n');
                let body = text[i + 2..end].trim_start_matches(['/', '!']);
                comments.push(Comment {
                    line: line_of(i),
                    end_line: line_of(i),
                    trailing: code_since_newline,
                    text: body.trim().to_string(),
                });
                i = end;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let start = i;
                let mut depth = 0usize;
                while i < bytes.len() {
                    if bytes[i] == b'/' && bytes.get(i + 1) == Some(&b'*') {
                        depth += 1;
                        i += 2;
                    } else if bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
                let end = i.min(bytes.len());
                let inner = text
                    .get(start + 2..end.saturating_sub(2).max(start + 2))
                    .unwrap_or("");
                comments.push(Comment {
                    line: line_of(start),
                    end_line: line_of(end.saturating_sub(1)),
                    trailing: code_since_newline,
                    text: inner.trim_start_matches(['*', '!']).trim().to_string(),
                });
            }
            b'"' => {
                i = skip_quoted(bytes, i + 1);
                code_since_newline = true;
            }
            b'r' | b'b' | b'c' if starts_raw_string(bytes, i) => {
                i = skip_raw_string(bytes, i);
                code_since_newline = true;
            }
            b'\'' => {
                i = skip_char_literal(bytes, i);
                code_since_newline = true;
            }
            b if b.is_ascii_alphanumeric() || b == b'_' => {
                // Step over a whole identifier so that `br` inside `abr"` is not a raw string.
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                if i < bytes.len() && bytes[i] == b'"' {
                    // A prefixed string like b"..", c"..": the quote is handled next round.
                }
                code_since_newline = true;
            }
            b => {
                if !b.is_ascii_whitespace() {
                    code_since_newline = true;
                }
                i += 1;
            }
        }
    }
    comments
}

fn memchr_at(bytes: &[u8], from: usize, needle: u8) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == needle)
        .map_or(bytes.len(), |p| from + p)
}

fn skip_quoted(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn starts_raw_string(bytes: &[u8], i: usize) -> bool {
    if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_') {
        return false;
    }
    let mut j = i;
    if bytes[j] == b'b' || bytes[j] == b'c' {
        j += 1;
    }
    if bytes.get(j) != Some(&b'r') {
        return false;
    }
    j += 1;
    while bytes.get(j) == Some(&b'#') {
        j += 1;
    }
    bytes.get(j) == Some(&b'"')
}

fn skip_raw_string(bytes: &[u8], i: usize) -> usize {
    let mut j = i;
    while bytes[j] != b'r' {
        j += 1;
    }
    j += 1;
    let mut hashes = 0;
    while bytes.get(j) == Some(&b'#') {
        hashes += 1;
        j += 1;
    }
    j += 1; // opening quote
    while j < bytes.len() {
        if bytes[j] == b'"'
            && bytes[j + 1..]
                .iter()
                .take(hashes)
                .filter(|&&b| b == b'#')
                .count()
                == hashes
        {
            return j + 1 + hashes;
        }
        j += 1;
    }
    bytes.len()
}

/// `'a'`, `'\n'`, `'\u{1F600}'` are literals; `'a` alone is a lifetime or label.
fn skip_char_literal(bytes: &[u8], i: usize) -> usize {
    if bytes.get(i + 1) == Some(&b'\\') {
        let close = bytes[i + 2..]
            .iter()
            .take(12)
            .position(|&b| b == b'\'')
            .map(|p| i + 2 + p + 1);
        return close.unwrap_or(i + 1);
    }
    // One UTF-8 character then a quote.
    let mut j = i + 1;
    if j < bytes.len() {
        j += 1;
        while j < bytes.len() && (bytes[j] & 0xC0) == 0x80 {
            j += 1;
        }
    }
    if bytes.get(j) == Some(&b'\'') {
        j + 1
    } else {
        i + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comments(text: &str) -> Vec<(usize, bool, String)> {
        SourceFile::new("src/lib.rs".into(), "c".into(), text)
            .comments()
            .iter()
            .map(|c| (c.line, c.trailing, c.text.clone()))
            .collect()
    }

    #[test]
    fn finds_line_and_block_comments_but_not_strings() {
        let text = "let a = \"// no\"; // yes\n/* block\n */ let b = r#\"/* no */\"#;\nlet c = '\"'; // c\n";
        assert_eq!(
            comments(text),
            vec![
                (1, true, "yes".to_string()),
                (2, false, "block".to_string()),
                (4, true, "c".to_string()),
            ]
        );
    }

    #[test]
    fn lifetimes_are_not_char_literals() {
        let text = "fn f<'a>(x: &'a str) {} // after\n";
        assert_eq!(comments(text), vec![(1, true, "after".to_string())]);
    }

    #[test]
    fn lines_are_indexed() {
        let file = SourceFile::new("a.rs".into(), "c".into(), "one\r\ntwo\nthree");
        assert_eq!(file.line(1), "one");
        assert_eq!(file.line(2), "two");
        assert_eq!(file.line(3), "three");
        assert_eq!(file.line(4), "");
    }

    #[test]
    fn test_paths() {
        assert!(is_test_path("tests/it.rs"));
        assert!(is_test_path("crates/a/benches/b.rs"));
        assert!(is_test_path("src/parser/tests.rs"));
        assert!(!is_test_path("src/testing.rs"));
        assert!(!is_test_path("src/lib.rs"));
    }
}
