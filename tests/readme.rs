//! The README's rule table is the same as `ferret --list-rules`.

use ferret::rules;

#[test]
fn readme_rule_table_matches_the_registry() {
    let readme = include_str!("../README.md");
    let start = readme
        .find("<!-- rule-table")
        .expect("README has a rule table marker");
    let end = readme
        .find("<!-- end rule-table -->")
        .expect("README has an end marker");
    let rows: Vec<Vec<String>> = readme[start..end]
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect();
    let expected: Vec<Vec<String>> = rules::registry()
        .iter()
        .map(|r| {
            let m = r.meta;
            vec![
                format!("`{}`", m.id),
                m.dimension.as_str().to_string(),
                m.default_severity.as_str().to_string(),
                if m.enabled_by_default { "on" } else { "off" }.to_string(),
                m.summary.to_string(),
            ]
        })
        .collect();
    assert_eq!(
        rows, expected,
        "README rule table differs from the registry"
    );
}

#[test]
fn every_rule_page_has_the_four_sections() {
    for entry in rules::registry() {
        for heading in ["What it finds", "Why it matters", "Example", "Fix"] {
            let section = entry.meta.doc_section(heading);
            assert!(
                section.is_some_and(|s| !s.is_empty()),
                "rules/{}.md lacks `## {heading}`",
                entry.meta.id
            );
        }
        assert!(
            entry
                .meta
                .doc
                .starts_with(&format!("# {}\n", entry.meta.id)),
            "rules/{}.md must start with `# {}`",
            entry.meta.id,
            entry.meta.id
        );
    }
}
