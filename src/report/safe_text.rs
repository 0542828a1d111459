//! Text from scanned files is untrusted: a string literal can hold terminal escape sequences
//! (`ESC[2J`, an OSC window title, an OSC 8 hyperlink) or bidirectional overrides that make the
//! auditor's screen show something other than the code. Every report that echoes source text
//! passes it through here, so the bytes that reach a terminal are printable.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` must not reach a terminal raw. `keep_newlines` keeps `\n` for multi-line snippets;
/// a tab is always harmless.
fn is_unsafe(c: char, keep_newlines: bool) -> bool {
    match c {
        '\t' => false,
        '\n' => !keep_newlines,
        // C0 controls (ESC, BEL, CR, backspace...), DEL and the C1 controls (CSI U+009B...).
        c if c.is_control() => true,
        // Bidirectional embeddings, overrides and isolates (the "Trojan Source" characters).
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

fn escape(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c, keep_newlines)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c, keep_newlines) {
            // `\u{1b}` is how Rust source would spell the character: readable and unambiguous.
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Source text shown on several lines (a snippet): control characters other than tab and
/// newline are written as `\u{..}` escapes.
pub fn multi_line(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

/// Source text shown on one line (a message, an annotation, a table cell): newlines are
/// escaped too, so the text cannot start a line of its own.
pub fn one_line(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// A serialised JSON document with every character `multi_line` would escape written as a JSON
/// `\uXXXX` escape. serde_json already escapes C0 controls; DEL, the C1 controls and the bidi
/// characters it writes raw are valid JSON but act on a terminal showing the file. They can only
/// occur inside JSON strings (the structure is ASCII), where the escape means the same string.
pub fn json(document: String) -> String {
    if !document.chars().any(|c| is_unsafe(c, true)) {
        return document;
    }
    let mut out = String::with_capacity(document.len() + 16);
    for c in document.chars() {
        if is_unsafe(c, true) {
            // Every such character is in the Basic Multilingual Plane: one `\u` escape each.
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_sequences() {
        assert_eq!(
            multi_line("a\u{1b}[2Jb\u{7}\u{9b}c\u{7f}"),
            "a\\u{1b}[2Jb\\u{7}\\u{9b}c\\u{7f}"
        );
        assert_eq!(multi_line("x\r\ny"), "x\\u{d}\ny");
        assert_eq!(one_line("x\ny"), "x\\u{a}y");
        assert_eq!(one_line("a\u{202e}b"), "a\\u{202e}b");
    }

    #[test]
    fn json_keeps_the_value_and_loses_the_raw_controls() {
        let value = "a\u{1b}]0;t\u{7}b\u{7f}\u{9b}2J\u{202e}\n";
        let text = json(serde_json::to_string(&value).expect("serialises"));
        assert!(!text.chars().any(|c| is_unsafe(c, false)), "{text}");
        let back: String = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(back, value);
    }

    #[test]
    fn leaves_printable_text_borrowed() {
        assert!(matches!(multi_line("let x = 1;\n\tok"), Cow::Borrowed(_)));
        assert!(matches!(one_line("héllo → ok"), Cow::Borrowed(_)));
    }
}
