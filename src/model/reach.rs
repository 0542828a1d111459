//! Which fns nothing can reach: the audit draft moves findings inside them to its appendix of
//! non-production code. A fn is unreferenced only when no word of the workspace's source text
//! names it (calls, values such as `map(parse)` or `Self::f`, `use` items, macro bodies and calls,
//! attribute strings such as `#[serde(default = "port")]`, even comments) other than its own
//! `fn NAME`, and nothing else can reach it (see [`Workspace::is_unreferenced_fn`]). Words are
//! compared by [`name_key`], across the whole workspace: a name any crate mentions keeps every fn
//! of that name alive, which errs towards "referenced".
//!
//! Built only for the audit draft (`ScanOptions::find_dead_code`): it reads every word of every
//! file, which the rules do not need.

use std::collections::{BTreeSet, HashSet};

use super::Workspace;
use super::index::{FnDef, name_key};

/// What one file contributes: the words it mentions, and the literal pieces of names its
/// `paste!`-style `[< .. >]` groups build.
#[derive(Debug, Default)]
pub struct Mentions {
    words: Vec<u64>,
    pieces: Vec<String>,
    /// A `[< .. >]` group made only of `$variables`, or `concat_idents!`: any name may be built.
    any_name_built: bool,
}

/// Every file's mentions, merged.
#[derive(Debug, Default)]
pub struct Reach {
    mentioned: HashSet<u64>,
    pieces: BTreeSet<String>,
    /// Crates where some name is unknowable: a file builds names from `$variables` only, or was
    /// left out of the model (too large, unreadable, not UTF-8). A private fn can only be named
    /// inside its own crate, so other crates' answers stand.
    unknown: BTreeSet<String>,
}

impl Reach {
    /// `files`: each file's crate and mentions; `left_out`: the crates of files that could not
    /// be read.
    pub fn new(
        files: impl IntoIterator<Item = (String, Mentions)>,
        left_out: impl IntoIterator<Item = String>,
    ) -> Reach {
        let mut reach = Reach {
            unknown: left_out.into_iter().collect(),
            ..Reach::default()
        };
        for (krate, m) in files {
            reach.mentioned.extend(m.words);
            reach.pieces.extend(m.pieces);
            if m.any_name_built {
                reach.unknown.insert(krate);
            }
        }
        reach
    }
}

/// The words of `text` (identifier-like runs of bytes, in code, strings and comments alike),
/// except the name after each `fn` keyword, which defines rather than mentions it.
pub fn mentions(text: &str) -> Mentions {
    let bytes = text.as_bytes();
    let mut words: HashSet<&str> = HashSet::new();
    let mut out = Mentions::default();
    let mut previous_was_fn = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if is_word_start(b) {
            let start = i;
            while i < bytes.len() && is_word_byte(bytes[i]) {
                i += 1;
            }
            let word = &text[start..i];
            if !previous_was_fn {
                words.insert(word);
            }
            previous_was_fn = word == "fn";
            if word == "concat_idents" {
                out.any_name_built = true;
            }
            continue;
        }
        if b.is_ascii_digit() {
            // A number's digits and suffix (`1u8`) are no name.
            while i < bytes.len() && is_word_byte(bytes[i]) {
                i += 1;
            }
        } else if b == b'['
            && bytes.get(i + 1) == Some(&b'<')
            && let Some(end) = name_pieces(text, i + 2, &mut out)
        {
            i = end;
            previous_was_fn = false;
            continue;
        } else if !b.is_ascii_whitespace() {
            previous_was_fn = false;
        }
        i += 1;
    }
    out.words = words.into_iter().map(name_key).collect();
    out.words.sort_unstable();
    out
}

/// Reads a `paste!` group `[< .. >]` from `from` (past `[<`): words, `$variables`, `:case`
/// modifiers and spaces up to `>]`. Returns the index after it, or `None` when the text is no
/// such group (`[<T as Trait>::Item; 3]`), to be read as ordinary words.
fn name_pieces(text: &str, from: usize, out: &mut Mentions) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut pieces = Vec::new();
    let mut from_variables = false;
    let mut j = from;
    loop {
        let b = *bytes.get(j)?;
        if b == b'>' && bytes.get(j + 1) == Some(&b']') {
            break;
        }
        if b == b'$' || b == b':' {
            j += 1;
            while bytes.get(j).is_some_and(|&c| is_word_byte(c)) {
                j += 1;
            }
            from_variables |= b == b'$';
        } else if is_word_byte(b) {
            let start = j;
            while bytes.get(j).is_some_and(|&c| is_word_byte(c)) {
                j += 1;
            }
            pieces.push(text[start..j].to_string());
        } else if b == b' ' || b == b'\t' {
            j += 1;
        } else {
            return None;
        }
    }
    if pieces.is_empty() {
        out.any_name_built |= from_variables;
    }
    out.pieces.extend(pieces);
    Some(j + 2)
}

fn is_word_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b >= 0x80
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

impl Workspace {
    /// Records what [`mentions`] found in every file; until then [`Workspace::is_unreferenced_fn`]
    /// answers "unknown".
    pub fn set_reach(&mut self, reach: Reach) {
        self.reach = Some(reach);
    }

    /// Whether nothing in the workspace can call `f`: it is private or `pub(crate)`-like (or
    /// `pub` in a crate that builds no library: `crate_is_binary_only`), not `main`, not
    /// `extern`, not a trait's method or a trait impl's (they are called through the trait), not
    /// test code, carries no attribute beyond the inert ones (`#[no_mangle]`, `#[tokio::main]`,
    /// `#[get("/")]`, `#[pymethods]` on its impl...), and no word of the source names it (see the
    /// module docs) nor could a `paste!`-style group build its name. `None` when the model or the
    /// mentions were not built, or when a file of its crate was left out of them or builds names
    /// from `$variables` alone.
    pub fn is_unreferenced_fn(
        &self,
        crate_name: &str,
        f: &FnDef,
        crate_is_binary_only: bool,
    ) -> Option<bool> {
        let reach = self.reach.as_ref().filter(|_| self.is_built())?;
        if reach.unknown.contains(crate_name) {
            return None;
        }
        let reachable_by_design = (f.is_pub && !f.pub_restricted && !crate_is_binary_only)
            || f.name == "main"
            || f.is_extern
            || f.in_trait
            || f.impl_trait.is_some()
            || f.entry_attr
            || f.in_test;
        if reachable_by_design {
            return Some(false);
        }
        let mentioned = reach.mentioned.contains(&name_key(&f.name));
        let buildable = reach
            .pieces
            .iter()
            .any(|p| f.name.starts_with(p.as_str()) || f.name.ends_with(p.as_str()));
        Some(!mentioned && !buildable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace(sources: &[(&str, &str, &str)]) -> Workspace {
        let mut ws = Workspace::from_sources(sources);
        ws.set_reach(Reach::new(
            sources.iter().map(|(_, c, t)| (c.to_string(), mentions(t))),
            [],
        ));
        ws
    }

    fn dead(ws: &Workspace, name: &str) -> Option<bool> {
        let f = ws.fns_named(name).next().expect("indexed");
        ws.is_unreferenced_fn("c", f, false)
    }

    #[test]
    fn a_private_fn_nothing_names_is_unreferenced() {
        let ws = workspace(&[
            (
                "src/lib.rs",
                "c",
                "mod util;\npub fn api() -> u8 { util::used() }\nfn unused() -> u8 { 1 }\n\
                 fn recursive(n: u8) -> u8 { if n == 0 { 0 } else { recursive(n - 1) } }",
            ),
            ("src/util.rs", "c", "pub(crate) fn used() -> u8 { 2 }"),
        ]);
        assert_eq!(dead(&ws, "unused"), Some(true));
        assert_eq!(dead(&ws, "used"), Some(false), "called from another file");
        assert_eq!(dead(&ws, "api"), Some(false), "public");
        // Its own body names it: counted as a mention (errs towards "referenced").
        assert_eq!(dead(&ws, "recursive"), Some(false));
    }

    #[test]
    fn references_that_are_not_calls_count() {
        let ws = workspace(&[(
            "src/lib.rs",
            "c",
            "pub fn api(v: Vec<&str>) -> Vec<u8> { v.into_iter().map(parse).collect() }\n\
             fn parse(s: &str) -> u8 { 0 }\n\
             struct S;\nimpl S { pub fn run() -> u8 { [1].map(Self::one)[0] } fn one(x: u8) -> u8 { x } }\n\
             #[derive(serde::Deserialize)] pub struct C { #[serde(default = \"port\")] p: u16 }\n\
             fn port() -> u16 { 80 }\n\
             macro_rules! call { () => { from_macro() } }\nfn from_macro() {}\n\
             static H: fn() = in_static;\nfn in_static() {}",
        )]);
        for name in ["parse", "one", "port", "from_macro", "in_static"] {
            assert_eq!(dead(&ws, name), Some(false), "{name}");
        }
    }

    #[test]
    fn entry_points_and_trait_methods_are_never_unreferenced() {
        let ws = workspace(&[(
            "src/main.rs",
            "c",
            "fn main() {}\n#[no_mangle] extern \"C\" fn exported() {}\n#[tokio::main] async fn serve() {}\n\
             #[get(\"/\")] async fn index() {}\ntrait T { fn provided(&self) {} }\n\
             struct S;\nimpl T for S { fn provided(&self) {} }\n\
             #[pymethods] impl S { fn py_only(&self) {} }\n\
             #[inline] #[allow(dead_code)] fn inert_attrs() {}\npub fn public_in_binary() {}",
        )]);
        for name in ["main", "exported", "serve", "index", "provided", "py_only"] {
            assert_eq!(dead(&ws, name), Some(false), "{name}");
        }
        assert_eq!(dead(&ws, "inert_attrs"), Some(true));
        let public = ws.fns_named("public_in_binary").next().expect("indexed");
        assert_eq!(ws.is_unreferenced_fn("c", public, false), Some(false));
        assert_eq!(ws.is_unreferenced_fn("c", public, true), Some(true));
    }

    #[test]
    fn built_names_and_missing_files_make_it_unknown_or_live() {
        let pasted = workspace(&[(
            "src/lib.rs",
            "c",
            "macro_rules! m { ($f:ident) => { paste::paste! { [<get_ $f>]() } } }\n\
             fn get_name() {}\nfn other() {}",
        )]);
        assert_eq!(dead(&pasted, "get_name"), Some(false), "`get_` + `name`");
        assert_eq!(dead(&pasted, "other"), Some(true));
        let anything = workspace(&[
            (
                "src/lib.rs",
                "c",
                "macro_rules! m { ($a:ident, $b:ident) => { paste::paste! { [<$a $b>]() } } }\nfn other() {}",
            ),
            ("other/src/lib.rs", "d", "fn unused() {}"),
        ]);
        assert_eq!(dead(&anything, "other"), None);
        let unused = anything.fns_named("unused").next().expect("indexed");
        assert_eq!(
            anything.is_unreferenced_fn("d", unused, false),
            Some(true),
            "another crate's names stay known"
        );
        let mut incomplete = Workspace::from_sources(&[("src/lib.rs", "c", "fn other() {}")]);
        incomplete.set_reach(Reach::new(
            [("c".to_string(), mentions("fn other() {}"))],
            ["c".to_string()],
        ));
        assert_eq!(dead(&incomplete, "other"), None);
        let unset = Workspace::from_sources(&[("src/lib.rs", "c", "fn other() {}")]);
        assert_eq!(dead(&unset, "other"), None);
    }
}
