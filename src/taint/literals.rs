//! One pass over a file's text for each list of literals the taint rules test it with (a
//! `contains` per literal read large files dozens of times).

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use crate::knowledge::taint as kb;

/// The automaton of one list (`None` should building it fail: then each literal is searched).
type Matcher = LazyLock<Option<AhoCorasick>>;

static SOURCES: Matcher =
    LazyLock::new(|| crate::prefilter::literal_automaton(kb::SOURCE_LITERALS).ok());
static SOURCE_CALLS: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(kb::SOURCE_PATTERN).ok());
static ENVIRONMENT: Matcher =
    LazyLock::new(|| crate::prefilter::literal_automaton(kb::ENVIRONMENT_SOURCE_LITERALS).ok());
static SERVICES: Matcher =
    LazyLock::new(|| crate::prefilter::literal_automaton(kb::SERVICE_LITERALS).ok());
static SUMMARY: Matcher =
    LazyLock::new(|| crate::prefilter::literal_automaton(kb::SUMMARY_LITERALS).ok());

fn any_in(matcher: &Matcher, list: &[&str], text: &str) -> bool {
    match &**matcher {
        Some(matcher) => matcher.is_match(text),
        None => list.iter().any(|l| text.contains(l)),
    }
}

/// Whether `text` holds a literal of [`kb::SOURCE_LITERALS`] or a match of
/// [`kb::SOURCE_PATTERN`] (the taint rules' prefilter, asked again of a file parsed for others).
pub fn names_a_source(text: &str) -> bool {
    any_in(&SOURCES, kb::SOURCE_LITERALS, text)
        || SOURCE_CALLS
            .as_ref()
            .is_none_or(|pattern| pattern.is_match(text))
}

/// Whether `text` holds a literal of [`kb::ENVIRONMENT_SOURCE_LITERALS`]: a source when the
/// environment is input.
pub fn names_the_environment(text: &str) -> bool {
    any_in(&ENVIRONMENT, kb::ENVIRONMENT_SOURCE_LITERALS, text)
}

/// Whether `text` holds a literal of [`kb::SERVICE_LITERALS`].
pub fn names_a_service(text: &str) -> bool {
    any_in(&SERVICES, kb::SERVICE_LITERALS, text)
}

/// Whether `text` holds a literal of [`kb::SUMMARY_LITERALS`].
pub fn names_a_sink_or_check(text: &str) -> bool {
    any_in(&SUMMARY, kb::SUMMARY_LITERALS, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_list_is_found_as_contains_finds_it() {
        for (list, test) in [
            (kb::SOURCE_LITERALS, names_a_source as fn(&str) -> bool),
            (kb::SERVICE_LITERALS, names_a_service),
            (kb::SUMMARY_LITERALS, names_a_sink_or_check),
            (kb::ENVIRONMENT_SOURCE_LITERALS, names_the_environment),
        ] {
            for literal in list {
                assert!(test(&format!("fn f() {{ {literal} }}")), "{literal}");
            }
            assert!(!test("fn f() { let x = 1; }"));
        }
    }

    #[test]
    fn source_calls_are_found_in_every_spelling_and_their_lookalikes_are_not() {
        for text in [
            "let line = std::io::stdin().lines();",
            "use std::io::stdin; let mut s = stdin ( );",
            "use std::io::{stdin as input};",
            "let s = unsafe { CStr::from_ptr(p) };",
            "use std::env::{var, args};",
            "use std::{env::{consts::{ARCH}, args}, io};",
            "use std::env::*;",
        ] {
            assert!(names_a_source(text), "{text}");
        }
        for text in [
            "Command::new(\"ls\").stdin(Stdio::null());",
            "let c = CStr::from_bytes_with_nul(b\"x\\0\");",
            "let home = std::env::var(\"HOME\");",
            "use std::env::{var, vars};",
            "let child_stdin = child.stdin.take();",
        ] {
            assert!(!names_a_source(text), "{text}");
        }
        assert!(names_the_environment(
            "use std::{env, io}; env::var(\"HOME\")"
        ));
    }
}
