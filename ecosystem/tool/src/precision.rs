//! Per-rule precision from the hand labels, issue 10's target for the rules on by default, and
//! the `## Precision` section written into a rule's page.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Label, percent};

/// A rule on by default is judged once its graded findings (medium and above) have this many
/// labels. Findings graded `low` are the lower grade issue 10 allows for what misses the target:
/// their figures go on the rule's page, but they do not gate.
pub const MIN_LABELS: usize = 10;
/// strict = TP/(TP+FP), in percent.
pub const STRICT_TARGET: usize = 90;
/// keepable = TP/labelled, in percent.
pub const KEEPABLE_TARGET: usize = 60;

/// One entry of `ferret --list-rules --format json`.
#[derive(Deserialize)]
pub struct RuleInfo {
    pub id: String,
    pub enabled_by_default: bool,
}

impl RuleInfo {
    pub fn on_off(&self) -> &'static str {
        if self.enabled_by_default { "on" } else { "off" }
    }
}

#[derive(Default, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counts {
    pub findings: usize,
    pub tp: usize,
    pub fp: usize,
    pub debatable: usize,
}

impl Counts {
    pub fn labelled(&self) -> usize {
        self.tp + self.fp + self.debatable
    }

    fn add(&mut self, findings: usize, label: Option<Label>) {
        self.findings += findings;
        match label {
            Some(Label::TruePositive) => self.tp += 1,
            Some(Label::FalsePositive) => self.fp += 1,
            Some(Label::Debatable) => self.debatable += 1,
            None => {}
        }
    }

    /// strict >= target, or no TP/FP label at all (then keepable decides).
    fn strict_met(&self) -> bool {
        self.tp * 100 >= STRICT_TARGET * (self.tp + self.fp)
    }

    fn keepable_met(&self) -> bool {
        self.tp * 100 >= KEEPABLE_TARGET * self.labelled()
    }

    /// Both targets met on the labelled findings (none labelled counts as a miss: nothing shows
    /// that it meets them).
    fn meets_target(&self) -> bool {
        self.labelled() > 0 && self.strict_met() && self.keepable_met()
    }

    fn summary(&self) -> String {
        format!(
            "{} labelled ({} TP, {} FP, {} debatable): strict {}, keepable {}",
            self.labelled(),
            self.tp,
            self.fp,
            self.debatable,
            percent(self.tp, self.tp + self.fp),
            percent(self.tp, self.labelled())
        )
    }
}

/// A rule's findings and labels, in total and per severity grade.
#[derive(Default, Debug)]
pub struct Tally {
    pub total: Counts,
    pub by_severity: BTreeMap<SeverityKey, Counts>,
}

impl Tally {
    /// The findings graded medium or above: what the target is judged on.
    pub fn graded(&self) -> Counts {
        self.sum_where(|rank| rank <= severity_rank("medium"))
    }

    /// The findings graded below medium: the lower grade, shown but not judged.
    pub fn lower(&self) -> Counts {
        self.sum_where(|rank| rank > severity_rank("medium"))
    }

    fn sum_where(&self, wanted: impl Fn(usize) -> bool) -> Counts {
        let mut sum = Counts::default();
        for (severity, counts) in &self.by_severity {
            if wanted(severity_rank(&severity.0)) {
                sum.findings += counts.findings;
                sum.tp += counts.tp;
                sum.fp += counts.fp;
                sum.debatable += counts.debatable;
            }
        }
        sum
    }

    /// One finding location (`findings` findings at it) of this severity, with its label.
    pub fn add(&mut self, severity: &str, findings: usize, label: Option<Label>) {
        self.total.add(findings, label);
        self.by_severity
            .entry(SeverityKey(severity.to_owned()))
            .or_default()
            .add(findings, label);
    }
}

/// A severity that sorts from the most severe down.
#[derive(Debug, PartialEq, Eq)]
pub struct SeverityKey(pub String);

impl Ord for SeverityKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (severity_rank(&self.0), &self.0).cmp(&(severity_rank(&other.0), &other.0))
    }
}

impl PartialOrd for SeverityKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl std::fmt::Display for SeverityKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// 0 for the most severe grade.
pub fn severity_rank(severity: &str) -> usize {
    ["critical", "high", "medium", "low", "info"]
        .iter()
        .position(|known| *known == severity)
        .unwrap_or(usize::MAX)
}

/// What the guard concludes about the rules on by default.
pub struct Verdicts {
    /// Graded findings (medium and above) with enough labels that miss the target: fatal.
    pub below: Vec<String>,
    /// Graded findings with too few labels to tell.
    pub too_few: Vec<String>,
    /// Rules that pass only because what misses the target is graded low: not fatal (issue 10's
    /// "graded lower"), but named with the low grade's figures so a rule flooding at low is seen.
    pub graded_lower: Vec<String>,
    /// Rules with no finding on the crates at all.
    pub silent: Vec<String>,
}

pub fn verdicts(rules: &[RuleInfo], tallies: &BTreeMap<String, Tally>) -> Verdicts {
    let mut verdicts = Verdicts {
        below: Vec::new(),
        too_few: Vec::new(),
        graded_lower: Vec::new(),
        silent: Vec::new(),
    };
    for rule in rules.iter().filter(|rule| rule.enabled_by_default) {
        // A rule with no finding now has no tally.
        let Some(tally) = tallies.get(&rule.id) else {
            verdicts.silent.push(rule.id.clone());
            continue;
        };
        let (counts, lower) = (tally.graded(), tally.lower());
        if counts.findings == 0 && lower.findings == 0 {
            verdicts.silent.push(rule.id.clone());
            continue;
        }
        if counts.findings > 0 && counts.labelled() < MIN_LABELS {
            verdicts
                .too_few
                .push(format!("{} ({})", rule.id, counts.labelled()));
        } else if counts.labelled() >= MIN_LABELS && !counts.meets_target() {
            verdicts
                .below
                .push(format!("{:<28} {}", rule.id, counts.summary()));
        }
        if lower.findings > 0 && !lower.meets_target() {
            verdicts.graded_lower.push(format!(
                "{:<28} low: {} findings, {}",
                rule.id,
                lower.findings,
                lower.summary()
            ));
        }
    }
    verdicts
}

/// The `## Precision` section of a rule's page: what `ecosystem/check` measured. Deterministic
/// (no date, no commit) so regenerating an unchanged measurement leaves the page unchanged.
pub fn page_section(rule: &RuleInfo, tally: &Tally) -> String {
    let t = &tally.total;
    let mut text = String::from("## Precision\n\n");
    text.push_str(&format!(
        "Measured by `ecosystem/check` on its pinned crates (their own source; test code only \
         where the rule checks it) and written by `ecosystem/check --write-pages`: {} findings, {} \
         of them labelled by reading the source ({} true, {} false, {} debatable).",
        t.findings,
        t.labelled(),
        t.tp,
        t.fp,
        t.debatable
    ));
    if t.labelled() > 0 {
        text.push_str(&format!(
            " Strict precision (true / (true + false)): {}; keepable (true / labelled): {}.",
            percent(t.tp, t.tp + t.fp),
            percent(t.tp, t.labelled())
        ));
    }
    text.push('\n');
    let graded: Vec<_> = tally
        .by_severity
        .iter()
        .filter(|(_, counts)| counts.findings > 0)
        .collect();
    if graded.len() > 1 {
        text.push_str(
            "\n| severity | findings | labelled | true | false | debatable | strict | keepable |\n\
             |---|--:|--:|--:|--:|--:|--:|--:|\n",
        );
        for (severity, c) in graded {
            text.push_str(&format!(
                "| {severity} | {} | {} | {} | {} | {} | {} | {} |\n",
                c.findings,
                c.labelled(),
                c.tp,
                c.fp,
                c.debatable,
                percent(c.tp, c.tp + c.fp),
                percent(c.tp, c.labelled())
            ));
        }
    }
    let target = format!(
        "issue 10's target for a rule on by default (strict ≥ {STRICT_TARGET}% and keepable ≥ \
         {KEEPABLE_TARGET}%, judged on the findings graded medium or above once they have \
         {MIN_LABELS} labels; findings graded low are the lower grade for what misses it)"
    );
    let g = tally.graded();
    let lower = tally.lower();
    let verdict = if g.findings == 0 && lower.findings == 0 {
        format!("No finding on these crates, so nothing to judge against {target}.")
    } else if g.findings == 0 {
        format!("Every finding is graded low, the lower grade of {target}.")
    } else if g.labelled() < MIN_LABELS {
        format!(
            "Its findings graded medium or above have too few labels ({}) to judge against {target}.",
            g.labelled()
        )
    } else if g.meets_target() {
        format!("Its findings graded medium or above meet {target}.")
    } else {
        format!("Its findings graded medium or above miss {target}.")
    };
    text.push_str(&format!("\n{verdict}"));
    if lower.findings > 0 {
        text.push_str(&format!(
            " Graded low: {} findings, {}{}.",
            lower.findings,
            lower.summary(),
            if lower.meets_target() {
                ", which would meet the target too"
            } else {
                ""
            }
        ));
    }
    text.push_str(&format!(" The rule is {} by default.\n", rule.on_off()));
    text
}

/// `page` with its `## Precision` section (up to the next `## ` heading) replaced by `section`,
/// or with `section` appended when it has none.
pub fn replace_section(page: &str, section: &str) -> String {
    let lines: Vec<&str> = page.lines().collect();
    let Some(start) = lines
        .iter()
        .position(|line| line.trim_end() == "## Precision")
    else {
        let mut out = page.trim_end().to_owned();
        out.push_str("\n\n");
        out.push_str(section);
        return out;
    };
    let end = lines[start + 1..]
        .iter()
        .position(|line| line.starts_with("## "))
        .map_or(lines.len(), |offset| start + 1 + offset);
    let mut out = String::new();
    for line in &lines[..start] {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(section);
    if end < lines.len() {
        out.push('\n');
        for line in &lines[end..] {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(id: &str, on: bool) -> RuleInfo {
        RuleInfo {
            id: id.to_owned(),
            enabled_by_default: on,
        }
    }

    fn tally_of(tp: usize, fp: usize, debatable: usize) -> Tally {
        let mut tally = Tally::default();
        for (label, n) in [
            (Label::TruePositive, tp),
            (Label::FalsePositive, fp),
            (Label::Debatable, debatable),
        ] {
            for _ in 0..n {
                tally.add("medium", 1, Some(label));
            }
        }
        tally.add("medium", 1, None);
        tally
    }

    #[test]
    fn rules_on_by_default_below_target_fail_and_off_rules_do_not() {
        let rules = [
            rule("good", true),
            rule("low-strict", true),
            rule("low-keepable", true),
            rule("few", true),
            rule("off", false),
            rule("unlabelled", true),
        ];
        let tallies = BTreeMap::from([
            ("good".to_owned(), tally_of(9, 1, 5)),
            ("low-strict".to_owned(), tally_of(8, 1, 1)),
            ("low-keepable".to_owned(), tally_of(6, 0, 5)),
            ("few".to_owned(), tally_of(0, 9, 0)),
            ("off".to_owned(), tally_of(0, 20, 0)),
        ]);
        let verdicts = verdicts(&rules, &tallies);
        let failed: Vec<&str> = verdicts
            .below
            .iter()
            .map(|line| line.split_whitespace().next().unwrap())
            .collect();
        assert_eq!(failed, ["low-strict", "low-keepable"]);
        assert!(
            verdicts.below[0].contains("strict 89%"),
            "{:?}",
            verdicts.below
        );
        assert_eq!(verdicts.too_few, ["few (9)"]);
        assert_eq!(verdicts.silent, ["unlabelled"]);
        assert!(
            verdicts.graded_lower.is_empty(),
            "{:?}",
            verdicts.graded_lower
        );
    }

    #[test]
    fn findings_graded_low_do_not_gate_but_graded_ones_do() {
        let rules = [rule("graded-lower", true), rule("mixed", true)];
        let mut graded_lower = Tally::default();
        let mut mixed = tally_of(10, 0, 0);
        for _ in 0..30 {
            graded_lower.add("low", 1, Some(Label::FalsePositive));
            mixed.add("low", 1, Some(Label::FalsePositive));
        }
        mixed.add("high", 1, Some(Label::FalsePositive));
        mixed.add("high", 1, Some(Label::FalsePositive));
        let tallies = BTreeMap::from([
            ("graded-lower".to_owned(), graded_lower),
            ("mixed".to_owned(), mixed),
        ]);
        let verdicts = verdicts(&rules, &tallies);
        // 10 TP and 2 FP above low: strict 83%, so `mixed` fails; the 30 low FPs never count.
        assert_eq!(verdicts.below.len(), 1, "{:?}", verdicts.below);
        assert!(
            verdicts.below[0].starts_with("mixed"),
            "{:?}",
            verdicts.below
        );
        assert!(
            verdicts.below[0].contains("12 labelled"),
            "{:?}",
            verdicts.below
        );
        // Nothing at medium to judge, but the low flood is named with its figures, not passed
        // over as "too few labels".
        assert!(verdicts.too_few.is_empty(), "{:?}", verdicts.too_few);
        assert_eq!(
            verdicts.graded_lower.len(),
            2,
            "{:?}",
            verdicts.graded_lower
        );
        assert!(
            verdicts.graded_lower[0].starts_with("graded-lower")
                && verdicts.graded_lower[0].contains("low: 30 findings")
                && verdicts.graded_lower[0].contains("strict 0%, keepable 0%"),
            "{:?}",
            verdicts.graded_lower
        );
    }

    #[test]
    fn unlabelled_low_findings_do_not_count_as_meeting_the_target() {
        let rules = [rule("unread", true), rule("good-low", true)];
        let mut unread = Tally::default();
        unread.add("low", 40, None);
        let mut good_low = Tally::default();
        for _ in 0..10 {
            good_low.add("low", 1, Some(Label::TruePositive));
        }
        let tallies = BTreeMap::from([
            ("unread".to_owned(), unread),
            ("good-low".to_owned(), good_low),
        ]);
        let verdicts = verdicts(&rules, &tallies);
        assert!(verdicts.below.is_empty(), "{:?}", verdicts.below);
        assert_eq!(
            verdicts.graded_lower.len(),
            1,
            "{:?}",
            verdicts.graded_lower
        );
        assert!(
            verdicts.graded_lower[0].starts_with("unread")
                && verdicts.graded_lower[0].contains("0 labelled"),
            "{:?}",
            verdicts.graded_lower
        );
    }

    #[test]
    fn exactly_at_target_passes() {
        // 9/10 strict = 90%, 9/15 keepable = 60%.
        let rules = [rule("edge", true)];
        let tallies = BTreeMap::from([("edge".to_owned(), tally_of(9, 1, 5))]);
        assert!(verdicts(&rules, &tallies).below.is_empty());
    }

    #[test]
    fn section_is_appended_then_replaced_in_place() {
        let page = "# rule\n\n## What it finds\n\ntext\n\n## Fix\n\nfix it\n";
        let first = replace_section(page, "## Precision\n\nold\n");
        assert_eq!(first, format!("{}\n## Precision\n\nold\n", page));
        let second = replace_section(&first, "## Precision\n\nnew\n");
        assert_eq!(second, format!("{}\n## Precision\n\nnew\n", page));
        // A section in the middle keeps what follows it.
        let middle = "# rule\n\n## Precision\n\nold\n\n## Fix\n\nfix it\n";
        assert_eq!(
            replace_section(middle, "## Precision\n\nnew\n"),
            "# rule\n\n## Precision\n\nnew\n\n## Fix\n\nfix it\n"
        );
    }

    #[test]
    fn section_lists_grades_and_the_verdict() {
        let mut tally = tally_of(9, 1, 5);
        tally.add("low", 2, Some(Label::Debatable));
        let section = page_section(&rule("r", true), &tally);
        assert!(
            section.contains("18 findings, 16 of them labelled"),
            "{section}"
        );
        assert!(
            section.contains("| medium | 16 | 15 | 9 | 1 | 5 | 90% | 60% |"),
            "{section}"
        );
        assert!(
            section.contains("| low | 2 | 1 | 0 | 0 | 1 | - | 0% |"),
            "{section}"
        );
        assert!(
            // medium is exactly at target; the low debatable one does not count against it
            section.contains("graded medium or above meet issue 10's target"),
            "{section}"
        );
        assert!(
            section.contains(
                "Graded low: 2 findings, 1 labelled (0 TP, 0 FP, 1 debatable): strict -, keepable 0%. The rule is on by default."
            ),
            "{section}"
        );
        assert_eq!(section, page_section(&rule("r", true), &tally));
    }
}
