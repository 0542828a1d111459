//! Item literals that are a name with a fixed part: `enum Name` (the model's enums with a variant
//! nothing constructs) and `name!` (calls of workspace macros). A corpus's scan lists about 900
//! of them, and in one automaton with the thirty-odd other item literals they halved its speed
//! over every byte of every file. They are found from their fixed part instead (`enum ` in the
//! automaton, `!` by `memchr`), then the name is looked up; each still counts as the substring
//! it stands for (`enum Foo` in `enum FooBar`, `flags!` in `bitflags!`).

use std::collections::{HashMap, HashSet};

/// What comes before an enum literal's name.
pub const ENUM_PREFIX: &str = "enum ";

/// The named literals of one matcher.
#[derive(Default)]
pub struct NamedLiterals {
    /// The names of `enum Name` literals.
    enums: HashSet<Box<str>>,
    enum_lengths: Vec<usize>,
    /// The names of `name!` literals, by their last two bytes (one-byte names apart).
    macros: HashMap<[u8; 2], Vec<Box<str>>>,
    short_macros: Vec<u8>,
}

fn is_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

impl NamedLiterals {
    /// Splits `literals` into the named ones (kept here) and the rest (returned). `enum ` is a
    /// literal of its own among the rest when it is one, and then every enum name is moot.
    pub fn split<'l>(literals: &[&'l str]) -> (NamedLiterals, Vec<&'l str>) {
        let mut named = NamedLiterals::default();
        let mut rest = Vec::new();
        let plain_enum = literals.contains(&ENUM_PREFIX);
        for &literal in literals {
            if let Some(name) = literal.strip_prefix(ENUM_PREFIX).filter(|n| is_name(n)) {
                if !plain_enum {
                    named.enums.insert(name.into());
                }
            } else if let Some(name) = literal.strip_suffix('!').filter(|n| is_name(n)) {
                match name.as_bytes() {
                    [only] => named.short_macros.push(*only),
                    [.., a, b] => named.macros.entry([*a, *b]).or_default().push(name.into()),
                    [] => {}
                }
            } else {
                rest.push(literal);
            }
        }
        let mut lengths: Vec<usize> = named.enums.iter().map(|n| n.len()).collect();
        lengths.sort_unstable();
        lengths.dedup();
        named.enum_lengths = lengths;
        (named, rest)
    }

    pub fn has_enums(&self) -> bool {
        !self.enums.is_empty()
    }

    pub fn is_empty(&self) -> bool {
        self.enums.is_empty() && self.macros.is_empty() && self.short_macros.is_empty()
    }

    /// The end of the `enum Name` literal whose prefix `enum ` ends at `at`, if a name follows.
    pub fn enum_end(&self, text: &str, at: usize) -> Option<usize> {
        let after = &text.as_bytes()[at..];
        self.enum_lengths
            .iter()
            .take_while(|&&len| len <= after.len())
            .find(|&&len| {
                std::str::from_utf8(&after[..len]).is_ok_and(|name| self.enums.contains(name))
            })
            .map(|len| at + len)
    }

    /// Every `name!` literal in `text`, as byte ranges sorted by start.
    pub fn macro_calls(&self, text: &str) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        if self.macros.is_empty() && self.short_macros.is_empty() {
            return found;
        }
        let bytes = text.as_bytes();
        for bang in memchr::memchr_iter(b'!', bytes) {
            if let Some(start) = self.macro_start(bytes, bang) {
                found.push((start, bang + 1));
            }
        }
        found
    }

    /// Where a `name!` literal whose `!` is at `bang` starts.
    fn macro_start(&self, bytes: &[u8], bang: usize) -> Option<usize> {
        let before = &bytes[..bang];
        if let [.., a, b] = before
            && let Some(names) = self.macros.get(&[*a, *b])
            && let Some(name) = names.iter().find(|n| before.ends_with(n.as_bytes()))
        {
            return Some(bang - name.len());
        }
        match before.last() {
            Some(last) if self.short_macros.contains(last) => Some(bang - 1),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_literals_are_found_as_the_substrings_they_stand_for() {
        let (named, rest) =
            NamedLiterals::split(&["enum Error", "flags!", "x!", "spawn", "enum Kind", "a b!"]);
        assert_eq!(rest, ["spawn", "a b!"]);
        let text = "pub enum ErrorKind {}\nbitflags! { }\nlet y = x!(1) != 2;\nenum Other {}\n";
        let error = text.find("enum Error").expect("in text") + ENUM_PREFIX.len();
        assert_eq!(named.enum_end(text, error), Some(error + "Error".len()));
        let other = text.find("enum Other").expect("in text") + ENUM_PREFIX.len();
        assert_eq!(named.enum_end(text, other), None);
        let calls: Vec<&str> = named
            .macro_calls(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(calls, ["flags!", "x!"]);
        // `enum ` as a literal of its own makes every name moot.
        let (named, rest) = NamedLiterals::split(&["enum ", "enum Error"]);
        assert_eq!(rest, ["enum "]);
        assert!(!named.has_enums());
    }
}
