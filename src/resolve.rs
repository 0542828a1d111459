//! The per-file `use` map: turns the path written at a call site into the path it names, so that
//! `use crossbeam_channel::unbounded as chan; chan()` is known to be `crossbeam_channel::unbounded`.

use std::collections::HashMap;

use syn::{UseTree, visit::Visit};

#[derive(Debug, Default)]
pub struct UseMap {
    /// Local name -> full path segments (`chan` -> `crossbeam_channel::unbounded`).
    names: HashMap<String, Vec<String>>,
    /// Paths imported with `*`.
    globs: Vec<Vec<String>>,
}

impl UseMap {
    /// Collects every `use` in the file, at any depth (modules, functions). Scoping is ignored:
    /// a name imported anywhere in the file counts everywhere in it, which is right far more often
    /// than not for the library paths the rules look for.
    pub fn from_file(file: &syn::File) -> UseMap {
        let mut map = UseMap::default();
        map.visit_file(file);
        map
    }

    /// The full path that `segments` names in this file. `self::`, `crate::` and `super::` prefixes
    /// are dropped (they name the crate's own items); a leading `::` is ignored.
    pub fn resolve(&self, segments: &[String]) -> Vec<String> {
        let Some(first) = segments.first() else {
            return Vec::new();
        };
        if let Some(target) = self.names.get(first) {
            let mut full = target.clone();
            full.extend(segments[1..].iter().cloned());
            return strip_local_prefix(full);
        }
        strip_local_prefix(segments.to_vec())
    }

    /// Resolves a syn path (generic arguments are dropped).
    pub fn resolve_path(&self, path: &syn::Path) -> Vec<String> {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        self.resolve(&segments)
    }

    /// Paths imported with a glob (`use tokio::sync::mpsc::*;` gives `tokio::sync::mpsc`).
    pub fn globs(&self) -> &[Vec<String>] {
        &self.globs
    }

    /// Whether the bare name `name` may come from glob-imported module `module`.
    pub fn glob_imports(&self, module: &[&str]) -> bool {
        self.globs
            .iter()
            .any(|g| g.iter().map(String::as_str).eq(module.iter().copied()))
    }

    fn add_tree(&mut self, prefix: &mut Vec<String>, tree: &UseTree) {
        match tree {
            UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.add_tree(prefix, &p.tree);
                prefix.pop();
            }
            UseTree::Name(n) => {
                let name = n.ident.to_string();
                if name == "self" {
                    if let Some(last) = prefix.last() {
                        self.names.insert(last.clone(), prefix.clone());
                    }
                } else {
                    let mut full = prefix.clone();
                    full.push(name.clone());
                    self.names.insert(name, full);
                }
            }
            UseTree::Rename(r) => {
                let mut full = prefix.clone();
                if r.ident != "self" {
                    full.push(r.ident.to_string());
                }
                self.names.insert(r.rename.to_string(), full);
            }
            UseTree::Glob(_) => self.globs.push(strip_local_prefix(prefix.clone())),
            UseTree::Group(g) => {
                for item in &g.items {
                    self.add_tree(prefix, item);
                }
            }
        }
    }
}

fn strip_local_prefix(mut segments: Vec<String>) -> Vec<String> {
    while matches!(
        segments.first().map(String::as_str),
        Some("crate" | "self" | "super")
    ) {
        segments.remove(0);
    }
    segments
}

impl<'ast> Visit<'ast> for UseMap {
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.add_tree(&mut Vec::new(), &item.tree);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(src: &str, path: &str) -> String {
        let file = syn::parse_file(src).expect("test source parses");
        let segments: Vec<String> = path.split("::").map(str::to_string).collect();
        UseMap::from_file(&file).resolve(&segments).join("::")
    }

    #[test]
    fn resolves_names_aliases_self_and_groups() {
        let src = "use crossbeam_channel::unbounded;\n\
                   use tokio::sync::mpsc::{self, unbounded_channel as chan};\n\
                   use flume as f;\n\
                   use crate::util::helper;";
        assert_eq!(resolve(src, "unbounded"), "crossbeam_channel::unbounded");
        assert_eq!(resolve(src, "chan"), "tokio::sync::mpsc::unbounded_channel");
        assert_eq!(resolve(src, "mpsc::channel"), "tokio::sync::mpsc::channel");
        assert_eq!(resolve(src, "f::unbounded"), "flume::unbounded");
        assert_eq!(resolve(src, "helper"), "util::helper");
        assert_eq!(resolve(src, "my_module::unbounded"), "my_module::unbounded");
        assert_eq!(resolve(src, "self::x::y"), "x::y");
    }

    #[test]
    fn records_globs() {
        let file = syn::parse_file("use std::sync::mpsc::*;").expect("parses");
        assert!(UseMap::from_file(&file).glob_imports(&["std", "sync", "mpsc"]));
    }
}
