//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers, built from the
//! typed structs of `serde-sarif`. Suppressed findings stay in the log with `suppressions`
//! (`inSource` for `// ferret: expect`, `external` for a baseline) so dashboards can show them.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Value, json};
use serde_sarif::sarif;

use crate::finding::{Dimension, Finding, Severity, SuppressionKind};
use crate::rules::{self, RuleMeta};
use crate::scan::{FileProblem, ScanResult};

/// Where artifact URIs are relative to; declared in `originalUriBaseIds`.
pub const SRCROOT: &str = "%SRCROOT%";
/// `informationUri`: the package's `homepage`, else its `repository` (omitted while neither is set).
pub fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")]
        .into_iter()
        .find(|uri| !uri.is_empty())
}
/// The `partialFingerprints` key; bump the version if the fingerprint recipe ever changes.
pub const FINGERPRINT_KEY: &str = "ferret/v1";

pub fn render(result: &ScanResult) -> String {
    let log = build(result);
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_else(|e| {
        // Serialising plain data cannot fail; say so loudly if it ever does.
        format!("{{\"error\": \"cannot serialise the SARIF log: {e}\"}}")
    });
    text.push('\n');
    crate::report::safe_text::json(text)
}

pub fn build(result: &ScanResult) -> sarif::Sarif {
    let metas = rules_in_log(result);
    let index: BTreeMap<&str, usize> = metas.iter().enumerate().map(|(i, m)| (m.id, i)).collect();
    let results: Vec<sarif::Result> = result
        .findings
        .iter()
        .map(|f| sarif_result(f, index.get(f.rule.as_str()).copied()))
        .collect();
    let mut driver = sarif::ToolComponent::builder()
        .name("ferret")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .rules(metas.iter().map(|m| descriptor(m)).collect::<Vec<_>>())
        .build();
    driver.information_uri = information_uri().map(str::to_string);
    let root = sarif::ArtifactLocation {
        uri: Some(directory_uri(&result.root)),
        ..Default::default()
    };
    let mut invocation = sarif::Invocation::builder()
        .execution_successful(true)
        .build();
    if !result.problems.is_empty() {
        invocation.tool_execution_notifications =
            Some(result.problems.iter().map(notification).collect());
    }
    let run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .original_uri_base_ids(BTreeMap::from([(SRCROOT.to_string(), root)]))
        .column_kind(json!("unicodeCodePoints"))
        .invocations(vec![invocation])
        .results(results)
        .build();
    sarif::Sarif::builder()
        .schema(sarif::SCHEMA_URL)
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build()
}

/// Every rule that ran, then any rule a finding names that did not (there should be none).
fn rules_in_log(result: &ScanResult) -> Vec<&'static RuleMeta> {
    let mut metas: Vec<&'static RuleMeta> = result.rules_run.clone();
    for f in &result.findings {
        if !metas.iter().any(|m| m.id == f.rule)
            && let Some(entry) = rules::find(&f.rule)
        {
            metas.push(entry.meta);
        }
    }
    metas
}

pub fn level(severity: Severity) -> sarif::ResultLevel {
    match severity {
        Severity::Critical | Severity::High => sarif::ResultLevel::Error,
        Severity::Medium => sarif::ResultLevel::Warning,
        Severity::Low | Severity::Info => sarif::ResultLevel::Note,
    }
}

/// GitHub ranks security alerts by this CVSS-like score: over 9.0 critical, 7.0 to 8.9 high,
/// 4.0 to 6.9 medium, below that low.
pub fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Info => "1.0",
    }
}

fn text(s: &str) -> sarif::MultiformatMessageString {
    sarif::MultiformatMessageString::builder().text(s).build()
}

/// `allow-attribute` -> `AllowAttribute`, SARIF's human-readable rule name.
fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                // optional: an empty word (`a--b`) stays empty
                .unwrap_or_default()
        })
        .collect()
}

fn descriptor(meta: &RuleMeta) -> sarif::ReportingDescriptor {
    let mut properties = BTreeMap::from([(
        "precision".to_string(),
        Value::String(meta.precision.as_str().to_string()),
    )]);
    if meta.dimension == Dimension::Security {
        properties.insert(
            "security-severity".to_string(),
            Value::String(security_severity(meta.default_severity).to_string()),
        );
    }
    let full = meta.doc_section("What it finds").unwrap_or(meta.summary);
    sarif::ReportingDescriptor::builder()
        .id(meta.id)
        .name(pascal_case(meta.id))
        .short_description(text(meta.summary))
        .full_description(text(full))
        .help(
            sarif::MultiformatMessageString::builder()
                .text(meta.doc)
                .markdown(meta.doc)
                .build(),
        )
        .default_configuration(sarif::ReportingConfiguration {
            level: Some(json!(level(meta.default_severity))),
            ..Default::default()
        })
        .properties(sarif::PropertyBag {
            tags: Some(vec![meta.dimension.as_str().to_string()]),
            additional_properties: properties,
        })
        .build()
}

fn sarif_result(f: &Finding, rule_index: Option<usize>) -> sarif::Result {
    let region = sarif::Region {
        start_line: Some(count(f.line)),
        start_column: Some(count(f.column)),
        end_line: Some(count(f.end_line)),
        end_column: Some(count(f.end_column)),
        snippet: Some(sarif::ArtifactContent {
            text: Some(f.snippet.clone()),
            ..Default::default()
        }),
        ..Default::default()
    };
    let location = sarif::Location {
        physical_location: Some(sarif::PhysicalLocation {
            artifact_location: Some(sarif::ArtifactLocation {
                uri: Some(percent_encode(&f.path)),
                uri_base_id: Some(SRCROOT.to_string()),
                ..Default::default()
            }),
            region: Some(region),
            ..Default::default()
        }),
        ..Default::default()
    };
    let properties = BTreeMap::from([
        ("severity".to_string(), json!(f.severity)),
        ("crate".to_string(), json!(f.crate_name)),
        ("in_test".to_string(), json!(f.in_test)),
        ("help".to_string(), json!(f.help)),
    ]);
    let suppressions = f.suppression.as_ref().map(|s| {
        let kind = match s.kind {
            SuppressionKind::InSource => "inSource",
            SuppressionKind::Baseline | SuppressionKind::Config => "external",
        };
        let mut suppression = sarif::Suppression::builder().kind(json!(kind)).build();
        suppression.justification = Some(s.justification.clone()).filter(|j| !j.is_empty());
        vec![suppression]
    });
    let mut out = sarif::Result::builder()
        .rule_id(f.rule.clone())
        .level(level(f.severity))
        .message(sarif::Message {
            text: Some(format!("{}\nhelp: {}", f.message, f.help)),
            ..Default::default()
        })
        .locations(vec![location])
        .partial_fingerprints(BTreeMap::from([(
            FINGERPRINT_KEY.to_string(),
            f.fingerprint.clone(),
        )]))
        .properties(sarif::PropertyBag {
            tags: None,
            additional_properties: properties,
        })
        .build();
    out.rule_index = rule_index.map(count);
    out.suppressions = suppressions;
    if !f.flow.is_empty() {
        out.code_flows = Some(vec![code_flow(f)]);
    }
    out
}

/// A data-flow finding's path as one SARIF code flow: source, steps, sink, in order.
fn code_flow(f: &Finding) -> sarif::CodeFlow {
    let locations: Vec<sarif::ThreadFlowLocation> = f
        .flow
        .iter()
        .map(|step| {
            let location = sarif::Location {
                physical_location: Some(sarif::PhysicalLocation {
                    artifact_location: Some(sarif::ArtifactLocation {
                        uri: Some(percent_encode(&f.path)),
                        uri_base_id: Some(SRCROOT.to_string()),
                        ..Default::default()
                    }),
                    region: Some(sarif::Region {
                        start_line: Some(count(step.line)),
                        start_column: Some(count(step.column)),
                        end_line: Some(count(step.end_line)),
                        end_column: Some(count(step.end_column)),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                message: Some(sarif::Message {
                    text: Some(step.note.clone()),
                    ..Default::default()
                }),
                ..Default::default()
            };
            sarif::ThreadFlowLocation {
                location: Some(location),
                ..Default::default()
            }
        })
        .collect();
    sarif::CodeFlow::builder()
        .thread_flows(vec![
            sarif::ThreadFlow::builder().locations(locations).build(),
        ])
        .build()
}

fn notification(p: &FileProblem) -> sarif::Notification {
    let region = p.line.map(|line| sarif::Region {
        start_line: Some(count(line)),
        start_column: p.column.map(count),
        ..Default::default()
    });
    let level = match p.kind {
        crate::scan::ProblemKind::ParseError | crate::scan::ProblemKind::InternalError => "error",
        _ => "warning",
    };
    sarif::Notification::builder()
        .level(json!(level))
        .message(sarif::Message {
            text: Some(p.message.clone()),
            ..Default::default()
        })
        .locations(vec![sarif::Location {
            physical_location: Some(sarif::PhysicalLocation {
                artifact_location: Some(sarif::ArtifactLocation {
                    uri: Some(percent_encode(&p.path)),
                    uri_base_id: Some(SRCROOT.to_string()),
                    ..Default::default()
                }),
                region,
                ..Default::default()
            }),
            ..Default::default()
        }])
        .build()
}

/// Lines and columns are small; saturate rather than wrap in the impossible case.
fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// `file:///abs/root/`, as `originalUriBaseIds` wants (absolute, ending in `/`).
fn directory_uri(root: &Path) -> String {
    let mut path = root.to_string_lossy().replace('\\', "/");
    if !path.starts_with('/') {
        path.insert(0, '/');
    }
    if !path.ends_with('/') {
        path.push('/');
    }
    format!("file://{}", percent_encode(&path))
}

/// Escapes what may not appear in a URI path; `/` stays a separator.
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:@!$&'()*+,;=".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_escaped() {
        assert_eq!(percent_encode("a b/c%d.rs"), "a%20b/c%25d.rs");
        assert_eq!(directory_uri(Path::new("/x y")), "file:///x%20y/");
    }

    #[test]
    fn names_and_levels() {
        assert_eq!(pascal_case("allow-attribute"), "AllowAttribute");
        assert_eq!(level(Severity::High), sarif::ResultLevel::Error);
        assert_eq!(level(Severity::Medium), sarif::ResultLevel::Warning);
        assert_eq!(level(Severity::Info), sarif::ResultLevel::Note);
    }
}
