//! One source file as the rules see it: text, line index, comments, crate, test-ness, imports.

use crate::lex::{
    raw_string_start, skip_block_comment, skip_char_or_lifetime, skip_raw_string, skip_string,
};
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
    /// Code a build runs: a build script, or a file under a `build`/`builder` directory before
    /// any `src` (see [`SourceFile::in_build_script`]).
    in_build_code: bool,
    /// `examples/` files, whose `main()` may panic freely.
    pub is_example: bool,
    line_starts: Vec<usize>,
    /// Found on the first ask: most files have findings that read no comment.
    comments: std::sync::OnceLock<Vec<Comment>>,
    pub uses: UseMap,
    /// Whether the text names a taint source: asked by each taint rule, searched once.
    names_a_source: std::sync::OnceLock<bool>,
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
        let is_build_script = path == "build.rs" || path.ends_with("/build.rs");
        SourceFile {
            is_test_path: is_test_path(&path),
            is_build_script,
            in_build_code: is_build_script || in_build_directory(&path),
            is_example: path.starts_with("examples/") || path.contains("/examples/"),
            path,
            crate_name,
            text,
            line_starts,
            comments: std::sync::OnceLock::new(),
            uses: UseMap::default(),
            names_a_source: std::sync::OnceLock::new(),
        }
    }

    /// Whether the text names a taint source ([`crate::taint::literals::names_a_source`]: a
    /// literal of `SOURCE_LITERALS` or a match of `SOURCE_PATTERN`), searched on the first ask.
    pub fn names_a_source(&self) -> bool {
        *self
            .names_a_source
            .get_or_init(|| crate::taint::literals::names_a_source(self.text))
    }

    /// Code that cargo runs at build time: `build.rs`, and the modules of a build script kept in
    /// a `build/` or `builder/` directory beside (not under) `src/` (`build = "build/main.rs"`).
    pub fn in_build_script(&self) -> bool {
        self.in_build_code
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
        self.comments
            .get_or_init(|| scan_comments(self.text, &self.line_starts))
    }

    /// Comments that start on `line`.
    pub fn comments_on(&self, line: usize) -> impl Iterator<Item = &Comment> {
        let comments = self.comments();
        let first = comments.partition_point(|c| c.line < line);
        comments[first..].iter().take_while(move |c| c.line == line)
    }
}

/// See [`SourceFile::in_build_script`]: the first of `src` or `build`/`builder` among the
/// file's directories decides.
fn in_build_directory(path: &str) -> bool {
    let dirs = path.rsplit_once('/').map_or("", |(dirs, _)| dirs);
    dirs.split('/')
        .find_map(|dir| match dir {
            "src" => Some(false),
            "build" | "builder" => Some(true),
            _ => None,
        })
        .unwrap_or(false)
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1)
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

/// Markers of machine-written files, looked for in the comment block (and the inner attributes)
/// that open a file, lower-cased. Each names the file or code as generated, so a module doc that
/// only talks about generated code (`//! Parses generated code.`) is not one.
const GENERATED_MARKERS: &[&str] = &[
    "@generated",
    "do not edit",
    "do not modify",
    "automatically generated",
    "auto-generated",
    "autogenerated",
    "generated by bindgen",
    "this file is generated",
    "this file was generated",
    "this file has been generated",
    "this is generated code",
    "this is a generated file",
    "this code is generated",
    "this code was generated",
    "this data was generated",
];

/// A file a tool wrote: its opening comments say so (`// @generated`, bindgen's header,
/// `// THIS IS GENERATED CODE`), or what it is shows it: a macro-expansion snapshot
/// (`*.expanded.rs` from cargo-expand, `*.expected.rs`), or wasm-bindgen's WebIDL output
/// (`features/gen_*.rs` binding files and the `features/mod.rs` that lists them, as in web-sys).
/// Its findings belong to the generator, not to the code's authors.
pub fn is_generated(path: &str, text: &str) -> bool {
    is_expansion_snapshot(path) || is_webidl_output(path, text) || has_generated_header(text)
}

fn is_expansion_snapshot(path: &str) -> bool {
    path.ends_with(".expanded.rs") || path.ends_with(".expected.rs")
}

/// `.../features/gen_Window.rs` holding `#[wasm_bindgen]` bindings, or the `features/mod.rs`
/// that declares such `gen_*` modules.
fn is_webidl_output(path: &str, text: &str) -> bool {
    let mut parts = path.rsplit('/');
    let (Some(file), Some(dir)) = (parts.next(), parts.next()) else {
        return false;
    };
    if dir != "features" {
        return false;
    }
    (file.starts_with("gen_") && text.contains("wasm_bindgen"))
        || (file == "mod.rs" && text.contains("#[allow(non_snake_case)]\nmod gen_"))
}

fn has_generated_header(text: &str) -> bool {
    for line in text.lines().take(40) {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let comment = line.starts_with("//") || line.starts_with("/*") || line.starts_with('*');
        // `#![doc = "DO NOT EDIT .."]` may say it too; any other line ends the header.
        let inner_attribute = line.starts_with("#![");
        if !(comment || inner_attribute) {
            return false;
        }
        let lower = line.to_ascii_lowercase();
        if GENERATED_MARKERS.iter().any(|m| lower.contains(m)) {
            return true;
        }
        if inner_attribute {
            return false;
        }
    }
    false
}

/// The file names a file includes from the build script's output directory:
/// `include!(concat!(env!("OUT_DIR"), "/bindings.rs"))` gives `bindings.rs`.
pub fn out_dir_includes(text: &str) -> Vec<String> {
    const MARKER: &str = "env!(\"OUT_DIR\")";
    let mut names = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find(MARKER) {
        from += at + MARKER.len();
        let rest = &text[from..];
        let literal = rest
            .trim_start()
            .strip_prefix(',')
            .map(str::trim_start)
            .and_then(|r| r.strip_prefix('"'))
            .and_then(|r| r.split_once('"'))
            .map(|(lit, _)| lit);
        if let Some(lit) = literal {
            let name = lit.rsplit(['/', '\\']).next().unwrap_or(lit);
            if !name.is_empty() {
                names.push(name.to_string());
            }
        }
    }
    names
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
                let end = skip_block_comment(bytes, i);
                let inner = text
                    .get(start + 2..end.saturating_sub(2).max(start + 2))
                    .unwrap_or("");
                comments.push(Comment {
                    line: line_of(start),
                    end_line: line_of(end.saturating_sub(1)),
                    trailing: code_since_newline,
                    text: inner.trim_start_matches(['*', '!']).trim().to_string(),
                });
                i = end;
            }
            b'"' => {
                i = skip_string(bytes, i + 1);
                code_since_newline = true;
            }
            b'r' | b'b' | b'c' if raw_string_start(bytes, i) => {
                i = skip_raw_string(bytes, i);
                code_since_newline = true;
            }
            b'\'' => {
                i = skip_char_or_lifetime(bytes, i);
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
    fn generated_files() {
        assert!(is_generated("x.rs", "// @generated by build.rs\nfn f() {}"));
        assert!(is_generated(
            "x.rs",
            "/* automatically generated by rust-bindgen 0.69 */\n"
        ));
        assert!(is_generated(
            "x.rs",
            "// Copyright\n//\n// DO NOT EDIT: generated from schema.json\n"
        ));
        assert!(!is_generated(
            "x.rs",
            "fn f() {}\n// @generated later is not a header\n"
        ));
        assert!(!is_generated(
            "x.rs",
            "//! Parses generated code.\nfn f() {}\n"
        ));
        assert!(is_generated(
            "x.rs",
            "// THIS IS GENERATED CODE\nuse core::ops::*;\n"
        ));
        assert!(is_generated(
            "x.rs",
            "// This is a generated file. Please do not edit.\n"
        ));
        assert!(is_generated(
            "x.rs",
            "#![doc = \"!! DO NOT EDIT !!: this file is auto-generated by oiddbgen.\"]\n"
        ));
        assert!(!is_generated("x.rs", "#![allow(dead_code)]\nfn f() {}\n"));
        // Module docs after the attributes describe the crate, not the file.
        assert!(!is_generated(
            "x.rs",
            "// Copyright\n#![allow(unknown_lints)]\n//! Uses the auto-generated bindings.\n"
        ));
        assert!(!is_generated(
            "x.rs",
            "//! Defined here rather than in code generated by macros.\nfn f() {}\n"
        ));
        assert!(!is_generated(
            "x.rs",
            "//! Code generation for the `derive` macro.\nfn f() {}\n"
        ));
    }

    #[test]
    fn generated_by_what_the_file_is() {
        let binding = "#![allow(unused_imports)]\nuse wasm_bindgen::prelude::*;\n#[wasm_bindgen]\nextern \"C\" {}\n";
        assert!(is_generated("web-sys/src/features/gen_Window.rs", binding));
        assert!(is_generated(
            "web-sys/src/features/mod.rs",
            "#[cfg(feature = \"Window\")]\n#[allow(non_snake_case)]\nmod gen_Window;\n"
        ));
        assert!(!is_generated("src/features/gen_config.rs", "fn f() {}\n"));
        assert!(!is_generated("src/gen_Window.rs", binding));
        assert!(!is_generated("src/features/mod.rs", "mod flags;\n"));
        assert!(is_generated(
            "tests/expand/struct.expanded.rs",
            "fn f() {}\n"
        ));
        assert!(is_generated(
            "src/output_tests/expected/a.expected.rs",
            "fn f() {}\n"
        ));
        assert!(!is_generated("src/expanded.rs", "fn f() {}\n"));
    }

    #[test]
    fn build_script_includes() {
        let text = "include!(concat!(env!(\"OUT_DIR\"), \"/channel.rs\"));\n\
                    include!(concat!(env!(\"OUT_DIR\"), \"\\\\version.expr\"));\n\
                    include!(concat!(env!(\"OUT_DIR\"), concat!(\"/\", $package, \".rs\")));";
        assert_eq!(out_dir_includes(text), ["channel.rs", "version.expr"]);
        assert!(out_dir_includes("fn f() {}").is_empty());
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
