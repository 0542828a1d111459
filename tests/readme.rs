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
    let table_start = start + readme[start..].find('\n').expect("marker line") + 1;
    let expected = ferret::report::rule_table_markdown();
    assert_eq!(
        &readme[table_start..end],
        expected,
        "README rule table differs from `ferret --list-rules --format markdown`:\n{expected}"
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
