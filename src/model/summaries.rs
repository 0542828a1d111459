//! Taint summaries kept beside the model (`crate::taint::summary`): which files may have them,
//! and each file's summaries, computed the first time a taint run asks for one of its fns.
//!
//! A summary costs a second parse of its file. The scan decides which files may be summarised
//! (those a file naming a service calls into, see `scan::ModelInputs`), and which of their fns:
//! those such a file calls by name (the first level), and those the first level calls by name
//! (the second). Of those files, only the ones a call actually resolves into are read again,
//! once per level, whichever thread asks first, and the engine runs on the fns of that level
//! only (a file of hundreds of fns is typically called into through a few).
//!
//! Two calls deep, no further: a first-level summary applies the second-level summaries of the
//! fns it calls in other files; a second-level summary follows its own file only. A cycle
//! (`a::f` calls `b::g`, which calls `a::f`) thus ends at the second level, and no summary
//! waits on one of its own level. Files that switch TLS verification by a flag are summarised
//! when the model is built, following their own file only: the prefilter needs their summaries
//! before any file is analysed (`crate::taint::summary::tls_flag_calls`).

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use super::{FnDef, Pos, Workspace, index};
use crate::knowledge::taint::SinkKind;
use crate::taint::FileOnlyWith;
use crate::taint::summary::{FnSummary, SecondLevel, summarise_path};

/// A file whose fns may have summaries.
pub struct Summarisable {
    /// Its index in the file list given to [`Workspace::from_files`].
    pub file: usize,
    pub abs: PathBuf,
    /// Its summaries are already on its fns ([`FnDef::taint`], the TLS flag files); else they
    /// are computed on first use.
    pub computed: bool,
}

/// The summarisable files of a model, with their summaries once computed.
#[derive(Default)]
pub(super) struct LazySummaries {
    /// Model file index -> its slot.
    slots: HashMap<u32, Slot>,
    /// The first-level fns of summarisable files (outside tests, as only those get summaries), by
    /// the name a call must end with and the segment before it that can name them ([`Named`]): a
    /// call no entry matches resolves to no summary. The value: sinks ([`SinkKind::bit`]) a
    /// parameter of those fns reaches, among the summaries computed up front.
    named: HashMap<Named, u8>,
    /// [`index::name_key`]s of the names in `named`, for calls without a qualifier.
    names: HashMap<u64, u8>,
    /// `named` and `names` for the second-level fns, which only first-level summaries call.
    deep_named: HashSet<Named>,
    deep_names: HashSet<u64>,
    /// The workspace's fns outside tests whose name is in `names` or `deep_names`, by [`Named`]: a qualified
    /// call's candidates are those of its qualifier and those at a crate root, in file order.
    /// Filtering every fn of the name instead cost 2% of a cold scan (`Type::new` met thousands
    /// of `new`s).
    by_owner: HashMap<Named, Vec<Pos>>,
    /// [`crate::taint::summary::tls_flag_calls`], made on first use.
    tls_flag_calls: OnceLock<Vec<(Option<String>, String)>>,
    /// [`index::name_key`]s of the fns that files naming a service call: the lazily summarised
    /// fns of the first level (any fn of a file summarised up front has its summary).
    called: HashSet<u64>,
    /// [`index::name_key`]s of the fns that first-level fns call: the second level.
    deep: HashSet<u64>,
}

/// How deep a summary is asked for: see the module's docs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    /// A fn a file naming a service calls: its summary applies second-level ones.
    First,
    /// A fn a first-level fn calls in another file: its summary follows its own file only.
    Second,
}

/// A fn's name ([`index::name_key`]) and the qualifier that can name it (the name key of its impl
/// type, or of its module for a free fn; `None`: a free fn at a crate root, which any qualifier
/// names), as [`Workspace::resolve_fn`] tests them.
type Named = (u64, Option<u64>);

struct Slot {
    abs: PathBuf,
    /// Per fn of the file's index: its first-level summary, if it has one.
    by_fn: OnceLock<Vec<Option<Arc<FnSummary>>>>,
    /// The same at the second level.
    second: OnceLock<Vec<Option<Arc<FnSummary>>>>,
}

impl Workspace {
    /// Records the files whose fns may have taint summaries, `called`, the [`index::name_key`]s
    /// of the fns that files naming a service call, and `deep`, those of the fns that the called
    /// fns call: of the lazily summarised files, only fns of those names get a summary, of the
    /// first level and of the second. `content` hashes what the lazily summarised files hold
    /// (their text): the fingerprint covers it, so that a caller's cached findings follow a
    /// callee's body although the summary itself is computed later.
    pub fn set_summarisable(
        &mut self,
        files: Vec<Summarisable>,
        called: HashSet<u64>,
        deep: HashSet<u64>,
        content: u64,
    ) {
        let mut lazy = LazySummaries {
            called,
            deep,
            ..LazySummaries::default()
        };
        for s in files {
            let Some(file) = self.files.get(s.file) else {
                continue;
            };
            let summarised = |f: &&FnDef| {
                !f.in_test && (s.computed || lazy.called.contains(&index::name_key(&f.name)))
            };
            for f in file.fns.iter().filter(summarised) {
                let sinks = f.taint.iter().flat_map(|t| &t.sinks);
                let bits = sinks.fold(0, |bits, sink| bits | sink.sink.bit());
                let name = index::name_key(&f.name);
                *lazy.named.entry((name, owner_key(file, f))).or_default() |= bits;
                *lazy.names.entry(name).or_default() |= bits;
            }
            let deep = |f: &&FnDef| {
                !f.in_test && (s.computed || lazy.deep.contains(&index::name_key(&f.name)))
            };
            for f in file.fns.iter().filter(deep) {
                let name = index::name_key(&f.name);
                lazy.deep_named.insert((name, owner_key(file, f)));
                lazy.deep_names.insert(name);
            }
            let slot = Slot {
                abs: s.abs,
                by_fn: OnceLock::new(),
                second: OnceLock::new(),
            };
            if s.computed {
                // Summarised whole, following its own file: the same at both levels.
                let by_fn: Vec<_> = file.fns.iter().map(|f| f.taint.clone()).collect();
                let _ = slot.second.set(by_fn.clone()); // a fresh slot: never set before
                let _ = slot.by_fn.set(by_fn);
            }
            lazy.slots.insert(s.file as u32, slot);
        }
        for (fi, file) in self.files.iter().enumerate() {
            for (k, f) in file.fns.iter().enumerate().filter(|(_, f)| !f.in_test) {
                let name = index::name_key(&f.name);
                if lazy.names.contains_key(&name) || lazy.deep_names.contains(&name) {
                    let key = (name, owner_key(file, f));
                    lazy.by_owner
                        .entry(key)
                        .or_default()
                        .push((fi as u32, k as u32));
                }
            }
        }
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        std::hash::Hash::hash(&(self.fingerprint, content), &mut hasher);
        self.fingerprint = std::hash::Hasher::finish(&hasher);
        self.summaries = Some(lazy);
    }

    /// The calls of fns whose parameter decides TLS verification, as (gate, `name(`) text: see
    /// [`crate::taint::summary::tls_flag_calls`]. Made once, read by the prefilter and the rule.
    pub fn tls_flag_calls(&self) -> &[(Option<String>, String)] {
        match &self.summaries {
            Some(lazy) => lazy
                .tls_flag_calls
                .get_or_init(|| crate::taint::summary::tls_flag_calls(self)),
            None => &[],
        }
    }

    /// The taint summary of the fn at `at` at `level`, computing its file's summaries of that
    /// level on first use: a first-level one asks for second-level ones of other files while it
    /// is computed, a second-level one asks for none (no wait can go round).
    pub(crate) fn summary_at_level(&self, at: Pos, level: Level) -> Option<Arc<FnSummary>> {
        let lazy = self.summaries.as_ref()?;
        let slot = lazy.slots.get(&at.0)?;
        let file = &self.files[at.0 as usize];
        let (cell, names) = match level {
            Level::First => (&slot.by_fn, &lazy.called),
            Level::Second => (&slot.second, &lazy.deep),
        };
        let by_fn = cell.get_or_init(|| {
            let wanted = |name: &str| names.contains(&index::name_key(name));
            let summaries = match level {
                Level::First => {
                    let second = SecondLevel {
                        workspace: self,
                        file: &file.path,
                    };
                    summarise_path(&slot.abs, &file.path, &second, &wanted)
                }
                Level::Second => {
                    let own = FileOnlyWith {
                        environment_is_input: self.environment_is_input,
                    };
                    summarise_path(&slot.abs, &file.path, &own, &wanted)
                }
            };
            attach(&file.fns, summaries)
        });
        by_fn.get(at.1 as usize)?.clone()
    }

    /// Whether some fn that may have a summary can be named by `path` (as the calling file's `use`
    /// map gives it, `crate::` dropped; [`Workspace::resolve_fn`]'s test): when none can, no
    /// call of `path` resolves to a summary, and the resolution among all the workspace's fns
    /// of that name is skipped.
    pub(crate) fn may_have_summary(&self, path: &[String]) -> bool {
        self.summary_sinks(path).is_some()
    }

    /// [`Workspace::may_have_summary`] for the second level: whether `path` can name a fn that
    /// first-level fns call.
    pub(crate) fn may_have_second_summary(&self, path: &[String]) -> bool {
        let Some(lazy) = self.summaries.as_ref() else {
            return false;
        };
        let Some((name, qualifier)) = path.split_last() else {
            return false;
        };
        let name = index::name_key(name);
        match qualifier.last() {
            None => lazy.deep_names.contains(&name),
            Some(q) => {
                lazy.deep_named.contains(&(name, Some(index::name_key(q))))
                    || lazy.deep_named.contains(&(name, None))
            }
        }
    }

    /// Whether some fn whose summary was computed up front (the TLS flag files) and that `path`
    /// can name passes a parameter to a sink of `kind`: when none does, no call of `path`
    /// resolves to a summary with such a sink. A path of one segment tests the name alone.
    pub fn may_pass_to_sink(&self, path: &[String], kind: SinkKind) -> bool {
        let path = match path.first().map(String::as_str) {
            Some("crate" | "self" | "super") => &path[1..],
            _ => path,
        };
        self.summary_sinks(path)
            .is_some_and(|bits| bits & kind.bit() != 0)
    }

    /// The sinks of the up-front summaries of the fns `path` can name, if it can name any fn
    /// that may have a summary.
    fn summary_sinks(&self, path: &[String]) -> Option<u8> {
        let (name, qualifier) = path.split_last()?;
        let lazy = self.summaries.as_ref()?;
        let name = index::name_key(name);
        match qualifier.last() {
            None => lazy.names.get(&name).copied(),
            Some(q) => {
                let owned = lazy.named.get(&(name, Some(index::name_key(q))));
                let at_root = lazy.named.get(&(name, None));
                match (owned, at_root) {
                    (None, None) => None,
                    (a, b) => Some(a.copied().unwrap_or(0) | b.copied().unwrap_or(0)),
                }
            }
        }
    }

    /// [`Workspace::resolve_fn_at`] for a path [`Workspace::may_have_summary`] accepts, from
    /// the index of such names: the same positions in the same order; for a bare name, only the
    /// first two (enough to tell one fn from many: a bare `get` can name thousands).
    pub(crate) fn summary_candidates(&self, path: &[String]) -> Vec<Pos> {
        let Some(lazy) = self.summaries.as_ref() else {
            return Vec::new();
        };
        let Some((name, qualifier)) = path.split_last() else {
            return Vec::new();
        };
        let Some(q) = qualifier.last() else {
            return self.fn_candidates(path).take(2).collect();
        };
        let name = index::name_key(name);
        let list = |owner| {
            lazy.by_owner
                .get(&(name, owner))
                .map_or(&[][..], Vec::as_slice)
        };
        // Disjoint lists (a fn has one owner): merged into file order.
        let mut candidates: Vec<Pos> = [list(Some(index::name_key(q))), list(None)].concat();
        candidates.sort_unstable();
        // Name keys are hashes: the model's own test settles a collision.
        candidates.retain(|&at| self.names(at, Some(q)));
        candidates
    }

    /// The file and fn at a position.
    pub(crate) fn fn_at(&self, at: Pos) -> (&super::FileIndex, &FnDef) {
        let file = &self.files[at.0 as usize];
        (file, &file.fns[at.1 as usize])
    }
}

/// A fn's qualifier as [`Named`] keys it: its impl type, else its module (`None` at a crate root).
fn owner_key(file: &super::FileIndex, f: &FnDef) -> Option<u64> {
    f.self_type
        .as_deref()
        .or_else(|| f.module.last().or(file.module.last()).map(String::as_str))
        .map(index::name_key)
}

/// Summaries by (name, line of the name) put on the fns of the file's index, as the first fn
/// outside tests with that name and line.
pub(crate) fn attach(
    fns: &[FnDef],
    summaries: Vec<(String, usize, Arc<FnSummary>)>,
) -> Vec<Option<Arc<FnSummary>>> {
    let mut by_fn: Vec<Option<Arc<FnSummary>>> = vec![None; fns.len()];
    for (name, line, summary) in summaries {
        if let Some(k) = fns
            .iter()
            .position(|f| f.name == name && f.line as usize == line && !f.in_test)
        {
            by_fn[k] = Some(summary);
        }
    }
    by_fn
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lazily summarised file gets summaries for the fns a file naming a service calls, not for
    /// its other fns, though both pass a parameter to a sink.
    #[test]
    fn only_called_fns_of_a_lazy_file_are_summarised() {
        let util = "pub fn save(p: String) { std::fs::write(p, \"\").ok(); }\n\
                    pub fn other(p: String) { std::fs::write(p, \"\").ok(); }\n";
        let dir = tempfile::tempdir().unwrap();
        let abs = dir.path().join("util.rs");
        std::fs::write(&abs, util).unwrap();
        let mut ws = Workspace::from_sources(&[("src/util.rs", "svc", util)]);
        let lazy = Summarisable {
            file: 0,
            abs,
            computed: false,
        };
        let called = HashSet::from([index::name_key("save")]);
        ws.set_summarisable(vec![lazy], called, HashSet::new(), 0);
        let path = |name: &str| vec!["util".to_string(), name.to_string()];
        assert!(ws.may_have_summary(&path("save")));
        assert!(!ws.may_have_summary(&path("other")));
        let save = ws.summary_candidates(&path("save"));
        let summary = ws
            .summary_at_level(save[0], Level::First)
            .expect("save is summarised");
        assert_eq!(summary.sinks.first().map(|s| s.sink), Some(SinkKind::Path));
        // The fn of the other name is in the same file, read once: no summary was made for it.
        let other = ws.fns_named("other").count();
        assert_eq!(other, 1);
        let slot = &ws.summaries.as_ref().unwrap().slots[&0];
        let by_fn = slot.by_fn.get().expect("computed when save was asked for");
        assert_eq!(by_fn.iter().flatten().count(), 1);
    }
}
