//! Configuration files: `ferret.toml`, or `[workspace.metadata.ferret]` / `[package.metadata.ferret]`
//! in `Cargo.toml`. Every key is checked: an unknown key, an unknown rule id or a bad value is an
//! error naming the file, the line and the key, never silently ignored. Command-line flags override
//! what the file says (see `cli::scan_options`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::finding::Severity;
use crate::rules;
use crate::workspace::AdvisoryIgnore;

/// The file name looked for at the workspace root.
pub const FILE_NAME: &str = "ferret.toml";

/// Settings for one rule, from a `[rules.ID]` table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleConfig {
    /// `Some(true)` turns on a rule that is off by default; `Some(false)` turns a rule off.
    pub enabled: Option<bool>,
    pub severity: Option<Severity>,
    pub paths: Vec<String>,
    pub exclude: Vec<String>,
    /// `unused-dependency-ignores` only: the longest ignore list that is not reported.
    pub threshold: Option<usize>,
}

/// A configuration as read from one file; `None`/empty means "not set here".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// The file it came from (`ferret.toml` or a `Cargo.toml`), for messages.
    pub file: PathBuf,
    pub include_tests: Option<bool>,
    pub fail_on: Option<Severity>,
    pub min_severity: Option<Severity>,
    /// Globs of files and directories to skip, relative to the scanned root.
    pub exclude: Vec<String>,
    /// Resolved against the directory of the configuration file.
    pub baseline: Option<PathBuf>,
    /// By rule id; every id is a known rule.
    pub rules: BTreeMap<String, RuleConfig>,
    /// `[advisories] ignore`: RustSec advisories not to count, each with its reason.
    pub advisory_ignore: Vec<AdvisoryIgnore>,
    /// `[taint] environment-is-input`: `std::env::var` and its kin are taint sources.
    pub environment_is_input: Option<bool>,
}

/// A configuration error: `FILE:LINE: KEY: what is wrong`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: PathBuf,
    /// 1-based; `None` when the file could not be read at all.
    pub line: Option<usize>,
    /// The dotted key, e.g. `rules.allow-attribute.severity`; empty for syntax errors.
    pub key: String,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if !self.key.is_empty() {
            write!(f, ": `{}`", self.key)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

/// Reads the configuration for a scan rooted at `root`: the nearest `ferret.toml`, else the
/// nearest `Cargo.toml` with `[workspace.metadata.ferret]` or `[package.metadata.ferret]`,
/// looking in `root` and its parents up to the workspace root (a `Cargo.toml` with `[workspace]`)
/// or the repository root (a `.git` entry).
pub fn discover(root: &Path) -> Result<Option<Config>, ConfigError> {
    let mut dir = Some(root);
    while let Some(d) = dir {
        let candidate = d.join(FILE_NAME);
        if candidate.is_file() {
            return load(&candidate).map(Some);
        }
        let manifest = d.join("Cargo.toml");
        let mut is_workspace_root = false;
        if manifest.is_file() {
            let text = read(&manifest)?;
            if let Some(config) = parse_manifest(&text, &manifest)? {
                return Ok(Some(config));
            }
            // A manifest that does not parse is cargo's problem, not a configuration.
            is_workspace_root =
                DeTable::parse(&text).is_ok_and(|t| t.get_ref().contains_key("workspace"));
        }
        if is_workspace_root || d.join(".git").exists() {
            break;
        }
        dir = d.parent();
    }
    Ok(None)
}

/// Reads one configuration file given with `--config`: a `ferret.toml`-style file, or a
/// `Cargo.toml` whose metadata table holds the configuration.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let text = read(path)?;
    let is_manifest = path.file_name().is_some_and(|n| n == "Cargo.toml");
    if is_manifest {
        return parse_manifest(&text, path)?.ok_or_else(|| ConfigError {
            file: path.to_path_buf(),
            line: None,
            key: String::new(),
            message: "has no `[workspace.metadata.ferret]` or `[package.metadata.ferret]` table"
                .to_string(),
        });
    }
    let doc = parse_toml(&text, path)?;
    Parser::new(&text, path, "").config(doc.get_ref())
}

fn read(path: &Path) -> Result<String, ConfigError> {
    std::fs::read_to_string(path).map_err(|e| ConfigError {
        file: path.to_path_buf(),
        line: None,
        key: String::new(),
        message: format!("cannot read: {e}"),
    })
}

fn parse_toml<'t>(text: &'t str, path: &Path) -> Result<Spanned<DeTable<'t>>, ConfigError> {
    DeTable::parse(text).map_err(|e| ConfigError {
        file: path.to_path_buf(),
        line: e.span().map(|s| line_of(text, s.start)),
        key: String::new(),
        message: e.message().trim().to_string(),
    })
}

/// `[workspace.metadata.ferret]`, else `[package.metadata.ferret]`, of a manifest.
pub fn parse_manifest(text: &str, path: &Path) -> Result<Option<Config>, ConfigError> {
    let doc = parse_toml(text, path)?;
    for section in ["workspace", "package"] {
        let table = doc
            .get_ref()
            .get(section)
            .and_then(|v| as_table(v.get_ref()))
            .and_then(|t| t.get("metadata"))
            .and_then(|v| as_table(v.get_ref()))
            .and_then(|t| t.get("ferret"));
        if let Some(value) = table {
            let prefix = format!("{section}.metadata.ferret.");
            let parser = Parser::new(text, path, &prefix);
            let table = parser.table(value, "")?;
            return parser.config(table).map(Some);
        }
    }
    Ok(None)
}

fn as_table<'a, 't>(value: &'a DeValue<'t>) -> Option<&'a DeTable<'t>> {
    match value {
        DeValue::Table(t) => Some(t),
        _ => None,
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Turns the spanned TOML tree into a [`Config`], checking every key and value.
struct Parser<'p> {
    text: &'p str,
    file: &'p Path,
    /// Prepended to every key in messages (`workspace.metadata.ferret.`).
    prefix: &'p str,
}

const TOP_LEVEL_KEYS: &[&str] = &[
    "advisories",
    "baseline",
    "exclude",
    "fail-on",
    "include-tests",
    "min-severity",
    "rules",
    "taint",
];
const TAINT_KEYS: &[&str] = &["environment-is-input"];
const RULE_KEYS: &[&str] = &["enabled", "exclude", "paths", "severity"];
/// The rule that takes a `threshold` key.
const THRESHOLD_RULE: &str = "unused-dependency-ignores";

impl<'p> Parser<'p> {
    fn new(text: &'p str, file: &'p Path, prefix: &'p str) -> Parser<'p> {
        Parser { text, file, prefix }
    }

    fn error(&self, offset: usize, key: &str, message: impl Into<String>) -> ConfigError {
        ConfigError {
            file: self.file.to_path_buf(),
            line: Some(line_of(self.text, offset)),
            key: format!("{}{key}", self.prefix),
            message: message.into(),
        }
    }

    fn config(&self, doc: &DeTable<'_>) -> Result<Config, ConfigError> {
        let mut config = Config {
            file: self.file.to_path_buf(),
            ..Config::default()
        };
        for (key, value) in doc {
            let name = key.get_ref().as_ref();
            match name {
                "include-tests" => config.include_tests = Some(self.boolean(value, name)?),
                "fail-on" => config.fail_on = Some(self.severity(value, name)?),
                "min-severity" => config.min_severity = Some(self.severity(value, name)?),
                "exclude" => config.exclude = self.globs(value, name)?,
                "baseline" => {
                    let path = self.string(value, name)?;
                    if path.is_empty() {
                        return Err(self.error(value.span().start, name, "must not be empty"));
                    }
                    let dir = self.file.parent().unwrap_or(Path::new(""));
                    config.baseline = Some(dir.join(path));
                }
                "advisories" => config.advisory_ignore = self.advisories(value)?,
                "taint" => {
                    for (k, v) in self.table(value, name)? {
                        let key = k.get_ref().as_ref();
                        match key {
                            "environment-is-input" => {
                                config.environment_is_input =
                                    Some(self.boolean(v, &format!("taint.{key}"))?);
                            }
                            _ => return Err(self.unknown_key(k, key, "taint.", TAINT_KEYS)),
                        }
                    }
                }
                "rules" => {
                    let rules = self.table(value, name)?;
                    for (id, settings) in rules {
                        let id_text = id.get_ref().as_ref();
                        let key = format!("rules.{id_text}");
                        if rules::find(id_text).is_none() {
                            return Err(self.error(
                                id.span().start,
                                &key,
                                format!(
                                    "unknown rule `{id_text}` (see `ferret --list-rules` for the ids)"
                                ),
                            ));
                        }
                        let rule = self.rule(settings, &key)?;
                        config.rules.insert(id_text.to_string(), rule);
                    }
                }
                _ => return Err(self.unknown_key(key, name, "", TOP_LEVEL_KEYS)),
            }
        }
        Ok(config)
    }

    fn rule(&self, value: &Spanned<DeValue<'_>>, key: &str) -> Result<RuleConfig, ConfigError> {
        let table = self.table(value, key)?;
        let mut rule = RuleConfig::default();
        for (k, v) in table {
            let name = k.get_ref().as_ref();
            let full = format!("{key}.{name}");
            match name {
                "enabled" => rule.enabled = Some(self.boolean(v, &full)?),
                "severity" => rule.severity = Some(self.severity(v, &full)?),
                "paths" => rule.paths = self.globs(v, &full)?,
                "exclude" => rule.exclude = self.globs(v, &full)?,
                "threshold" if key == format!("rules.{THRESHOLD_RULE}") => {
                    rule.threshold = Some(self.count(v, &full)?);
                }
                _ => return Err(self.unknown_key(k, name, &format!("{key}."), RULE_KEYS)),
            }
        }
        Ok(rule)
    }

    /// `[advisories]`: `ignore = [{ id = "RUSTSEC-..", reason = ".." }, ..]`; a reason is required.
    fn advisories(&self, value: &Spanned<DeValue<'_>>) -> Result<Vec<AdvisoryIgnore>, ConfigError> {
        let table = self.table(value, "advisories")?;
        let mut out = Vec::new();
        for (k, v) in table {
            let name = k.get_ref().as_ref();
            if name != "ignore" {
                return Err(self.unknown_key(k, name, "advisories.", &["ignore"]));
            }
            let key = "advisories.ignore";
            let DeValue::Array(items) = v.get_ref() else {
                return Err(self.wrong_type(v, key, "an array of `{ id, reason }` tables"));
            };
            for item in items {
                let entry = self.table(item, key)?;
                let (mut id, mut reason) = (None, None);
                for (ek, ev) in entry {
                    match ek.get_ref().as_ref() {
                        "id" => id = Some(self.string(ev, &format!("{key}.id"))?.to_string()),
                        "reason" => {
                            reason = Some(self.string(ev, &format!("{key}.reason"))?.to_string())
                        }
                        other => {
                            return Err(self.unknown_key(
                                ek,
                                other,
                                "advisories.ignore.",
                                &["id", "reason"],
                            ));
                        }
                    }
                }
                let id = id.filter(|i| !i.trim().is_empty()).ok_or_else(|| {
                    self.error(item.span().start, key, "each entry needs an advisory `id`")
                })?;
                let reason = reason.filter(|r| !r.trim().is_empty()).ok_or_else(|| {
                    self.error(
                        item.span().start,
                        key,
                        format!("`{id}` needs a `reason`: say why the advisory does not apply"),
                    )
                })?;
                out.push(AdvisoryIgnore {
                    id,
                    reason,
                    file: self.file.to_path_buf(),
                    span: item.span(),
                });
            }
        }
        Ok(out)
    }

    fn count(&self, value: &Spanned<DeValue<'_>>, key: &str) -> Result<usize, ConfigError> {
        match value.get_ref() {
            DeValue::Integer(i) => i.as_str().parse::<usize>().map_err(|e| {
                self.error(
                    value.span().start,
                    key,
                    format!("expected a non-negative integer: {e}"),
                )
            }),
            _ => Err(self.wrong_type(value, key, "a non-negative integer")),
        }
    }

    fn unknown_key(
        &self,
        key: &Spanned<std::borrow::Cow<'_, str>>,
        name: &str,
        parent: &str,
        known: &[&str],
    ) -> ConfigError {
        self.error(
            key.span().start,
            &format!("{parent}{name}"),
            format!("unknown key (expected one of: {})", known.join(", ")),
        )
    }

    fn table<'a, 't>(
        &self,
        value: &'a Spanned<DeValue<'t>>,
        key: &str,
    ) -> Result<&'a DeTable<'t>, ConfigError> {
        as_table(value.get_ref()).ok_or_else(|| self.wrong_type(value, key, "a table"))
    }

    fn wrong_type(&self, value: &Spanned<DeValue<'_>>, key: &str, expected: &str) -> ConfigError {
        self.error(
            value.span().start,
            key,
            format!("expected {expected}, found {}", value.get_ref().type_str()),
        )
    }

    fn boolean(&self, value: &Spanned<DeValue<'_>>, key: &str) -> Result<bool, ConfigError> {
        match value.get_ref() {
            DeValue::Boolean(b) => Ok(*b),
            _ => Err(self.wrong_type(value, key, "`true` or `false`")),
        }
    }

    fn string<'a>(
        &self,
        value: &'a Spanned<DeValue<'_>>,
        key: &str,
    ) -> Result<&'a str, ConfigError> {
        match value.get_ref() {
            DeValue::String(s) => Ok(s.as_ref()),
            _ => Err(self.wrong_type(value, key, "a string")),
        }
    }

    fn severity(&self, value: &Spanned<DeValue<'_>>, key: &str) -> Result<Severity, ConfigError> {
        let text = self.string(value, key)?;
        Severity::parse(text).ok_or_else(|| {
            self.error(
                value.span().start,
                key,
                format!(
                    "unknown severity `{text}` (expected one of: critical, high, medium, low, info)"
                ),
            )
        })
    }

    /// An array of valid globs (a single string is accepted as a one-element array).
    fn globs(&self, value: &Spanned<DeValue<'_>>, key: &str) -> Result<Vec<String>, ConfigError> {
        let items: Vec<&Spanned<DeValue<'_>>> = match value.get_ref() {
            DeValue::Array(items) => items.iter().collect(),
            DeValue::String(_) => vec![value],
            _ => return Err(self.wrong_type(value, key, "an array of glob strings")),
        };
        let mut out = Vec::new();
        for item in items {
            let glob = self.string(item, key)?;
            if let Err(e) = globset::Glob::new(glob) {
                return Err(self.error(
                    item.span().start,
                    key,
                    format!("invalid glob `{glob}`: {}", e.kind()),
                ));
            }
            out.push(glob.to_string());
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        let doc = parse_toml(text, Path::new("ferret.toml"))?;
        Parser::new(text, Path::new("ferret.toml"), "").config(doc.get_ref())
    }

    #[test]
    fn reads_every_key() {
        let config = parse(
            r#"
include-tests = true
fail-on = "high"
min-severity = "low"
exclude = ["generated/**", "vendor"]
baseline = "ferret-baseline.json"

[rules.allow-attribute]
enabled = true
severity = "HIGH"
paths = ["src/**"]
exclude = "src/legacy/**"
"#,
        )
        .expect("valid config");
        assert_eq!(config.include_tests, Some(true));
        assert_eq!(config.fail_on, Some(Severity::High));
        assert_eq!(config.min_severity, Some(Severity::Low));
        assert_eq!(config.exclude, vec!["generated/**", "vendor"]);
        assert_eq!(config.baseline, Some(PathBuf::from("ferret-baseline.json")));
        let rule = &config.rules["allow-attribute"];
        assert_eq!(rule.enabled, Some(true));
        assert_eq!(rule.severity, Some(Severity::High));
        assert_eq!(rule.paths, vec!["src/**"]);
        assert_eq!(rule.exclude, vec!["src/legacy/**"]);
    }

    #[test]
    fn errors_name_file_line_and_key() {
        let cases = [
            (
                "fail-on = \"high\"\nfial-on = \"low\"\n",
                2,
                "fial-on",
                "unknown key",
            ),
            (
                "[rules.no-such-rule]\nenabled = false\n",
                1,
                "rules.no-such-rule",
                "unknown rule",
            ),
            (
                "[rules.allow-attribute]\n\nseverity = \"hgh\"\n",
                3,
                "rules.allow-attribute.severity",
                "unknown severity",
            ),
            (
                "[rules.allow-attribute]\nenable = true\n",
                2,
                "rules.allow-attribute.enable",
                "unknown key",
            ),
            (
                "include-tests = \"yes\"\n",
                1,
                "include-tests",
                "expected `true` or `false`",
            ),
            ("exclude = [\"a\", \"b[\"]\n", 1, "exclude", "invalid glob"),
            ("rules = 3\n", 1, "rules", "expected a table"),
        ];
        for (text, line, key, message) in cases {
            let err = parse(text).expect_err(text);
            assert_eq!(err.line, Some(line), "{text}: {err}");
            assert_eq!(err.key, key, "{text}: {err}");
            assert!(err.message.contains(message), "{text}: {err}");
            let shown = err.to_string();
            assert!(
                shown.starts_with(&format!("ferret.toml:{line}: `{key}`")),
                "{shown}"
            );
        }
    }

    #[test]
    fn syntax_errors_have_a_line() {
        let err = parse("fail-on = \"high\"\nexclude = [\n").expect_err("unterminated array");
        assert!(err.line.is_some(), "{err}");
    }

    #[test]
    fn reads_cargo_metadata_tables() {
        let text = "[package]\nname = \"x\"\n\n[package.metadata.ferret]\nfail-on = \"medium\"\n";
        let config = parse_manifest(text, Path::new("Cargo.toml"))
            .expect("valid")
            .expect("has a table");
        assert_eq!(config.fail_on, Some(Severity::Medium));

        let text = "[workspace]\n\n[workspace.metadata.ferret]\nfail_on = \"medium\"\n";
        let err = parse_manifest(text, Path::new("Cargo.toml")).expect_err("unknown key");
        assert_eq!(err.key, "workspace.metadata.ferret.fail_on");
        assert_eq!(err.line, Some(4));

        let text = "[package]\nname = \"x\"\n";
        assert_eq!(parse_manifest(text, Path::new("Cargo.toml")), Ok(None));
    }
}
