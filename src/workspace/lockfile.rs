//! `Cargo.lock` beyond what `rustsec` parses: where each `[[package]]` entry stands in the text
//! (for locations and snippets), and which chain of dependencies pulls a package in.

use std::collections::{BTreeMap, VecDeque};
use std::ops::Range;

use rustsec::Lockfile;
use rustsec::package::Package;

use super::text::TextFile;

/// One `[[package]]` entry of a lockfile's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub version: String,
    /// The `name = "..."` line, as a byte range: where the entry starts.
    pub name_span: Range<usize>,
    /// From `name = ` to the end of the last of the lines that say which package is locked
    /// (`name`, `version`, `source`): what findings about the package cover. The checksum and
    /// the dependency list say nothing about an advisory.
    pub span: Range<usize>,
    /// The 1-based lines of `span`: the finding's snippet, so it shows what the region covers.
    pub lines: Range<usize>,
}

/// An entry being read: its `name` (value, span of the line, line number), its `version`, and
/// where its last identity line (`name`, `version`, `source`) ends (line, byte).
#[derive(Default)]
struct Partial {
    name: Option<(String, Range<usize>, usize)>,
    version: Option<String>,
    identity_end: (usize, usize),
}

impl Partial {
    fn finish(self) -> Option<Entry> {
        let (name, name_span, name_line) = self.name?;
        let (last, end) = self.identity_end;
        Some(Entry {
            name,
            version: self.version?,
            span: name_span.start..end.max(name_span.end),
            lines: name_line..last.max(name_line) + 1,
            name_span,
        })
    }
}

/// The `[[package]]` entries, in file order.
pub fn entries(file: &TextFile) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut current: Option<Partial> = None;
    for line in 1..=file.text.lines().count() {
        let text = file.line(line);
        let trimmed = text.trim();
        // A table header at the start of a line ends the entry (and may start the next one).
        if trimmed.starts_with('[') && !text.starts_with(' ') {
            out.extend(current.take().and_then(Partial::finish));
            if trimmed.starts_with("[[package]]") {
                current = Some(Partial::default());
            }
            continue;
        }
        let Some(partial) = current.as_mut() else {
            continue;
        };
        let start = file.line_start(line) + (text.len() - text.trim_start().len());
        let end = start + code_part(trimmed).len();
        if let Some(value) = string_value(trimmed, "name") {
            partial.name = Some((value, start..end, line));
        } else if let Some(value) = string_value(trimmed, "version") {
            partial.version = Some(value);
        } else if string_value(trimmed, "source").is_none() {
            continue;
        }
        partial.identity_end = (line, end);
    }
    out.extend(current.take().and_then(Partial::finish));
    out
}

/// `key = "value"` (a trailing comment allowed), the value unquoted.
fn string_value(line: &str, key: &str) -> Option<String> {
    let rest = line
        .strip_prefix(key)?
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let rest = rest.strip_prefix('"')?;
    let end = rest.find('"')?;
    Some(rest[..end].to_string())
}

/// A line without its trailing `#` comment (lockfile values never contain `#`).
fn code_part(line: &str) -> &str {
    line.split('#').next().unwrap_or(line).trim_end()
}

/// The shortest chains of packages from the workspace members (packages without a registry or
/// git source) to every package of a lockfile: one breadth-first search, shared by every
/// advisory that matches in it.
pub struct Chains<'l> {
    lock: &'l Lockfile,
    index: BTreeMap<(&'l str, &'l rustsec::package::Version), usize>,
    /// Package -> the package that first pulled it in; `None` for members and the unreachable.
    parent: Vec<Option<usize>>,
    reached: Vec<bool>,
}

impl<'l> Chains<'l> {
    pub fn new(lock: &'l Lockfile) -> Chains<'l> {
        let index: BTreeMap<(&str, &rustsec::package::Version), usize> = lock
            .packages
            .iter()
            .enumerate()
            .map(|(i, p)| ((p.name.as_str(), &p.version), i))
            .collect();
        let mut parent: Vec<Option<usize>> = vec![None; lock.packages.len()];
        let mut reached = vec![false; lock.packages.len()];
        let mut queue = VecDeque::new();
        for (i, p) in lock.packages.iter().enumerate() {
            if p.source.is_none() {
                reached[i] = true;
                queue.push_back(i);
            }
        }
        while let Some(i) = queue.pop_front() {
            for dep in &lock.packages[i].dependencies {
                if let Some(&j) = index.get(&(dep.name.as_str(), &dep.version))
                    && !reached[j]
                {
                    reached[j] = true;
                    parent[j] = Some(i);
                    queue.push_back(j);
                }
            }
        }
        Chains {
            lock,
            index,
            parent,
            reached,
        }
    }

    /// The chain to `target` as `name version` strings, member first; empty when nothing in the
    /// lockfile depends on it (it is itself a member, or the lockfile is incomplete).
    pub fn path_to(&self, target: &Package) -> Vec<String> {
        let Some(&goal) = self.index.get(&(target.name.as_str(), &target.version)) else {
            return Vec::new();
        };
        if !self.reached[goal] || self.parent[goal].is_none() {
            return Vec::new();
        }
        let mut path = Vec::new();
        let mut at = Some(goal);
        while let Some(i) = at {
            let p = &self.lock.packages[i];
            path.push(format!("{} {}", p.name, p.version));
            at = self.parent[i];
        }
        path.reverse();
        path
    }
}

/// The shortest chain from a workspace member to `target` (see [`Chains::path_to`]).
pub fn dependency_path(lock: &Lockfile, target: &Package) -> Vec<String> {
    Chains::new(lock).path_to(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"version = 4

[[package]]
name = "app"
version = "0.1.0"
dependencies = [
 "tokio",
]

[[package]]
name = "bytes"
version = "1.11.0"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "tokio"
version = "1.40.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = [
 "bytes",
]
"#;

    #[test]
    fn entries_are_located_by_their_name_line() {
        let file = TextFile::new("Cargo.lock".into(), "app".into(), LOCK.into());
        let found = entries(&file);
        let names: Vec<(&str, &str)> = found
            .iter()
            .map(|e| (e.name.as_str(), e.version.as_str()))
            .collect();
        assert_eq!(
            names,
            [("app", "0.1.0"), ("bytes", "1.11.0"), ("tokio", "1.40.0")]
        );
        let bytes = &found[1];
        assert_eq!(&file.text[bytes.name_span.clone()], "name = \"bytes\"");
        assert_eq!(
            &file.text[bytes.span.clone()],
            "name = \"bytes\"\nversion = \"1.11.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\""
        );
        assert_eq!(bytes.lines, 11..14);
        assert_eq!(
            found[2].lines,
            16..19,
            "the checksum and dependency list say nothing about an advisory"
        );
        assert_eq!(found[0].lines, 4..6, "a member has no source line");
    }

    #[test]
    fn the_shortest_chain_from_a_member() {
        let lock: Lockfile = LOCK.parse().expect("parses");
        let bytes = lock
            .packages
            .iter()
            .find(|p| p.name.as_str() == "bytes")
            .expect("bytes");
        assert_eq!(
            dependency_path(&lock, bytes),
            ["app 0.1.0", "tokio 1.40.0", "bytes 1.11.0"]
        );
        let app = &lock.packages[0];
        assert!(dependency_path(&lock, app).is_empty());
    }
}
