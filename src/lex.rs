//! Stepping over comments, strings and char literals in raw source bytes: what the comment
//! scanner and the prefilter's item splitter need to not mistake `"// x"` for a comment or `'}'`
//! for a closing brace.

/// From the `/` of `/*` to just past the matching `*/` (block comments nest in Rust).
pub fn skip_block_comment(bytes: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < bytes.len() {
        if bytes[i] == b'/' && bytes.get(i + 1) == Some(&b'*') {
            depth += 1;
            i += 2;
        } else if bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    bytes.len()
}

/// From just after an opening `"` to just past the closing one.
pub fn skip_string(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Whether a raw string (`r"`, `r#"`, `br"`, `cr#"`) starts at `i`.
pub fn raw_string_start(bytes: &[u8], i: usize) -> bool {
    if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_') {
        return false;
    }
    let mut j = i;
    if matches!(bytes[j], b'b' | b'c') {
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

/// From the start of a raw string to just past its closing quote and hashes.
pub fn skip_raw_string(bytes: &[u8], i: usize) -> usize {
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
    j += 1;
    while j < bytes.len() {
        if bytes[j] == b'"'
            && bytes[j + 1..]
                .iter()
                .take(hashes)
                .take_while(|&&b| b == b'#')
                .count()
                == hashes
        {
            return j + 1 + hashes;
        }
        j += 1;
    }
    bytes.len()
}

/// The byte ranges of the string literals of a source text (`"..."`, `b"..."`, `r#"..."#`),
/// each from its opening quote (or raw prefix) to just past its end; comments and char literals
/// are stepped over.
pub fn string_literals(bytes: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while let Some(p) = memchr::memchr3(b'"', b'/', b'\'', &bytes[i..]) {
            let at = i + p;
            match bytes[at] {
                b'/' if bytes.get(at + 1) == Some(&b'/') => {
                    i = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n);
                }
                b'/' if bytes.get(at + 1) == Some(&b'*') => i = skip_block_comment(bytes, at),
                b'/' => i = at + 1,
                b'\'' => i = skip_char_or_lifetime(bytes, at),
                _ => {
                    let start = raw_prefix_start(bytes, at);
                    let end = match start {
                        Some(start) => skip_raw_string(bytes, start),
                        None => skip_string(bytes, at + 1),
                    };
                    i = end;
                    return Some((start.unwrap_or(at), end));
                }
            }
        }
        i = bytes.len();
        None
    })
}

/// Where the raw string whose opening quote is at `quote` starts (`r`, `br`, `cr`), if it is one.
fn raw_prefix_start(bytes: &[u8], quote: usize) -> Option<usize> {
    let hashes = bytes[..quote]
        .iter()
        .rev()
        .take_while(|&&b| b == b'#')
        .count();
    let r = quote.checked_sub(hashes + 1)?;
    if bytes[r] != b'r' {
        return None;
    }
    let start = match r.checked_sub(1).map(|k| bytes[k]) {
        Some(b'b' | b'c') => r - 1,
        _ => r,
    };
    raw_string_start(bytes, start).then_some(start)
}

/// Where a string, raw string, char literal or lifetime that starts at `i` ends; `None` when none
/// starts there (for scanners that step over them and look at the rest).
pub fn skip_quoted(bytes: &[u8], i: usize) -> Option<usize> {
    match bytes.get(i)? {
        b'"' => Some(skip_string(bytes, i + 1)),
        b'\'' => Some(skip_char_or_lifetime(bytes, i)),
        b'r' | b'b' | b'c' if raw_string_start(bytes, i) => Some(skip_raw_string(bytes, i)),
        _ => None,
    }
}

/// `'a'`, `'\n'`, `'\u{1F600}'` are char literals; `'a` alone is a lifetime or label.
pub fn skip_char_or_lifetime(bytes: &[u8], i: usize) -> usize {
    if bytes.get(i + 1) == Some(&b'\\') {
        return bytes[i + 2..]
            .iter()
            .take(12)
            .position(|&b| b == b'\'')
            .map_or(i + 1, |p| i + 2 + p + 1);
    }
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

/// How deep the parser, the traversal and the drop of a syntax tree can recurse on a text,
/// measured by one pass over its bytes, without parsing.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// Nesting estimate: over every point of the text, the tokens still open around it. Each
    /// enclosing bracket group counts the tokens of its parent's unbroken run before it, and the
    /// innermost run counts its own tokens; a run breaks at `,` and `;`, and after a `}` that
    /// ends a statement. `Vec<Vec<..>>`, `|| || ..`, `- - ..`, `&&..`, `*const *const ..`,
    /// `a + a + ..`, `a.f().f()..`, nested tuples, patterns, attributes and macro calls all
    /// grow it by at least one per level; arrays and argument lists of any length do not.
    pub nesting: usize,
    /// The most tokens in one top-level item (the whole text when brackets do not balance):
    /// the bound on recursion that holds for every construct (see `check::MAX_ITEM_TOKENS`).
    pub item_tokens: usize,
}

/// Tokens a doc comment becomes (`#`, `[doc = ".."]`, counted generously).
const DOC_COMMENT_TOKENS: usize = 4;

/// Measures `text` (see [`Shape`]). Tokens are counted at least as finely as the parser's lexer
/// counts them (one per punctuation character, identifier, number or literal), so the counts are
/// upper bounds on the parser's.
pub fn shape(text: &str) -> Shape {
    let bytes = text.as_bytes();
    // Per open bracket: the run length of its parent when it opened (itself included).
    let mut open: Vec<usize> = Vec::new();
    let mut open_sum = 0usize;
    let mut run = 0usize;
    let mut nesting = 0usize;
    let (mut item, mut max_item, mut total) = (0usize, 0usize, 0usize);
    let mut balanced = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let mut tokens = 1;
        match b {
            _ if b.is_ascii_whitespace() => {
                i += 1;
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let doc = matches!(bytes.get(i + 2), Some(b'/' | b'!'));
                i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |p| i + p);
                if !doc {
                    continue;
                }
                tokens = DOC_COMMENT_TOKENS;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let doc = matches!(bytes.get(i + 2), Some(b'*' | b'!'));
                i = skip_block_comment(bytes, i);
                if !doc {
                    continue;
                }
                tokens = DOC_COMMENT_TOKENS;
            }
            b'"' => i = skip_string(bytes, i + 1),
            b'\'' => i = skip_char_or_lifetime(bytes, i),
            b'r' | b'b' | b'c' if raw_string_start(bytes, i) => i = skip_raw_string(bytes, i),
            b'(' | b'[' | b'{' => {
                run += 1;
                open.push(run);
                open_sum += run;
                run = 0;
                i += 1;
            }
            b')' | b']' | b'}' => {
                i += 1;
                match open.pop() {
                    Some(parent) => {
                        open_sum -= parent;
                        run = parent;
                    }
                    None => balanced = false,
                }
                if b == b'}' && !continues_expression(bytes, i) {
                    run = 0;
                }
            }
            b',' | b';' => {
                run = 0;
                i += 1;
            }
            _ if b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80 => {
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] >= 0x80)
                {
                    i += 1;
                }
            }
            _ => i += 1,
        }
        // Doc comments are attributes, parsed in a loop: they nest nothing.
        if tokens == 1 && !matches!(b, b',' | b';' | b'(' | b'[' | b'{' | b')' | b']' | b'}') {
            run += 1;
        }
        nesting = nesting.max(open_sum + run);
        item += tokens;
        total += tokens;
        if open.is_empty() && matches!(b, b';' | b'}') {
            max_item = max_item.max(item);
            item = 0;
        }
    }
    balanced &= open.is_empty();
    Shape {
        nesting,
        item_tokens: if balanced { max_item.max(item) } else { total },
    }
}

/// Whether the expression goes on after a `}` (`} else`, `}.f()`, `}?`): then the run does not
/// break there.
fn continues_expression(bytes: &[u8], i: usize) -> bool {
    let rest = &bytes[i..];
    let start = rest
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    let rest = &rest[start..];
    rest.starts_with(b".")
        || rest.starts_with(b"?")
        || (rest.starts_with(b"else")
            && !rest
                .get(4)
                .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_are_found_past_comments_chars_and_lifetimes() {
        let text = concat!(
            "// \"not\" a string\n",
            "/* \"nor\" /* nested \"this\" */ */\n",
            "fn f<'a>(x: &'a str) -> char { let _ = \"a\\\"b\"; '\"' }\n",
            "const R: &str = r#\"raw \"inner\" text\"#; const B: &[u8] = br\"bytes\";\n",
            "const P: &[u8] = b\"plain\"; let for_r = 1; let s = \"/* in */ // string\";\n",
        );
        let found: Vec<&str> = string_literals(text.as_bytes())
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(
            found,
            [
                "\"a\\\"b\"",
                "r#\"raw \"inner\" text\"#",
                "br\"bytes\"",
                "\"plain\"",
                "\"/* in */ // string\"",
            ]
        );
    }

    fn nesting(text: &str) -> usize {
        shape(text).nesting
    }

    #[test]
    fn every_recursive_construct_grows_the_nesting_estimate() {
        for (level, tail) in [
            ("Vec<", "u8"),
            ("|| ", "0"),
            ("- ", "1"),
            ("!", "a"),
            ("&", "a"),
            ("*const ", "u8"),
            ("(", "1"),
            ("Some(", "x"),
            ("a + ", "a"),
            ("a.f()", ""),
            ("a = ", "a"),
            ("#[a(", ""),
            ("m!(", "x"),
            ("impl Fn() -> ", "u8"),
            ("if a {} else ", "{}"),
        ] {
            let text = format!("fn f() {{ let _ = {}{tail}; }}", level.repeat(500));
            assert!(nesting(&text) >= 500, "{level:?}: {}", nesting(&text));
        }
    }

    #[test]
    fn long_lists_and_item_sequences_stay_shallow() {
        let array = format!("static A: [u8; 3] = [{}];", "1, ".repeat(10_000));
        assert!(nesting(&array) < 20);
        let items = "fn f() { a(); }\n".repeat(10_000);
        assert!(nesting(&items) < 20);
        let arms = format!(
            "fn f() {{ match x {{ {} }} }}",
            "A => { a() }\n".repeat(10_000)
        );
        assert!(nesting(&arms) < 20, "{}", nesting(&arms));
    }

    #[test]
    fn item_tokens_count_the_largest_item() {
        let text = "fn f() { a + b }\nstruct S;\n";
        // The parser sees 7 (`fn f () {} a + b`, a group counting once); brackets count twice here.
        assert_eq!(shape(text).item_tokens, 9);
        assert_eq!(shape("fn f() { a").item_tokens, 6);
        assert_eq!(
            shape("/// doc\nstruct S;").item_tokens,
            3 + DOC_COMMENT_TOKENS
        );
    }
}
