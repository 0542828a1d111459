//! One pass over a file's text for each list of literals the taint rules test it with (a
//! `contains` per literal read large files dozens of times).

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::knowledge::taint as kb;

/// The automaton of one list (`None` should building it fail: then each literal is searched).
type Matcher = LazyLock<Option<AhoCorasick>>;

static SOURCES: Matcher =
    LazyLock::new(|| crate::prefilter::literal_automaton(kb::SOURCE_LITERALS).ok());
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

/// Whether `text` holds a literal of [`kb::SOURCE_LITERALS`].
pub fn names_a_source(text: &str) -> bool {
    any_in(&SOURCES, kb::SOURCE_LITERALS, text)
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
        ] {
            for literal in list {
                assert!(test(&format!("fn f() {{ {literal} }}")), "{literal}");
            }
            assert!(!test("fn f() { let x = 1; }"));
        }
    }
}
