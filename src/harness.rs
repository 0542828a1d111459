//! What the manifests say of the scanned crates: which scanned crates each one uses by path
//! (the workspace's own dependencies), which build binaries only, and which are test harnesses: unpublished packages (`publish = false`) that
//! other scanned packages use only as a `[dev-dependencies]` entry (never as a normal or build
//! dependency) and that build no binary. Their code runs only under `cargo test`, so the audit
//! draft lists their findings with the test code instead of giving them a crate section. Decided
//! from the manifests alone. (A published facade crate such as `sqlx` is a dev-dependency of its
//! own sub-crates for doctests; it is no harness, hence the `publish` condition.)

use std::collections::BTreeSet;
use std::path::Path;

use crate::discover::CrateInfo;

/// One flag per crate, in the same order.
pub fn test_harnesses(root: &Path, crates: &[CrateInfo]) -> Vec<bool> {
    let manifests: Vec<Option<toml::Table>> = crates
        .iter()
        .map(|c| read_manifest(&root.join(&c.dir)))
        .collect();
    let mut normal = BTreeSet::new();
    let mut dev = BTreeSet::new();
    for manifest in manifests.iter().flatten() {
        for table in dependency_tables(manifest) {
            for section in ["dependencies", "build-dependencies"] {
                normal.extend(dependencies(table, section).map(|(package, _)| package));
            }
            dev.extend(dependencies(table, "dev-dependencies").map(|(package, _)| package));
        }
    }
    crates
        .iter()
        .zip(&manifests)
        .map(|(c, manifest)| {
            let name = normalise(&c.name);
            dev.contains(&name)
                && !normal.contains(&name)
                && manifest.as_ref().is_some_and(unpublished)
                && !builds_binary(&root.join(&c.dir), manifest.as_ref())
        })
        .collect()
}

/// One flag per crate, in the same order: the package builds binaries and no library (no
/// `src/lib.rs`, no `[lib]` table), so its `pub` items are visible to its own crates only.
pub fn binary_only(root: &Path, crates: &[CrateInfo]) -> Vec<bool> {
    crates
        .iter()
        .map(|c| {
            let dir = root.join(&c.dir);
            let Some(manifest) = read_manifest(&dir) else {
                return false;
            };
            builds_binary(&dir, Some(&manifest))
                && !manifest.contains_key("lib")
                && !dir.join("src/lib.rs").exists()
        })
        .collect()
}

/// One list per crate, in the same order: the scanned crates it uses as a normal or build
/// dependency through a path (`store = { path = "../store" }`, or `store.workspace = true` where
/// the root's `[workspace.dependencies]` gives the path): the workspace's own crates, whose fns
/// its code calls. A registry dependency that is scanned too (a vendored library) is not one.
pub fn path_dependencies(root: &Path, crates: &[CrateInfo]) -> Vec<Vec<String>> {
    let root_manifest = read_manifest(root);
    let workspace_table = root_manifest
        .as_ref()
        .and_then(|m| m.get("workspace")?.as_table());
    let workspace_paths: BTreeSet<String> = workspace_table
        .into_iter()
        .flat_map(|w| dependencies(w, "dependencies"))
        .filter(|(_, spec)| spec.get("path").is_some())
        .map(|(package, _)| package)
        .collect();
    let by_name: std::collections::BTreeMap<String, &str> = crates
        .iter()
        .map(|c| (normalise(&c.name), c.name.as_str()))
        .collect();
    crates
        .iter()
        .map(|c| {
            let Some(manifest) = read_manifest(&root.join(&c.dir)) else {
                return Vec::new();
            };
            let mut uses = BTreeSet::new();
            for table in dependency_tables(&manifest) {
                for section in ["dependencies", "build-dependencies"] {
                    for (package, spec) in dependencies(table, section) {
                        let by_path = spec.get("path").is_some()
                            || (spec.get("workspace").and_then(|w| w.as_bool()) == Some(true)
                                && workspace_paths.contains(&package));
                        if let (true, Some(name)) = (by_path, by_name.get(&package)) {
                            uses.insert(name.to_string());
                        }
                    }
                }
            }
            uses.into_iter().collect()
        })
        .collect()
}

/// The package's `Cargo.toml` in `dir`, parsed; `None` if missing or malformed.
fn read_manifest(dir: &Path) -> Option<toml::Table> {
    toml::from_str(&std::fs::read_to_string(dir.join("Cargo.toml")).ok()?).ok()
}

/// The manifest and its `[target.'cfg(..)']` tables: each may hold dependency sections.
fn dependency_tables(manifest: &toml::Table) -> Vec<&toml::Table> {
    let mut tables = vec![manifest];
    if let Some(targets) = manifest.get("target").and_then(|t| t.as_table()) {
        tables.extend(targets.values().filter_map(|t| t.as_table()));
    }
    tables
}

/// The entries of one dependency section, by package name (`package = ".."` renames honoured,
/// normalised), with their specs.
fn dependencies<'t>(
    table: &'t toml::Table,
    section: &str,
) -> impl Iterator<Item = (String, &'t toml::Value)> {
    let deps = table.get(section).and_then(|d| d.as_table());
    deps.into_iter().flatten().map(|(key, spec)| {
        let package = spec.get("package").and_then(|p| p.as_str()).unwrap_or(key);
        (normalise(package), spec)
    })
}

/// `publish = false` or `publish = []` in `[package]`.
fn unpublished(manifest: &toml::Table) -> bool {
    match manifest.get("package").and_then(|p| p.get("publish")) {
        Some(toml::Value::Boolean(b)) => !b,
        Some(toml::Value::Array(registries)) => registries.is_empty(),
        _ => false,
    }
}

fn builds_binary(dir: &Path, manifest: Option<&toml::Table>) -> bool {
    dir.join("src/main.rs").exists()
        || dir.join("src/bin").is_dir()
        || manifest.is_some_and(|m| m.contains_key("bin"))
}

/// Cargo treats `-` and `_` in package names alike when resolving.
fn normalise(name: &str) -> String {
    name.replace('-', "_")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, rel: &str, text: &str) {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    fn package(name: &str, rest: &str) -> String {
        format!("[package]\nname = \"{name}\"\n{rest}")
    }

    #[test]
    fn unpublished_dev_only_library_crates_are_harnesses() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        let app_deps = "[dependencies]\ncore = { path = \"../core\" }\n\
                        [dev-dependencies]\ntestkit = { path = \"../testkit\" }\n\
                        both = { path = \"../both\" }\n";
        write(root, "app/Cargo.toml", &package("app", app_deps));
        write(root, "app/src/main.rs", "fn main() {}");
        let core_deps = "[target.'cfg(unix)'.dependencies]\nboth = { path = \"../both\" }\n\
                         [dev-dependencies]\nkit = { package = \"test-bin\", path = \"../tb\" }\n\
                         facade = { path = \"../facade\" }\n";
        write(root, "core/Cargo.toml", &package("core", core_deps));
        let unpublished = "publish = false\n";
        write(root, "testkit/Cargo.toml", &package("testkit", unpublished));
        write(root, "both/Cargo.toml", &package("both", unpublished));
        write(root, "tb/Cargo.toml", &package("test-bin", unpublished));
        write(root, "tb/src/bin/run.rs", "fn main() {}");
        write(root, "facade/Cargo.toml", &package("facade", ""));
        let crates: Vec<CrateInfo> = [
            ("app", "app"),
            ("core", "core"),
            ("testkit", "testkit"),
            ("both", "both"),
            ("test-bin", "tb"),
            ("facade", "facade"),
        ]
        .iter()
        .map(|(name, dir)| CrateInfo {
            name: (*name).into(),
            dir: (*dir).into(),
        })
        .collect();
        // testkit: an unpublished dev-only library. both: also a (target) normal dependency.
        // test-bin: builds a binary. facade: published (sqlx's sub-crates use sqlx this way).
        assert_eq!(
            test_harnesses(root, &crates),
            [false, false, true, false, false, false]
        );
    }

    #[test]
    fn path_dependencies_are_the_scanned_crates_used_by_path() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        let workspace = "[workspace]\nmembers = [\"api\", \"store\", \"domain\", \"vendored\"]\n\
                         [workspace.dependencies]\ndomain = { path = \"domain\" }\n\
                         vendored = \"1\"\n";
        write(root, "Cargo.toml", workspace);
        let api_deps = "[dependencies]\npay-store = { path = \"../store\" }\n\
                        domain.workspace = true\nvendored.workspace = true\n\
                        [dev-dependencies]\nkit = { path = \"../kit\" }\n";
        write(root, "api/Cargo.toml", &package("api", api_deps));
        write(root, "store/Cargo.toml", &package("pay-store", ""));
        write(root, "domain/Cargo.toml", &package("domain", ""));
        write(root, "vendored/Cargo.toml", &package("vendored", ""));
        write(root, "kit/Cargo.toml", &package("kit", ""));
        let crates: Vec<CrateInfo> = [
            ("api", "api"),
            ("pay-store", "store"),
            ("domain", "domain"),
            ("vendored", "vendored"),
            ("kit", "kit"),
        ]
        .iter()
        .map(|(name, dir)| CrateInfo {
            name: (*name).into(),
            dir: (*dir).into(),
        })
        .collect();
        let deps = path_dependencies(root, &crates);
        // By path, by a workspace entry with a path; not the registry one, not a dev-dependency.
        assert_eq!(deps[0], ["domain", "pay-store"]);
        assert!(deps[1..].iter().all(Vec::is_empty));
    }
}
