//! A cheap token stream over raw source bytes (identifiers, punctuation, brackets; literals and
//! comments stepped over with `crate::lex`), with matching brackets paired. The index reads fn
//! bodies through it instead of parsing them.

use crate::lex::{
    raw_string_start, skip_block_comment, skip_char_or_lifetime, skip_raw_string, skip_string,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Ident,
    /// A run of punctuation characters, split as Rust joins them (`::`, `=>`, `==`, `||`...).
    Punct,
    Open,
    Close,
    /// A string, char, number or lifetime: nothing the index looks into.
    Literal,
}

/// Offsets are kept in 32 bits (a text longer than 4 GiB is not tokenized): a large file has
/// millions of tokens, and they are the index's biggest transient allocation.
#[derive(Clone, Copy, Debug)]
pub struct Tok {
    pub kind: Kind,
    start: u32,
    end: u32,
    /// For brackets: the index of the matching bracket (itself when unbalanced).
    pair: u32,
}

impl Tok {
    pub fn start(&self) -> usize {
        self.start as usize
    }

    pub fn end(&self) -> usize {
        self.end as usize
    }

    pub fn pair(&self) -> usize {
        self.pair as usize
    }
}

/// Whether the two bytes `a b` are one of the multi-character operators the index needs to tell
/// apart (`::`, `=>`, `==`, `!=`, `<=`, `>=`, `->`, `||`, `&&`, `..`, `+=`, `-=`); others are
/// single characters. A byte match: it runs for every punctuation character of every file.
fn joined(a: u8, b: u8) -> bool {
    matches!(
        (a, b),
        (b':', b':')
            | (b'=' | b'!' | b'<' | b'>' | b'+' | b'-', b'=')
            | (b'=' | b'-', b'>')
            | (b'|', b'|')
            | (b'&', b'&')
            | (b'.', b'.')
    )
}

pub struct Tokens<'t> {
    pub text: &'t str,
    pub toks: Vec<Tok>,
}

/// Bytes that continue an identifier: ASCII letters, digits, `_`, and every byte of a non-ASCII
/// character. A table, as the tokenizer tests every byte of every identifier.
const IDENT_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = byte.is_ascii_alphanumeric() || byte == b'_' || byte >= 0x80;
        b += 1;
    }
    table
};

impl<'t> Tokens<'t> {
    /// Tokenizes `text`; `None` when brackets do not balance (the index then skips the file's
    /// bodies rather than guess).
    pub fn new(text: &'t str) -> Option<Tokens<'t>> {
        let bytes = text.as_bytes();
        // Offsets and token indexes are at most the text's length: checked once, they fit in
        // `u32` (see `Tok`).
        u32::try_from(text.len()).ok()?;
        // Rust source has one token per four to eight bytes (fewer where comments are long):
        // starting at a quarter of the length spares most files a doubling from an eighth,
        // which copied every token.
        let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 4);
        let mut stack: Vec<usize> = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let start = i;
            let kind = match b {
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |p| i + p);
                    continue;
                }
                b'/' if bytes.get(i + 1) == Some(&b'*') => {
                    i = skip_block_comment(bytes, i);
                    continue;
                }
                _ if b.is_ascii_whitespace() => {
                    // The whole run: indentation is a good part of a source text.
                    i += 1;
                    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    continue;
                }
                b'"' => {
                    i = skip_string(bytes, i + 1);
                    Kind::Literal
                }
                b'\'' => {
                    i = skip_char_or_lifetime(bytes, i);
                    // A lifetime `'a` leaves `a` to be read next as an identifier; that is fine.
                    Kind::Literal
                }
                b'r' | b'b' | b'c' if raw_string_start(bytes, i) => {
                    i = skip_raw_string(bytes, i);
                    Kind::Literal
                }
                b'b' if bytes.get(i + 1) == Some(&b'"') => {
                    i = skip_string(bytes, i + 2);
                    Kind::Literal
                }
                b'b' if bytes.get(i + 1) == Some(&b'\'') => {
                    i = skip_char_or_lifetime(bytes, i + 1);
                    Kind::Literal
                }
                b'0'..=b'9' => {
                    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_')
                    {
                        i += 1;
                    }
                    Kind::Literal
                }
                _ if b.is_ascii_alphabetic() || b == b'_' || b >= 0x80 => {
                    i += bytes[i..]
                        .iter()
                        .position(|&c| !IDENT_BYTE[usize::from(c)])
                        .unwrap_or(bytes.len() - i);
                    Kind::Ident
                }
                b'(' | b'[' | b'{' => {
                    i += 1;
                    stack.push(toks.len());
                    Kind::Open
                }
                b')' | b']' | b'}' => {
                    i += 1;
                    let open = stack.pop()?;
                    let me = toks.len();
                    toks[open].pair = me as u32;
                    toks.push(Tok {
                        kind: Kind::Close,
                        start: start as u32,
                        end: i as u32,
                        pair: open as u32,
                    });
                    continue;
                }
                _ => {
                    let two = bytes.get(i + 1).is_some_and(|&next| joined(b, next));
                    i += if two { 2 } else { 1 };
                    Kind::Punct
                }
            };
            let me = toks.len();
            toks.push(Tok {
                kind,
                start: start as u32,
                end: i.min(bytes.len()) as u32,
                pair: me as u32,
            });
        }
        if !stack.is_empty() {
            return None;
        }
        Some(Tokens { text, toks })
    }

    pub fn text_of(&self, k: usize) -> &'t str {
        self.toks
            .get(k)
            .map_or("", |t| &self.text[t.start()..t.end()])
    }

    /// Whether token `k` is written `s`: `text_of(k) == s`, compared as bytes (no char boundary
    /// checks: the index asks this several times for every token).
    pub fn is(&self, k: usize, s: &str) -> bool {
        self.toks.get(k).map_or(s.is_empty(), |t| {
            self.text.as_bytes()[t.start()..t.end()] == *s.as_bytes()
        })
    }

    pub fn is_ident(&self, k: usize) -> bool {
        self.toks.get(k).is_some_and(|t| t.kind == Kind::Ident)
    }

    /// The fn bodies of the file, outermost only, as (`fn` token, `{`, `}`): for each `fn` keyword, the `{` that opens its
    /// body (before any `;` or a closing bracket ends the signature) and the matching `}`.
    pub fn fn_bodies(&self) -> Vec<(usize, usize, usize)> {
        let mut bodies = Vec::new();
        let mut k = 0;
        while k < self.toks.len() {
            if self.toks[k].kind == Kind::Ident && self.is(k, "fn") && self.is_ident(k + 1) {
                let mut j = k + 2;
                let mut found = None;
                while j < self.toks.len() {
                    let t = self.toks[j];
                    match t.kind {
                        Kind::Open if self.is(j, "{") => {
                            found = Some((j, t.pair()));
                            break;
                        }
                        Kind::Open => j = t.pair() + 1,
                        Kind::Close => break,
                        Kind::Punct if self.is(j, ";") => break,
                        _ => j += 1,
                    }
                }
                if let Some((open, close)) = found {
                    bodies.push((k, open, close));
                    k = close + 1;
                    continue;
                }
            }
            k += 1;
        }
        bodies
    }

    /// Token ranges (open, close) of `#[cfg(test)] mod name { .. }` bodies.
    pub fn test_modules(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for k in 0..self.toks.len() {
            if !(self.is(k, "mod") && self.is_ident(k + 1) && self.is(k + 2, "{")) {
                continue;
            }
            let mut j = k;
            if j >= 1 && self.is(j - 1, "pub") {
                j -= 1;
            }
            if j >= 1 && self.toks[j - 1].kind == Kind::Close && self.is(j - 1, "]") {
                let open = self.toks[j - 1].pair();
                let inside: String = self.text[self.toks[open].start()..self.toks[j - 1].end()]
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                if inside == "[cfg(test)]" {
                    out.push((k + 2, self.toks[k + 2].pair()));
                }
            }
        }
        out
    }

    /// Past the path that starts at `k` (`a::b::C`, with `::` and `<..>`-free segments): the
    /// index of its last identifier.
    pub fn path_end(&self, mut k: usize) -> usize {
        while self.is(k + 1, "::") && self.is_ident(k + 2) {
            k += 2;
        }
        k
    }

    /// The token after a turbofish starting at `k` (`::<Vec<u8>>` in `f::<Vec<u8>>()`), or `k`
    /// itself when none starts there.
    pub fn after_turbofish(&self, k: usize) -> usize {
        if !(self.is(k, "::") && self.is(k + 1, "<")) {
            return k;
        }
        let mut depth = 0usize;
        for j in k + 1..self.toks.len() {
            match self.text_of(j) {
                "<" => depth += 1,
                ">" => {
                    depth -= 1;
                    if depth == 0 {
                        return j + 1;
                    }
                }
                // A statement boundary: not a turbofish after all.
                ";" | "{" | "}" => return k,
                _ => {}
            }
        }
        k
    }

    /// Whether the path whose last token is `last` stands in a pattern: after it (and its own
    /// `(..)`/`{..}` group) and any closing brackets comes `=>`, a single `|`, `=` or `if`.
    pub fn in_pattern(&self, last: usize) -> bool {
        let mut j = last + 1;
        if self
            .toks
            .get(j)
            .is_some_and(|t| t.kind == Kind::Open && !self.is(j, "["))
        {
            j = self.toks[j].pair() + 1;
        }
        while self.toks.get(j).is_some_and(|t| t.kind == Kind::Close) {
            j += 1;
        }
        matches!(self.text_of(j), "=>" | "|" | "=" | "if")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_of_fns_and_not_of_fn_pointer_types() {
        let src = "struct S { f: fn(u8) -> u8 }\nfn a<T, U>(x: fn()) -> Result<(), E> where T: Fn() { let s = \"}\"; }\ntrait T { fn b(&self); fn c() { inner() } }\n";
        let t = Tokens::new(src).expect("balanced");
        let bodies: Vec<&str> = t
            .fn_bodies()
            .into_iter()
            .map(|(_, o, c)| &src[t.toks[o].start()..t.toks[c].end()])
            .collect();
        assert_eq!(bodies, ["{ let s = \"}\"; }", "{ inner() }"]);
    }

    #[test]
    fn patterns_and_expressions() {
        let src = "match r { Err(E::A(_)) => E::B(x), E::C | E::D => f(E::F), } if let E::G = y {}";
        let t = Tokens::new(src).expect("balanced");
        let mut seen = Vec::new();
        for k in 0..t.toks.len() {
            if t.is(k, "E") && t.is(k + 1, "::") {
                seen.push((t.text_of(k + 2), t.in_pattern(k + 2)));
            }
        }
        assert_eq!(
            seen,
            [
                ("A", true),
                ("B", false),
                ("C", true),
                ("D", true),
                ("F", false),
                ("G", true)
            ]
        );
    }

    #[test]
    fn unbalanced_text_gives_none() {
        assert!(Tokens::new("fn f() {").is_none());
    }
}
