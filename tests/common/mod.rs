//! Helpers shared by the CLI-driving test files that include this module.

use std::path::Path;

use assert_cmd::Command;

/// Writes `text` at `dir/rel`, creating folders.
pub fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// The whole `--format json` document of a ferret run with `args` (which name the scanned tree).
pub fn json_doc(args: &[&std::ffi::OsStr]) -> serde_json::Value {
    let out = Command::cargo_bin("ferret")
        .expect("built")
        .args(["--format", "json"])
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

/// Runs `ferret --format json ARGS...`, checks it did not fail with a usage error, and returns
/// its findings.
pub fn json_findings(args: &[&std::ffi::OsStr]) -> Vec<serde_json::Value> {
    let doc = json_doc(args);
    doc["findings"].as_array().expect("findings").clone()
}

/// A finding's (path, line).
pub fn path_line(f: &serde_json::Value) -> (String, u64) {
    (
        f["path"].as_str().unwrap_or("").to_string(),
        f["line"].as_u64().unwrap_or(0),
    )
}
