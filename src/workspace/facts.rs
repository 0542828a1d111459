//! Facts rules record per file (`Ctx::record_fact`), combined over the unit they are true of: a
//! cargo workspace, or a package that belongs to none.
//!
//! This is the generic step between per-file analysis and workspace-level conclusions such as
//! "a statement timeout is set somewhere in this workspace". Facts are sets of keys, combined by
//! union, so the result does not depend on the order files finish in (thread count) or on which
//! files came from the cache (cached outcomes carry their facts). A later index phase can add
//! facts of its own to the same sets.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::discover::CrateInfo;

/// The facts true of each crate and of each unit (workspace) of a scan.
#[derive(Debug, Default, Clone)]
pub struct Facts {
    /// Unit directories relative to the scanned root (`""` for the root).
    pub unit_dirs: Vec<String>,
    /// Crate index -> unit index.
    pub unit_of_crate: Vec<usize>,
    /// Crate index -> facts recorded by its files.
    pub by_crate: Vec<BTreeSet<String>>,
    /// Unit index -> union of its crates' facts.
    pub by_unit: Vec<BTreeSet<String>>,
}

impl Facts {
    /// Maps every crate to its unit: the nearest directory at or above the crate (within the
    /// scanned root) whose `Cargo.toml` has a `[workspace]` table, else the crate's own directory.
    pub fn new(root: &Path, crates: &[CrateInfo]) -> Facts {
        let mut is_workspace: HashMap<PathBuf, bool> = HashMap::new();
        let mut unit_dirs: Vec<String> = Vec::new();
        let mut unit_of_crate = Vec::with_capacity(crates.len());
        for krate in crates {
            let mut dir = krate.dir.clone();
            let unit = loop {
                let abs = root.join(&dir);
                let ws = *is_workspace
                    .entry(abs.clone())
                    .or_insert_with(|| declares_workspace(&abs.join("Cargo.toml")));
                if ws {
                    break dir;
                }
                if dir.is_empty() {
                    break krate.dir.clone();
                }
                dir = dir
                    .rsplit_once('/')
                    .map_or(String::new(), |(p, _)| p.to_string());
            };
            let index = match unit_dirs.iter().position(|u| *u == unit) {
                Some(i) => i,
                None => {
                    unit_dirs.push(unit);
                    unit_dirs.len() - 1
                }
            };
            unit_of_crate.push(index);
        }
        Facts {
            by_unit: vec![BTreeSet::new(); unit_dirs.len()],
            by_crate: vec![BTreeSet::new(); crates.len()],
            unit_dirs,
            unit_of_crate,
        }
    }

    /// Adds facts a file of crate `crate_index` recorded.
    pub fn add(&mut self, crate_index: usize, facts: &[String]) {
        let unit = self.unit_of_crate[crate_index];
        for fact in facts {
            self.by_crate[crate_index].insert(fact.clone());
            self.by_unit[unit].insert(fact.clone());
        }
    }

    /// The facts of the unit crate `crate_index` belongs to.
    pub fn of_unit_of(&self, crate_index: usize) -> &BTreeSet<String> {
        &self.by_unit[self.unit_of_crate[crate_index]]
    }
}

/// Whether a manifest has a `[workspace]` table; parsed only when the word is in it at all (most
/// manifests are members or standalone packages).
fn declares_workspace(manifest: &Path) -> bool {
    std::fs::read_to_string(manifest)
        .ok()
        .filter(|text| text.contains("workspace"))
        .and_then(|text| {
            toml::de::DeTable::parse(&text)
                .ok()
                .map(|t| t.get_ref().contains_key("workspace"))
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_share_their_workspace_and_loose_packages_stand_alone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        let write = |rel: &str, text: &str| {
            let p = root.join(rel);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(p, text).expect("write");
        };
        write("ws/Cargo.toml", "[workspace]\nmembers = [\"a\", \"b\"]\n");
        write("ws/a/Cargo.toml", "[package]\nname = \"a\"\n");
        write("ws/b/Cargo.toml", "[package]\nname = \"b\"\n");
        write("loose/Cargo.toml", "[package]\nname = \"loose\"\n");
        let crates: Vec<CrateInfo> = [("a", "ws/a"), ("b", "ws/b"), ("loose", "loose")]
            .iter()
            .map(|(n, d)| CrateInfo {
                name: n.to_string(),
                dir: d.to_string(),
            })
            .collect();
        let mut facts = Facts::new(root, &crates);
        assert_eq!(facts.unit_dirs, ["ws", "loose"]);
        facts.add(0, &["timeout-set".to_string()]);
        assert!(
            facts.of_unit_of(1).contains("timeout-set"),
            "a's fact is b's workspace's"
        );
        assert!(
            facts.of_unit_of(2).is_empty(),
            "another workspace does not see it"
        );
    }
}
