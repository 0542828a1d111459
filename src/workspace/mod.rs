//! The workspace phase: what a Rust workspace is made of besides code. After every `.rs` file is
//! analysed, rules with workspace hooks read the scanned `Cargo.toml` and `Cargo.lock` files
//! (read here, once, by the engine), the RustSec advisory database, and the facts files recorded
//! (see [`facts`]); their findings join the per-file ones, located in the manifest or lockfile
//! with line and column, and flow through severities, baselines and every report the same way.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::discover::{CrateInfo, SourcePath};
use crate::finding::Finding;
use crate::rules::RuleMeta;
use crate::scan::{FileProblem, ProblemKind};

pub mod advisories;
pub mod facts;
pub mod lockfile;
pub mod manifest;
pub mod text;

pub use facts::Facts;
pub use text::{Location, TextFile};

/// Produces a rule's findings from the workspace's non-code inputs.
pub type CheckFn = fn(&WorkspaceCtx<'_>, &mut Vec<Finding>);
/// Whether a per-file finding of the rule stands, given the facts of its unit (workspace).
pub type KeepFn = fn(&Finding, &BTreeSet<String>) -> bool;

/// What a rule does in the workspace phase.
pub struct WorkspaceHooks {
    pub check: Option<CheckFn>,
    pub keep: Option<KeepFn>,
    /// `check` needs the advisory database (opened only when such a rule runs on a lockfile).
    pub needs_advisories: bool,
}

/// A lockfile, parsed by `rustsec` (cargo-lock), with its entries located in the text.
pub struct Lock {
    pub file: TextFile,
    pub parsed: rustsec::Lockfile,
    pub entries: Vec<lockfile::Entry>,
}

/// An advisory the configuration says to ignore, as cargo-audit's `ignore` list does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdvisoryIgnore {
    pub id: String,
    pub reason: String,
    /// The configuration file that lists it, and the entry's byte range there: where an entry
    /// that silences nothing is reported (`unused-suppression`).
    pub file: std::path::PathBuf,
    pub span: std::ops::Range<usize>,
}

/// What a workspace hook sees.
pub struct WorkspaceCtx<'a> {
    pub rule: &'static RuleMeta,
    pub crates: &'a [CrateInfo],
    pub facts: &'a Facts,
    /// Every scanned `Cargo.toml`, in path order.
    pub manifests: &'a [TextFile],
    /// The manifests parsed, each when a rule first asks for it (see [`WorkspaceCtx::manifest`]).
    pub parsed: &'a [OnceLock<Option<manifest::Manifest<'a>>>],
    /// Parsed only when a rule that needs the advisory database runs and the database opened.
    pub lockfiles: &'a [Lock],
    pub advisories: Option<&'a rustsec::Database>,
    pub advisory_ignore: &'a [AdvisoryIgnore],
    /// Ids of the `advisory_ignore` entries that silenced a finding.
    pub ignores_used: &'a std::sync::Mutex<BTreeSet<String>>,
    /// `unused-dependency-ignores`: the longest ignore list that is not reported.
    pub ignores_threshold: usize,
}

impl<'a> WorkspaceCtx<'a> {
    /// The `index`th manifest, parsed once for every rule that reads it; `None` when it is not
    /// valid TOML (cargo's problem, not a finding).
    pub fn manifest(&self, index: usize) -> Option<&manifest::Manifest<'a>> {
        let file = self.manifests.get(index)?;
        self.parsed
            .get(index)?
            .get_or_init(|| manifest::parse(file))
            .as_ref()
    }

    /// The manifest at `rel` (relative to the scanned root), parsed.
    pub fn manifest_at(&self, rel: &str) -> Option<&manifest::Manifest<'a>> {
        let index = self
            .manifests
            .binary_search_by(|f| f.rel.as_str().cmp(rel))
            .ok()
            .or_else(|| self.manifests.iter().position(|f| f.rel == rel))?;
        self.manifest(index)
    }
}

/// The non-code inputs of a scan, read once.
#[derive(Default)]
pub struct Inputs {
    pub manifests: Vec<TextFile>,
    pub lockfiles: Vec<Lock>,
    /// `Cargo.lock` files found, parsed or not.
    pub lockfiles_found: usize,
    pub problems: Vec<FileProblem>,
}

fn is_lockfile(rel: &str) -> bool {
    rel == "Cargo.lock" || rel.ends_with("/Cargo.lock")
}

/// The name findings in a virtual workspace's own files go under: the directory's name. Such a
/// manifest has no `[package]`, and the package above it (if any) is another project.
/// `manifest_text` is the text of the directory's `Cargo.toml` when the caller has it.
fn virtual_root_name(file: &std::path::Path, manifest_text: Option<&str>) -> Option<String> {
    let dir = file.parent()?;
    let is_virtual = match manifest_text {
        Some(text) => !names_package(text),
        None => {
            let manifest = dir.join("Cargo.toml");
            manifest.is_file() && crate::discover::package_name(&manifest).is_none()
        }
    };
    if !is_virtual {
        return None;
    }
    dir.file_name().map(|n| n.to_string_lossy().into_owned())
}

/// Whether a manifest has `[package] name`: read from the `[package]` header line that nearly
/// every manifest writes, else from the parsed TOML (`package.name = ..` and other spellings).
fn names_package(text: &str) -> bool {
    let header = text.lines().any(|l| l.trim() == "[package]");
    header
        || toml::from_str::<toml::Table>(text)
            .ok()
            .and_then(|t| t.get("package")?.get("name")?.as_str().map(|_| ()))
            .is_some()
}

/// Reads the discovered manifests, and the lockfiles when `read_lockfiles` (a rule will match them
/// against an open advisory database; nothing else reads them). In parallel, on the caller's
/// thread pool. A file that cannot be read, or a lockfile that does not parse, is a problem for
/// that file; the scan goes on.
pub fn read_inputs(
    found: &[SourcePath],
    crates: &[CrateInfo],
    max_size: u64,
    read_lockfiles: bool,
) -> Inputs {
    enum Read {
        Manifest(TextFile),
        Lock(Box<Lock>),
        Problem(FileProblem),
    }
    let lockfiles_found = found.iter().filter(|p| is_lockfile(&p.rel)).count();
    let read: Vec<Read> = found
        .par_iter()
        .filter(|path| read_lockfiles || !is_lockfile(&path.rel))
        .map(|path| {
            let problem = |kind, message: String| {
                Read::Problem(FileProblem {
                    path: path.rel.clone(),
                    kind,
                    line: None,
                    column: None,
                    message,
                })
            };
            let text = match std::fs::metadata(&path.abs) {
                Ok(meta) if meta.len() > max_size => {
                    return problem(
                        ProblemKind::TooLarge,
                        format!(
                            "{} bytes is over the {max_size} byte limit (--max-file-size)",
                            meta.len()
                        ),
                    );
                }
                _ => match std::fs::read_to_string(&path.abs) {
                    Ok(text) => text,
                    Err(e) => return problem(ProblemKind::Unreadable, e.to_string()),
                },
            };
            let own_text = (!is_lockfile(&path.rel)).then_some(text.as_str());
            let crate_name = virtual_root_name(&path.abs, own_text).unwrap_or_else(|| {
                crates
                    .get(path.crate_index)
                    .map_or_else(String::new, |c| c.name.clone())
            });
            let file = TextFile::new(path.rel.clone(), crate_name, text);
            if !is_lockfile(&path.rel) {
                return Read::Manifest(file);
            }
            match file.text.parse::<rustsec::Lockfile>() {
                Ok(parsed) => Read::Lock(Box::new(Lock {
                    entries: lockfile::entries(&file),
                    file,
                    parsed,
                })),
                Err(e) => problem(
                    ProblemKind::ParseError,
                    format!(
                        "not a Cargo lockfile: {}",
                        crate::report::safe_text::one_line(&e.to_string())
                    ),
                ),
            }
        })
        .collect();
    let mut inputs = Inputs {
        lockfiles_found,
        ..Inputs::default()
    };
    for item in read {
        match item {
            Read::Manifest(file) => inputs.manifests.push(file),
            Read::Lock(lock) => inputs.lockfiles.push(*lock),
            Read::Problem(problem) => inputs.problems.push(problem),
        }
    }
    inputs
}
