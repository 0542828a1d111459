//! The workspace phase: what a Rust workspace is made of besides code. After every `.rs` file is
//! analysed, rules with workspace hooks read the scanned `Cargo.toml` and `Cargo.lock` files
//! (read here, once, by the engine), the RustSec advisory database, and the facts files recorded
//! (see [`facts`]); their findings join the per-file ones, located in the manifest or lockfile
//! with line and column, and flow through severities, baselines and every report the same way.

use std::collections::BTreeSet;

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
}

/// What a workspace hook sees.
pub struct WorkspaceCtx<'a> {
    pub rule: &'static RuleMeta,
    pub crates: &'a [CrateInfo],
    pub facts: &'a Facts,
    /// Every scanned `Cargo.toml`, in path order.
    pub manifests: &'a [TextFile],
    pub lockfiles: &'a [Lock],
    pub advisories: Option<&'a rustsec::Database>,
    pub advisory_ignore: &'a [AdvisoryIgnore],
    /// `unused-dependency-ignores`: the longest ignore list that is not reported.
    pub ignores_threshold: usize,
}

/// The non-code inputs of a scan, read once.
#[derive(Default)]
pub struct Inputs {
    pub manifests: Vec<TextFile>,
    pub lockfiles: Vec<Lock>,
    pub problems: Vec<FileProblem>,
}

/// The name findings in a virtual workspace's own files go under: the directory's name. Such a
/// manifest has no `[package]`, and the package above it (if any) is another project.
fn virtual_root_name(file: &std::path::Path) -> Option<String> {
    let dir = file.parent()?;
    let manifest = dir.join("Cargo.toml");
    if !manifest.is_file() || crate::discover::package_name(&manifest).is_some() {
        return None;
    }
    dir.file_name().map(|n| n.to_string_lossy().into_owned())
}

/// Reads the discovered manifests and lockfiles. A file that cannot be read, or a lockfile that
/// does not parse, is a problem for that file; the scan goes on.
pub fn read_inputs(found: &[SourcePath], crates: &[CrateInfo], max_size: u64) -> Inputs {
    let mut inputs = Inputs::default();
    for path in found {
        let problem = |kind, message: String| FileProblem {
            path: path.rel.clone(),
            kind,
            line: None,
            column: None,
            message,
        };
        let text = match std::fs::metadata(&path.abs) {
            Ok(meta) if meta.len() > max_size => {
                inputs.problems.push(problem(
                    ProblemKind::TooLarge,
                    format!(
                        "{} bytes is over the {max_size} byte limit (--max-file-size)",
                        meta.len()
                    ),
                ));
                continue;
            }
            _ => match std::fs::read_to_string(&path.abs) {
                Ok(text) => text,
                Err(e) => {
                    inputs
                        .problems
                        .push(problem(ProblemKind::Unreadable, e.to_string()));
                    continue;
                }
            },
        };
        let crate_name = virtual_root_name(&path.abs).unwrap_or_else(|| {
            crates
                .get(path.crate_index)
                .map_or_else(String::new, |c| c.name.clone())
        });
        let file = TextFile::new(path.rel.clone(), crate_name, text);
        if path.rel == "Cargo.lock" || path.rel.ends_with("/Cargo.lock") {
            match file.text.parse::<rustsec::Lockfile>() {
                Ok(parsed) => inputs.lockfiles.push(Lock {
                    entries: lockfile::entries(&file),
                    file,
                    parsed,
                }),
                Err(e) => inputs.problems.push(problem(
                    ProblemKind::ParseError,
                    format!(
                        "not a Cargo lockfile: {}",
                        crate::report::safe_text::one_line(&e.to_string())
                    ),
                )),
            }
        } else {
            inputs.manifests.push(file);
        }
    }
    inputs
}
