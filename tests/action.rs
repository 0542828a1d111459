//! The GitHub Action (`action.yml`): its steps live in `.github/action/run.sh`, run here offline
//! with a fake runner environment (`GITHUB_OUTPUT`, `GITHUB_PATH`, `RUNNER_*`), the freshly
//! built ferret on `PATH`, and a fake `cargo` that records how it was called.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// A fake runner: a temp folder with the files the runner provides, and a `bin/` put first on
/// `PATH` holding the built ferret and a `cargo` that records its arguments.
struct Runner {
    dir: TempDir,
}

impl Runner {
    fn new() -> Runner {
        let dir = TempDir::new().expect("tempdir");
        let bin = dir.path().join("bin");
        std::fs::create_dir_all(&bin).expect("mkdir");
        std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_ferret"), bin.join("ferret"))
            .expect("link ferret");
        write(
            &bin.join("cargo"),
            "#!/bin/sh\nprintf '%s\\n' \"$*\" >> \"$FAKE_CARGO_LOG\"\n",
        );
        make_executable(&bin.join("cargo"));
        for file in ["output", "path", "cargo.log"] {
            write(&dir.path().join(file), "");
        }
        Runner { dir }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Runs `run.sh STEP` in `cwd` with the runner's variables and `env`.
    fn step(&self, step: &str, cwd: &Path, env: &[(&str, &str)]) -> Output {
        let path = format!(
            "{}:{}",
            self.path("bin").display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let mut cmd = Command::new("bash");
        cmd.arg(repo().join(".github/action/run.sh"))
            .arg(step)
            .current_dir(cwd)
            .env_clear()
            .env("PATH", path)
            .env("HOME", self.dir.path())
            .env("GITHUB_OUTPUT", self.path("output"))
            .env("GITHUB_PATH", self.path("path"))
            .env("GITHUB_ACTION_PATH", repo())
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64")
            .env("RUNNER_TEMP", self.path("temp"))
            .env("FAKE_CARGO_LOG", self.path("cargo.log"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().expect("bash runs")
    }

    /// `$GITHUB_OUTPUT` as written so far (a later value wins, as on the runner).
    fn outputs(&self) -> BTreeMap<String, String> {
        read(&self.path("output"))
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn reset_outputs(&self) {
        write(&self.path("output"), "");
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("readable")
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

fn show(out: &Output) -> String {
    format!(
        "status {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A copy of what `cargo install --path` builds from, to change without touching the repository.
fn fake_action_source() -> TempDir {
    let dir = TempDir::new().expect("tempdir");
    for (rel, text) in [
        ("Cargo.toml", "[package]\nname = \"ferret\"\n"),
        ("Cargo.lock", "version = 4\n"),
        ("src/main.rs", "fn main() {}\n"),
        ("rules/a.md", "# a\n"),
        ("README.md", "readme\n"),
    ] {
        write(&dir.path().join(rel), text);
    }
    dir
}

#[test]
fn key_follows_the_content_cargo_install_builds_from() {
    let runner = Runner::new();
    let source = fake_action_source();
    let src = source.path().to_str().expect("UTF-8 path");
    let key = || {
        runner.reset_outputs();
        let out = runner.step("key", source.path(), &[("GITHUB_ACTION_PATH", src)]);
        assert!(out.status.success(), "{}", show(&out));
        runner.outputs()
    };
    let first = key();
    let id = first["key"]
        .strip_prefix("ferret-Linux-X64-")
        .expect("key names the runner's OS and architecture");
    assert_eq!(id.len(), 16, "{first:?}");
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()), "{first:?}");
    assert_eq!(first["source"], src);
    assert_eq!(first["rev"], "");
    assert_eq!(
        first["root"],
        runner.path("temp/ferret-install").display().to_string()
    );
    assert_eq!(key(), first, "the same sources give the same key");
    write(&source.path().join("README.md"), "changed\n");
    assert_eq!(
        key(),
        first,
        "files cargo does not build from do not matter"
    );
    write(&source.path().join("src/main.rs"), "fn main() { }\n");
    let changed = key();
    assert_ne!(
        changed["key"], first["key"],
        "a source change must miss the cache"
    );
}

#[test]
fn key_for_an_explicit_commit_names_the_commit_and_the_repository() {
    let runner = Runner::new();
    let commit = "0123456789abcdef0123456789abcdef01234567";
    let out = runner.step(
        "key",
        &repo(),
        &[
            ("FERRET_REF", commit),
            ("FERRET_ACTION_REPOSITORY", "someone/ferret"),
            ("FERRET_SERVER_URL", "https://github.example"),
        ],
    );
    assert!(out.status.success(), "{}", show(&out));
    let outputs = runner.outputs();
    assert_eq!(outputs["key"], format!("ferret-Linux-X64-{commit}"));
    assert_eq!(outputs["rev"], commit);
    assert_eq!(outputs["source"], "https://github.example/someone/ferret");

    runner.reset_outputs();
    let out = runner.step(
        "key",
        &repo(),
        &[
            ("FERRET_REF", commit),
            ("FERRET_REPOSITORY", "https://mirror.example/ferret.git"),
        ],
    );
    assert!(out.status.success(), "{}", show(&out));
    assert_eq!(
        runner.outputs()["source"],
        "https://mirror.example/ferret.git"
    );

    // Nowhere to install from: a clear error, not a half-made key.
    runner.reset_outputs();
    let out = runner.step("key", &repo(), &[("FERRET_REF", commit)]);
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .starts_with("::error title=ferret action::set the `repository` input"),
        "{}",
        show(&out)
    );
    assert!(runner.outputs().is_empty());
}

#[test]
fn install_builds_with_cargo_install_locked_on_a_cache_miss() {
    let runner = Runner::new();
    let root = runner.path("temp/ferret-install");
    let root_text = root.display().to_string();
    let out = runner.step(
        "install",
        &repo(),
        &[
            ("FERRET_ROOT", &root_text),
            ("FERRET_SOURCE", "/src/ferret"),
            ("FERRET_REV", ""),
        ],
    );
    assert!(out.status.success(), "{}", show(&out));
    let out = runner.step(
        "install",
        &repo(),
        &[
            ("FERRET_ROOT", &root_text),
            ("FERRET_SOURCE", "https://github.com/someone/ferret"),
            ("FERRET_REV", "0123456789abcdef0123456789abcdef01234567"),
        ],
    );
    assert!(out.status.success(), "{}", show(&out));
    assert_eq!(
        read(&runner.path("cargo.log")),
        format!(
            "install --locked --root {root_text} --path /src/ferret\n\
             install --locked --root {root_text} --git https://github.com/someone/ferret \
             --rev 0123456789abcdef0123456789abcdef01234567 ferret\n"
        )
    );
    assert_eq!(
        read(&runner.path("path")),
        format!("{root_text}/bin\n{root_text}/bin\n"),
        "later steps find ferret on PATH"
    );
}

#[test]
fn install_uses_what_the_cache_restored() {
    let runner = Runner::new();
    let root = runner.path("temp/ferret-install");
    std::fs::create_dir_all(root.join("bin")).expect("mkdir");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_ferret"), root.join("bin/ferret"))
        .expect("link");
    let root_text = root.display().to_string();
    let out = runner.step(
        "install",
        &repo(),
        &[
            ("FERRET_ROOT", &root_text),
            ("FERRET_SOURCE", "/src/ferret"),
            ("FERRET_REV", ""),
        ],
    );
    assert!(out.status.success(), "{}", show(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("restored from the cache: ferret "),
        "{}",
        show(&out)
    );
    assert_eq!(read(&runner.path("cargo.log")), "", "no rebuild");
    assert_eq!(read(&runner.path("path")), format!("{root_text}/bin\n"));
}

/// A checkout with one medium finding.
fn checkout() -> TempDir {
    let dir = TempDir::new().expect("tempdir");
    std::fs::create_dir(dir.path().join(".git")).expect("mkdir .git");
    write(
        &dir.path().join("crates/api/src/lib.rs"),
        "#[allow(dead_code)]\nfn unused() {}\n",
    );
    dir
}

#[test]
fn scan_annotates_and_records_the_exit_code_without_failing() {
    let runner = Runner::new();
    let work = checkout();
    let out = runner.step(
        "scan",
        work.path(),
        &[
            ("FERRET_ARGS", "--no-cache\n  crates/api "),
            ("FERRET_FORMAT", "github"),
        ],
    );
    assert!(
        out.status.success(),
        "findings alone do not stop the action here: {}",
        show(&out)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with(
            "::warning file=crates/api/src/lib.rs,line=1,col=1,endLine=1,endColumn=20,\
             title=ferret(allow-attribute)::"
        ),
        "{}",
        show(&out)
    );
    assert_eq!(runner.outputs()["exit-code"], "1");
    assert!(!runner.outputs().contains_key("sarif-file"));
}

#[test]
fn scan_writes_sarif_and_names_the_file() {
    let runner = Runner::new();
    let work = checkout();
    let out = runner.step(
        "scan",
        work.path(),
        &[
            ("FERRET_ARGS", "--no-cache"),
            ("FERRET_FORMAT", "sarif"),
            ("FERRET_SARIF_FILE", "out/ferret.sarif"),
        ],
    );
    // The folder must exist for ferret to write into it.
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    std::fs::create_dir(work.path().join("out")).expect("mkdir");
    runner.reset_outputs();
    let out = runner.step(
        "scan",
        work.path(),
        &[
            ("FERRET_ARGS", "--no-cache"),
            ("FERRET_FORMAT", "sarif"),
            ("FERRET_SARIF_FILE", "out/ferret.sarif"),
        ],
    );
    assert!(out.status.success(), "{}", show(&out));
    let outputs = runner.outputs();
    assert_eq!(outputs["exit-code"], "1");
    let sarif = PathBuf::from(&outputs["sarif-file"]);
    assert!(sarif.is_absolute(), "{outputs:?}");
    let log: serde_json::Value =
        serde_json::from_str(&read(&sarif)).expect("the SARIF file is JSON");
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(
        log["runs"][0]["results"][0]["ruleId"], "allow-attribute",
        "{log}"
    );
}

#[test]
fn scan_fails_on_a_usage_error_and_a_glob_is_not_expanded() {
    let runner = Runner::new();
    let work = checkout();
    let out = runner.step(
        "scan",
        work.path(),
        &[
            ("FERRET_ARGS", "--no-cache --no-such-flag"),
            ("FERRET_FORMAT", "concise"),
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    assert_eq!(runner.outputs()["exit-code"], "2");
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("::error title=ferret action::ferret exited with 2")
    );

    // `*` reaches ferret as it is (no such path), instead of being expanded by the shell.
    runner.reset_outputs();
    let out = runner.step(
        "scan",
        work.path(),
        &[
            ("FERRET_ARGS", "--no-cache *"),
            ("FERRET_FORMAT", "concise"),
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("cannot open *"),
        "{}",
        show(&out)
    );
}

#[test]
fn finish_fails_on_findings_unless_told_not_to() {
    let runner = Runner::new();
    let finish = |code: &str, fail: &str| {
        runner
            .step(
                "finish",
                &repo(),
                &[
                    ("FERRET_EXIT_CODE", code),
                    ("FERRET_FAIL_ON_FINDINGS", fail),
                ],
            )
            .status
            .code()
    };
    assert_eq!(finish("1", "true"), Some(1));
    assert_eq!(finish("1", "false"), Some(0));
    assert_eq!(finish("0", "true"), Some(0));
    assert_eq!(
        finish("", "true"),
        Some(2),
        "a scan that never ran is an error"
    );
}

#[test]
fn action_yml_passes_every_variable_the_script_reads() {
    let action = read(&repo().join("action.yml"));
    let script = read(&repo().join(".github/action/run.sh"));
    let mut read_by_script: Vec<&str> = script
        .match_indices("FERRET_")
        .map(|(i, _)| {
            let rest = &script[i..];
            let end = rest
                .find(|c: char| !(c.is_ascii_uppercase() || c == '_'))
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .filter(|name| name.len() > "FERRET_".len())
        .collect();
    read_by_script.sort_unstable();
    read_by_script.dedup();
    assert!(read_by_script.len() >= 10, "{read_by_script:?}");
    for var in read_by_script {
        assert!(
            action.contains(&format!("{var}: ${{{{")),
            "action.yml never sets {var}"
        );
    }
    for step in ["key", "install", "scan", "finish"] {
        assert!(
            action.contains(&format!(
                "run: '\"$GITHUB_ACTION_PATH/.github/action/run.sh\" {step}'"
            )),
            "action.yml does not run the `{step}` step"
        );
    }
    for output in ["key", "root", "source", "rev"] {
        assert!(
            script.contains(&format!("output {output} ")),
            "run.sh key does not write `{output}`"
        );
    }
    assert!(action.contains("uses: github/codeql-action/upload-sarif@"));
    assert!(action.contains("uses: actions/cache@"));
}
