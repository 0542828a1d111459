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
    /// Types, traits and fns the file defines itself (they shadow glob imports).
    items: Vec<String>,
    /// `type Name = some::Path<..>;` aliases: the name and the aliased path as written, resolved
    /// through the file's `use`s once all are known.
    aliases: Vec<(String, Vec<String>)>,
    /// Paths imported as `_` (`use sqlx::Executor as _;`): traits brought into scope only.
    anonymous: Vec<Vec<String>>,
}

impl UseMap {
    /// Collects every `use` in the file, at any depth (modules, functions). Scoping is ignored:
    /// a name imported anywhere in the file counts everywhere in it, which is right far more often
    /// than not for the library paths the rules look for.
    pub fn from_file(file: &syn::File) -> UseMap {
        let mut map = UseMap::default();
        map.visit_file(file);
        // A type alias names the path it aliases (`type Request = hyper::Request<Incoming>;`
        // makes `Request` `hyper::Request`), unless a `use` already gives the name a meaning.
        for (name, target) in std::mem::take(&mut map.aliases) {
            if !map.names.contains_key(&name) && target.first() != Some(&name) {
                let full = map.resolve(&target);
                map.names.insert(name, full);
            }
        }
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

    /// As [`UseMap::resolve`], and for a name no `use` names and the file does not define, the
    /// path through a glob import that `known` accepts (`use salvo::prelude::*; Request` is
    /// `salvo::prelude::Request` when that is a path the caller knows). Without one, what
    /// `resolve` gives.
    pub fn resolve_known(&self, segments: &[String], known: impl Fn(&str) -> bool) -> Vec<String> {
        let direct = self.resolve(segments);
        let Some(first) = segments.first() else {
            return direct;
        };
        if self.globs.is_empty()
            || self.names.contains_key(first)
            || self.items.contains(first)
            || known(&direct.join("::"))
        {
            return direct;
        }
        for glob in &self.globs {
            let mut full = glob.clone();
            full.extend(segments.iter().cloned());
            if known(&full.join("::")) {
                return full;
            }
        }
        direct
    }

    /// Paths imported with a glob (`use tokio::sync::mpsc::*;` gives `tokio::sync::mpsc`).
    pub fn globs(&self) -> &[Vec<String>] {
        &self.globs
    }

    /// Whether the file imports `path` as `_` (a trait in scope under no name).
    pub fn imports_anonymously(&self, path: &str) -> bool {
        self.anonymous.iter().any(|p| p.join("::") == path)
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
                if r.rename == "_" {
                    self.anonymous.push(strip_local_prefix(full));
                } else {
                    self.names.insert(r.rename.to_string(), full);
                }
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
    fn visit_item_struct(&mut self, item: &'ast syn::ItemStruct) {
        self.items.push(item.ident.to_string());
    }
    fn visit_item_enum(&mut self, item: &'ast syn::ItemEnum) {
        self.items.push(item.ident.to_string());
    }
    fn visit_item_type(&mut self, item: &'ast syn::ItemType) {
        self.items.push(item.ident.to_string());
        if let syn::Type::Path(p) = &*item.ty
            && p.qself.is_none()
        {
            let target = p
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            self.aliases.push((item.ident.to_string(), target));
        }
    }
    fn visit_item_trait(&mut self, item: &'ast syn::ItemTrait) {
        self.items.push(item.ident.to_string());
        syn::visit::visit_item_trait(self, item);
    }
    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        self.items.push(item.sig.ident.to_string());
        syn::visit::visit_item_fn(self, item);
    }
    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        self.items.push(item.ident.to_string());
        syn::visit::visit_item_mod(self, item);
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
    fn resolves_type_aliases_through_uses() {
        let src = "pub type Request = hyper::Request<Incoming>;\n\
                   type Db = Pool;\n\
                   use sqlx::PgPool as Pool;\n\
                   type Result<T> = Result<T, Error>;\n\
                   use std::fmt::Error as Oops;\n\
                   type Oops = Other;";
        assert_eq!(resolve(src, "Request"), "hyper::Request");
        assert_eq!(resolve(src, "Db"), "sqlx::PgPool");
        // An alias of its own name, and a name a `use` already gives, keep what they were.
        assert_eq!(resolve(src, "Result"), "Result");
        assert_eq!(resolve(src, "Oops"), "std::fmt::Error");
    }

    #[test]
    fn resolves_known_paths_through_globs_unless_shadowed() {
        let known = |p: &str| p == "salvo::prelude::Request" || p == "actix_web::web::Path";
        let src = "use salvo::prelude::*;\nuse actix_web::*;\nuse other::Thing;";
        let file = syn::parse_file(src).expect("parses");
        let map = UseMap::from_file(&file);
        let at = |p: &str| {
            let segments: Vec<String> = p.split("::").map(str::to_string).collect();
            map.resolve_known(&segments, known).join("::")
        };
        assert_eq!(at("Request"), "salvo::prelude::Request");
        assert_eq!(at("web::Path"), "actix_web::web::Path");
        assert_eq!(at("Response"), "Response");
        assert_eq!(at("Thing"), "other::Thing");
        let shadowed = syn::parse_file("use salvo::prelude::*;\nstruct Request;").expect("parses");
        let segments = vec!["Request".to_string()];
        assert_eq!(
            UseMap::from_file(&shadowed).resolve_known(&segments, known),
            segments
        );
    }

    #[test]
    fn records_globs() {
        let file = syn::parse_file("use std::sync::mpsc::*;").expect("parses");
        assert!(UseMap::from_file(&file).glob_imports(&["std", "sync", "mpsc"]));
    }
}
