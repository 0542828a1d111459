//! Finding the files to scan: a walk that respects `.gitignore`, skips build output, and maps each
//! file to its crate (the nearest `Cargo.toml` with a `[package]`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use globset::GlobSet;

/// A crate (package) that owns scanned files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrateInfo {
    pub name: String,
    /// The package directory relative to the scanned root (`""` for the root itself).
    pub dir: String,
}

#[derive(Debug)]
pub struct SourcePath {
    pub abs: PathBuf,
    /// Relative to the scanned root, `/`-separated.
    pub rel: String,
    /// Index into [`Discovered::crates`].
    pub crate_index: usize,
}

#[derive(Debug)]
pub struct Discovered {
    pub root: PathBuf,
    pub files: Vec<SourcePath>,
    /// `Cargo.toml` and `Cargo.lock` files, in path order: the workspace phase's inputs.
    pub manifests: Vec<SourcePath>,
    /// In order of their directories, root first.
    pub crates: Vec<CrateInfo>,
}

#[derive(Debug)]
pub enum DiscoverError {
    /// A given path could not be resolved (missing, or not readable): the path and why.
    Missing(PathBuf, std::io::Error),
}

impl std::fmt::Display for DiscoverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DiscoverError::Missing(p, e) => write!(f, "cannot open {}: {e}", p.display()),
        }
    }
}

/// The directory every path is reported relative to: the one directory given, the parent of the
/// one file given, or the deepest directory that contains all the given paths.
pub fn scan_root(paths: &[PathBuf]) -> Result<PathBuf, DiscoverError> {
    let mut canon = Vec::new();
    for p in paths {
        let abs = p
            .canonicalize()
            .map_err(|e| DiscoverError::Missing(p.clone(), e))?;
        canon.push(if abs.is_dir() {
            abs
        } else {
            abs.parent().map(Path::to_path_buf).unwrap_or(abs)
        });
    }
    let mut root = canon.first().cloned().unwrap_or_default(); // no paths: the empty relative root
    for p in &canon[1.min(canon.len())..] {
        while !p.starts_with(&root) {
            if !root.pop() {
                break;
            }
        }
    }
    Ok(root)
}

/// The scan root when every path given is a file (an editor, a pre-commit hook): the enclosing
/// cargo workspace if it holds them all, so paths, fingerprints and baselines read as they do in
/// a scan of the whole workspace; else [`scan_root`].
pub fn root_for_paths(paths: &[PathBuf]) -> Result<PathBuf, DiscoverError> {
    let common = scan_root(paths)?;
    let all_files = !paths.is_empty() && paths.iter().all(|p| p.is_file());
    if all_files && let Some(workspace) = find_workspace_root(&common) {
        return Ok(workspace);
    }
    Ok(common)
}

/// Whether the workspace phase reads this file (`Cargo.toml`, `Cargo.lock`).
pub fn is_manifest(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n == "Cargo.toml" || n == "Cargo.lock")
}

/// Walks `paths` (files or directories) and returns the `.rs` files in path order, and the
/// manifests and lockfiles beside them.
pub fn discover(paths: &[PathBuf], exclude: &GlobSet) -> Result<Discovered, DiscoverError> {
    discover_in(scan_root(paths)?, paths, exclude)
}

/// As [`discover`], with paths reported relative to `root` (which must contain them all).
pub fn discover_in(
    root: PathBuf,
    paths: &[PathBuf],
    exclude: &GlobSet,
) -> Result<Discovered, DiscoverError> {
    let mut files = Vec::new();
    for path in paths {
        let abs = path
            .canonicalize()
            .map_err(|e| DiscoverError::Missing(path.clone(), e))?;
        if abs.is_file() {
            files.push(abs);
            continue;
        }
        let walker = ignore::WalkBuilder::new(&abs)
            .follow_links(false)
            .filter_entry(|entry| !is_build_output(entry.path()))
            .build();
        for entry in walker.flatten() {
            let p = entry.path();
            if entry.file_type().is_some_and(|t| t.is_file())
                && (p.extension().is_some_and(|e| e == "rs") || is_manifest(p))
            {
                files.push(p.to_path_buf());
            }
        }
    }
    files.sort();
    files.dedup();

    let mut crates = CrateMap::default();
    let mut out = Vec::new();
    let mut manifests = Vec::new();
    for abs in files {
        let rel = relative(&root, &abs);
        if exclude.is_match(&rel) || ancestors_excluded(&rel, exclude) {
            continue;
        }
        let crate_index = crates.crate_of(&root, &abs);
        let found = SourcePath {
            crate_index,
            rel,
            abs,
        };
        if is_manifest(&found.abs) {
            manifests.push(found);
        } else {
            out.push(found);
        }
    }
    workspace_order(&root, &mut crates.crates, &mut out, &mut manifests);
    Ok(Discovered {
        root,
        files: out,
        manifests,
        crates: crates.crates,
    })
}

/// Orders crates as the scanned workspace lists them (`[workspace] members`, globs allowed), the
/// root package first; crates no member names follow in path order.
fn workspace_order(
    root: &Path,
    crates: &mut Vec<CrateInfo>,
    files: &mut [SourcePath],
    manifests: &mut [SourcePath],
) {
    let members = workspace_members(&root.join("Cargo.toml"));
    let rank = |c: &CrateInfo| {
        if c.dir.is_empty() {
            return 0;
        }
        members
            .iter()
            .position(|m| m.is_match(&c.dir))
            .map_or(usize::MAX, |i| i + 1)
    };
    let mut order: Vec<usize> = (0..crates.len()).collect();
    order.sort_by(|&a, &b| {
        (rank(&crates[a]), &crates[a].dir).cmp(&(rank(&crates[b]), &crates[b].dir))
    });
    let mut new_index = vec![0; crates.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let reordered: Vec<CrateInfo> = order.iter().map(|&old| crates[old].clone()).collect();
    *crates = reordered;
    for f in files.iter_mut().chain(manifests.iter_mut()) {
        f.crate_index = new_index[f.crate_index];
    }
}

/// `[workspace] members` of a manifest as glob matchers (none if it has no workspace).
fn workspace_members(manifest: &Path) -> Vec<globset::GlobMatcher> {
    let Some(table) = std::fs::read_to_string(manifest)
        .ok()
        .and_then(|text| toml::from_str::<toml::Table>(&text).ok())
    else {
        return Vec::new();
    };
    let Some(members) = table
        .get("workspace")
        .and_then(|w| w.get("members"))
        .and_then(|m| m.as_array())
    else {
        return Vec::new();
    };
    members
        .iter()
        .filter_map(|m| m.as_str())
        .filter_map(|m| globset::Glob::new(m.trim_end_matches('/')).ok())
        .map(|g| g.compile_matcher())
        .collect()
}

/// A workspace's member packages (`-p/--package`): the root package, then every directory that
/// `[workspace] members` names (globs allowed) and `exclude` does not, that has a `[package]`.
/// Directories are relative to `root`, as [`CrateInfo::dir`] is.
pub fn workspace_packages(root: &Path) -> Vec<CrateInfo> {
    let mut packages = Vec::new();
    if let Some(name) = package_name(&root.join("Cargo.toml")) {
        packages.push(CrateInfo {
            name,
            dir: String::new(),
        });
    }
    let Some(workspace) = std::fs::read_to_string(root.join("Cargo.toml"))
        .ok()
        .and_then(|text| toml::from_str::<toml::Table>(&text).ok())
        .and_then(|t| t.get("workspace").cloned())
    else {
        return packages;
    };
    let strings = |key: &str| -> Vec<String> {
        workspace
            .get(key)
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str())
                    .map(|s| s.trim_end_matches('/').to_string())
                    .collect()
            })
            .unwrap_or_default() // optional: cargo reads an absent key as an empty list
    };
    let excluded = strings("exclude");
    let mut dirs = Vec::new();
    for pattern in strings("members") {
        expand_member(root, &pattern, &mut dirs);
    }
    dirs.sort();
    dirs.dedup();
    for dir in dirs {
        let rel = relative(root, &dir);
        if rel.is_empty()
            || excluded
                .iter()
                .any(|e| rel == *e || rel.starts_with(&format!("{e}/")))
        {
            continue;
        }
        if let Some(name) = package_name(&dir.join("Cargo.toml")) {
            packages.push(CrateInfo { name, dir: rel });
        }
    }
    packages
}

/// The directories a `members` entry names: each path component may be a glob (`crates/*`,
/// `libs/**`).
fn expand_member(root: &Path, pattern: &str, out: &mut Vec<PathBuf>) {
    let mut dirs = vec![root.to_path_buf()];
    for part in pattern.split('/').filter(|p| !p.is_empty() && *p != ".") {
        let has_glob = part.contains(['*', '?', '[']);
        let matcher = globset::Glob::new(part).ok().map(|g| g.compile_matcher());
        let mut next = Vec::new();
        for dir in dirs {
            if !has_glob {
                next.push(dir.join(part));
                continue;
            }
            if part == "**" {
                // Any depth, this directory included, as cargo's `glob` reads it.
                next.push(dir.clone());
                descendants(&dir, &mut next);
                continue;
            }
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir()
                    && matcher
                        .as_ref()
                        .is_some_and(|m| m.is_match(entry.file_name()))
                {
                    next.push(path);
                }
            }
        }
        dirs = next;
    }
    out.extend(dirs.into_iter().filter(|d| d.is_dir()));
}

/// Every directory below `dir`, build output and VCS folders left out.
fn descendants(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_dir()) && !is_build_output(&path) {
            out.push(path.clone());
            descendants(&path, out);
        }
    }
}

/// The index of the first `exclude` glob that excludes `path` (one of the paths given to scan),
/// itself or through a directory above it, relative to `root`: why a path the user named yields
/// nothing to scan. `None` for the root itself, a path outside it, or a path no glob matches.
pub fn excluded_by(root: &Path, path: &Path, exclude: &GlobSet) -> Option<usize> {
    let abs = path.canonicalize().ok()?;
    if abs == root || !abs.starts_with(root) {
        return None;
    }
    let rel = relative(root, &abs);
    let mut candidates: Vec<&str> = rel.match_indices('/').map(|(i, _)| &rel[..i]).collect();
    candidates.push(&rel);
    candidates
        .into_iter()
        .find_map(|c| exclude.matches(c).into_iter().min())
}

/// `--exclude vendor` excludes everything under `vendor/` too.
fn ancestors_excluded(rel: &str, exclude: &GlobSet) -> bool {
    let mut end = 0;
    while let Some(i) = rel[end..].find('/') {
        end += i;
        if exclude.is_match(&rel[..end]) {
            return true;
        }
        end += 1;
    }
    false
}

/// Cargo's `target/` (recognised by the tag cargo writes there or by a `Cargo.toml` beside it),
/// and VCS directories; a source module that happens to be called `target` is kept.
fn is_build_output(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    match name {
        ".git" => true,
        "target" => {
            path.join("CACHEDIR.TAG").exists()
                || path.join(".rustc_info.json").exists()
                || path.parent().is_some_and(|p| p.join("Cargo.toml").exists())
        }
        _ => false,
    }
}

pub fn relative(root: &Path, abs: &Path) -> String {
    let rel = abs.strip_prefix(root).unwrap_or(abs);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        // A root with no file name (`/`) is reported as the empty path.
        abs.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    } else {
        parts.join("/")
    }
}

#[derive(Default)]
struct CrateMap {
    crates: Vec<CrateInfo>,
    /// Directory -> crate index (`None`: no package manifest at or above it).
    by_dir: HashMap<PathBuf, Option<usize>>,
    fallback: Option<usize>,
}

impl CrateMap {
    fn crate_of(&mut self, root: &Path, file: &Path) -> usize {
        let found = file.parent().and_then(|dir| self.lookup(root, dir));
        match found {
            Some(i) => i,
            None => *self.fallback.get_or_insert_with(|| {
                let name = root
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "root".to_string());
                self.crates.push(CrateInfo {
                    name,
                    dir: String::new(),
                });
                self.crates.len() - 1
            }),
        }
    }

    fn lookup(&mut self, root: &Path, dir: &Path) -> Option<usize> {
        if let Some(hit) = self.by_dir.get(dir) {
            return *hit;
        }
        let here = package_name(&dir.join("Cargo.toml")).map(|name| {
            let rel = if dir == root {
                String::new()
            } else {
                relative(root, dir)
            };
            match self
                .crates
                .iter()
                .position(|c| c.dir == rel && c.name == name)
            {
                Some(i) => i,
                None => {
                    self.crates.push(CrateInfo { name, dir: rel });
                    self.crates.len() - 1
                }
            }
        });
        let result = match here {
            Some(i) => Some(i),
            None => dir.parent().and_then(|parent| self.lookup(root, parent)),
        };
        self.by_dir.insert(dir.to_path_buf(), result);
        result
    }
}

/// `[package] name` of a manifest, if it exists and has one.
pub fn package_name(manifest: &Path) -> Option<String> {
    let text = std::fs::read_to_string(manifest).ok()?;
    let table: toml::Table = toml::from_str(&text).ok()?;
    table
        .get("package")?
        .get("name")?
        .as_str()
        .map(str::to_string)
}

/// For `cargo ferret`: the workspace root above `start` (the nearest `Cargo.toml` with
/// `[workspace]`), else the nearest package directory.
pub fn find_workspace_root(start: &Path) -> Option<PathBuf> {
    let mut nearest_package = None;
    let mut dir = Some(start);
    while let Some(d) = dir {
        let manifest = d.join("Cargo.toml");
        if let Ok(text) = std::fs::read_to_string(&manifest)
            && let Ok(table) = toml::from_str::<toml::Table>(&text)
        {
            if table.contains_key("workspace") {
                return Some(d.to_path_buf());
            }
            if nearest_package.is_none() && table.contains_key("package") {
                nearest_package = Some(d.to_path_buf());
            }
        }
        dir = d.parent();
    }
    nearest_package
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crates_follow_workspace_member_order() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        let write = |rel: &str, text: &str| {
            let p = root.join(rel);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(p, text).expect("write");
        };
        write(
            "Cargo.toml",
            "[workspace]\nmembers = [\"zeta\", \"libs/*\"]\n[package]\nname = \"root\"\n",
        );
        for (dir, name) in [
            ("alpha", "alpha"),
            ("libs/b", "b"),
            ("zeta", "zeta"),
            ("", "root"),
        ] {
            let prefix = if dir.is_empty() {
                String::new()
            } else {
                format!("{dir}/")
            };
            write(
                &format!("{prefix}Cargo.toml"),
                &format!("[package]\nname = \"{name}\"\n"),
            );
            write(&format!("{prefix}src/lib.rs"), "fn f() {}\n");
        }
        // The root manifest above was overwritten by the loop's package-only one: restore it.
        write(
            "Cargo.toml",
            "[workspace]\nmembers = [\"zeta\", \"libs/*\"]\n[package]\nname = \"root\"\n",
        );
        let found = discover(&[root.to_path_buf()], &GlobSet::empty()).expect("discovers");
        let names: Vec<&str> = found.crates.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["root", "zeta", "b", "alpha"]);
        // `alpha` is in the tree but no member pattern names it.
        let members: Vec<(String, String)> = workspace_packages(root)
            .into_iter()
            .map(|c| (c.name, c.dir))
            .collect();
        assert_eq!(
            members,
            [
                ("root".to_string(), String::new()),
                ("b".to_string(), "libs/b".to_string()),
                ("zeta".to_string(), "zeta".to_string()),
            ]
        );
        for f in &found.files {
            let krate = &found.crates[f.crate_index];
            assert!(
                f.rel.starts_with(&krate.dir),
                "{} is not in {}",
                f.rel,
                krate.dir
            );
        }
    }

    #[test]
    fn members_at_any_depth_and_exclusions() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        let write = |rel: &str, text: &str| {
            let p = root.join(rel);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(p, text).expect("write");
        };
        write(
            "Cargo.toml",
            "[workspace]\nmembers = [\"libs/**\"]\nexclude = [\"libs/old\"]\n",
        );
        for (dir, name) in [("libs/a", "a"), ("libs/deep/b", "b"), ("libs/old", "old")] {
            write(
                &format!("{dir}/Cargo.toml"),
                &format!("[package]\nname = \"{name}\"\n"),
            );
        }
        write("libs/notes/README.md", "no package here\n");
        let names: Vec<String> = workspace_packages(root)
            .into_iter()
            .map(|c| c.name)
            .collect();
        assert_eq!(names, ["a", "b"], "a virtual workspace has no root member");
    }
}
