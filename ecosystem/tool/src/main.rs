//! The engine of `ecosystem/check`: scans each pinned crate with a ferret binary, prints per-rule
//! counts and precision from labels.tsv, lists findings added and removed against expected.tsv,
//! and fails when a finding labelled TP disappears or one labelled FP comes back, or when a rule
//! on by default misses issue 10's precision target. `--write-pages` puts each rule's figures in
//! the `## Precision` section of its page (rules/ID.md).
//!
//! A finding is identified across ferret versions by (rule, crate, path, line): the crates are
//! pinned, so lines do not move; columns and messages may change with a rule and are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use serde::Deserialize;

mod precision;

use precision::{RuleInfo, Tally};

const USAGE: &str = "usage: ferret-ecosystem-tool --ferret BIN --metadata FILE --dir ECOSYSTEM_DIR \
                     [--update | --unlabelled [N]] [--write-pages all|RULE,RULE..] \
                     [--enforce-precision]";

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    rule: String,
    krate: String,
    path: String,
    line: u32,
}

impl Key {
    fn tsv(&self) -> String {
        format!(
            "{}\t{}\t{}\t{}",
            self.rule, self.krate, self.path, self.line
        )
    }
}

struct Finding {
    severity: String,
    message: String,
    snippet: Option<String>,
    /// The file on disk, for a reader who labels the finding.
    file: PathBuf,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Label {
    TruePositive,
    FalsePositive,
    Debatable,
}

impl Label {
    fn parse(text: &str) -> Option<Label> {
        match text {
            "TP" => Some(Label::TruePositive),
            "FP" => Some(Label::FalsePositive),
            "debatable" => Some(Label::Debatable),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Label::TruePositive => "TP",
            Label::FalsePositive => "FP",
            Label::Debatable => "debatable",
        }
    }
}

enum Mode {
    Check,
    Update,
    Unlabelled(Option<usize>),
}

struct Args {
    ferret: PathBuf,
    metadata: PathBuf,
    dir: PathBuf,
    mode: Mode,
    /// Fail when a rule on by default misses the precision target (otherwise it is reported).
    enforce_precision: bool,
    /// Rules whose page gets its `## Precision` section rewritten (`all`: every rule).
    write_pages: Option<Vec<String>>,
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1).collect()) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("ecosystem check: {message}");
            ExitCode::from(2)
        }
    }
}

fn parse_args(raw: Vec<String>) -> Result<Args, String> {
    let mut ferret = None;
    let mut metadata = None;
    let mut dir = None;
    let mut mode = Mode::Check;
    let mut write_pages = None;
    let mut enforce_precision = false;
    let mut rest = raw.into_iter().peekable();
    while let Some(flag) = rest.next() {
        match flag.as_str() {
            "--ferret" => ferret = rest.next().map(PathBuf::from),
            "--metadata" => metadata = rest.next().map(PathBuf::from),
            "--dir" => dir = rest.next().map(PathBuf::from),
            "--update" => mode = Mode::Update,
            "--enforce-precision" => enforce_precision = true,
            "--write-pages" => {
                let list = rest
                    .next()
                    .ok_or("--write-pages needs `all` or a list of rules")?;
                write_pages = Some(list.split(',').map(str::to_owned).collect());
            }
            "--unlabelled" => {
                let per_group = match rest.peek().map(|next| next.parse::<usize>()) {
                    Some(Ok(n)) => {
                        rest.next();
                        Some(n)
                    }
                    _ => None,
                };
                mode = Mode::Unlabelled(per_group);
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    // Absolute, because each crate is scanned from its own folder.
    let ferret = ferret.ok_or("--ferret is required")?;
    let ferret = std::fs::canonicalize(&ferret)
        .map_err(|e| format!("ferret binary {}: {e}", ferret.display()))?;
    Ok(Args {
        ferret,
        metadata: metadata.ok_or("--metadata is required")?,
        dir: dir.ok_or("--dir is required")?,
        mode,
        write_pages,
        enforce_precision,
    })
}

fn run(args: &Args) -> Result<bool, String> {
    let crates = pinned_crates(&args.dir.join("Cargo.lock"), &args.metadata)?;
    let rule_infos = rule_list(&args.ferret)?;
    let rules: Vec<String> = rule_infos.iter().map(|rule| rule.id.clone()).collect();
    let mut current: BTreeMap<Key, Vec<Finding>> = BTreeMap::new();
    let mut per_crate = Vec::new();
    for (name, dir) in &crates {
        let (count, problems) = scan_crate(&args.ferret, &rules, name, dir, &mut current)?;
        per_crate.push(format!("{name} {count}{}", problem_note(problems)));
    }
    let labels_path = args.dir.join("labels.tsv");
    let labels = read_labels(&labels_path)?;
    if let Mode::Unlabelled(per_group) = args.mode {
        print_unlabelled(&current, &labels, per_group);
        return Ok(true);
    }
    let expected_path = args.dir.join("expected.tsv");
    if let Mode::Update = args.mode {
        write_expected(&expected_path, &current, &labels)?;
    }
    let expected = read_expected(&expected_path, &labels)?;

    let total: usize = current.values().map(Vec::len).sum();
    println!(
        "== {} crates, {total} findings; per crate: {}",
        crates.len(),
        per_crate.join(", ")
    );
    let tallies = tally(&current, &labels);
    print_rule_table(&rule_infos, &tallies);
    if let Some(pages) = &args.write_pages {
        write_pages(&args.dir, &rule_infos, &tallies, pages)?;
    }
    print_diff(&current, &expected, &labels);
    let labels_kept = report_failures(&current, &expected, &labels);
    let precision_met = report_precision(&rule_infos, &tallies);
    Ok(labels_kept && (precision_met || !args.enforce_precision))
}

fn problem_note(problems: usize) -> String {
    if problems == 0 {
        String::new()
    } else {
        format!(" ({problems} files not analysed)")
    }
}

#[derive(Deserialize)]
struct LockFile {
    package: Vec<LockPackage>,
}

#[derive(Deserialize)]
struct LockPackage {
    name: String,
    version: String,
    source: Option<String>,
    #[serde(default)]
    dependencies: Vec<String>,
}

#[derive(Deserialize)]
struct Metadata {
    packages: Vec<MetadataPackage>,
}

#[derive(Deserialize)]
struct MetadataPackage {
    name: String,
    version: String,
    source: Option<String>,
    manifest_path: PathBuf,
}

/// The ecosystem package's direct dependencies, by name, with their unpacked source folders.
/// Crates with no lib target are pinned by Cargo.lock but left out of `cargo metadata`'s package
/// list; cargo unpacks them beside the others in the registry's source folder.
fn pinned_crates(lock_path: &Path, metadata_path: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    let lock: LockFile =
        toml::from_str(&read(lock_path)?).map_err(|e| format!("{}: {e}", lock_path.display()))?;
    let metadata: Metadata = serde_json::from_str(&read(metadata_path)?)
        .map_err(|e| format!("{}: {e}", metadata_path.display()))?;
    let root = lock
        .package
        .iter()
        .find(|package| package.source.is_none())
        .ok_or("Cargo.lock has no local package")?;
    let registry_dir = metadata
        .packages
        .iter()
        .find(|package| {
            package
                .source
                .as_deref()
                .is_some_and(|s| s.starts_with("registry+"))
        })
        .and_then(|package| package.manifest_path.parent()?.parent())
        .ok_or("cargo metadata lists no registry package")?;
    let mut crates = Vec::new();
    for dependency in &root.dependencies {
        let mut words = dependency.split_whitespace();
        let name = words.next().ok_or("empty dependency in Cargo.lock")?;
        let version = match words.next() {
            Some(version) => version.to_owned(),
            None => lock
                .package
                .iter()
                .find(|package| package.name == name)
                .map(|package| package.version.clone())
                .ok_or(format!("{name} is not in Cargo.lock"))?,
        };
        let dir = metadata
            .packages
            .iter()
            .find(|package| package.name == name && package.version == version)
            .and_then(|package| package.manifest_path.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| registry_dir.join(format!("{name}-{version}")));
        if !dir.join("Cargo.toml").is_file() {
            return Err(format!(
                "{name} {version} is not unpacked at {}",
                dir.display()
            ));
        }
        crates.push((name.to_owned(), dir));
    }
    crates.sort();
    Ok(crates)
}

/// Every rule the binary knows, with whether it is on by default, from
/// `ferret --list-rules --format json`.
fn rule_list(ferret: &Path) -> Result<Vec<RuleInfo>, String> {
    let output = Command::new(ferret)
        .args(["--list-rules", "--format", "json"])
        .output()
        .map_err(|e| format!("cannot run {}: {e}", ferret.display()))?;
    if !output.status.success() {
        return Err(format!("{} --list-rules failed", ferret.display()));
    }
    let rules: Vec<RuleInfo> = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("ferret --list-rules --format json: {e}"))?;
    if rules.is_empty() {
        return Err("ferret --list-rules listed no rule".to_owned());
    }
    Ok(rules)
}

#[derive(Deserialize)]
struct Report {
    findings: Vec<ReportFinding>,
    problems: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
struct ReportFinding {
    rule: String,
    severity: String,
    path: String,
    line: u32,
    message: String,
    snippet: Option<String>,
    suppression: Option<serde_json::Value>,
}

/// Scans one crate (production code, every rule, no cache) and adds its unsuppressed findings.
fn scan_crate(
    ferret: &Path,
    rules: &[String],
    name: &str,
    dir: &Path,
    into: &mut BTreeMap<Key, Vec<Finding>>,
) -> Result<(usize, usize), String> {
    let output = Command::new(ferret)
        .current_dir(dir)
        .args([
            "--format",
            "json",
            "--no-cache",
            "--color",
            "never",
            "--rules",
        ])
        .arg(rules.join(","))
        .arg(".")
        .output()
        .map_err(|e| format!("cannot run {}: {e}", ferret.display()))?;
    // Exit code 1 only says that findings exist.
    if !matches!(output.status.code(), Some(0 | 1)) {
        return Err(format!(
            "ferret failed on {name} ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let report: Report = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("ferret's JSON for {name}: {e}"))?;
    let mut count = 0;
    for finding in report.findings {
        if finding.suppression.is_some() {
            continue;
        }
        count += 1;
        let key = Key {
            rule: finding.rule,
            krate: name.to_owned(),
            path: finding.path.trim_start_matches("./").to_owned(),
            line: finding.line,
        };
        let file = dir.join(&key.path);
        into.entry(key).or_default().push(Finding {
            file,
            severity: finding.severity,
            message: finding.message,
            snippet: finding.snippet,
        });
    }
    Ok((count, report.problems.len()))
}

struct LabelEntry {
    label: Label,
}

/// labels.tsv: `rule crate path line label reason`, tab-separated; `#` lines are comments. Lines
/// whose label is still `?` (pasted from the check's output, not yet judged) are skipped.
fn read_labels(path: &Path) -> Result<BTreeMap<Key, LabelEntry>, String> {
    let mut labels = BTreeMap::new();
    if !path.exists() {
        return Ok(labels);
    }
    let mut pending = 0;
    for (index, line) in read(path)?.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let at = || format!("{}:{}", path.display(), index + 1);
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() < 5 {
            return Err(format!(
                "{}: expected `rule crate path line label reason`",
                at()
            ));
        }
        let key = parse_key(&fields).ok_or_else(|| format!("{}: bad line number", at()))?;
        if fields[4] == "?" {
            pending += 1;
            continue;
        }
        let label = Label::parse(fields[4])
            .ok_or_else(|| format!("{}: label must be TP, FP or debatable", at()))?;
        if fields.get(5).is_none_or(|reason| reason.trim().is_empty()) {
            return Err(format!("{}: a label needs a reason", at()));
        }
        if labels.insert(key, LabelEntry { label }).is_some() {
            return Err(format!("{}: this finding is already labelled above", at()));
        }
    }
    if pending > 0 {
        eprintln!("note: {pending} lines of labels.tsv are still labelled `?`");
    }
    Ok(labels)
}

fn parse_key(fields: &[&str]) -> Option<Key> {
    Some(Key {
        rule: fields[0].to_owned(),
        krate: fields[1].to_owned(),
        path: fields[2].to_owned(),
        line: fields[3].parse().ok()?,
    })
}

/// expected.tsv: one line per finding, `rule crate path line severity label`. The label column is
/// a copy for readers; labels.tsv decides, so a stale copy only earns a note.
fn read_expected(
    path: &Path,
    labels: &BTreeMap<Key, LabelEntry>,
) -> Result<BTreeMap<Key, Vec<String>>, String> {
    let mut expected: BTreeMap<Key, Vec<String>> = BTreeMap::new();
    if !path.exists() {
        eprintln!(
            "note: {} does not exist yet: run with --update",
            path.display()
        );
        return Ok(expected);
    }
    let mut stale_labels = 0;
    for (index, line) in read(path)?.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let key = (fields.len() >= 5)
            .then(|| parse_key(&fields))
            .flatten()
            .ok_or_else(|| format!("{}:{}: malformed line", path.display(), index + 1))?;
        let label = labels.get(&key).map_or("-", |entry| entry.label.as_str());
        if fields.get(5).is_some_and(|copied| *copied != label) {
            stale_labels += 1;
        }
        expected.entry(key).or_default().push(fields[4].to_owned());
    }
    if stale_labels > 0 {
        eprintln!(
            "note: {stale_labels} lines of expected.tsv copy an outdated label: run with --update"
        );
    }
    Ok(expected)
}

fn write_expected(
    path: &Path,
    current: &BTreeMap<Key, Vec<Finding>>,
    labels: &BTreeMap<Key, LabelEntry>,
) -> Result<(), String> {
    let mut text = String::from(
        "# Findings of ferret on the pinned crates, written by `ecosystem/check --update`.\n\
         # rule\tcrate\tpath\tline\tseverity\tlabel (from labels.tsv; - when unlabelled)\n",
    );
    for (key, findings) in current {
        let label = labels.get(key).map_or("-", |entry| entry.label.as_str());
        let mut severities: Vec<&str> = findings.iter().map(|f| f.severity.as_str()).collect();
        severities.sort_unstable();
        for severity in severities {
            text.push_str(&format!("{}\t{severity}\t{label}\n", key.tsv()));
        }
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!("== wrote {}", path.display());
    Ok(())
}

/// Each rule's findings and labels, in total and per severity (a finding counts at its most
/// severe grade when the rule reports it more than once on a line).
fn tally(
    current: &BTreeMap<Key, Vec<Finding>>,
    labels: &BTreeMap<Key, LabelEntry>,
) -> BTreeMap<String, Tally> {
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    for (key, findings) in current {
        let severity = findings
            .iter()
            .map(|finding| finding.severity.as_str())
            .min_by_key(|severity| precision::severity_rank(severity))
            .unwrap_or("unknown");
        let label = labels.get(key).map(|entry| entry.label);
        tallies
            .entry(key.rule.clone())
            .or_default()
            .add(severity, findings.len(), label);
    }
    tallies
}

fn print_rule_table(rules: &[RuleInfo], tallies: &BTreeMap<String, Tally>) {
    println!(
        "{:<28} {:>3} {:>8} {:>8} {:>5} {:>5} {:>9} {:>7} {:>9}",
        "rule", "on", "findings", "labelled", "TP", "FP", "debatable", "strict", "keepable"
    );
    let empty = Tally::default();
    for rule in rules {
        let tally = tallies.get(&rule.id).unwrap_or(&empty);
        print_counts(&rule.id, rule.on_off(), &tally.total);
        for (severity, counts) in &tally.by_severity {
            if counts.labelled() > 0 && tally.by_severity.len() > 1 {
                print_counts(&format!("  {severity}"), "", counts);
            }
        }
    }
    println!(
        "(strict = TP/(TP+FP), keepable = TP/labelled, over labelled findings present now; \
         indented lines split a rule by severity)"
    );
}

fn print_counts(name: &str, on: &str, counts: &precision::Counts) {
    println!(
        "{name:<28} {on:>3} {:>8} {:>8} {:>5} {:>5} {:>9} {:>7} {:>9}",
        counts.findings,
        counts.labelled(),
        counts.tp,
        counts.fp,
        counts.debatable,
        percent(counts.tp, counts.tp + counts.fp),
        percent(counts.tp, counts.labelled())
    );
}

/// Issue 10's target for the rules on by default; prints what misses it and says whether all
/// rules with enough labels meet it. Rules that pass only because their misses are graded low are
/// named with the low grade's figures, so "ok" never hides a rule flooding at low.
fn report_precision(rules: &[RuleInfo], tallies: &BTreeMap<String, Tally>) -> bool {
    let verdicts = precision::verdicts(rules, tallies);
    if !verdicts.silent.is_empty() {
        println!(
            "\n== on by default, no finding on these crates: {}",
            verdicts.silent.join(", ")
        );
    }
    if !verdicts.too_few.is_empty() {
        println!(
            "== on by default, findings graded medium or above with too few labels to judge (fewer than {}): {}",
            precision::MIN_LABELS,
            verdicts.too_few.join(", ")
        );
    }
    if !verdicts.graded_lower.is_empty() {
        println!(
            "== on by default, graded lower: findings graded low that do not meet the target \
             (not judged, issue 10's lower grade; unlabelled counts as not met):"
        );
        for line in &verdicts.graded_lower {
            println!("  {line}");
        }
    }
    if verdicts.below.is_empty() {
        println!(
            "== ok: every rule on by default with enough labels at medium or above meets strict >= {}% and keepable >= {}%",
            precision::STRICT_TARGET,
            precision::KEEPABLE_TARGET
        );
        return true;
    }
    println!(
        "== PRECISION TARGET MISSED (fatal with --enforce-precision): {} rules on by default miss strict >= {}% or keepable >= {}% \
         at medium or above (fix them, grade them lower, or switch them off by default):",
        verdicts.below.len(),
        precision::STRICT_TARGET,
        precision::KEEPABLE_TARGET
    );
    for line in &verdicts.below {
        println!("{line}");
    }
    false
}

/// Rewrites the `## Precision` section of the chosen rules' pages (rules/ID.md beside the
/// ecosystem folder) with the figures measured now.
fn write_pages(
    dir: &Path,
    rules: &[RuleInfo],
    tallies: &BTreeMap<String, Tally>,
    wanted: &[String],
) -> Result<(), String> {
    let all = wanted.iter().any(|rule| rule == "all");
    if let Some(unknown) = wanted
        .iter()
        .find(|id| *id != "all" && !rules.iter().any(|rule| &rule.id == *id))
    {
        return Err(format!("--write-pages: unknown rule `{unknown}`"));
    }
    let pages = dir.parent().unwrap_or(dir).join("rules");
    let empty = Tally::default();
    for rule in rules.iter().filter(|rule| all || wanted.contains(&rule.id)) {
        let path = pages.join(format!("{}.md", rule.id));
        let page = read(&path)?;
        let section = precision::page_section(rule, tallies.get(&rule.id).unwrap_or(&empty));
        let updated = precision::replace_section(&page, &section);
        if updated != page {
            std::fs::write(&path, updated)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            println!("== wrote the precision section of {}", path.display());
        }
    }
    Ok(())
}

pub(crate) fn percent(part: usize, whole: usize) -> String {
    (part * 100 + whole / 2)
        .checked_div(whole)
        .map_or_else(|| "-".to_owned(), |rounded| format!("{rounded}%"))
}

fn print_diff(
    current: &BTreeMap<Key, Vec<Finding>>,
    expected: &BTreeMap<Key, Vec<String>>,
    labels: &BTreeMap<Key, LabelEntry>,
) {
    let keys: BTreeSet<&Key> = current.keys().chain(expected.keys()).collect();
    let mut added = Vec::new();
    let mut removed = Vec::new();
    let mut changed = Vec::new();
    for key in keys {
        let now = current.get(key).map_or(&[][..], Vec::as_slice);
        let before = expected.get(key).map_or(&[][..], Vec::as_slice);
        if now.len() > before.len() {
            added.extend(now[before.len()..].iter().map(|finding| (key, finding)));
        } else if before.len() > now.len() {
            removed.push((key, before.len() - now.len()));
        }
        let mut severities_now: Vec<&str> = now.iter().map(|f| f.severity.as_str()).collect();
        let mut severities_before: Vec<&str> = before.iter().map(String::as_str).collect();
        severities_now.sort_unstable();
        severities_before.sort_unstable();
        if now.len() == before.len() && severities_now != severities_before {
            changed.push((key, severities_before.join(","), severities_now.join(",")));
        }
    }
    println!(
        "\n== {} added (not in expected.tsv); as labels.tsv lines, label `?` to fill in:",
        added.len()
    );
    for (key, finding) in added {
        print_label_stub(key, finding, labels.get(key).map(|entry| entry.label));
    }
    println!(
        "\n== {} removed (in expected.tsv, gone now):",
        removed.len()
    );
    for (key, times) in removed {
        let label = labels
            .get(key)
            .map_or("unlabelled", |entry| entry.label.as_str());
        let times = if times > 1 {
            format!(" (x{times})")
        } else {
            String::new()
        };
        println!("{}\t{label}{times}", key.tsv());
    }
    println!("\n== {} changed severity:", changed.len());
    for (key, before, now) in changed {
        println!("{}\t{before} -> {now}", key.tsv());
    }
}

/// A finding as a labels.tsv line (label `?` unless labelled), after comment lines with its
/// severity, message and source line so a reader can judge it.
fn print_label_stub(key: &Key, finding: &Finding, label: Option<Label>) {
    println!("# {} | {}", finding.severity, one_line(&finding.message));
    let snippet = finding.snippet.as_deref().into_iter().flat_map(str::lines);
    if let Some(source) = snippet.into_iter().find(|line| !line.trim().is_empty()) {
        println!("#   {}", one_line(source.trim()));
    }
    println!("#   {}:{}", finding.file.display(), key.line);
    println!("{}\t{}\t", key.tsv(), label.map_or("?", Label::as_str));
}

/// Text shown on one line of a TSV comment: no control characters, at most 200 characters.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(200)
        .collect()
}

/// Unlabelled findings in labels.tsv format; with a limit, at most that many per crate and rule,
/// picked by a hash of the key so the sample spreads over files instead of taking the first ones.
fn print_unlabelled(
    current: &BTreeMap<Key, Vec<Finding>>,
    labels: &BTreeMap<Key, LabelEntry>,
    per_group: Option<usize>,
) {
    let mut groups: BTreeMap<(&str, &str), Vec<&Key>> = BTreeMap::new();
    for key in current.keys().filter(|key| !labels.contains_key(*key)) {
        groups.entry((&key.rule, &key.krate)).or_default().push(key);
    }
    let mut chosen = Vec::new();
    for mut keys in groups.into_values() {
        keys.sort_by_key(|key| fnv1a(&key.tsv()));
        keys.truncate(per_group.unwrap_or(usize::MAX));
        chosen.extend(keys);
    }
    chosen.sort();
    println!(
        "# {} unlabelled findings; label each TP, FP or debatable with a reason",
        chosen.len()
    );
    for key in chosen {
        print_label_stub(key, &current[key][0], None);
    }
}

fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Prints and counts what fails the check: a labelled true positive that is gone, and a labelled
/// false positive that is back (present now but absent from expected.tsv).
fn report_failures(
    current: &BTreeMap<Key, Vec<Finding>>,
    expected: &BTreeMap<Key, Vec<String>>,
    labels: &BTreeMap<Key, LabelEntry>,
) -> bool {
    let mut failures = Vec::new();
    let mut known_false = 0;
    for (key, entry) in labels {
        let present = current.contains_key(key);
        match entry.label {
            Label::TruePositive if !present => {
                failures.push(format!(
                    "true positive lost:   {}{}",
                    key.tsv(),
                    moved_hint(key, current)
                ));
            }
            Label::FalsePositive if present && !expected.contains_key(key) => {
                failures.push(format!("false positive back:  {}", key.tsv()));
            }
            Label::FalsePositive if present => known_false += 1,
            _ => {}
        }
    }
    println!(
        "\n== {known_false} labelled false positives still reported (recorded in expected.tsv)"
    );
    if failures.is_empty() {
        println!("== ok: no labelled true positive lost, no labelled false positive back");
        return true;
    }
    println!(
        "== FAILED: {} labelled findings changed the wrong way",
        failures.len()
    );
    for failure in &failures {
        println!("{failure}");
    }
    println!(
        "(a lost TP: fix the rule, or relabel it in labels.tsv if it was not one; \
         a false positive back: fix the rule that reports it again)"
    );
    false
}

/// A finding of the same rule in the same file within a few lines: a rule change may have moved
/// where it reports (another token of the same statement) rather than lost the finding.
fn moved_hint(key: &Key, current: &BTreeMap<Key, Vec<Finding>>) -> String {
    let near: Vec<String> = current
        .keys()
        .filter(|other| {
            other.rule == key.rule
                && other.krate == key.krate
                && other.path == key.path
                && other.line.abs_diff(key.line) <= 3
        })
        .map(|other| other.line.to_string())
        .collect();
    if near.is_empty() {
        String::new()
    } else {
        format!("  (same rule now at line {}: moved?)", near.join(", "))
    }
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}
