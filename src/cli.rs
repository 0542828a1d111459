//! Command-line interface: flags, rule selection, running the scan, choosing the report, exit code.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::baseline::{self, Baseline};
use crate::config::{self, Config};
use crate::finding::Severity;
use crate::report::{self, safe_text};
use crate::rules;
use crate::scan::{self, RuleSettings, ScanOptions};

/// Exit codes, documented in the README.
pub mod exit {
    /// No unsuppressed finding at or above `--fail-on`.
    pub const CLEAN: u8 = 0;
    /// At least one unsuppressed finding at or above `--fail-on`.
    pub const FINDINGS: u8 = 1;
    /// Usage or configuration error, or nothing scannable.
    pub const USAGE: u8 = 2;
}

#[derive(Parser, Debug)]
#[command(
    name = "ferret",
    version,
    about = "Static scanner for the patterns Rust security and architecture audits keep finding",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub scan: ScanArgs,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print a rule's documentation page.
    Explain {
        /// The rule id, e.g. `allow-attribute`.
        rule: String,
    },
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style diagnostics.
    Human,
    /// One JSON document.
    Json,
    /// SARIF 2.1.0 for code-scanning dashboards.
    Sarif,
    /// A Markdown audit-report draft.
    Markdown,
    /// One line per finding: `path:line:col: severity[rule] message`.
    Concise,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(clap::Args, Debug)]
pub struct ScanArgs {
    /// Files or directories to scan [default: the current directory; for `cargo ferret`, the
    /// enclosing workspace].
    pub paths: Vec<PathBuf>,
    /// Scan only this workspace member (its `[package] name`; repeatable).
    #[arg(long, short = 'p', value_name = "NAME", conflicts_with = "paths")]
    pub package: Vec<String>,
    /// Scan the whole enclosing cargo workspace (the default for `cargo ferret`).
    #[arg(long, conflicts_with_all = ["paths", "package"])]
    pub workspace: bool,
    /// Run only these rules (comma-separated ids); enables rules that are off by default.
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub rules: Vec<String>,
    /// Do not run these rules.
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub exclude_rules: Vec<String>,
    /// Report only findings at or above this severity.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub min_severity: Option<Severity>,
    /// Exit 1 if an unsuppressed finding at or above this severity remains [default: low].
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<Severity>,
    /// Report findings in test code too (most rules skip it by default).
    #[arg(long)]
    pub include_tests: bool,
    /// Analyse files a tool generated (a `// @generated`-style header, expansion snapshots, WebIDL output).
    #[arg(long)]
    pub include_generated: bool,
    /// Parse every file whole, instead of only the items that may contain a finding (slower;
    /// also reports syntax errors in items no rule looks at).
    #[arg(long)]
    pub full_parse: bool,
    /// Skip files and directories matching this glob (relative to the scanned root; repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Scan only files changed since this git revision (committed, staged, unstaged or untracked).
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    /// With --changed-since: report only findings on added or changed lines.
    #[arg(long, requires = "changed_since")]
    pub new_lines_only: bool,
    /// Do not read or write the result cache.
    #[arg(long)]
    pub no_cache: bool,
    /// Keep the result cache here [default: `target/ferret/` of the scanned workspace, else
    /// `$XDG_CACHE_HOME/ferret` or `~/.cache/ferret`].
    #[arg(long, value_name = "DIR", conflicts_with = "no_cache")]
    pub cache_dir: Option<PathBuf>,
    /// Worker threads [default: one per core].
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// List the rules and exit.
    #[arg(long)]
    pub list_rules: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Print counts per rule and severity instead of the findings (JSON with `--format json`);
    /// the exit code is unchanged.
    #[arg(long)]
    pub statistics: bool,
    /// List at most N findings, the most severe first, and say how many more there are (human,
    /// concise and github output).
    #[arg(long, value_name = "N", conflicts_with = "statistics")]
    pub max_findings: Option<usize>,
    /// Write the report to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// When to colour human output.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: Color,
    /// Scan the workspace (or package) of this Cargo.toml, as cargo's flag does.
    #[arg(long, value_name = "PATH")]
    pub manifest_path: Option<PathBuf>,
    /// Report a file whose analysis takes longer than this many seconds as a problem, and go on
    /// (0: no limit).
    #[arg(long, value_name = "SECONDS", default_value_t = scan::DEFAULT_FILE_TIMEOUT.as_secs_f64())]
    pub file_timeout: f64,
    /// Skip files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = scan::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
    /// Read the configuration from this file (a `ferret.toml`, or a `Cargo.toml` with a
    /// `[workspace.metadata.ferret]` table) [default: `ferret.toml` or `Cargo.toml` metadata
    /// found at the scanned root or above it, up to the workspace root].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The RustSec advisory database the dependency rules read [default: cargo-audit's
    /// `~/.cargo/advisory-db`].
    #[arg(long, value_name = "PATH")]
    pub advisory_db: Option<PathBuf>,
    /// Clone (or pull) the advisory database with `git` before scanning; ferret's only network
    /// access, never done without this flag.
    #[arg(long)]
    pub fetch_advisories: bool,
    /// Do not count findings recorded in this baseline file; report how many matched and how
    /// many entries are stale.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings in this baseline file (written atomically).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
}

/// A usage or configuration error: printed, then exit 2.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Entry point shared by `ferret` and `cargo ferret`. `cargo_subcommand` makes the default scan
/// target the enclosing workspace rather than the current directory.
pub fn main_with_args(args: Vec<std::ffi::OsString>, cargo_subcommand: bool) -> ExitCode {
    if args.get(1).is_some_and(|a| a == crate::isolate::CHILD_ARG) {
        return crate::isolate::child_main();
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // `--help` and `--version` arrive here too, on standard output with exit 0.
            if e.use_stderr() {
                eprint!("{}", e.render().ansi());
                return ExitCode::from(exit::USAGE);
            }
            print!("{}", e.render().ansi());
            return ExitCode::from(exit::CLEAN);
        }
    };
    match run(cli, cargo_subcommand) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            // Configuration errors quote the scanned repository's own files.
            eprintln!("error: {}", safe_text::multi_line(&e.0));
            ExitCode::from(exit::USAGE)
        }
    }
}

fn run(cli: Cli, cargo_subcommand: bool) -> Result<u8, UsageError> {
    if let Some(Command::Explain { rule }) = &cli.command {
        let entry = rules::find(rule).ok_or_else(|| unknown_rule(rule))?;
        print!("{}", safe_text::multi_line(entry.meta.doc));
        return Ok(exit::CLEAN);
    }
    let args = cli.scan;
    if args.list_rules {
        match args.format {
            Format::Markdown => print!("{}", report::rule_table_markdown()),
            Format::Json => print!("{}", report::rule_list_json()),
            _ => print!("{}", report::rule_list()),
        }
        return Ok(exit::CLEAN);
    }
    if args.max_findings.is_some()
        && matches!(args.format, Format::Json | Format::Sarif | Format::Markdown)
    {
        return Err(UsageError(
            "--max-findings applies to human, concise and github output".into(),
        ));
    }
    let paths = scan_paths(&args, cargo_subcommand)?;
    // The folder paths are reported relative to; config, cache and git are looked up from it.
    let root = crate::discover::root_for_paths(&paths).map_err(|e| UsageError(e.to_string()))?;
    let config = load_config(&args, &root)?;
    let mut options = scan_options(&args, paths, &root, config.as_ref())?;
    options.root = Some(root.clone());
    options.package_dirs = package_dirs(&args.package, &root)?;
    let mut result = scan::scan(&options).map_err(|e| scan_error(e, config.as_ref()))?;
    let file_says = |get: fn(&Config) -> Option<Severity>| config.as_ref().and_then(get);
    if let Some(min) = args.min_severity.or(file_says(|c| c.min_severity)) {
        result.findings.retain(|f| f.severity >= min);
    }
    let fail_on = args
        .fail_on
        .or(file_says(|c| c.fail_on))
        .unwrap_or(Severity::Low);
    apply_baselines(&args, config.as_ref(), &mut result)?;

    for p in &result.problems {
        eprintln!("{}", report::human::problem_line(p));
    }
    for w in &result.warnings {
        eprintln!("warning: {}", safe_text::one_line(w));
    }
    for n in &result.notes {
        eprintln!("note: {n}");
    }
    let max = args.max_findings;
    let rendered = match args.format {
        _ if args.statistics => match args.format {
            Format::Json => report::statistics::render_json(&result),
            _ => report::statistics::render_text(&result),
        },
        Format::Human => {
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => args.output.is_none() && std::io::stdout().is_terminal(),
            };
            report::human::render_limited(&result, color, max)
        }
        Format::Concise => report::concise::render(&result, max),
        Format::Github => report::github::render(&result, &repository_prefix(&root), max),
        Format::Json => report::json::render(&result),
        Format::Sarif => report::sarif::render(&result),
        Format::Markdown => report::markdown::render(&result, &report::markdown::report_date()),
    };
    write_output(args.output.as_ref(), &rendered)?;
    Ok(if result.count_at_least(fail_on) > 0 {
        exit::FINDINGS
    } else {
        exit::CLEAN
    })
}

/// `-p NAME...`: the directories of the named workspace members; an unknown name is a usage
/// error that lists the members.
fn package_dirs(names: &[String], root: &Path) -> Result<Option<Vec<String>>, UsageError> {
    if names.is_empty() {
        return Ok(None);
    }
    let members = crate::discover::workspace_packages(root);
    let mut dirs = Vec::new();
    for name in names {
        match members.iter().find(|m| &m.name == name) {
            Some(member) => dirs.push(member.dir.clone()),
            None => {
                let known: Vec<&str> = members.iter().map(|m| m.name.as_str()).collect();
                return Err(UsageError(format!(
                    "package `{name}` is not a member of the workspace at {} (members: {})",
                    root.display(),
                    if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    }
                )));
            }
        }
    }
    Ok(Some(dirs))
}

/// The scan root relative to the git work tree holding it, with a trailing `/` (empty at the
/// top or outside git): GitHub places annotations by repository-relative path.
fn repository_prefix(root: &Path) -> String {
    let Some(top) = root.ancestors().find(|d| d.join(".git").exists()) else {
        return String::new();
    };
    match crate::discover::relative(top, root) {
        rel if rel.is_empty() || root == top => String::new(),
        rel => format!("{rel}/"),
    }
}

fn write_output(path: Option<&PathBuf>, text: &str) -> Result<(), UsageError> {
    match path {
        Some(path) => std::fs::write(path, text)
            .map_err(|e| UsageError(format!("cannot write {}: {e}", path.display()))),
        None => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`ferret | head`) is not an error worth reporting.
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(UsageError(format!("cannot write the report: {e}")))
                }
                _ => Ok(()),
            }
        }
    }
}

/// A scan error as the user reads it: an `exclude` pattern that left nothing to scan names the
/// configuration file it is written in, or `--exclude`.
fn scan_error(mut e: scan::ScanError, config: Option<&Config>) -> UsageError {
    if let scan::ScanError::NothingToScan(_, excluded) = &mut e {
        for x in excluded {
            x.origin = Some(match config {
                Some(c) if c.exclude.contains(&x.glob) => {
                    format!("the configuration ({})", shown(&c.file))
                }
                _ => "`--exclude`".to_string(),
            });
        }
    }
    UsageError(e.to_string())
}

fn unknown_rule(id: &str) -> UsageError {
    UsageError(format!(
        "unknown rule `{id}` (see `ferret --list-rules` for the ids)"
    ))
}

fn scan_paths(args: &ScanArgs, cargo_subcommand: bool) -> Result<Vec<PathBuf>, UsageError> {
    if let Some(manifest) = &args.manifest_path {
        let dir = manifest
            .canonicalize()
            .ok()
            .and_then(|m| m.parent().map(PathBuf::from))
            .ok_or_else(|| UsageError(format!("manifest not found: {}", manifest.display())))?;
        let root = crate::discover::find_workspace_root(&dir).unwrap_or(dir);
        return Ok(vec![root]);
    }
    if !args.paths.is_empty() {
        return Ok(args.paths.clone());
    }
    let cwd = std::env::current_dir()
        .map_err(|e| UsageError(format!("cannot read the current directory: {e}")))?;
    if cargo_subcommand || args.workspace || !args.package.is_empty() {
        return crate::discover::find_workspace_root(&cwd)
            .map(|root| vec![root])
            .ok_or_else(|| {
                UsageError(
                    "could not find `Cargo.toml` in the current directory or any parent".into(),
                )
            });
    }
    Ok(vec![cwd])
}

/// `--config FILE`, else the configuration found at the scanned root or above it.
fn load_config(args: &ScanArgs, root: &Path) -> Result<Option<Config>, UsageError> {
    let found = match &args.config {
        Some(file) => config::load(file).map(Some),
        None => config::discover(root),
    };
    found.map_err(|e| UsageError(format!("invalid configuration: {e}")))
}

/// `--write-baseline` records what the scan found; then `--baseline` (or the configuration's
/// `baseline`, unless a baseline is being written) marks recorded findings as baselined.
fn apply_baselines(
    args: &ScanArgs,
    config: Option<&Config>,
    result: &mut scan::ScanResult,
) -> Result<(), UsageError> {
    if let Some(path) = &args.write_baseline {
        let recorded = Baseline::from_findings(&result.findings);
        recorded
            .write(path)
            .map_err(|e| UsageError(e.to_string()))?;
        eprintln!(
            "ferret: recorded {} finding{} in the baseline {}",
            recorded.findings.len(),
            if recorded.findings.len() == 1 {
                ""
            } else {
                "s"
            },
            shown(path)
        );
    }
    let from_config = config
        .filter(|_| args.write_baseline.is_none())
        .and_then(|c| c.baseline.clone());
    let Some(path) = args.baseline.clone().or(from_config) else {
        return Ok(());
    };
    let recorded = Baseline::read(&path).map_err(|e| UsageError(e.to_string()))?;
    let applied = baseline::apply(result, &recorded, &path);
    eprintln!(
        "ferret: {} finding{} baselined by {} (not counted)",
        applied.baselined,
        if applied.baselined == 1 { "" } else { "s" },
        shown(&path)
    );
    if applied.stale > 0 {
        eprintln!(
            "ferret: {} no longer match{} any finding; prune them with `--write-baseline {}`",
            if applied.stale == 1 {
                "1 baseline entry".to_string()
            } else {
                format!("{} baseline entries", applied.stale)
            },
            if applied.stale == 1 { "es" } else { "" },
            shown(&path)
        );
    }
    Ok(())
}

/// A path for a message on the terminal: it may come from the scanned repository's configuration.
fn shown(path: &Path) -> String {
    safe_text::one_line(&path.display().to_string()).into_owned()
}

fn file_timeout(seconds: f64) -> Result<Option<std::time::Duration>, UsageError> {
    if seconds == 0.0 {
        return Ok(None);
    }
    std::time::Duration::try_from_secs_f64(seconds)
        .map(Some)
        .map_err(|e| {
            UsageError(format!(
                "invalid --file-timeout `{seconds}`: {e} (give seconds, 0 for no limit)"
            ))
        })
}

/// Turns flags and the configuration file into scan options: which rules run, and how. Flags
/// win: `--rules` replaces the file's selection, `--exclude-rules` removes rules it enables.
pub fn scan_options(
    args: &ScanArgs,
    paths: Vec<PathBuf>,
    root: &Path,
    config: Option<&Config>,
) -> Result<ScanOptions, UsageError> {
    let mut options = ScanOptions::new(paths);
    for id in args.rules.iter().chain(&args.exclude_rules) {
        rules::find(id).ok_or_else(|| unknown_rule(id))?;
    }
    let file_rule = |id: &str| config.and_then(|c| c.rules.get(id));
    // The audit profile: an audit draft's reader wants everything, graded, so `--format markdown`
    // runs the rules that are off by default too, unless the user narrows the set.
    let audit = args.format == Format::Markdown;
    let selected = |entry: &&&rules::RuleEntry| {
        let id = entry.meta.id;
        if args.rules.is_empty() {
            file_rule(id)
                .and_then(|r| r.enabled)
                .unwrap_or(audit || entry.meta.enabled_by_default)
        } else {
            args.rules.iter().any(|wanted| wanted == id)
        }
    };
    options.rules = rules::registry()
        .iter()
        .filter(selected)
        .map(|entry| {
            let mut settings = RuleSettings::new(entry);
            if let Some(rule) = file_rule(entry.meta.id) {
                settings.severity = rule.severity;
                settings.paths = rule.paths.clone();
                settings.exclude = rule.exclude.clone();
            }
            settings
        })
        .collect();
    options
        .rules
        .retain(|r| !args.exclude_rules.iter().any(|id| id == r.entry.meta.id));
    // The audit draft lists findings in tests, examples and benches in an appendix of their own.
    options.include_tests =
        audit || args.include_tests || config.and_then(|c| c.include_tests).unwrap_or(false);
    // optional: no configuration file means no configured excludes
    options.exclude = config.map(|c| c.exclude.clone()).unwrap_or_default();
    options.exclude.extend(args.exclude.iter().cloned());
    options.jobs = args.jobs;
    options.max_file_size = args.max_file_size;
    options.advisory_db = args
        .advisory_db
        .clone()
        .or_else(crate::workspace::advisories::default_path);
    if args.fetch_advisories
        && let Some(path) = &options.advisory_db
    {
        crate::workspace::advisories::fetch(path).map_err(UsageError)?;
    }
    if let Some(config) = config {
        options.advisory_ignore = config.advisory_ignore.clone();
        options.environment_is_input = config.environment_is_input.unwrap_or(false);
        if let Some(threshold) = config
            .rules
            .get("unused-dependency-ignores")
            .and_then(|r| r.threshold)
        {
            options.dependency_ignores_threshold = threshold;
        }
    }
    options.file_timeout = file_timeout(args.file_timeout)?;
    // Items too big for a worker's stack are analysed by this same executable in a child.
    options.isolation_exe = std::env::current_exe().ok();
    options.include_generated = args.include_generated;
    options.full_parse = args.full_parse;
    // The audit draft states strengths such as "zero unsafe code", which need counting everywhere.
    options.collect_evidence = audit;
    if let Some(rev) = &args.changed_since {
        options.changes = Some(crate::git::changes_since(root, rev).map_err(UsageError)?);
        options.new_lines_only = args.new_lines_only;
    }
    options.cache_dir = if args.no_cache {
        None
    } else {
        match &args.cache_dir {
            Some(dir) => Some(dir.clone()),
            None => crate::cache::default_dir(root),
        }
    };
    Ok(options)
}
