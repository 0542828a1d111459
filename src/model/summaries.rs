//! Taint summaries kept beside the model (`crate::taint::summary`): which files may have them,
//! and each file's summaries, computed the first time a taint run asks for one of its fns.
//!
//! A summary costs a second parse of its file. The scan decides which files may be summarised
//! (those a file naming a service calls into, see `scan::ModelInputs`); of those, only the files a
//! call actually resolves into are read again, once, whichever thread asks first. Files that
//! switch TLS verification by a flag are summarised when the model is built: the prefilter needs
//! their summaries before any file is analysed (`crate::taint::summary::tls_flag_calls`).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use super::{FnDef, Pos, Workspace, index, pos};
use crate::knowledge::taint::SinkKind;
use crate::taint::summary::{FnSummary, summarise_path};

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
    /// [`index::name_key`] of a fn name -> the fns of that name in summarisable files (outside
    /// tests, as only those get summaries): a call of another name resolves to no summary.
    named: HashMap<u64, Vec<Pos>>,
    /// [`index::name_key`] of a fn name -> the sinks ([`SinkKind::bit`]) a parameter of a fn of
    /// that name reaches, among the summaries computed up front.
    computed_sinks: HashMap<u64, u8>,
}

struct Slot {
    abs: PathBuf,
    /// Per fn of the file's index: its summary, if it has one.
    by_fn: OnceLock<Vec<Option<Arc<FnSummary>>>>,
}

impl Workspace {
    /// Records the files whose fns may have taint summaries. `content` hashes what the lazily
    /// summarised files hold (their text): the fingerprint covers it, so that a caller's cached
    /// findings follow a callee's body although the summary itself is computed later.
    pub fn set_summarisable(&mut self, files: Vec<Summarisable>, content: u64) {
        let mut lazy = LazySummaries::default();
        for s in files {
            let Some(file) = self.files.get(s.file) else {
                continue;
            };
            for (k, f) in file.fns.iter().enumerate() {
                if !f.in_test {
                    lazy.named
                        .entry(index::name_key(&f.name))
                        .or_default()
                        .push(pos(s.file, k));
                }
            }
            let slot = Slot {
                abs: s.abs,
                by_fn: OnceLock::new(),
            };
            if s.computed {
                for f in file.fns.iter().filter(|f| !f.in_test) {
                    let sinks = f.taint.iter().flat_map(|t| &t.sinks);
                    let bits = sinks.fold(0, |bits, sink| bits | sink.sink.bit());
                    if bits != 0 {
                        *lazy
                            .computed_sinks
                            .entry(index::name_key(&f.name))
                            .or_default() |= bits;
                    }
                }
                let by_fn = file.fns.iter().map(|f| f.taint.clone()).collect();
                let _ = slot.by_fn.set(by_fn); // a fresh slot: never set before
            }
            lazy.slots.insert(s.file as u32, slot);
        }
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        std::hash::Hash::hash(&(self.fingerprint, content), &mut hasher);
        self.fingerprint = std::hash::Hasher::finish(&hasher);
        self.summaries = Some(lazy);
    }

    /// The taint summary of the fn at `at`, computing its file's summaries on first use.
    pub(crate) fn summary_at(&self, at: Pos) -> Option<Arc<FnSummary>> {
        let lazy = self.summaries.as_ref()?;
        let slot = lazy.slots.get(&at.0)?;
        let file = &self.files[at.0 as usize];
        let by_fn = slot
            .by_fn
            .get_or_init(|| attach(&file.fns, summarise_path(&slot.abs, &file.path)));
        by_fn.get(at.1 as usize)?.clone()
    }

    /// Fns named by the last segment of `path` that may have a summary and that the path can
    /// name ([`Workspace::resolve_fn`]'s test): when there is none, no call of `path` resolves
    /// to a summary, and the resolution among all the workspace's fns of that name is skipped.
    pub(crate) fn may_have_summary(&self, path: &[String]) -> bool {
        let Some((name, qualifier)) = path.split_last() else {
            return false;
        };
        let Some(lazy) = self.summaries.as_ref() else {
            return false;
        };
        lazy.named
            .get(&index::name_key(name))
            .into_iter()
            .flatten()
            .any(|&at| self.names(at, qualifier.last()))
    }

    /// Whether some fn named `name` whose summary was computed up front (the TLS flag files)
    /// passes a parameter to a sink of `kind`: a cheap test before resolving a call.
    pub fn may_pass_to_sink(&self, name: &str, kind: SinkKind) -> bool {
        self.summaries.as_ref().is_some_and(|lazy| {
            lazy.computed_sinks
                .get(&index::name_key(name))
                .is_some_and(|bits| bits & kind.bit() != 0)
        })
    }

    /// The file and fn at a position.
    pub(crate) fn fn_at(&self, at: Pos) -> (&super::FileIndex, &FnDef) {
        let file = &self.files[at.0 as usize];
        (file, &file.fns[at.1 as usize])
    }
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
            .position(|f| f.name == name && f.line == line && !f.in_test)
        {
            by_fn[k] = Some(summary);
        }
    }
    by_fn
}
