//! The draft's severities: a rule's grade suits a CI gate, where a finding of unknown origin
//! stays medium; an audit grades by what the code does with the value. Calibration reads only the
//! facts the rule recorded at analysis time (`Finding::evidence`) and only ever raises a grade,
//! saying why. The executive summary, the crate sections and the work items all use it.
//!
//! Error text that reaches a response is graded by the rule already from what the error carries
//! (`error-detail-leak`: database text high, as seed 000's S-2; other errors medium). Raising
//! every response leak to high was tried and measured: on the vendored corpus all 6 it raised
//! were framework rejection and encoding messages (axum, tonic), which seed 000 grades low (O-10),
//! so the draft keeps the rule's grade there.

use crate::finding::{Finding, Severity};

/// SQL statements whose interpolated parts are identifiers or schema (they cannot be bound):
/// executed, or written into a migration, they change what the database does.
const IDENTIFIER_STATEMENTS: &[&str] = &[
    "NOTIFY", "LISTEN", "UNLISTEN", "CREATE", "ALTER", "DROP", "TRUNCATE", "GRANT", "REVOKE",
];

/// A finding's grade in the draft, and why it differs from the rule's (`None`: it does not).
pub fn calibrate(f: &Finding) -> (Severity, Option<&'static str>) {
    let evidence = |key: &str| f.evidence.get(key).map(String::as_str);
    let raised = match f.rule.as_str() {
        "sql-interpolation" if evidence("placement") == Some("quoted-literal") => Some((
            Severity::High,
            "a runtime value is spliced inside a quoted SQL literal, where a bind parameter belongs",
        )),
        "sql-interpolation"
            if evidence("keyword").is_some_and(|k| IDENTIFIER_STATEMENTS.contains(&k)) =>
        {
            Some((
                Severity::High,
                "runtime values become identifiers or schema of a statement that cannot bind them",
            ))
        }
        _ => None,
    };
    match raised {
        Some((severity, why)) if severity > f.severity => (severity, Some(why)),
        _ => (f.severity, None),
    }
}

/// The draft's grade of a finding.
pub fn severity(f: &Finding) -> Severity {
    calibrate(f).0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Dimension;

    fn finding(rule: &str, severity: Severity, evidence: &[(&str, &str)]) -> Finding {
        Finding {
            evidence: evidence
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..super::super::test_finding(rule, severity, Dimension::Security)
        }
    }

    #[test]
    fn sql_in_quoted_literals_and_identifier_statements_is_high() {
        let quoted = finding(
            "sql-interpolation",
            Severity::Medium,
            &[("keyword", "SELECT"), ("placement", "quoted-literal")],
        );
        assert_eq!(calibrate(&quoted).0, Severity::High);
        assert!(calibrate(&quoted).1.is_some());
        let notify = finding(
            "sql-interpolation",
            Severity::Medium,
            &[("keyword", "NOTIFY"), ("executor", "query")],
        );
        assert_eq!(severity(&notify), Severity::High);
        let ddl = finding(
            "sql-interpolation",
            Severity::Medium,
            &[("keyword", "CREATE")],
        );
        assert_eq!(severity(&ddl), Severity::High, "a generated migration");
        // A value outside quotes in a query: its origin is unknown, the rule's medium stands.
        let plain = finding(
            "sql-interpolation",
            Severity::Medium,
            &[("keyword", "SELECT"), ("executor", "query")],
        );
        assert_eq!(calibrate(&plain), (Severity::Medium, None));
    }

    #[test]
    fn error_text_keeps_the_rules_grade() {
        // The rule grades by the error's origin (database text reaching a response is high).
        let sent = finding(
            "error-detail-leak",
            Severity::Medium,
            &[("reaches", "response")],
        );
        assert_eq!(calibrate(&sent), (Severity::Medium, None));
    }

    #[test]
    fn calibration_never_lowers_a_grade() {
        let critical = finding(
            "sql-interpolation",
            Severity::Critical,
            &[("placement", "quoted-literal")],
        );
        assert_eq!(calibrate(&critical), (Severity::Critical, None));
    }
}
