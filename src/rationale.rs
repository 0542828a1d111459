//! Whether a comment next to a statement explains *why* a default, a discarded error or a literal
//! is right. Several rules accept such a comment as a documented decision; they all ask here, so
//! "documented" means the same thing everywhere.
//!
//! A comment counts when it sits on the line itself or in the run of comment lines right above
//! it (not the trailing comment of the previous line's code), and when it speaks of the reason:
//! absence or a default (`optional`, `absent`, `missing`, `default`, `fallback`, `empty`), intent
//! (`best effort`, `intentionally`, `ignore`, `don't care`), impossibility (`cannot fail`,
//! `always valid`), or a cause (`because`, `so that`, `otherwise`, `means`). The vocabulary was
//! read off the comments above such statements in ~470 real crates. Narration (`// Create a
//! channel for notifications`), ticket tags (`// TAS-61 V2: read the event systems`), TODOs,
//! questions, commented-out code, and ferret's own `// ferret:` and `//~` markers are not
//! reasons.

use crate::source::{Comment, SourceFile};

/// What the documented code decides, which decides the words that justify it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    /// A default filled in or an error dropped (`unwrap_or_default`, `let _ =`, `.ok();`).
    Default,
    /// A number fixed in code (a pool size, a channel capacity).
    Limit,
    /// A poisoned lock taken over.
    Poison,
    /// `#[allow]` kept where `#[expect]` would be the policy: the lint fires only on some
    /// targets, features or macro expansions, so an `#[expect]` would itself warn elsewhere.
    ExpectUnusable,
}

/// Words and phrases that give a reason, whatever the subject. A trailing `*` matches any word
/// starting so (`ignor*`: ignore, ignored, ignoring).
const REASONS: &[&str] = &[
    // intent
    "intentional*",
    "deliberate*",
    "on purpose",
    "by design",
    "expected to",
    "is expected",
    "are expected",
    "best effort",
    "best-effort",
    "ignor*",
    "don't care",
    "do not care",
    "doesn't care",
    "does not care",
    "not interested",
    "doesn't matter",
    "does not matter",
    "irrelevant",
    "harmless",
    "benign",
    "fine",
    "ok to",
    "okay to",
    "safe to",
    "acceptable",
    "anyway",
    "nothing to do",
    "nothing we can do",
    "nothing to report",
    "no need",
    "no way to",
    // absence and defaults
    "optional*",
    "absent",
    "absence",
    "missing",
    "not set",
    "unset",
    "not present",
    "not provided",
    "if any",
    "none",
    "empty",
    "no value",
    "default*",
    "fallback",
    "instead",
    "or create",
    "without one",
    "fall back",
    "falls back",
    "falling back",
    "treated as",
    "does not exist",
    "doesn't exist",
    "if it exists",
    "if present",
    "not there",
    "isn't there",
    "not found",
    // the error has nothing to say, or cannot happen
    "closed",
    "dropped",
    "gone",
    "shutting down",
    "shut down",
    "hung up",
    "disconnected",
    "cannot fail",
    "can't fail",
    "can not fail",
    "never fail*",
    "won't fail",
    "will not fail",
    "infallible",
    "always succeed*",
    "always ok",
    "always returns ok",
    "always valid",
    "always some",
    "guarantee*",
    "unreachable",
    "impossible",
    "can't happen",
    "cannot happen",
    "never happen*",
    "already checked",
    "already validated",
    "validated",
    // a cause
    "because",
    "so that",
    "otherwise",
    "or else",
    "in order to",
    "to avoid",
    "to prevent",
    "to keep",
    "to make sure",
    "to ensure",
    "thus",
    "hence",
    "therefore",
    "means",
];

/// Words that justify a fixed number.
const LIMIT_REASONS: &[&str] = &[
    "at most",
    "at least",
    "up to",
    "more than",
    "fewer than",
    "less than",
    "too many",
    "too much",
    "allow",
    "per",
    "allows",
    "allowed",
    "limit*",
    "max",
    "maximum",
    "enough",
    "sufficient",
    "plenty",
    "room",
    "headroom",
    "burst*",
    "matches",
    "measured",
    "tuned",
    "benchmark*",
    "backpressure",
];

/// Words that show the author thought about the poisoning (the only reasons that count there).
const POISON_REASONS: &[&str] = &["poison*", "panic*"];

/// Words that say why `#[expect]` cannot replace an `#[allow]`.
const EXPECT_UNUSABLE_REASONS: &[&str] = &[
    "expect would",
    "expect cannot",
    "expect can't",
    "expect does not",
    "expect doesn't",
    "unfulfilled",
    "msrv",
    "cfg",
    "feature*",
    "target*",
    "platform*",
    "conditional*",
    "not always",
    "sometimes",
    "depend*",
    "macro*",
    "generated",
    "only used",
    "used only",
    "only needed",
    "needed only",
    "only on",
    "only when",
    "only with",
    "only in",
    "only for",
    "windows",
    "linux",
    "macos",
    "unix",
    "bsd",
    "wasm",
];

/// Markers of a note to self rather than a reason.
const NOTE_MARKERS: &[&str] = &["todo", "fixme", "xxx", "hack"];

/// Whether a comment documents `lines` (the call's line, then the lines its enclosing statement
/// starts on) with a reason about `subject`.
pub fn documented(file: &SourceFile<'_>, lines: &[usize], subject: Subject) -> bool {
    lines.iter().any(|&line| {
        let comments = file.comments();
        let on_line = file.comments_on(line).any(|c| explains(&c.text, subject));
        on_line || explains(&block_above(file, comments, line), subject)
    })
}

/// The text of the run of own-line comments ending right above `line`, joined. Doc comments
/// (`///`, `//!`) document an item, not why a statement or attribute is right: they end the run.
fn block_above(file: &SourceFile<'_>, comments: &[Comment], line: usize) -> String {
    let mut expected = line.saturating_sub(1);
    let above = comments.partition_point(|c| c.end_line < line);
    let mut parts = Vec::new();
    for c in comments[..above].iter().rev() {
        let opening = file.line(c.line).trim_start();
        let doc = opening.starts_with("///") || opening.starts_with("//!");
        if c.end_line != expected || c.trailing || doc {
            break;
        }
        parts.push(c.text.as_str());
        expected = c.line.saturating_sub(1);
    }
    parts.reverse();
    parts.join(" ")
}

/// Whether comment text gives a reason about `subject`.
pub fn explains(text: &str, subject: Subject) -> bool {
    let text = text.trim();
    if text.starts_with("ferret:") || text.starts_with('~') {
        return false;
    }
    let lower = text.to_lowercase();
    let words = words(&lower);
    let Some(first) = words.first() else {
        return false;
    };
    if NOTE_MARKERS.iter().any(|m| first.starts_with(m)) || lower.trim_end().ends_with('?') {
        return false;
    }
    if looks_like_code(text) {
        return false;
    }
    match subject {
        Subject::Default => REASONS.iter().any(|p| mentions(&words, p)) || causal_since(&words),
        Subject::Limit => {
            REASONS
                .iter()
                .chain(LIMIT_REASONS)
                .any(|p| mentions(&words, p))
                || causal_since(&words)
        }
        // Taking over a poisoned lock is explained only by a word about the poisoning.
        Subject::Poison => POISON_REASONS.iter().any(|p| mentions(&words, p)),
        Subject::ExpectUnusable => EXPECT_UNUSABLE_REASONS.iter().any(|p| mentions(&words, p)),
    }
}

/// Lower-case words, keeping `'` and `-` inside them (`don't`, `best-effort`).
fn words(lower: &str) -> Vec<&str> {
    lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .map(|w| w.trim_matches(['\'', '-']))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether the word sequence contains `phrase` (`ignor*` matches a word starting with `ignor`).
fn mentions(words: &[&str], phrase: &str) -> bool {
    let wanted: Vec<&str> = phrase.split(' ').collect();
    words.windows(wanted.len()).any(|window| {
        window
            .iter()
            .zip(&wanted)
            .all(|(word, want)| match want.strip_suffix('*') {
                Some(stem) => word.starts_with(stem),
                None => word == want,
            })
    })
}

/// `since` as a cause (`since owned is true`), not a date (`since Rust 1.96`, `since 2019`).
fn causal_since(words: &[&str]) -> bool {
    words.windows(2).any(|w| {
        w[0] == "since"
            && !w[1].starts_with(|c: char| c.is_ascii_digit())
            && !matches!(w[1], "rust" | "version" | "the" | "then" | "v1" | "v2")
    })
}

/// Commented-out code or a doc-test line: `# async fn main() {`, `tx.send(0).unwrap();`.
fn looks_like_code(text: &str) -> bool {
    let text = text.trim_start_matches(['#', '!', ' ']);
    text.ends_with([';', '{', '}', '('])
        || ["let ", "fn ", "use ", "pub ", "assert", "."]
            .iter()
            .any(|start| text.starts_with(start))
}

#[cfg(test)]
mod tests {
    use super::{Subject, explains};

    #[test]
    fn reasons() {
        for text in [
            "optional: absent means no labels",
            "absent timeout = wait forever",
            "Safe to ignore result as we're shutting down anyway",
            "default to UTC if no local timezone can be found",
            "unwrap cannot fail, we just read a bool",
            "returns None, which occurs with an empty string.",
            "progress is best-effort",
            "we don't need to clean up self here since we're already in a Drop impl",
        ] {
            assert!(explains(text, Subject::Default), "{text}");
        }
        assert!(explains(
            "bursts of at most one message per subscriber",
            Subject::Limit
        ));
        assert!(explains("Postgres allows 100 connections", Subject::Limit));
        assert!(explains(
            "Most tests shouldn't require more than 5 connections concurrently",
            Subject::Limit
        ));
        assert!(explains(
            "Cloning the iterator, so we rollback if it isn't there.",
            Subject::Default
        ));
        assert!(explains(
            "take extensions or create new one as app data container.",
            Subject::Default
        ));
        assert!(explains(
            "a panicking writer leaves nothing half-done",
            Subject::Poison
        ));
        assert!(explains("dead only on Windows", Subject::ExpectUnusable));
        assert!(explains(
            "`expect` would be unfulfilled when the feature is off",
            Subject::ExpectUnusable
        ));
        assert!(!explains(
            "the names mirror the C API",
            Subject::ExpectUnusable
        ));
    }

    #[test]
    fn not_reasons() {
        for text in [
            "TAS-61 V2: read the event systems",
            "Create a channel for notifications",
            "Log configuration size for debugging",
            "TODO: fall back to the default when the key is missing",
            "TODO - should we ignore these failures?",
            "Should the default be empty?",
            "x86_64-unknown-linux-gnutsan is available on stable since Rust 1.96",
            "# async fn main() {",
            "let _ = tx.send(0);",
            "ferret: expect(unwrap-or-default) optional",
            "~ unwrap-or-default",
            "Linux and macOS",
            "",
        ] {
            assert!(!explains(text, Subject::Default), "{text}");
            assert!(!explains(text, Subject::Limit), "{text}");
        }
        // A reason for a number is not a reason to drop an error.
        assert!(!explains("bursts of at most one message", Subject::Default));
    }
}
