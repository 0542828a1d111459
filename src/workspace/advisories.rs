//! The RustSec advisory database: where it is, opening it with `rustsec`, what the reports say
//! about it, and fetching it with git when (and only when) the user asks.

use std::path::{Path, PathBuf};
use std::process::Command;

use rustsec::database::Query;

use rayon::prelude::*;

use super::lockfile::{Chains, Entry};
use super::{Location, Lock, WorkspaceCtx};
use crate::finding::{Finding, Severity, Suppression, SuppressionKind};

/// The upstream database, as cargo-audit fetches it.
pub const UPSTREAM: &str = "https://github.com/rustsec/advisory-db";

/// An opened database and what the methodology appendix says about it.
pub struct AdvisoryDb {
    pub db: rustsec::Database,
    pub info: DbInfo,
}

/// Which database a scan used, for the reports.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DbInfo {
    pub path: PathBuf,
    pub advisories: usize,
    /// Date (`YYYY-MM-DD`) of the database's last git commit, when it is a git checkout.
    pub last_commit: Option<String>,
    /// Date of the newest advisory in it: how current a snapshot without git history is.
    pub newest_advisory: Option<String>,
}

/// cargo-audit's own location (`$CARGO_HOME/advisory-db`, else `~/.cargo/advisory-db`), so a
/// user who ran cargo-audit needs nothing more.
pub fn default_path() -> Option<PathBuf> {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
    Some(cargo_home.join("advisory-db"))
}

/// Opens the database at `path`. The error is one line, saying how to get a database.
pub fn open(path: &Path) -> Result<AdvisoryDb, String> {
    if !path.join("crates").is_dir() {
        return Err(format!(
            "no RustSec advisory database at {}: dependencies were not checked against advisories \
             (get it with `ferret --fetch-advisories`, `cargo audit`, or `git clone {UPSTREAM}`; \
             or pass `--advisory-db PATH`)",
            path.display()
        ));
    }
    let db = rustsec::Database::open(path).map_err(|e| {
        format!(
            "the advisory database at {} could not be read ({e}): dependencies were not checked \
             against advisories",
            path.display()
        )
    })?;
    let advisories = db.iter().count();
    let newest_advisory = db
        .iter()
        .map(|a| a.metadata.date.as_str().to_string())
        .max();
    Ok(AdvisoryDb {
        info: DbInfo {
            path: path.to_path_buf(),
            advisories,
            last_commit: last_commit_date(path),
            newest_advisory,
        },
        db,
    })
}

/// The committer date of the checkout's `HEAD`, read with the `git` CLI (no network).
fn last_commit_date(path: &Path) -> Option<String> {
    if !path.join(".git").exists() {
        return None;
    }
    let out = Command::new("git")
        .arg("-C")
        .arg(path)
        .args(["log", "-1", "--format=%cs"])
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    let date = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (!date.is_empty()).then_some(date)
}

/// `--fetch-advisories`: clones the database into `path`, or pulls it when already there. Uses
/// the `git` CLI, so ferret carries no git or HTTP stack; this is ferret's only network access.
pub fn fetch(path: &Path) -> Result<(), String> {
    let status = if path.join(".git").exists() {
        Command::new("git")
            .arg("-C")
            .arg(path)
            .args(["pull", "--ff-only", "--quiet"])
            .status()
    } else {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        Command::new("git")
            .args(["clone", "--depth", "1", "--quiet", UPSTREAM])
            .arg(path)
            .status()
    };
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(format!(
            "fetching the advisory database into {} failed (git exited with {s})",
            path.display()
        )),
        Err(e) => Err(format!(
            "fetching the advisory database needs the `git` command: {e}"
        )),
    }
}

/// Which advisories a dependency rule reports.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// Security vulnerabilities (advisories without an `informational` kind).
    Vulnerability,
    Unmaintained,
    Unsound,
}

/// One advisory that applies to one locked package.
pub struct Match<'a> {
    pub lock: &'a Lock,
    pub entry: &'a Entry,
    pub vulnerability: rustsec::Vulnerability,
    /// Workspace member first, the affected package last (see `lockfile::dependency_path`).
    pub path: Vec<String>,
}

/// The advisories of `kind` that apply to the packages of every scanned lockfile, matched by
/// `rustsec` (its version requirements, withdrawn advisories left out), in lockfile order.
pub fn matches<'a>(cx: &WorkspaceCtx<'a>, kind: Kind) -> Vec<Match<'a>> {
    let Some(db) = cx.advisories else {
        return Vec::new();
    };
    let query = Query::crate_scope().informational(kind != Kind::Vulnerability);
    let mut out: Vec<Match<'a>> = cx
        .lockfiles
        .par_iter()
        .flat_map_iter(|lock| {
            let mut found = db.query_vulnerabilities(&lock.parsed, &query);
            found.retain(|v| match kind {
                Kind::Vulnerability => v.advisory.informational.is_none(),
                Kind::Unmaintained => v
                    .advisory
                    .informational
                    .as_ref()
                    .is_some_and(|i| i.is_unmaintained()),
                Kind::Unsound => v
                    .advisory
                    .informational
                    .as_ref()
                    .is_some_and(|i| i.is_unsound()),
            });
            let chains = (!found.is_empty()).then(|| Chains::new(&lock.parsed));
            found.into_iter().filter_map(move |vulnerability| {
                let name = vulnerability.package.name.as_str();
                let version = vulnerability.package.version.to_string();
                let entry = lock
                    .entries
                    .iter()
                    .find(|e| e.name == name && e.version == version)?;
                let path = chains
                    .as_ref()
                    .map_or_else(Vec::new, |c| c.path_to(&vulnerability.package));
                Some(Match {
                    lock,
                    entry,
                    vulnerability,
                    path,
                })
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (
            &a.lock.file.rel,
            a.entry.name_span.start,
            a.vulnerability.advisory.id.as_str(),
        )
            .cmp(&(
                &b.lock.file.rel,
                b.entry.name_span.start,
                b.vulnerability.advisory.id.as_str(),
            ))
    });
    out
}

impl Match<'_> {
    pub fn id(&self) -> &str {
        self.vulnerability.advisory.id.as_str()
    }

    /// `a 1.0 → b 2.0 → bytes 1.11.0`, or a note that a workspace member is itself affected.
    pub fn path_text(&self) -> String {
        if self.path.len() > 1 {
            self.path.join(" → ")
        } else {
            "a workspace member itself".to_string()
        }
    }

    /// `>= 1.11.1` style list of the patched versions, or `none`.
    pub fn patched_text(&self) -> String {
        let patched: Vec<String> = self
            .vulnerability
            .versions
            .patched()
            .iter()
            .map(|r| r.to_string())
            .collect();
        if patched.is_empty() {
            "none".to_string()
        } else {
            patched.join(", ")
        }
    }

    /// The finding over the package's identity lines (`name`, `version`, `source`), the same lines
    /// as its snippet (SARIF's snippet is the region's text), marked as ignored
    /// when the configuration lists the advisory.
    pub fn finding(
        &self,
        cx: &WorkspaceCtx<'_>,
        severity: Severity,
        message: String,
        help: String,
    ) -> Finding {
        let mut finding = self.lock.file.finding(
            cx.rule,
            severity,
            Location {
                span: self.entry.span.clone(),
                snippet: self.entry.lines.clone(),
                key: self.id().to_string(),
            },
            message,
            help,
        );
        if let Some(ignore) = cx.advisory_ignore.iter().find(|i| i.id == self.id()) {
            if let Ok(mut used) = cx.ignores_used.lock() {
                used.insert(ignore.id.clone());
            }
            finding.suppression = Some(Suppression {
                kind: SuppressionKind::Config,
                justification: ignore.reason.clone(),
            });
        }
        finding
    }
}

/// The dependency rule that reports an advisory: by its informational kind.
pub fn rule_for(advisory: &rustsec::Advisory) -> &'static str {
    match advisory.metadata.informational.as_ref() {
        None => "vulnerable-dependency",
        Some(i) if i.is_unmaintained() => "unmaintained-dependency",
        Some(i) if i.is_unsound() => "unsound-dependency",
        // Notices and other kinds no rule reports.
        Some(_) => "",
    }
}

/// `[advisories] ignore` entries that silenced nothing, as `unused-suppression` findings at the
/// entry in the configuration file, as cargo-audit warns about them. Only entries that could
/// have been used are judged: the advisory is not in the database, or the rule that reports its
/// kind ran (`ran`) on the scanned lockfiles.
pub fn unused_ignores(
    db: &rustsec::Database,
    ignores: &[super::AdvisoryIgnore],
    used: &std::collections::BTreeSet<String>,
    ran: &dyn Fn(&str) -> bool,
    root: &Path,
    crate_name: &str,
) -> Vec<Finding> {
    let meta = &crate::rules::unused_suppression::META;
    let mut texts: Vec<(PathBuf, Option<super::TextFile>)> = Vec::new();
    let mut out = Vec::new();
    for ignore in ignores.iter().filter(|i| !used.contains(&i.id)) {
        let advisory = ignore
            .id
            .parse::<rustsec::advisory::Id>()
            .ok()
            .and_then(|id| db.get(&id));
        let why = match advisory {
            None => "is not in the advisory database".to_string(),
            Some(a) if ran(rule_for(a)) => format!(
                "({}) affects no package of the scanned lockfiles",
                crate::report::safe_text::one_line(a.metadata.title.trim())
            ),
            Some(_) => continue,
        };
        let index = match texts.iter().position(|(p, _)| *p == ignore.file) {
            Some(i) => i,
            None => {
                let rel = ignore.file.strip_prefix(root).map_or_else(
                    |_| ignore.file.display().to_string(),
                    |r| r.to_string_lossy().replace('\\', "/"),
                );
                let file = std::fs::read_to_string(&ignore.file)
                    .ok()
                    .map(|text| super::TextFile::new(rel, crate_name.to_string(), text));
                texts.push((ignore.file.clone(), file));
                texts.len() - 1
            }
        };
        let Some(file) = &texts[index].1 else {
            continue;
        };
        let (first, _) = file.position(ignore.span.start);
        let (last, _) = file.position(ignore.span.end);
        out.push(file.finding(
            meta,
            meta.default_severity,
            Location {
                span: ignore.span.clone(),
                snippet: first..last + 1,
                key: ignore.id.clone(),
            },
            format!(
                "`[advisories] ignore` lists {}, which {why}: the entry silences nothing",
                ignore.id
            ),
            "remove the entry (an advisory that comes back is then reported again); keep only ignores that silence a finding".to_string(),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_database_is_one_line_that_says_how_to_get_one() {
        let dir = tempfile::tempdir().expect("tempdir");
        let Err(note) = open(&dir.path().join("nothing-here")) else {
            panic!("opened a database that does not exist");
        };
        assert!(!note.contains('\n'), "{note}");
        assert!(note.contains("--fetch-advisories"), "{note}");
        assert!(note.contains("--advisory-db"), "{note}");
    }
}
