//! `--changed-since REV` and `--new-lines-only` on a temporary git repository.

mod common;

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;
use common::{json_findings, path_line, write};
use tempfile::TempDir;

fn git(dir: &Path, args: &[&str]) {
    let status = Process::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?} failed");
}

fn findings(dir: &Path, extra: &[&str]) -> Vec<(String, u64)> {
    let mut args: Vec<&OsStr> = vec![OsStr::new("--no-cache")];
    args.extend(extra.iter().map(OsStr::new));
    args.push(dir.as_os_str());
    json_findings(&args).iter().map(path_line).collect()
}

fn repo() -> TempDir {
    let dir = TempDir::new().expect("tmp");
    git(dir.path(), &["init", "-q", "-b", "main"]);
    write(dir.path(), "old.rs", "#[allow(dead_code)]\nfn old() {}\n");
    write(
        dir.path(),
        "edited.rs",
        "#[allow(dead_code)]\nfn kept() {}\n",
    );
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "base"]);
    // After the base commit: one finding added to an existing file, one new untracked file.
    write(
        dir.path(),
        "edited.rs",
        "#[allow(dead_code)]\nfn kept() {}\n#[allow(unused)]\nfn added() {}\n",
    );
    write(dir.path(), "new.rs", "#[allow(dead_code)]\nfn new() {}\n");
    dir
}

#[test]
fn changed_since_scans_only_changed_and_untracked_files() {
    let dir = repo();
    assert_eq!(findings(dir.path(), &[]).len(), 4);
    assert_eq!(
        findings(dir.path(), &["--changed-since", "HEAD"]),
        [
            ("edited.rs".to_string(), 1),
            ("edited.rs".to_string(), 3),
            ("new.rs".to_string(), 1)
        ]
    );
}

#[test]
fn new_lines_only_keeps_findings_on_added_lines() {
    let dir = repo();
    assert_eq!(
        findings(dir.path(), &["--changed-since", "HEAD", "--new-lines-only"]),
        [("edited.rs".to_string(), 3), ("new.rs".to_string(), 1)]
    );
}

#[test]
fn committed_changes_count_too() {
    let dir = repo();
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "feature"]);
    assert_eq!(
        findings(
            dir.path(),
            &["--changed-since", "HEAD~1", "--new-lines-only"]
        ),
        [("edited.rs".to_string(), 3), ("new.rs".to_string(), 1)]
    );
    assert!(findings(dir.path(), &["--changed-since", "HEAD"]).is_empty());
}

#[test]
fn a_bad_revision_is_a_usage_error() {
    let dir = repo();
    Command::cargo_bin("ferret")
        .expect("built")
        .args(["--no-cache", "--changed-since", "no-such-rev"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "`no-such-rev` is not a git revision",
        ));
    Command::cargo_bin("ferret")
        .expect("built")
        .args(["--no-cache", "--new-lines-only"])
        .arg(dir.path())
        .assert()
        .code(2);
}
