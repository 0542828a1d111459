//! Finding titles and work items, one table for every rule: a title says what was found where,
//! from the instances' evidence (`Finding::evidence`), never the rule's generic summary.
//!
//! Placeholders: `{n}` the instance count; `{at}` the place (`` (`emitter.rs:122`) `` for one
//! instance, `` in `listener.rs` `` or `across 4 files` for several); `{in_fn}` the enclosing
//! function (`` in `notify` ``, `` in FFI `poll` `` for an `extern` fn; empty when unknown or when
//! the instances are in different functions); `{keyword}` the SQL statement keyword (`` `NOTIFY` ``
//! followed by a space, or empty); `{values}` what was interpolated (or `runtime values`);
//! `{code:KEY|fallback}` the evidence a rule recorded under `KEY`, as code, or the fallback words.

use std::collections::BTreeSet;

use super::group::Issue;
use super::text::{code, file_name};

pub struct Title {
    pub rule: &'static str,
    pub one: &'static str,
    pub many: &'static str,
    /// The remediation work item the finding belongs to; rules sharing a fix share one.
    pub work_item: &'static str,
}

const fn t(
    rule: &'static str,
    one: &'static str,
    many: &'static str,
    work_item: &'static str,
) -> Title {
    Title {
        rule,
        one,
        many,
        work_item,
    }
}

pub const LINT_CLEANUP: &str = "Lint compliance cleanup";
pub const DEPENDENCY_UPGRADE: &str = "Dependency upgrade";

/// Rules of other branches have their titles here already, so merging them keeps the table whole.
pub const TITLES: &[Title] = &[
    t(
        "allow-attribute",
        "`#[allow]` instead of `#[expect]`{in_fn} {at}",
        "{n} `#[allow]` attributes instead of `#[expect]` {at}",
        LINT_CLEANUP,
    ),
    t(
        "block-on-without-timeout",
        "`block_on` without timeout{in_fn} {at}",
        "{n} `block_on` calls without timeout{in_fn} {at}",
        "Timeouts around blocking waits",
    ),
    t(
        "detached-spawn",
        "Detached task{in_fn} loses its panics {at}",
        "{n} detached tasks lose their panics {at}",
        "Supervise spawned tasks",
    ),
    t(
        "discarded-result",
        "Result discarded unchecked{in_fn} {at}",
        "{n} results discarded unchecked {at}",
        "Handle discarded results",
    ),
    t(
        "error-detail-leak",
        "Internal error text may reach clients{in_fn} {at}",
        "{n} places where internal error text may reach clients {at}",
        "Error message sanitization",
    ),
    t(
        "ffi-unchecked-pointer",
        "C pointer used without a null check{in_fn} {at}",
        "{n} C pointers used without null checks{in_fn} {at}",
        "FFI pointer checks",
    ),
    t(
        "hardcoded-resource-limit",
        "Hard-coded {code:limit|resource limit}{in_fn} {at}",
        "{n} hard-coded resource limits {at}",
        "Configurable resource limits",
    ),
    t(
        "map-err-discard",
        "`map_err` drops the error cause{in_fn} {at}",
        "{n} error causes dropped by `map_err` {at}",
        "Error context preservation",
    ),
    t(
        "panic-in-production",
        "Panic path in production code{in_fn} {at}",
        "{n} panic paths in production code {at}",
        "Production panics to errors",
    ),
    t(
        "permissive-cors",
        "CORS allows any origin{in_fn} {at}",
        "{n} CORS layers allow any origin {at}",
        "CORS origin allow-list",
    ),
    t(
        "poison-recovery",
        "Poisoned-lock recovery{in_fn} hides a writer's panic {at}",
        "{n} poisoned-lock recoveries {at} hide writer panics",
        "Lock-poison handling",
    ),
    t(
        "shutdown-without-timeout",
        "Shutdown waits without timeout{in_fn} {at}",
        "{n} shutdown waits without timeout {at}",
        "Shutdown and recovery hardening",
    ),
    t(
        "sql-interpolation",
        "{keyword}SQL built from {values}{in_fn} {at}",
        "{n} SQL texts built from runtime values {at}",
        "SQL identifier validation and bind parameters",
    ),
    t(
        "stringly-error",
        "Error source flattened into a string{in_fn} {at}",
        "{n} error conversions flatten the source into a string {at}",
        "Error context preservation",
    ),
    t(
        "suppression-without-reason",
        "ferret suppression without a reason {at}",
        "{n} ferret suppressions without a reason {at}",
        LINT_CLEANUP,
    ),
    t(
        "tls-verification-disabled",
        "TLS certificate verification disabled{in_fn} {at}",
        "{n} places disable TLS certificate verification {at}",
        "TLS verification",
    ),
    t(
        "unbounded-channel",
        "Unbounded channel {code:constructor|}{in_fn} {at}",
        "{n} unbounded channels {at}",
        "Bounded channels",
    ),
    t(
        "unbounded-spin",
        "Spin-wait without a deadline{in_fn} {at}",
        "{n} spin-waits without a deadline {at}",
        "Bounded spin-waits",
    ),
    t(
        "unsafe-send-sync",
        "`unsafe impl Send`/`Sync` on a public type {at}",
        "{n} `unsafe impl Send`/`Sync` on public types {at}",
        "Send/Sync soundness review",
    ),
    t(
        "unused-suppression",
        "ferret suppression that silences nothing {at}",
        "{n} ferret suppressions that silence nothing {at}",
        LINT_CLEANUP,
    ),
    t(
        "unwrap-or-default",
        "Missing value silently defaulted{in_fn} {at}",
        "{n} `unwrap_or_default()` calls fill missing values silently {at}",
        "Fail loudly on missing values",
    ),
    t(
        "unraised-error-variant",
        "Error variant that nothing constructs {at}",
        "{n} error variants that nothing constructs {at}",
        "Raise or remove dead error variants",
    ),
    t(
        "unvalidated-input",
        "Request input accepted without `.validate()`{in_fn} {at}",
        "{n} handlers accept input without `.validate()` {at}",
        "Request validation at the handler",
    ),
    t(
        "command-injection",
        "Untrusted input decides a command{in_fn} {at}",
        "{n} commands decided by untrusted input {at}",
        "Command argument validation",
    ),
    t(
        "path-traversal",
        "Untrusted input decides a file path{in_fn} {at}",
        "{n} file paths decided by untrusted input {at}",
        "Path validation",
    ),
    t(
        "regex-injection",
        "Untrusted input compiled as a regex{in_fn} {at}",
        "{n} regexes compiled from untrusted input {at}",
        "Regex input escaping",
    ),
    t(
        "sql-injection",
        "Untrusted input reaches {keyword}SQL{in_fn} {at}",
        "{n} SQL executions reached by untrusted input {at}",
        "SQL identifier validation and bind parameters",
    ),
    t(
        "ssrf",
        "Untrusted input decides an outgoing URL{in_fn} {at}",
        "{n} outgoing URLs decided by untrusted input {at}",
        "Outgoing URL allow-list",
    ),
    t(
        "uncontrolled-allocation",
        "Untrusted number sizes an allocation{in_fn} {at}",
        "{n} allocations sized by untrusted numbers {at}",
        "Bound input-sized allocations",
    ),
    t(
        "http-client-without-timeout",
        "HTTP client without a timeout{in_fn} {at}",
        "{n} HTTP clients without a timeout {at}",
        "Client timeouts",
    ),
    t(
        "insecure-default-url",
        "`http://` default URL for a configuration with credentials {at}",
        "{n} `http://` default URLs for configurations with credentials {at}",
        "HTTPS defaults",
    ),
    t(
        "lint-policy-not-enforced",
        "Lint policy not enforced in `[lints]` {at}",
        "{n} manifests without `allow_attributes` in `[lints]` {at}",
        LINT_CLEANUP,
    ),
    t(
        "no-statement-timeout",
        "Database pool without a statement timeout {at}",
        "{n} database pools without a statement timeout {at}",
        "Database statement timeouts",
    ),
    t(
        "unmaintained-dependency",
        "Unmaintained dependency {at}",
        "{n} unmaintained dependencies {at}",
        DEPENDENCY_UPGRADE,
    ),
    t(
        "unsound-dependency",
        "Dependency version with an unsoundness advisory {at}",
        "{n} dependency versions with unsoundness advisories {at}",
        DEPENDENCY_UPGRADE,
    ),
    t(
        "unused-dependency-ignores",
        "Long unused-dependency ignore list {at}",
        "{n} long unused-dependency ignore lists {at}",
        "Dependency hygiene",
    ),
    t(
        "vulnerable-dependency",
        "Dependency version with a security advisory {at}",
        "{n} dependency versions with security advisories {at}",
        DEPENDENCY_UPGRADE,
    ),
];

pub fn of(rule: &str) -> Option<&'static Title> {
    TITLES.iter().find(|t| t.rule == rule)
}

/// The work item of a rule's findings.
pub fn work_item(rule: &str) -> String {
    of(rule).map_or_else(
        || format!("Fix {}", code(rule)),
        |t| t.work_item.to_string(),
    )
}

/// What a title is made of.
pub struct Facts {
    pub count: usize,
    pub at: String,
    pub in_fn: String,
    pub keyword: String,
    pub values: String,
    /// The telling instance's evidence, for `{code:KEY|fallback}`.
    pub evidence: std::collections::BTreeMap<String, String>,
}

impl Facts {
    pub fn of(issue: &Issue<'_>) -> Facts {
        let telling = issue.telling().finding;
        let files: BTreeSet<&str> = issue
            .instances
            .iter()
            .map(|i| i.finding.path.as_str())
            .collect();
        let at = if issue.instances.len() == 1 {
            format!(
                "({})",
                code(&format!("{}:{}", file_name(&telling.path), telling.line))
            )
        } else if files.len() == 1 {
            format!("in {}", code(file_name(&telling.path)))
        } else {
            format!("across {} files", files.len())
        };
        let fns: BTreeSet<Option<&String>> = issue
            .instances
            .iter()
            .map(|i| i.finding.evidence.get("fn"))
            .collect();
        let in_fn = match (fns.len(), telling.evidence.get("fn")) {
            (1, Some(name)) => {
                let ffi = if telling.evidence.get("abi").is_some_and(|a| a == "extern") {
                    "FFI "
                } else {
                    ""
                };
                format!(" in {ffi}{}", code(name))
            }
            _ => String::new(),
        };
        Facts {
            count: issue.instances.len(),
            at,
            in_fn,
            keyword: telling
                .evidence
                .get("keyword")
                .map(|k| format!("{} ", code(k)))
                .unwrap_or_default(), // optional: without a keyword the title just says "SQL"
            values: telling
                .evidence
                .get("values")
                .map(|v| super::text::prose(v))
                .unwrap_or_else(|| "runtime values".to_string()),
            evidence: telling.evidence.clone(),
        }
    }
}

pub fn title(issue: &Issue<'_>) -> String {
    let facts = Facts::of(issue);
    let template = match of(issue.rule) {
        Some(t) if facts.count == 1 => t.one,
        Some(t) => t.many,
        None => "{rule}: {n} findings {at}",
    };
    fill(template, issue.rule, &facts)
}

fn fill(template: &str, rule: &str, facts: &Facts) -> String {
    let text = template
        .replace("{n}", &facts.count.to_string())
        .replace("{at}", &facts.at)
        .replace("{in_fn}", &facts.in_fn)
        .replace("{keyword}", &facts.keyword)
        .replace("{values}", &facts.values)
        .replace("{rule}", &code(rule));
    let text = fill_evidence(&text, facts);
    let text = text.trim().replace("  ", " ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if first.is_ascii_lowercase() && !text.starts_with("ferret") => {
            first.to_uppercase().chain(chars).collect()
        }
        _ => text,
    }
}

/// `{code:KEY|fallback}`: the evidence under `KEY` as inline code, or the fallback words.
fn fill_evidence(template: &str, facts: &Facts) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find("{code:") {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        out.push_str(&rest[..start]);
        let spec = &rest[start + "{code:".len()..start + len];
        let (key, fallback) = spec.split_once('|').unwrap_or((spec, ""));
        match facts.evidence.get(key) {
            Some(value) => out.push_str(&code(value)),
            None => out.push_str(fallback),
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules;

    fn facts(count: usize) -> Facts {
        Facts {
            count,
            at: "(`a.rs:1`)".into(),
            in_fn: " in `f`".into(),
            keyword: "`NOTIFY` ".into(),
            values: "`channel`".into(),
            evidence: Default::default(),
        }
    }

    #[test]
    fn every_rule_has_a_title_that_is_not_its_summary() {
        for entry in rules::registry() {
            let title =
                of(entry.meta.id).unwrap_or_else(|| panic!("{} has no title", entry.meta.id));
            for n in [1, 3] {
                let template = if n == 1 { title.one } else { title.many };
                let text = fill(template, entry.meta.id, &facts(n));
                assert_ne!(text, entry.meta.summary);
                assert!(!text.contains('{'), "{text}");
            }
        }
        let mut with_limit = facts(1);
        with_limit
            .evidence
            .insert("limit".into(), "max_connections(20)".into());
        let limit = of("hardcoded-resource-limit").expect("known").one;
        assert_eq!(
            fill(limit, "hardcoded-resource-limit", &with_limit),
            "Hard-coded `max_connections(20)` in `f` (`a.rs:1`)"
        );
        assert_eq!(
            fill(limit, "hardcoded-resource-limit", &facts(1)),
            "Hard-coded resource limit in `f` (`a.rs:1`)"
        );
        assert_eq!(
            fill(
                of("sql-interpolation").expect("known").one,
                "sql-interpolation",
                &facts(1)
            ),
            "`NOTIFY` SQL built from `channel` in `f` (`a.rs:1`)"
        );
    }
}
