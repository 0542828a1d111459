//! The pipeline: discover files, analyse each in parallel (from the cache when unchanged, else
//! through `check`), and gather findings in a deterministic order.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use globset::{Glob, GlobSet, GlobSetBuilder};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::cache::{self, Cache, Entry, IndexCache, Stamp};
use crate::check::{self, Checked};
use crate::discover::{self, CrateInfo};
use crate::finding::{Finding, Severity};
use crate::isolate;
use crate::model::{self, Workspace};
use crate::prefilter::Prefilter;
use crate::rules::{self, RuleEntry, RuleMeta};
use crate::workspace::advisories::DbInfo;
use crate::workspace::{self, AdvisoryIgnore, Facts};

/// How one rule runs in this scan.
#[derive(Debug, Clone)]
pub struct RuleSettings {
    pub entry: &'static RuleEntry,
    /// Overrides the rule's default severity for every finding it reports.
    pub severity: Option<Severity>,
    /// Only files matching one of these globs (relative paths); empty means all files.
    pub paths: Vec<String>,
    /// Never files matching these globs.
    pub exclude: Vec<String>,
}

impl RuleSettings {
    pub fn new(entry: &'static RuleEntry) -> RuleSettings {
        RuleSettings {
            entry,
            severity: None,
            paths: Vec::new(),
            exclude: Vec::new(),
        }
    }
}

impl std::fmt::Debug for RuleEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.meta.id)
    }
}

#[derive(Debug, Clone)]
pub struct ScanOptions {
    pub paths: Vec<PathBuf>,
    /// The directory findings are reported relative to; `None` for the deepest directory that
    /// holds every path (see `discover::scan_root`).
    pub root: Option<PathBuf>,
    /// `-p/--package`: scan only files of the packages in these directories (relative to the
    /// root, as `CrateInfo::dir`); `None` for every package.
    pub package_dirs: Option<Vec<String>>,
    pub rules: Vec<RuleSettings>,
    pub include_tests: bool,
    /// Globs (relative to the scanned root) of files and directories to skip.
    pub exclude: Vec<String>,
    /// Worker threads; `None` for one per core.
    pub jobs: Option<usize>,
    /// Files larger than this are skipped with a warning.
    pub max_file_size: u64,
    /// Analyse files a tool generated (see `source::is_generated`).
    pub include_generated: bool,
    /// Parse every file whole instead of only the items that may contain a finding.
    pub full_parse: bool,
    /// Scan only these files (`--changed-since`), and with `new_lines_only` report only findings
    /// on their added or changed lines.
    pub changes: Option<crate::git::Changes>,
    pub new_lines_only: bool,
    /// Where to keep per-file results between runs; `None` disables the cache.
    pub cache_dir: Option<PathBuf>,
    /// Count evidence for the report's strengths everywhere (the `unsafe` count needs the items
    /// that contain `unsafe` parsed even when no rule looks at them).
    pub collect_evidence: bool,
    /// Mark findings inside fns nothing can reach (`Finding::dead_code`); builds the workspace
    /// model, and reads every word of the source (`model::reach`).
    pub find_dead_code: bool,
    /// The RustSec advisory database for the dependency rules; `None`: not checked (the CLI
    /// defaults it to cargo-audit's `~/.cargo/advisory-db`).
    pub advisory_db: Option<PathBuf>,
    /// Advisories not to count, each with the reason the configuration gives.
    pub advisory_ignore: Vec<AdvisoryIgnore>,
    /// `unused-dependency-ignores`: the longest ignore list that is not reported.
    pub dependency_ignores_threshold: usize,
    /// `[taint] environment-is-input`: `std::env::var` and its kin are sources of the taint
    /// rules (local input), for programs whose environment is set by whoever runs them.
    pub environment_is_input: bool,
    /// A file whose analysis takes longer is reported as a problem (`--file-timeout`); `None`
    /// for no limit.
    pub file_timeout: Option<Duration>,
    /// The ferret executable, to analyse items too big for a worker's stack in a process of
    /// their own (see `isolate`); without it such files are reported as problems.
    pub isolation_exe: Option<PathBuf>,
}

/// Default of `ScanOptions::dependency_ignores_threshold`.
pub const DEFAULT_DEPENDENCY_IGNORES_THRESHOLD: usize = 10;

impl ScanOptions {
    /// The default rule set with default settings, over `paths`.
    pub fn new(paths: Vec<PathBuf>) -> ScanOptions {
        ScanOptions {
            paths,
            root: None,
            package_dirs: None,
            rules: rules::registry()
                .iter()
                .filter(|r| r.meta.enabled_by_default)
                .map(|r| RuleSettings::new(r))
                .collect(),
            include_tests: false,
            exclude: Vec::new(),
            jobs: None,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            include_generated: false,
            full_parse: false,
            cache_dir: None,
            changes: None,
            new_lines_only: false,
            collect_evidence: false,
            find_dead_code: false,
            advisory_db: None,
            advisory_ignore: Vec::new(),
            dependency_ignores_threshold: DEFAULT_DEPENDENCY_IGNORES_THRESHOLD,
            environment_is_input: false,
            file_timeout: Some(DEFAULT_FILE_TIMEOUT),
            isolation_exe: None,
        }
    }

    /// The audit profile of `--format markdown`: every rule (on and off by default), findings in
    /// test code kept (the draft lists them in an appendix), and evidence for strengths counted.
    pub fn audit(paths: Vec<PathBuf>) -> ScanOptions {
        ScanOptions {
            rules: rules::registry()
                .iter()
                .map(|r| RuleSettings::new(r))
                .collect(),
            include_tests: true,
            collect_evidence: true,
            find_dead_code: true,
            ..ScanOptions::new(paths)
        }
    }
}

pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// The slowest file of the 470-crate corpus takes well under a second in a release build; ten
/// seconds leaves room for a slow, loaded CI machine and a debug build.
pub const DEFAULT_FILE_TIMEOUT: Duration = Duration::from_secs(10);

/// Files kept per evidence counter in `CrateSummary::observed_in`.
const OBSERVED_IN_FILES: usize = 3;

/// Why a file was not (fully) analysed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    ParseError,
    NotUtf8,
    Unreadable,
    TooLarge,
    TooDeep,
    Timeout,
    InternalError,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileProblem {
    pub path: String,
    pub kind: ProblemKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    pub message: String,
}

/// Per-crate figures for the reports.
#[derive(Debug, Clone, Serialize)]
pub struct CrateSummary {
    pub name: String,
    pub dir: String,
    pub files: usize,
    pub lines: usize,
    /// Evidence counters recorded by rules and the engine in production code (see `Ctx::observe`).
    pub observations: BTreeMap<String, u64>,
    /// For each counter, the first few files (in scan order) it was recorded in: where a
    /// strength can be seen.
    pub observed_in: BTreeMap<String, Vec<String>>,
    /// Files under `tests/`, `benches/`, `examples/` (see `source::is_test_path`).
    pub test_files: usize,
    /// Used by the other scanned crates only as a dev-dependency, and builds no binary.
    pub test_harness: bool,
    /// Files skipped because a tool generated them: their code is not in the evidence.
    pub generated_files: usize,
}

#[derive(Debug)]
pub struct ScanResult {
    pub root: PathBuf,
    pub files_scanned: usize,
    pub lines_scanned: usize,
    /// Files not analysed because a tool generated them (see `ScanOptions::include_generated`).
    pub files_generated: usize,
    /// Sorted by path, line, column, rule. Includes suppressed findings (see `Finding::suppression`).
    pub findings: Vec<Finding>,
    pub problems: Vec<FileProblem>,
    pub crates: Vec<CrateSummary>,
    pub rules_run: Vec<&'static RuleMeta>,
    /// Whether evidence for strengths was counted everywhere (`ScanOptions::collect_evidence`).
    pub evidence_collected: bool,
    /// Things the user should know that are not about one file (a cache that could not be written).
    pub warnings: Vec<String>,
    /// Facts about the scan's coverage, one line each (no advisory database: not checked).
    pub notes: Vec<String>,
    /// The advisory database the dependency rules used, if any.
    pub advisory_db: Option<DbInfo>,
    /// `Cargo.lock` files read by the workspace phase.
    pub lockfiles_scanned: usize,
    /// How the workspace model's files were indexed; `None` when the scan did not build the
    /// model (no rule needs it, or every outcome came from the cache).
    pub model_index: Option<IndexStats>,
    pub duration: Duration,
}

/// How the workspace model's files were indexed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct IndexStats {
    /// Files the model holds.
    pub files: usize,
    /// Of those, files whose index came from the cache: unchanged since the run that made it.
    pub from_cache: usize,
}

impl ScanResult {
    /// A scan that had nothing to do (no changed file under `--changed-since`).
    fn empty(root: PathBuf, options: &ScanOptions, started: Instant) -> ScanResult {
        ScanResult {
            root,
            files_scanned: 0,
            lines_scanned: 0,
            files_generated: 0,
            findings: Vec::new(),
            problems: Vec::new(),
            crates: Vec::new(),
            rules_run: options.rules.iter().map(|r| r.entry.meta).collect(),
            evidence_collected: options.collect_evidence,
            warnings: Vec::new(),
            notes: Vec::new(),
            advisory_db: None,
            lockfiles_scanned: 0,
            model_index: None,
            duration: started.elapsed(),
        }
    }

    /// Findings that count: neither suppressed inline nor baselined.
    pub fn active_findings(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| !f.is_suppressed())
    }

    pub fn count_at_least(&self, severity: Severity) -> usize {
        self.active_findings()
            .filter(|f| f.severity >= severity)
            .count()
    }
}

#[derive(Debug)]
pub enum ScanError {
    Discover(discover::DiscoverError),
    BadGlob(String, globset::Error),
    /// The paths given, and those of them an `exclude` glob excludes.
    NothingToScan(Vec<PathBuf>, Vec<Excluded>),
    ThreadPool(rayon::ThreadPoolBuildError),
}

/// A path given to scan that an `exclude` glob excludes (itself or a directory above it).
#[derive(Debug)]
pub struct Excluded {
    pub path: PathBuf,
    pub glob: String,
    /// Where the glob comes from (`ferret.toml`, `--exclude`), when the caller knows.
    pub origin: Option<String>,
}

impl std::fmt::Display for ScanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScanError::Discover(e) => e.fmt(f),
            ScanError::BadGlob(g, e) => write!(f, "invalid glob `{g}`: {e}"),
            ScanError::NothingToScan(paths, excluded) => {
                let list: Vec<String> = paths
                    .iter()
                    .filter(|p| !excluded.iter().any(|e| e.path == **p))
                    .map(|p| p.display().to_string())
                    .collect();
                let mut parts = Vec::new();
                if !list.is_empty() {
                    parts.push(format!("no Rust files to scan in {}", list.join(", ")));
                }
                for e in excluded {
                    let origin = e
                        .origin
                        .as_ref()
                        .map_or_else(String::new, |o| format!(" of {o}"));
                    parts.push(format!(
                        "{} is excluded by the `exclude` pattern `{}`{origin}",
                        e.path.display(),
                        e.glob
                    ));
                }
                write!(f, "{}", parts.join("; "))
            }
            ScanError::ThreadPool(e) => write!(f, "cannot start worker threads: {e}"),
        }
    }
}

impl std::error::Error for ScanError {}

pub fn build_globset(globs: &[String]) -> Result<GlobSet, ScanError> {
    let mut builder = GlobSetBuilder::new();
    for g in globs {
        let glob = Glob::new(g).map_err(|e| ScanError::BadGlob(g.clone(), e))?;
        builder.add(glob);
    }
    builder
        .build()
        .map_err(|e| ScanError::BadGlob(globs.join(", "), e))
}

/// A rule setting with its globs compiled.
pub(crate) struct PreparedRule {
    pub(crate) settings: RuleSettings,
    paths: Option<GlobSet>,
    exclude: GlobSet,
}

impl PreparedRule {
    pub(crate) fn applies_to(&self, rel: &str) -> bool {
        self.paths.as_ref().is_none_or(|p| p.is_match(rel)) && !self.exclude.is_match(rel)
    }
}

/// What analysing one file produced; this is what the cache stores.
#[derive(Default, Clone, Serialize, Deserialize)]
pub(crate) struct FileOutcome {
    pub(crate) findings: Vec<Finding>,
    pub(crate) problem: Option<FileProblem>,
    pub(crate) lines: usize,
    pub(crate) observations: Vec<(String, u32)>,
    /// Facts for the workspace step (`Ctx::record_fact`), sorted.
    #[serde(default)]
    pub(crate) facts: Vec<String>,
    pub(crate) analysed: bool,
    pub(crate) generated: bool,
    /// File names this file includes from the build script's output:
    /// `include!(concat!(env!("OUT_DIR"), "/channel.rs"))` gives `channel.rs`.
    #[serde(default)]
    pub(crate) out_dir_includes: Vec<String>,
}

/// Files (by index) that only a build script turns into code: outside the crate's `src/` (so no
/// `mod` compiles them; not `build.rs`, `tests/`, `benches/`, `examples/`), named like a file the
/// crate pulls in with `include!(concat!(env!("OUT_DIR"), "/NAME"))` (lapin's
/// `templates/channel.rs` is rendered by its build script into `OUT_DIR/channel.rs`). Their
/// findings, and parse failures, belong to the generator.
fn build_output_templates(
    found: &discover::Discovered,
    results: &[(FileOutcome, Option<Entry<FileOutcome>>)],
    include_generated: bool,
) -> HashSet<usize> {
    let mut templates = HashSet::new();
    if include_generated {
        return templates;
    }
    let mut included: HashSet<(usize, &str)> = HashSet::new();
    for (file, (outcome, _)) in found.files.iter().zip(results) {
        for name in &outcome.out_dir_includes {
            included.insert((file.crate_index, name.as_str()));
        }
    }
    if included.is_empty() {
        return templates;
    }
    for (i, file) in found.files.iter().enumerate() {
        let dir = &found.crates[file.crate_index].dir;
        let in_crate = if dir.is_empty() {
            file.rel.as_str()
        } else {
            file.rel
                .strip_prefix(dir.as_str())
                .and_then(|r| r.strip_prefix('/'))
                .unwrap_or(&file.rel)
        };
        let compiled_by_cargo = in_crate.starts_with("src/")
            || in_crate == "build.rs"
            || ["tests/", "benches/", "examples/"]
                .iter()
                .any(|d| in_crate.starts_with(d));
        let name = in_crate.rsplit('/').next().unwrap_or(in_crate);
        if !compiled_by_cargo && included.contains(&(file.crate_index, name)) {
            templates.insert(i);
        }
    }
    templates
}

pub fn scan(options: &ScanOptions) -> Result<ScanResult, ScanError> {
    let started = Instant::now();
    let exclude = build_globset(&options.exclude)?;
    let mut found = match &options.root {
        Some(root) => discover::discover_in(root.clone(), &options.paths, &exclude),
        None => discover::discover(&options.paths, &exclude),
    }
    .map_err(ScanError::Discover)?;
    if let Some(dirs) = &options.package_dirs {
        let crates = &found.crates;
        found
            .files
            .retain(|f| dirs.contains(&crates[f.crate_index].dir));
    }
    // Parsing recurses: workers get the stack `check::MAX_ITEM_TOKENS` is measured against.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.unwrap_or(0))
        .stack_size(check::WORKER_STACK)
        .build()
        .map_err(ScanError::ThreadPool)?;
    let cache = options.cache_dir.as_ref().map(|dir| {
        let key = format!(
            "{}|{}|{}",
            cache::build_id(),
            found.root.display(),
            config_key(options)
        );
        Cache::<FileOutcome>::open(dir, &key)
    });
    // The model covers every discovered file, also under `--changed-since`: a changed file's
    // findings may depend on unchanged ones. Without a rule that consults it, the model holds only
    // the files that define `macro_rules!`: every rule sees the expansions of workspace macros
    // (see `analyze`). It is built only when some file's outcome is not in the cache (below).
    let model_inputs =
        (!options.rules.is_empty()).then(|| model_inputs(&found, options, !needs_model(options)));
    let model_key = model_inputs
        .as_ref()
        .map(|inputs| pool.install(|| inputs.key()));
    // Dead-code facts (audit profile only) cover every discovered file, like the model.
    let reach = options
        .find_dead_code
        .then(|| pool.install(|| build_reach(&found, options)));
    if let Some(changes) = &options.changes {
        found.files.retain(|f| changes.contains(&f.abs));
        found.manifests.retain(|f| changes.contains(&f.abs));
        if found.files.is_empty() && found.manifests.is_empty() {
            return Ok(ScanResult::empty(found.root, options, started));
        }
    }
    if found.files.is_empty() && found.manifests.is_empty() {
        let excluded = options
            .paths
            .iter()
            .filter_map(|p| {
                let glob = discover::excluded_by(&found.root, p, &exclude)?;
                Some(Excluded {
                    path: p.clone(),
                    glob: options.exclude.get(glob)?.clone(),
                    origin: None,
                })
            })
            .collect();
        return Err(ScanError::NothingToScan(options.paths.clone(), excluded));
    }
    let prepared = options
        .rules
        .iter()
        .map(|s| {
            Ok(PreparedRule {
                paths: if s.paths.is_empty() {
                    None
                } else {
                    Some(build_globset(&s.paths)?)
                },
                exclude: build_globset(&s.exclude)?,
                settings: s.clone(),
            })
        })
        .collect::<Result<Vec<_>, ScanError>>()?;

    // When every file is unchanged since a run that recorded the model's fingerprint for these
    // very inputs, every outcome is in the cache under it: the model need not be built at all.
    let known_fingerprint = model_key.and_then(|key| cache.as_ref()?.model_fingerprint(key));
    // The audit profile marks dead code through the model, so it always builds it.
    let all_cached = known_fingerprint
        .filter(|_| reach.is_none())
        .and_then(|fingerprint| {
            pool.install(|| {
                found
                    .files
                    .par_iter()
                    .map(|file| {
                        let crate_name = &found.crates[file.crate_index].name;
                        from_stamp(file, crate_name, options, cache.as_ref(), fingerprint).ok()
                    })
                    .collect::<Option<Vec<_>>>()
            })
        });
    let mut cache = cache;
    // Built on this thread, not inside the pool: `build_in` keeps this thread copying indexes
    // while the pool's workers make them (inside the pool, `--jobs 1` would wait on itself).
    // The model is built only when some outcome is not cached: otherwise nothing reads it.
    let mut model_index = None;
    let model = if all_cached.is_some() {
        Workspace::empty()
    } else {
        let mut model = match (&model_inputs, model_key) {
            (Some(inputs), Some(key)) => {
                // Read only now: a scan that needs no model never reads the index cache.
                let index_cache = options
                    .cache_dir
                    .as_ref()
                    .map(|dir| IndexCache::open(dir, &inputs.index_cache_key(&found.root)));
                let (model, stats) = inputs.build_in(&pool, index_cache);
                model_index = Some(stats);
                if let Some(cache) = cache.as_mut() {
                    cache.record_model(cache::ModelRecord {
                        inputs: key,
                        fingerprint: model.fingerprint(),
                    });
                }
                model
            }
            _ => Workspace::empty(),
        };
        if let Some(reach) = reach {
            model.set_reach(reach);
        }
        model
    };
    let prefilters = build_prefilters(options, &model);
    // The workspace phase's inputs are read on the same pool while the files are analysed.
    let (results, mut phase_read): (Vec<FileResult>, PhaseInputs) = pool.install(|| {
        rayon::join(
            || match all_cached {
                Some(results) => results,
                // One file per job: rayon otherwise runs runs of files as one unstealable job,
                // and the scan ended with one thread working through a run for seconds.
                None => found
                    .files
                    .par_iter()
                    .with_max_len(1)
                    .map(|file| {
                        let crate_name = &found.crates[file.crate_index].name;
                        let job = FileJob {
                            file,
                            crate_name,
                            options,
                            rules: &prepared,
                            prefilters: &prefilters,
                            model: &model,
                            model_inputs: model_inputs.as_ref(),
                        };
                        job.run(cache.as_ref())
                    })
                    .collect(),
            },
            || phase_inputs(&found, options, &prepared),
        )
    });
    let harnesses = crate::harness::test_harnesses(&found.root, &found.crates);
    let mut crates: Vec<CrateSummary> = found
        .crates
        .iter()
        .zip(harnesses)
        .map(|(CrateInfo { name, dir }, test_harness)| CrateSummary {
            name: name.clone(),
            dir: dir.clone(),
            files: 0,
            lines: 0,
            observations: BTreeMap::new(),
            observed_in: BTreeMap::new(),
            test_files: 0,
            test_harness,
            generated_files: 0,
        })
        .collect();
    let mut findings = Vec::new();
    let mut problems = Vec::new();
    let mut files_scanned = 0;
    let mut lines_scanned = 0;
    let mut files_generated = 0;
    let mut fresh = Vec::new();
    let build_templates = build_output_templates(&found, &results, options.include_generated);
    let mut facts = std::mem::take(&mut phase_read.facts);
    // (crate index, findings) of each file, settled once every file's facts are in.
    let mut per_file = Vec::with_capacity(found.files.len());
    for (i, (file, (outcome, entry))) in found.files.iter().zip(results).enumerate() {
        if let Some(entry) = entry {
            fresh.push((file.rel.clone(), entry));
        }
        let mut outcome = outcome;
        if build_templates.contains(&i) {
            outcome = FileOutcome {
                generated: true,
                ..FileOutcome::default()
            };
        }
        if let Some(changes) = options.changes.as_ref().filter(|_| options.new_lines_only) {
            outcome
                .findings
                .retain(|f| changes.line_changed(&file.abs, f.line));
        }
        files_generated += usize::from(outcome.generated);
        crates[file.crate_index].generated_files += usize::from(outcome.generated);
        if outcome.analysed {
            files_scanned += 1;
            lines_scanned += outcome.lines;
            let summary = &mut crates[file.crate_index];
            summary.files += 1;
            summary.lines += outcome.lines;
            summary.test_files += usize::from(crate::source::is_test_path(&file.rel));
            for (key, n) in outcome.observations {
                let files = summary.observed_in.entry(key.clone()).or_default();
                if files.len() < OBSERVED_IN_FILES {
                    files.push(file.rel.clone());
                }
                *summary.observations.entry(key).or_default() += u64::from(n);
            }
        }
        facts.add(file.crate_index, &outcome.facts);
        per_file.push((file.crate_index, outcome.findings));
        problems.extend(outcome.problem);
    }
    for (crate_index, mut file_findings) in per_file {
        settle(&mut file_findings, facts.of_unit_of(crate_index));
        findings.extend(file_findings);
    }
    let phase = pool.install(|| workspace_phase(&found, options, &prepared, &facts, phase_read));
    findings.extend(phase.findings);
    problems.extend(phase.problems);
    if options.find_dead_code {
        let binary_only: BTreeSet<String> = found
            .crates
            .iter()
            .zip(crate::harness::binary_only(&found.root, &found.crates))
            .filter(|(_, b)| *b)
            .map(|(c, _)| c.name.clone())
            .collect();
        mark_dead_code(&mut findings, &model, &binary_only);
    }
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    // A workspace's own manifest (a virtual root) belongs to no crate with code: its findings
    // keep the root's name and the reports show them as workspace-wide.
    crates.retain(|c| c.files > 0);
    let mut warnings = Vec::new();
    if let Some(cache) = cache {
        let path = cache.path().to_path_buf();
        if let Err(e) = cache.store(fresh) {
            warnings.push(format!("could not write the cache {}: {e}", path.display()));
        }
    }

    Ok(ScanResult {
        root: found.root,
        files_scanned,
        lines_scanned,
        files_generated,
        findings,
        problems,
        crates,
        rules_run: options.rules.iter().map(|r| r.entry.meta).collect(),
        evidence_collected: options.collect_evidence,
        warnings,
        notes: phase.notes,
        advisory_db: phase.advisory_db,
        lockfiles_scanned: phase.lockfiles,
        model_index,
        duration: started.elapsed(),
    })
}

/// Drops per-file findings whose rule says they do not stand given their workspace's facts.
fn settle(findings: &mut Vec<Finding>, facts: &std::collections::BTreeSet<String>) {
    findings.retain(|f| {
        rules::find(&f.rule)
            .and_then(|e| e.workspace)
            .and_then(|w| w.keep)
            .is_none_or(|keep| keep(f, facts))
    });
}

/// A file's outcome, and the cache entry to store when it was computed now.
type FileResult = (FileOutcome, Option<Entry<FileOutcome>>);

/// What the workspace phase adds to the scan.
#[derive(Default)]
struct PhaseOutput {
    findings: Vec<Finding>,
    problems: Vec<FileProblem>,
    notes: Vec<String>,
    advisory_db: Option<DbInfo>,
    lockfiles: usize,
}

/// What the workspace phase reads: done while the files are analysed (see `scan`), so reading
/// manifests, parsing lockfiles and loading the advisory database add no time of their own.
struct PhaseInputs {
    facts: Facts,
    inputs: workspace::Inputs,
    db: Option<workspace::advisories::AdvisoryDb>,
    notes: Vec<String>,
}

/// The enabled rules with a workspace `check` hook.
fn workspace_checks(
    rules: &[PreparedRule],
) -> Vec<(&PreparedRule, &'static workspace::WorkspaceHooks)> {
    rules
        .iter()
        .filter_map(|r| r.settings.entry.workspace.map(|w| (r, w)))
        .filter(|(_, w)| w.check.is_some())
        .collect()
}

/// Reads the workspace phase's inputs: the crates' units (for facts), the manifests, and, only
/// when a dependency rule runs and the advisory database opens, the lockfiles.
fn phase_inputs(
    found: &discover::Discovered,
    options: &ScanOptions,
    rules: &[PreparedRule],
) -> PhaseInputs {
    let facts = Facts::new(&found.root, &found.crates);
    let mut notes = Vec::new();
    let checks = workspace_checks(rules);
    if checks.is_empty() || found.manifests.is_empty() {
        return PhaseInputs {
            facts,
            inputs: workspace::Inputs::default(),
            db: None,
            notes,
        };
    }
    let has_lockfile = found
        .manifests
        .iter()
        .any(|p| p.rel == "Cargo.lock" || p.rel.ends_with("/Cargo.lock"));
    let wants_db = checks.iter().any(|(_, w)| w.needs_advisories) && has_lockfile;
    let db = match (&options.advisory_db, wants_db) {
        (Some(path), true) => match workspace::advisories::open(path) {
            Ok(db) => Some(db),
            Err(note) => {
                notes.push(note);
                None
            }
        },
        (None, true) => {
            notes.push(
                "no RustSec advisory database given: dependencies were not checked against advisories (pass `--advisory-db PATH`)"
                    .to_string(),
            );
            None
        }
        _ => None,
    };
    let inputs = workspace::read_inputs(
        &found.manifests,
        &found.crates,
        options.max_file_size,
        db.is_some(),
    );
    PhaseInputs {
        facts,
        inputs,
        db,
        notes,
    }
}

/// Runs the workspace hooks of the enabled rules on the scan's manifests and lockfiles, in
/// parallel on the caller's thread pool.
fn workspace_phase(
    found: &discover::Discovered,
    options: &ScanOptions,
    rules: &[PreparedRule],
    facts: &Facts,
    read: PhaseInputs,
) -> PhaseOutput {
    let PhaseInputs {
        inputs, db, notes, ..
    } = read;
    let mut out = PhaseOutput {
        problems: inputs.problems,
        notes,
        advisory_db: db.as_ref().map(|d| d.info.clone()),
        lockfiles: inputs.lockfiles_found,
        ..PhaseOutput::default()
    };
    let parsed: Vec<std::sync::OnceLock<Option<workspace::manifest::Manifest<'_>>>> =
        (0..inputs.manifests.len())
            .map(|_| std::sync::OnceLock::new())
            .collect();
    let checks: Vec<_> = workspace_checks(rules)
        .into_iter()
        .filter(|(_, hooks)| !hooks.needs_advisories || db.is_some())
        .collect();
    let ignores_used = std::sync::Mutex::new(std::collections::BTreeSet::new());
    let produced: Vec<Vec<Finding>> = checks
        .par_iter()
        .map(|&(rule, hooks)| {
            let Some(check) = hooks.check else {
                return Vec::new();
            };
            let cx = workspace::WorkspaceCtx {
                rule: rule.settings.entry.meta,
                crates: &found.crates,
                facts,
                manifests: &inputs.manifests,
                parsed: &parsed,
                lockfiles: &inputs.lockfiles,
                advisories: db.as_ref().map(|d| &d.db),
                advisory_ignore: &options.advisory_ignore,
                ignores_used: &ignores_used,
                ignores_threshold: options.dependency_ignores_threshold,
            };
            let mut produced = Vec::new();
            check(&cx, &mut produced);
            produced.retain(|f| rule.applies_to(&f.path));
            if let Some(severity) = rule.settings.severity {
                for f in &mut produced {
                    f.severity = severity;
                }
            }
            produced
        })
        .collect();
    out.findings = produced.into_iter().flatten().collect();
    let unused_rule = rules
        .iter()
        .find(|r| r.settings.entry.meta.id == rules::unused_suppression::META.id);
    // A poisoned set (a dependency rule panicked) cannot tell which ignores were used: none is
    // judged.
    if let (Some(db), Some(unused_rule), Ok(used)) = (&db, unused_rule, ignores_used.into_inner())
        && !inputs.lockfiles.is_empty()
    {
        let ran = |id: &str| checks.iter().any(|(r, _)| r.settings.entry.meta.id == id);
        let root_name = found
            .root
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let mut unused = workspace::advisories::unused_ignores(
            &db.db,
            &options.advisory_ignore,
            &used,
            &ran,
            &found.root,
            &root_name,
        );
        unused.retain(|f| unused_rule.applies_to(&f.path));
        if let Some(severity) = unused_rule.settings.severity {
            for f in &mut unused {
                f.severity = severity;
            }
        }
        out.findings.extend(unused);
    }
    out
}

/// Everything that decides a file's outcome besides its content, for the cache key.
fn config_key(options: &ScanOptions) -> String {
    let rules: Vec<String> = options
        .rules
        .iter()
        .map(|r| {
            format!(
                "{}:{:?}:{:?}:{:?}",
                r.entry.meta.id, r.severity, r.paths, r.exclude
            )
        })
        .collect();
    format!(
        "rules={};tests={};generated={};full={};evidence={};max={};isolated={};env={}",
        rules.join(","),
        options.include_tests,
        options.include_generated,
        options.full_parse,
        options.collect_evidence,
        options.max_file_size,
        options.isolation_exe.is_some(),
        options.environment_is_input
    )
}

/// One file to analyse, with what the analysis needs.
struct FileJob<'a> {
    file: &'a discover::SourcePath,
    crate_name: &'a str,
    options: &'a ScanOptions,
    rules: &'a [PreparedRule],
    prefilters: &'a Prefilters,
    model: &'a Workspace,
    /// What `model` was built from, for a child process to rebuild it.
    model_inputs: Option<&'a ModelInputs>,
}

impl FileJob<'_> {
    /// The file's outcome, from the cache when it is unchanged; the second value is a fresh cache
    /// entry to store, if the outcome was computed now.
    fn run(&self, cache: Option<&Cache<FileOutcome>>) -> (FileOutcome, Option<Entry<FileOutcome>>) {
        let rel = self.file.rel.as_str();
        let fingerprint = self.model.fingerprint();
        let stamp = match from_stamp(self.file, self.crate_name, self.options, cache, fingerprint) {
            Ok(done) => return done,
            Err(stamp) => stamp,
        };
        let bytes = match std::fs::read(&self.file.abs) {
            Ok(bytes) => bytes,
            Err(e) => return (problem(rel, ProblemKind::Unreadable, e.to_string()), None),
        };
        let hash = cache::content_hash(&bytes);
        let outcome = match cache
            .and_then(|c| c.by_hash(rel, self.crate_name, self.model.fingerprint(), hash))
        {
            Some(hit) => hit.outcome.clone(),
            None => self.analyse(&bytes),
        };
        // How long a file takes depends on the machine's load: a timeout is not a property of the
        // content, so it is not cached.
        let timed_out = outcome
            .problem
            .as_ref()
            .is_some_and(|p| p.kind == ProblemKind::Timeout);
        let entry = cache.filter(|_| !timed_out).map(|_| Entry {
            size: stamp.size,
            mtime_ns: stamp.mtime_ns,
            hash,
            crate_name: self.crate_name.to_string(),
            model: self.model.fingerprint(),
            outcome: outcome.clone(),
        });
        (outcome, entry)
    }

    fn analyse(&self, bytes: &[u8]) -> FileOutcome {
        let rel = self.file.rel.as_str();
        let Ok(text) = std::str::from_utf8(bytes) else {
            return problem(rel, ProblemKind::NotUtf8, "not valid UTF-8".to_string());
        };
        let out_dir_includes = crate::source::out_dir_includes(text);
        if !self.options.include_generated && crate::source::is_generated(rel, text) {
            return FileOutcome {
                generated: true,
                out_dir_includes,
                ..FileOutcome::default()
            };
        }
        let deadline = self.options.file_timeout.map(|t| Instant::now() + t);
        let outcome = guarded(rel, || {
            match check::analyse_file(
                rel,
                self.crate_name,
                text,
                self.rules,
                self.prefilters.for_file(rel, self.model),
                self.model,
                self.options.include_tests,
                deadline,
            ) {
                Checked::Done(outcome) => outcome,
                Checked::TooBigForThread {
                    parse_text,
                    active,
                    item_tokens,
                } => match &self.options.isolation_exe {
                    Some(exe) => {
                        let request = isolate::Request {
                            rel: rel.to_string(),
                            crate_name: self.crate_name.to_string(),
                            text: text.to_string(),
                            parse_text: parse_text.into_owned(),
                            rules: active
                                .iter()
                                .map(|r| (r.entry.meta.id.to_string(), r.severity))
                                .collect(),
                            include_tests: self.options.include_tests,
                            timeout: self.options.file_timeout,
                            model: self.model_inputs.cloned(),
                        };
                        isolate::analyse_in_child(exe, &request)
                    }
                    None => problem(
                        rel,
                        ProblemKind::TooDeep,
                        format!(
                            "one item has {item_tokens} tokens, more than a worker thread parses \
                             safely ({}); the ferret binary analyses such files in a process of \
                             their own",
                            check::MAX_ITEM_TOKENS
                        ),
                    ),
                },
            }
        });
        // Spans of this file are no longer needed; free proc-macro2's per-thread source map.
        model::expand::invalidate_thread_spans();
        FileOutcome {
            out_dir_includes,
            ..outcome
        }
    }
}

/// Runs one file's analysis so that a panic in it (a bug in ferret) is reported as an internal
/// error for that file while the rest of the scan goes on.
pub(crate) fn guarded(rel: &str, analyse: impl FnOnce() -> FileOutcome) -> FileOutcome {
    catch_unwind(AssertUnwindSafe(analyse)).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        problem(
            rel,
            ProblemKind::InternalError,
            format!("internal error while analysing this file: {what}"),
        )
    })
}

pub(crate) fn problem(path: &str, kind: ProblemKind, message: String) -> FileOutcome {
    FileOutcome {
        problem: Some(FileProblem {
            path: path.to_string(),
            kind,
            line: None,
            column: None,
            message,
        }),
        ..FileOutcome::default()
    }
}

/// A file's outcome when it can be had without reading the file: from the cache when its stamp
/// shows it unchanged (under the model `fingerprint`), or a problem when it cannot be read or is
/// too large. Otherwise its stamp, to go on with.
fn from_stamp(
    file: &discover::SourcePath,
    crate_name: &str,
    options: &ScanOptions,
    cache: Option<&Cache<FileOutcome>>,
    fingerprint: u64,
) -> Result<(FileOutcome, Option<Entry<FileOutcome>>), Stamp> {
    let rel = file.rel.as_str();
    let meta = match std::fs::metadata(&file.abs) {
        Ok(meta) => meta,
        Err(e) => return Ok((problem(rel, ProblemKind::Unreadable, e.to_string()), None)),
    };
    let stamp = Stamp::of(&meta);
    if let Some(hit) = cache.and_then(|c| c.by_stamp(rel, crate_name, fingerprint, stamp)) {
        return Ok((hit.outcome.clone(), None));
    }
    if stamp.size > options.max_file_size {
        let message = format!(
            "{} bytes is over the {} byte limit (--max-file-size)",
            stamp.size, options.max_file_size
        );
        return Ok((problem(rel, ProblemKind::TooLarge, message), None));
    }
    Err(stamp)
}

/// Whether a rule that consults the workspace model runs.
fn needs_model(options: &ScanOptions) -> bool {
    options.find_dead_code
        || options
            .rules
            .iter()
            .any(|r| model::CONSULTED_BY.contains(&r.entry.meta.id))
}

/// Every word of every discovered file, test files included (a `tests.rs` names its module's
/// private helpers), for [`Workspace::is_unreferenced_fn`]. A file too large, unreadable or not
/// UTF-8 makes its crate's answers unknown.
fn build_reach(found: &discover::Discovered, options: &ScanOptions) -> model::reach::Reach {
    let read: Vec<Result<(String, model::reach::Mentions), String>> = found
        .files
        .par_iter()
        .map(|file| {
            let krate = found.crates[file.crate_index].name.clone();
            let text = std::fs::metadata(&file.abs)
                .ok()
                .filter(|meta| meta.len() <= options.max_file_size)
                .and_then(|_| std::fs::read(&file.abs).ok())
                .and_then(|bytes| String::from_utf8(bytes).ok());
            match text {
                Some(text) => Ok((krate, model::reach::mentions(&text))),
                None => Err(krate),
            }
        })
        .collect();
    let mut mentions = Vec::with_capacity(read.len());
    let mut left_out = Vec::new();
    for r in read {
        match r {
            Ok(m) => mentions.push(m),
            Err(krate) => left_out.push(krate),
        }
    }
    model::reach::Reach::new(mentions, left_out)
}

/// Marks findings inside fns nothing can reach ([`Workspace::is_unreferenced_fn`]): the fn the
/// engine recorded (`evidence["fn"]`), found in the model by name and body lines.
fn mark_dead_code(findings: &mut [Finding], model: &Workspace, binary_only: &BTreeSet<String>) {
    let files: HashMap<&str, &model::FileIndex> =
        model.files().iter().map(|f| (f.path.as_str(), f)).collect();
    for f in findings.iter_mut().filter(|f| !f.in_test) {
        let Some(name) = f.evidence.get("fn") else {
            continue;
        };
        let Some(file) = files.get(f.path.as_str()) else {
            continue;
        };
        // Nested fns are not in the model: a name and body lines that match only the outer fn
        // leave the finding unmarked.
        let def = file.fns.iter().find(|d| {
            &d.name == name
                && d.body.is_some_and(|(first, last)| {
                    first as usize <= f.line && f.line <= last as usize
                })
        });
        if let Some(def) = def {
            let binary = binary_only.contains(&file.crate_name);
            f.dead_code = model.is_unreferenced_fn(&file.crate_name, def, binary) == Some(true);
        }
    }
}

/// What the workspace model is built from: the files to index, so that a process of its own
/// (`crate::isolate`, for an item too big for a worker's stack) rebuilds the same model.
#[derive(Serialize, Deserialize, Clone, Default)]
pub(crate) struct ModelInputs {
    sources: Vec<ModelSource>,
    /// Only the files that define `macro_rules!` (no rule consults the rest).
    macros_only: bool,
    max_file_size: u64,
    /// Attach taint summaries (a rule in [`model::SUMMARISED_FOR`] runs).
    summarise: bool,
    /// `ScanOptions::environment_is_input`, which the taint summaries follow.
    #[serde(default)]
    environment_is_input: bool,
    /// Per crate, the scanned crates it uses by path ([`crate::harness::path_dependencies`]):
    /// summaries follow a handler's calls into them.
    #[serde(default)]
    path_dependencies: Vec<(String, Vec<String>)>,
}

#[derive(Serialize, Deserialize, Clone)]
struct ModelSource {
    rel: String,
    abs: PathBuf,
    crate_name: String,
    /// The path inside its crate, which gives the module path.
    in_crate: String,
}

impl ModelInputs {
    /// A hash of everything the model is built from: each file's path, crate, module place and
    /// stamp, and the settings. Equal keys mean an equal model, as far as the cache trusts stamps
    /// for findings.
    fn key(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let per_file: Vec<u64> = self
            .sources
            .par_iter()
            .map(|source| {
                let stamp = std::fs::metadata(&source.abs)
                    .ok()
                    .map(|meta| Stamp::of(&meta));
                let mut hasher = xxhash_rust::xxh3::Xxh3::new();
                (&source.rel, &source.crate_name, &source.in_crate).hash(&mut hasher);
                stamp.map(|s| (s.size, s.mtime_ns)).hash(&mut hasher);
                hasher.finish()
            })
            .collect();
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        (
            per_file,
            self.macros_only,
            self.max_file_size,
            self.summarise,
            self.environment_is_input,
            &self.path_dependencies,
        )
            .hash(&mut hasher);
        hasher.finish()
    }

    /// The key of the index cache: the ferret build, the scanned root, and which files are
    /// indexed (a macros-only model keeps its own, smaller cache).
    fn index_cache_key(&self, root: &std::path::Path) -> String {
        format!(
            "{}|{}|model-index|macros_only={}",
            cache::build_id(),
            root.display(),
            self.macros_only
        )
    }

    /// [`ModelInputs::build`] on the scan's workers, while this thread keeps a copy of each
    /// file's index, made in its own allocator heap. The indexes are the model's long-lived data:
    /// made among the workers' short-lived parse data, they would pin those pages for the whole
    /// scan (a third of the model's memory was such holes).
    /// With an index cache, a file unchanged since the run that indexed it is not indexed again
    /// (taint summaries are never cached: they are attached afterwards, as without a cache).
    fn build_in(
        &self,
        pool: &rayon::ThreadPool,
        mut index_cache: Option<IndexCache<CachedIndex<model::FileIndex>>>,
    ) -> (Workspace, IndexStats) {
        let mut cached: Vec<Option<CachedIndex<model::FileIndex>>> = self
            .sources
            .iter()
            .map(|source| index_cache.as_mut().and_then(|c| c.take(&source.rel)))
            .collect();
        let cached_count = cached.iter().flatten().count();
        let mut slots: Vec<Option<Indexed>> = (0..self.sources.len()).map(|_| None).collect();
        // Bounded: should copying fall behind, workers wait rather than queue indexes.
        let (sender, received) =
            std::sync::mpsc::sync_channel::<(usize, Indexed)>(INDEX_COPY_BACKLOG);
        std::thread::scope(|scope| {
            scope.spawn(|| {
                pool.install(|| {
                    self.sources
                        .par_iter()
                        .zip(cached.par_iter_mut())
                        .with_max_len(1)
                        .enumerate()
                        .for_each_with(sender, |sender, (i, (source, cached))| {
                            if let Some(indexed) = self.index_one(source, cached.take()) {
                                // The receiver lives until every sender is dropped.
                                let _ = sender.send((i, indexed));
                            }
                        });
                });
            });
            let mut interner = model::Interner::default();
            for (i, mut indexed) in received {
                indexed.index.share_names(&mut interner);
                slots[i] = Some(Indexed {
                    index: indexed.index.clone(),
                    ..indexed
                });
            }
        });
        let files: Vec<(usize, Indexed)> = slots
            .into_iter()
            .enumerate()
            .filter_map(|(i, slot)| slot.map(|s| (i, s)))
            .collect();
        let stats = IndexStats {
            files: files.len(),
            from_cache: files.iter().filter(|(_, f)| f.from_cache).count(),
        };
        if let Some(index_cache) = index_cache {
            // Unchanged when every file came from the cache by its stamp and no entry was left
            // over or dropped.
            let unchanged = index_cache.is_empty()
                && files.len() == cached_count
                && files.iter().all(|(_, f)| f.by_stamp);
            if !unchanged {
                let entries = files
                    .iter()
                    .map(|(i, f)| {
                        let source = &self.sources[*i];
                        let entry = CachedIndex {
                            size: f.stamp.size,
                            mtime_ns: f.stamp.mtime_ns,
                            hash: f.hash,
                            crate_name: source.crate_name.clone(),
                            in_crate: source.in_crate.clone(),
                            seen: f.seen,
                            index: &f.index,
                        };
                        (source.rel.as_str(), entry)
                    })
                    .collect();
                // A cache that cannot be written only makes the next scan slower.
                let _ = index_cache.store(entries);
            }
        }
        let files = files
            .into_iter()
            .map(|(i, f)| {
                let text = IndexedText::new(f.seen, &self.sources[i].abs);
                (f.index, text)
            })
            .collect();
        (pool.install(|| self.finish(files)), stats)
    }

    /// Indexes every file in parallel (files too large, unreadable or not UTF-8 are left out, as
    /// the analysis leaves them out) and merges the indexes in path order.
    pub(crate) fn build(&self) -> Workspace {
        let files: Vec<Option<(model::FileIndex, IndexedText)>> =
            self.sources.par_iter().map(|s| self.index(s)).collect();
        let mut interner = model::Interner::default();
        let files = files.into_iter().flatten().map(|(mut index, text)| {
            index.share_names(&mut interner);
            (index, text)
        });
        self.finish(files.collect())
    }

    /// The merged model of the indexed files, with the files whose fns may have taint summaries
    /// when asked for.
    fn finish(&self, mut files: Vec<(model::FileIndex, IndexedText)>) -> Workspace {
        let (summarisable, called, deep) = if self.summarise {
            summarisable(
                &mut files,
                self.environment_is_input,
                &self.path_dependencies,
            )
        } else {
            Default::default()
        };
        // What the lazily summarised files hold: their summaries are computed after the
        // fingerprint is known.
        let mut content = xxhash_rust::xxh3::Xxh3::new();
        for s in summarisable.iter().filter(|s| !s.computed) {
            use std::hash::Hash;
            (&files[s.file].0.path, files[s.file].1.text_hash).hash(&mut content);
        }
        let mut model = Workspace::from_files(files.into_iter().map(|(index, _)| index).collect());
        model.set_environment_is_input(self.environment_is_input);
        if self.summarise {
            let content = std::hash::Hasher::finish(&content);
            model.set_summarisable(summarisable, called, deep, content);
        }
        model
    }

    fn index<'s>(&self, source: &'s ModelSource) -> Option<(model::FileIndex, IndexedText<'s>)> {
        self.index_one(source, None)
            .map(|f| (f.index, IndexedText::new(f.seen, &source.abs)))
    }

    /// One file's index: `cached` when it was made from the same content, path and module place,
    /// else made now. `None` for a file the model leaves out, exactly as without a cache.
    fn index_one(
        &self,
        source: &ModelSource,
        cached: Option<CachedIndex<model::FileIndex>>,
    ) -> Option<Indexed> {
        let meta = std::fs::metadata(&source.abs).ok()?;
        if meta.len() > self.max_file_size {
            return None;
        }
        let stamp = Stamp::of(&meta);
        let cached =
            cached.filter(|c| c.crate_name == source.crate_name && c.in_crate == source.in_crate);
        let reuse = |c: CachedIndex<model::FileIndex>, by_stamp: bool| {
            (!self.macros_only || c.seen.macro_rules).then_some(Indexed {
                stamp,
                hash: c.hash,
                seen: c.seen,
                from_cache: true,
                by_stamp,
                index: c.index,
            })
        };
        let (cached, by_stamp) = match cached {
            Some(c) if c.size == stamp.size && c.mtime_ns == stamp.mtime_ns => {
                return reuse(c, true);
            }
            other => (other, false),
        };
        let bytes = std::fs::read(&source.abs).ok()?;
        let hash = cache::content_hash(&bytes);
        if let Some(c) = cached.filter(|c| c.hash == hash) {
            // Touched, not edited.
            return reuse(c, by_stamp);
        }
        let macro_rules = memchr::memmem::find(&bytes, b"macro_rules").is_some();
        if self.macros_only && !macro_rules {
            return None;
        }
        let text = std::str::from_utf8(&bytes).ok()?;
        let module = model::index::module_of(&source.in_crate);
        let guarded = catch_unwind(AssertUnwindSafe(|| {
            model::index::index_file(&source.rel, &source.crate_name, module, text)
        }));
        model::expand::invalidate_thread_spans();
        let worth_summarising = crate::taint::summary::worth_summarising(text);
        let seen = TextSeen {
            macro_rules,
            has_source: crate::taint::literals::names_a_service(text)
                || (is_program_entry(&source.in_crate)
                    && crate::taint::literals::names_a_source(text)),
            worth_summarising,
            tls_flag: text.contains("danger_accept_invalid"),
            text_hash: if worth_summarising { hash } else { 0 },
        };
        guarded.ok().map(|index| Indexed {
            stamp,
            hash,
            seen,
            from_cache: false,
            by_stamp: false,
            index,
        })
    }
}

/// One file's index, and what it was made from.
struct Indexed {
    stamp: Stamp,
    hash: u64,
    seen: TextSeen,
    /// Taken from the index cache (by stamp or, for a touched file, by content).
    from_cache: bool,
    /// Taken from the index cache by stamp: its entry needs no update.
    by_stamp: bool,
    index: model::FileIndex,
}

/// One file's index as the index cache keeps it (`I` is the index, or a reference to it when
/// written), with what it was made from: an entry is used only for the same crate, module place
/// and content.
#[derive(Serialize, Deserialize)]
pub(crate) struct CachedIndex<I> {
    size: u64,
    mtime_ns: u64,
    hash: u64,
    crate_name: String,
    in_crate: String,
    seen: TextSeen,
    index: I,
}

/// What indexing saw of a file's text besides its index.
#[derive(Clone, Copy, Serialize, Deserialize)]
struct TextSeen {
    /// It says `macro_rules` (a macros-only model indexes only such files).
    macro_rules: bool,
    has_source: bool,
    worth_summarising: bool,
    tls_flag: bool,
    /// The content hash when `worth_summarising` (for the model's fingerprint), else 0.
    text_hash: u64,
}

/// Indexes waiting for the scan's thread to copy them: enough to keep the workers busy (copying
/// is much cheaper than indexing); not a deployment setting.
const INDEX_COPY_BACKLOG: usize = 64;

/// What the first indexing pass saw of a file's text, for the taint summaries.
struct IndexedText<'a> {
    /// It names a service's remote input (`crate::knowledge::taint::SERVICE_LITERALS`), or it is
    /// a program's entry file naming a source ([`is_program_entry`]).
    has_source: bool,
    /// It names a sink or a check (`crate::taint::summary::worth_summarising`).
    worth_summarising: bool,
    /// It switches TLS verification by a flag: its callers anywhere may pass `true`.
    tls_flag: bool,
    /// For the fingerprint, when the file's summaries are computed lazily.
    text_hash: u64,
    abs: &'a PathBuf,
}

impl IndexedText<'_> {
    fn new(seen: TextSeen, abs: &PathBuf) -> IndexedText<'_> {
        IndexedText {
            has_source: seen.has_source,
            worth_summarising: seen.worth_summarising,
            tls_flag: seen.tls_flag,
            text_hash: seen.text_hash,
            abs,
        }
    }
}

/// A file of a program's own code (`src/main.rs`, `src/bin/..`): its sources (arguments,
/// stdin, sockets) are the program's input, and its calls into other files get summaries as a
/// service's do. A library's socket or client code is not followed that way: read across a
/// library corpus, that cost a fifth more CPU for no finding.
fn is_program_entry(in_crate: &str) -> bool {
    in_crate == "src/main.rs" || in_crate.starts_with("src/bin/")
}

/// The files whose fns may get taint summaries (`crate::taint::summary`): those that a file naming
/// a web framework or a message queue, or a program's entry file naming a source
/// ([`is_program_entry`]), calls into (by name, as the model records calls), in its
/// crate or a workspace crate it uses by path, and that hold a sink or a check, or call such a file in turn: the only summaries a taint
/// rule can use. Returned with the names those files call ([`crate::model::name_key`]s): only
/// fns of these names get first-level summaries; and with the names that those fns call (with
/// the calls of their own file's fns they call, which their summaries follow): only fns of these
/// names get second-level summaries, in the files of the crate that hold such a fn and a sink or
/// a check. One step, no more: a second-level summary follows its own file only.
/// Summaries are computed when a call first resolves into them (`crate::model::summaries`),
/// except in files that switch TLS verification by a flag, summarised here whole, in parallel: the
/// prefilter needs them before the analysis (`crate::taint::summary::tls_flag_calls`).
fn summarisable(
    files: &mut [(model::FileIndex, IndexedText)],
    environment_is_input: bool,
    path_dependencies: &[(String, Vec<String>)],
) -> (
    Vec<model::summaries::Summarisable>,
    HashSet<u64>,
    HashSet<u64>,
) {
    let called: HashSet<u64> = files
        .iter()
        .filter(|(_, seen)| seen.has_source)
        .flat_map(|(index, _)| index.fns.iter().flat_map(|f| f.calls.iter().copied()))
        .collect();
    // Calls are known by name only, and names like `new` are called everywhere: only the crates
    // that hold such a file, and the workspace crates they use by path, are candidates (a
    // library corpus was otherwise parsed again).
    let mut crates: HashSet<String> = files
        .iter()
        .filter(|(_, seen)| seen.has_source)
        .map(|(index, _)| index.crate_name.clone())
        .collect();
    let mut todo: Vec<String> = crates.iter().cloned().collect();
    while let Some(krate) = todo.pop() {
        let used = path_dependencies.iter().filter(|(c, _)| *c == krate);
        for dep in used.flat_map(|(_, deps)| deps) {
            if crates.insert(dep.clone()) {
                todo.push(dep.clone());
            }
        }
    }
    // The fns of `index` named in `names` that a summary is worth making for.
    let defines = |index: &model::FileIndex, names: &HashSet<u64>| -> Vec<u64> {
        if !crates.contains(&index.crate_name) {
            return Vec::new();
        }
        let summarised = |f: &&model::FnDef| !f.in_test && (f.has_self || !f.params.is_empty());
        let keys = index.fns.iter().filter(summarised);
        let keys = keys.map(|f| model::name_key(&f.name));
        keys.filter(|k| names.contains(k)).collect()
    };
    // Per file that a first-level fn may be in: what its first-level fns call.
    let onward: Vec<Option<HashSet<u64>>> = files
        .iter()
        .map(|(index, _)| {
            (!defines(index, &called).is_empty()).then(|| calls_through_file(index, &called))
        })
        .collect();
    let deep: HashSet<u64> = onward.iter().flatten().flatten().copied().collect();
    // The second-level fns a summary can be made for: a first-level file that names no sink
    // nor check is worth summarising when it calls one of them.
    let deep_defined: HashSet<u64> = files
        .iter()
        .filter(|(_, seen)| seen.worth_summarising)
        .flat_map(|(index, _)| defines(index, &deep))
        .collect();
    let levels: Vec<bool> = files
        .iter()
        .zip(&onward)
        .map(|((index, seen), onward)| {
            let first = onward.as_ref().is_some_and(|calls| {
                seen.worth_summarising || calls.iter().any(|k| deep_defined.contains(k))
            });
            first || (seen.worth_summarising && !defines(index, &deep).is_empty())
        })
        .collect();
    let summarisable = files
        .par_iter_mut()
        .enumerate()
        .filter_map(|(i, (index, seen))| {
            if !(seen.tls_flag || levels[i]) {
                return None;
            }
            if seen.tls_flag {
                let own = crate::taint::FileOnlyWith {
                    environment_is_input,
                };
                let summaries =
                    crate::taint::summary::summarise_path(seen.abs, &index.path, &own, &|_| true);
                model::expand::invalidate_thread_spans();
                let by_fn = model::summaries::attach(&index.fns, summaries);
                for (f, summary) in index.fns.iter_mut().zip(by_fn) {
                    f.taint = summary;
                }
            }
            Some(model::summaries::Summarisable {
                file: i,
                abs: seen.abs.clone(),
                computed: seen.tls_flag,
            })
        })
        .collect();
    (summarisable, called, deep)
}

/// The names the fns of `index` named in `called` call, with those of the file's fns they reach
/// by name (a summary follows its own file).
fn calls_through_file(index: &model::FileIndex, called: &HashSet<u64>) -> HashSet<u64> {
    let mut calls: HashSet<u64> = HashSet::new();
    let mut reached: Vec<bool> = index
        .fns
        .iter()
        .map(|f| !f.in_test && called.contains(&model::name_key(&f.name)))
        .collect();
    let mut todo: Vec<usize> = (0..reached.len()).filter(|&k| reached[k]).collect();
    while let Some(k) = todo.pop() {
        for &name in index.fns[k].calls.iter() {
            if !calls.insert(name) {
                continue;
            }
            for (j, g) in index.fns.iter().enumerate() {
                if !reached[j] && !g.in_test && model::name_key(&g.name) == name {
                    reached[j] = true;
                    todo.push(j);
                }
            }
        }
    }
    calls
}

/// The files the model indexes. `macros_only` indexes only the files that define a `macro_rules!`
/// macro, which is all the expansions need.
fn model_inputs(
    found: &discover::Discovered,
    options: &ScanOptions,
    macros_only: bool,
) -> ModelInputs {
    let sources = found
        .files
        .iter()
        // Test files construct variants and read fields for their own purposes: what they do
        // says nothing about production code.
        .filter(|file| !crate::source::is_test_path(&file.rel))
        .map(|file| {
            let krate = &found.crates[file.crate_index];
            let in_crate = file
                .rel
                .strip_prefix(krate.dir.as_str())
                .map_or(file.rel.as_str(), |r| r.trim_start_matches('/'));
            ModelSource {
                rel: file.rel.clone(),
                abs: file.abs.clone(),
                crate_name: krate.name.clone(),
                in_crate: in_crate.to_string(),
            }
        })
        .collect();
    ModelInputs {
        sources,
        macros_only,
        max_file_size: options.max_file_size,
        summarise: !macros_only
            && options
                .rules
                .iter()
                .any(|r| model::SUMMARISED_FOR.contains(&r.entry.meta.id)),
        environment_is_input: options.environment_is_input,
        path_dependencies: found
            .crates
            .iter()
            .map(|c| c.name.clone())
            .zip(crate::harness::path_dependencies(
                &found.root,
                &found.crates,
            ))
            .filter(|(_, deps)| !deps.is_empty())
            .collect(),
    }
}

/// The prefilters of a scan: `general` for every file, and `narrowed` (when the model is built
/// and [`Workspace::NARROWED_RULE`] runs) for files whose enums the model fully indexes, where
/// that rule's literal `enum ` gives way to the `enum Name` of enums with an unconstructed
/// variant: its findings are known once the model is built, so other enums need no parse.
struct Prefilters {
    general: Prefilter,
    narrowed: Option<Prefilter>,
}

impl Prefilters {
    fn for_file(&self, rel: &str, model: &Workspace) -> &Prefilter {
        match &self.narrowed {
            Some(narrowed) if model.enums_complete(rel) => narrowed,
            _ => &self.general,
        }
    }
}

/// The prefilters for the enabled rules (a superset of what runs on any one file, so they are
/// conservative for rules limited to some paths).
/// Items mentioning what the model follows (workspace macro calls, error types with a response
/// conversion) are selected too: rules see through them.
fn build_prefilters(options: &ScanOptions, model: &Workspace) -> Prefilters {
    if options.full_parse {
        return Prefilters {
            general: Prefilter::off(),
            narrowed: None,
        };
    }
    let metas: Vec<&RuleMeta> = options.rules.iter().map(|r| r.entry.meta).collect();
    let evidence: Vec<&str> = if options.collect_evidence {
        crate::analyze::EVIDENCE_LITERALS
            .iter()
            .chain(crate::knowledge::evidence::LITERALS)
            .copied()
            .collect()
    } else {
        Vec::new()
    };
    // Every rule sees the expansions of workspace macros: a call is worth parsing when the
    // macro's body holds a literal of some enabled rule.
    let expanding = Prefilter::new(&metas, &[]);
    let followed = model.prefilter_literals(|body| expanding.may_select(body));
    let tls_flags = if metas.iter().any(|m| m.id == "tls-verification-disabled") {
        model.tls_flag_calls().to_vec()
    } else {
        Vec::new()
    };
    let mut extra: Vec<&str> = followed.anywhere.iter().map(String::as_str).collect();
    // Item scope: a flag fn named like a common fn (`new(`) selecting whole files parsed most of
    // the corpus. A caller passing its own parameter on is judged when its callers' items are
    // selected for another reason.
    extra.extend(
        tls_flags
            .iter()
            .filter(|(gate, _)| gate.is_none())
            .map(|(_, literal)| literal.as_str()),
    );
    let gated: Vec<(String, String)> = tls_flags
        .iter()
        .filter_map(|(gate, literal)| Some((gate.clone()?, literal.clone())))
        .collect();
    // The environment is a source only by configuration, so its words are not the taint rules'.
    let taint_rules = metas
        .iter()
        .any(|m| crate::taint::report::TaintRule::selects_by_sources(m));
    let file_extra: &[&str] = if taint_rules && options.environment_is_input {
        crate::knowledge::taint::ENVIRONMENT_SOURCE_LITERALS
    } else {
        &[]
    };
    extra.extend_from_slice(&evidence);
    let companion_macros = |holds: &dyn Fn(&str) -> bool| model.macro_calls_where(holds);
    let general = Prefilter::with_file_literals(&metas, &extra, file_extra)
        .with_gated_literals(gated.clone())
        .with_crate_literals(&followed.in_crate)
        .with_companion_macros(companion_macros);
    let narrowing = model.is_built() && metas.iter().any(|m| m.id == Workspace::NARROWED_RULE);
    if !narrowing {
        return Prefilters {
            general,
            narrowed: None,
        };
    }
    let others: Vec<&RuleMeta> = metas
        .iter()
        .copied()
        .filter(|m| m.id != Workspace::NARROWED_RULE)
        .collect();
    let unraised = model.unraised_enum_literals();
    extra.extend(unraised.iter().map(String::as_str));
    Prefilters {
        general,
        narrowed: Some(
            Prefilter::with_file_literals(&others, &extra, file_extra)
                .with_gated_literals(gated)
                .with_crate_literals(&followed.in_crate)
                .with_companion_macros(companion_macros),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_internal_error_for_that_file() {
        let outcome = guarded("src/bad.rs", || panic!("boom"));
        let problem = outcome.problem.expect("reported");
        assert_eq!(problem.kind, ProblemKind::InternalError);
        assert_eq!(problem.path, "src/bad.rs");
        assert!(problem.message.contains("boom"), "{}", problem.message);
        assert!(!outcome.analysed);
    }
}
