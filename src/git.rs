//! `--changed-since REV`: which files (and, for `--new-lines-only`, which lines) changed since a
//! git revision, in the working tree, untracked files included. The PR mode of CI.

use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Changed files by absolute path; `None` lines means the whole file is new.
#[derive(Debug, Default, Clone)]
pub struct Changes {
    pub files: HashMap<PathBuf, Option<Vec<RangeInclusive<usize>>>>,
}

impl Changes {
    pub fn contains(&self, abs: &Path) -> bool {
        self.files.contains_key(abs)
    }

    /// Whether `line` of `abs` was added or changed.
    pub fn line_changed(&self, abs: &Path, line: usize) -> bool {
        match self.files.get(abs) {
            Some(None) => true,
            Some(Some(ranges)) => ranges.iter().any(|r| r.contains(&line)),
            None => false,
        }
    }
}

fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "core.quotePath=false"])
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        let msg = String::from_utf8_lossy(&out.stderr);
        return Err(format!("git {}: {}", args.join(" "), msg.trim()));
    }
    Ok(out.stdout)
}

/// Files changed between `rev` and the working tree under the repository holding `dir`, with
/// their added/changed line ranges.
pub fn changes_since(dir: &Path, rev: &str) -> Result<Changes, String> {
    let top = git(dir, &["rev-parse", "--show-toplevel"])?;
    let top = PathBuf::from(String::from_utf8_lossy(&top).trim());
    // Fail early and clearly on a revision that does not exist.
    git(
        &top,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .map_err(|e| format!("`{rev}` is not a git revision in {} ({e})", top.display()))?;
    let canonical = |rel: &str| {
        let p = top.join(rel);
        p.canonicalize().unwrap_or(p)
    };
    let mut changes = Changes::default();
    let diff = git(
        &top,
        &[
            "diff",
            "-U0",
            "--no-color",
            "--no-ext-diff",
            "--diff-filter=ACMR",
            rev,
            "--",
        ],
    )?;
    let mut current: Option<PathBuf> = None;
    for line in String::from_utf8_lossy(&diff).lines() {
        if let Some(path) = line.strip_prefix("+++ ") {
            current = path.strip_prefix("b/").map(canonical);
            if let Some(p) = &current {
                changes
                    .files
                    .entry(p.clone())
                    .or_insert_with(|| Some(Vec::new()));
            }
        } else if let Some(hunk) = line.strip_prefix("@@ ")
            && let Some(range) = added_range(hunk)
            && let Some(Some(ranges)) = current.as_ref().and_then(|p| changes.files.get_mut(p))
        {
            ranges.push(range);
        }
    }
    let untracked = git(&top, &["ls-files", "--others", "--exclude-standard", "-z"])?;
    for rel in untracked.split(|&b| b == 0).filter(|r| !r.is_empty()) {
        changes
            .files
            .insert(canonical(&String::from_utf8_lossy(rel)), None);
    }
    Ok(changes)
}

/// `-a,b +c,d @@` → `c..=c+d-1`; `None` for a pure deletion (`d == 0`).
fn added_range(hunk: &str) -> Option<RangeInclusive<usize>> {
    let plus = hunk.split_whitespace().find(|p| p.starts_with('+'))?;
    let mut parts = plus[1..].split(',');
    let start: usize = parts.next()?.parse().ok()?;
    let count: usize = match parts.next() {
        Some(c) => c.parse().ok()?,
        None => 1,
    };
    (count > 0).then(|| start..=start + count - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunk_headers() {
        assert_eq!(added_range("-3,2 +3,4 @@ fn f()"), Some(3..=6));
        assert_eq!(added_range("-3 +3 @@"), Some(3..=3));
        assert_eq!(added_range("-3,2 +2,0 @@"), None);
    }
}
