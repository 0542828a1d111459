//! From findings to the draft's findings: one per root cause. Findings of different rules on the
//! same line (one expression or item seen by several rules) become one instance with facets;
//! every instance of one rule in one crate is one finding, whatever the instances' severities.
//! Findings in test, example and benchmark code, in fns nothing calls, and in crates that are only
//! test harnesses, are set aside for the appendix.

use std::collections::BTreeMap;

use super::calibrate;
use crate::finding::{Finding, Severity};
use crate::report::markdown_dependencies as dependencies;
use crate::rules;
use crate::scan::{CrateSummary, ScanResult};

/// Characters a snippet's first line needs to show more than a fragment (`.ok();`, `})`).
const MIN_TELLING_LINE: usize = 12;

/// One instance: a finding, and the findings of other rules on the same line.
pub struct Instance<'r> {
    pub finding: &'r Finding,
    pub facets: Vec<&'r Finding>,
}

/// One finding of the draft.
pub struct Issue<'r> {
    pub id: String,
    pub crate_index: usize,
    pub rule: &'r str,
    /// The most severe instance's, as calibrated (`calibrate`).
    pub severity: Severity,
    /// In path and line order.
    pub instances: Vec<Instance<'r>>,
}

impl<'r> Issue<'r> {
    /// The instance whose code shows the problem best: the most severe, preferring one whose
    /// snippet is code rather than a comment header, then one whose line says more than a
    /// fragment of a chain (`.ok();`), then the first.
    pub fn telling(&self) -> &Instance<'r> {
        let opens_with_comment = |f: &Finding| {
            let t = f.snippet.trim_start();
            t.starts_with("//") || t.starts_with("/*")
        };
        let says_something = |f: &Finding| {
            f.snippet.lines().next().map_or(0, |l| l.trim().len()) >= MIN_TELLING_LINE
        };
        self.instances
            .iter()
            .max_by_key(|i| {
                (
                    calibrate::severity(i.finding),
                    !opens_with_comment(i.finding),
                    says_something(i.finding),
                    std::cmp::Reverse((&i.finding.path, i.finding.line)),
                )
            })
            .unwrap_or(&self.instances[0])
    }

    pub fn facet_count(&self) -> usize {
        self.instances.iter().map(|i| i.facets.len()).sum()
    }
}

/// Where a non-production finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    TestCode,
    IntegrationTests,
    Examples,
    Benches,
    HarnessCrate,
    DeadCode,
}

impl Place {
    pub fn describe(self) -> &'static str {
        match self {
            Place::TestCode => "test code (`#[cfg(test)]`, `#[test]` fns, `tests.rs`)",
            Place::IntegrationTests => "integration tests (`tests/`)",
            Place::Examples => "examples (`examples/`)",
            Place::Benches => "benchmarks (`benches/`)",
            Place::HarnessCrate => "test-harness crate (a dev-dependency only)",
            Place::DeadCode => "fns nothing calls (private, never named in the workspace)",
        }
    }

    fn of(f: &Finding, harness: bool) -> Place {
        if harness {
            return Place::HarnessCrate;
        }
        if f.dead_code && !f.in_test {
            return Place::DeadCode;
        }
        let dirs: Vec<&str> = f.path.split('/').collect();
        let dirs = &dirs[..dirs.len().saturating_sub(1)];
        if dirs.contains(&"examples") {
            Place::Examples
        } else if dirs.contains(&"benches") {
            Place::Benches
        } else if dirs.contains(&"tests") {
            Place::IntegrationTests
        } else {
            Place::TestCode
        }
    }
}

/// A crate that is only a test harness (a dev-dependency of the others, see `crate::harness`),
/// or all of whose files are test code by location: it gets no crate section.
pub fn is_harness(summary: &CrateSummary) -> bool {
    summary.test_harness || (summary.files > 0 && summary.test_files == summary.files)
}

pub struct Grouped<'r> {
    /// In crate order, each crate's most severe first.
    pub issues: Vec<Issue<'r>>,
    /// (crate index, place, rule) -> active findings there.
    pub non_production: BTreeMap<(usize, Place, &'r str), Vec<&'r Finding>>,
}

pub fn group<'r>(result: &'r ScanResult, prefixes: &[String]) -> Grouped<'r> {
    let mut production: Vec<Vec<&Finding>> = vec![Vec::new(); result.crates.len()];
    let mut non_production: BTreeMap<(usize, Place, &str), Vec<&Finding>> = BTreeMap::new();
    // Advisories on dependencies have a section of their own (`markdown_dependencies`).
    let findings = result
        .active_findings()
        .filter(|f| !dependencies::is_dependency_rule(&f.rule));
    for f in findings {
        let Some(index) = result.crates.iter().position(|c| c.name == f.crate_name) else {
            continue;
        };
        let harness = is_harness(&result.crates[index]);
        if f.in_test || f.dead_code || harness {
            non_production
                .entry((index, Place::of(f, harness), f.rule.as_str()))
                .or_default()
                .push(f);
        } else {
            production[index].push(f);
        }
    }
    let mut issues = Vec::new();
    for (crate_index, findings) in production.into_iter().enumerate() {
        let mut crate_issues = issues_of(crate_index, merge_same_line(findings));
        crate_issues.sort_by(|a, b| {
            (b.severity, b.instances.len(), a.rule).cmp(&(a.severity, a.instances.len(), b.rule))
        });
        for (n, issue) in crate_issues.iter_mut().enumerate() {
            issue.id = format!("{}-{}", prefixes[crate_index], n + 1);
        }
        issues.extend(crate_issues);
    }
    Grouped {
        issues,
        non_production,
    }
}

/// Findings on the same line of the same file are one instance: the most severe (as calibrated)
/// leads (on a tie,
/// the rule of the earlier audit dimension, security first, then registry order), the others
/// are its facets.
fn merge_same_line(findings: Vec<&Finding>) -> Vec<Instance<'_>> {
    let rank = |f: &Finding| {
        let order = rules::registry()
            .iter()
            .position(|r| r.meta.id == f.rule)
            .unwrap_or(usize::MAX);
        (
            std::cmp::Reverse(calibrate::severity(f)),
            f.dimension,
            order,
        )
    };
    let mut by_line: BTreeMap<(&str, usize), Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        by_line.entry((&f.path, f.line)).or_default().push(f);
    }
    let mut instances = Vec::new();
    for mut same in by_line.into_values() {
        same.sort_by_key(|f| rank(f));
        let lead = same.remove(0);
        // Two instances of one rule on a line (two `unwrap_or_default()` calls) stay two
        // instances; only other rules' findings are facets of the lead.
        let (repeats, facets): (Vec<&Finding>, Vec<&Finding>) =
            same.into_iter().partition(|f| f.rule == lead.rule);
        instances.push(Instance {
            finding: lead,
            facets,
        });
        instances.extend(repeats.into_iter().map(|finding| Instance {
            finding,
            facets: Vec::new(),
        }));
    }
    instances
}

fn issues_of(crate_index: usize, instances: Vec<Instance<'_>>) -> Vec<Issue<'_>> {
    let mut by_rule: BTreeMap<&str, Vec<Instance<'_>>> = BTreeMap::new();
    for i in instances {
        by_rule.entry(&i.finding.rule).or_default().push(i);
    }
    by_rule
        .into_iter()
        .map(|(rule, instances)| Issue {
            id: String::new(),
            crate_index,
            rule,
            severity: instances
                .iter()
                .map(|i| calibrate::severity(i.finding))
                .max()
                .unwrap_or(Severity::Info),
            instances,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Dimension;

    fn finding(rule: &str, severity: Severity, line: usize) -> Finding {
        Finding {
            line,
            end_line: line,
            ..super::super::test_finding(rule, severity, Dimension::ErrorHandling)
        }
    }

    #[test]
    fn other_rules_on_a_line_are_facets_and_the_same_rule_stays_an_instance() {
        let a = finding("unwrap-or-default", Severity::Medium, 3);
        let b = finding("unwrap-or-default", Severity::Low, 3);
        let c = finding("panic-in-production", Severity::Low, 3);
        let instances = merge_same_line(vec![&b, &c, &a]);
        assert_eq!(instances.len(), 2, "two `unwrap_or_default()` calls");
        assert_eq!(instances[0].finding.severity, Severity::Medium);
        let facets: Vec<&str> = instances[0]
            .facets
            .iter()
            .map(|f| f.rule.as_str())
            .collect();
        assert_eq!(facets, ["panic-in-production"]);
        assert!(instances[1].facets.is_empty());
        let issues = issues_of(0, instances);
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].instances.len(), 2);
    }
}
