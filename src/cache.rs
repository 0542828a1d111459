//! The result cache: per-file outcomes keyed by content, ferret build and effective rule config.
//!
//! One JSON file per (ferret build, config, scanned root) in the cache directory. A file whose
//! size and modification time are unchanged is not even read; one whose content hash is unchanged
//! is not parsed. The cache can make ferret faster, never wrong: a missing, corrupt or foreign
//! cache file is ignored and rebuilt, and every write is a temporary file renamed into place, so
//! concurrent runs never see a torn file (the last writer wins).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

/// Bumped when the file layout changes.
const FORMAT: u32 = 2;

#[derive(Serialize, Deserialize)]
struct CacheFile<T> {
    format: u32,
    key: String,
    entries: BTreeMap<String, Entry<T>>,
    /// The workspace model of the last run that built one.
    #[serde(default)]
    model: Option<ModelRecord>,
}

/// Which workspace model fingerprint a set of inputs gave: when every file is unchanged (same
/// inputs), the fingerprint is known without indexing a file, so the cached findings computed
/// under it can be used without building the model.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct ModelRecord {
    /// A hash of what the model is built from: every indexed file's path, crate and [`Stamp`].
    pub inputs: u64,
    pub fingerprint: u64,
}

/// One file's cached outcome and what it was computed from.
#[derive(Clone, Serialize, Deserialize)]
pub struct Entry<T> {
    pub size: u64,
    pub mtime_ns: u64,
    pub hash: u64,
    pub crate_name: String,
    /// The workspace model's fingerprint the outcome was computed under (see
    /// `Workspace::fingerprint`): a file's findings may depend on other files through the model.
    pub model: u64,
    pub outcome: T,
}

/// Size and modification time: the cheap "unchanged" check.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Stamp {
    pub size: u64,
    pub mtime_ns: u64,
}

impl Stamp {
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        let mtime_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
        Stamp {
            size: meta.len(),
            mtime_ns,
        }
    }
}

pub fn content_hash(bytes: &[u8]) -> u64 {
    xxh3_64(bytes)
}

pub struct Cache<T> {
    path: PathBuf,
    key: String,
    entries: BTreeMap<String, Entry<T>>,
    model: Option<ModelRecord>,
    model_changed: bool,
}

impl<T: Clone + Serialize + for<'de> Deserialize<'de>> Cache<T> {
    /// Opens the cache for `key` (ferret build + effective config + root) in `dir`. Never fails:
    /// whatever cannot be read is treated as empty.
    pub fn open(dir: &Path, key: &str) -> Cache<T> {
        let path = dir.join(format!("v{FORMAT}-{:016x}.json", xxh3_64(key.as_bytes())));
        let (entries, model) = std::fs::read(&path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<CacheFile<T>>(&bytes).ok())
            .filter(|file| file.format == FORMAT && file.key == key)
            .map(|file| (file.entries, file.model))
            // optional: a missing, corrupt or foreign cache is an empty one, rebuilt by this run
            .unwrap_or_default();
        Cache {
            path,
            key: key.to_string(),
            entries,
            model,
            model_changed: false,
        }
    }

    /// The fingerprint of the workspace model built from `inputs` by an earlier run, if known.
    pub fn model_fingerprint(&self, inputs: u64) -> Option<u64> {
        self.model
            .filter(|m| m.inputs == inputs)
            .map(|m| m.fingerprint)
    }

    /// Records the model this run built, to be written by [`Cache::store`].
    pub fn record_model(&mut self, record: ModelRecord) {
        if self.model != Some(record) {
            self.model = Some(record);
            self.model_changed = true;
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The cached outcome if `stamp` shows the file unchanged.
    /// `model` is the fingerprint of the workspace model the caller analyses under.
    pub fn by_stamp(
        &self,
        rel: &str,
        crate_name: &str,
        model: u64,
        stamp: Stamp,
    ) -> Option<&Entry<T>> {
        self.entries.get(rel).filter(|e| {
            e.crate_name == crate_name
                && e.model == model
                && e.size == stamp.size
                && e.mtime_ns == stamp.mtime_ns
        })
    }

    /// The cached outcome if the content is unchanged (the file was touched, not edited).
    pub fn by_hash(&self, rel: &str, crate_name: &str, model: u64, hash: u64) -> Option<&Entry<T>> {
        self.entries
            .get(rel)
            .filter(|e| e.crate_name == crate_name && e.model == model && e.hash == hash)
    }

    /// Merges `fresh` entries in and writes the file atomically (temporary file + rename).
    pub fn store(mut self, fresh: Vec<(String, Entry<T>)>) -> std::io::Result<()> {
        if fresh.is_empty() && !self.model_changed {
            return Ok(());
        }
        self.entries.extend(fresh);
        let file = CacheFile {
            format: FORMAT,
            key: self.key,
            entries: self.entries,
            model: self.model,
        };
        write_atomically(&self.path, &file)
    }
}

/// Writes `value` as JSON to `path` through a temporary file renamed into place, streamed (the
/// model's index cache is tens of megabytes: no copy of it is made in memory).
fn write_atomically(path: &Path, value: &impl Serialize) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    {
        let mut out = std::io::BufWriter::new(tmp.as_file_mut());
        serde_json::to_writer(&mut out, value).map_err(std::io::Error::other)?;
        out.flush()?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The workspace model's per-file indexes, each with what it was made from, so that a scan
/// re-indexes only the files that changed. Kept in a file of its own, read only when the model is
/// built: a re-scan with nothing changed never reads it (see [`Cache::model_fingerprint`]).
/// Like the result cache, it can make a scan faster, never different: a missing, corrupt or
/// foreign file is an empty cache.
pub struct IndexCache<T> {
    path: PathBuf,
    key: String,
    entries: std::collections::HashMap<String, T>,
}

#[derive(Deserialize)]
struct IndexFile<T> {
    format: u32,
    key: String,
    entries: BTreeMap<String, T>,
}

/// [`IndexFile`] as written: entries borrowed from the model.
#[derive(Serialize)]
struct IndexFileOut<'a, S> {
    format: u32,
    key: String,
    entries: BTreeMap<&'a str, S>,
}

impl<T: for<'de> Deserialize<'de>> IndexCache<T> {
    /// Opens the index cache for `key` (ferret build + scanned root + what decides which files
    /// are indexed) in `dir`. Never fails.
    pub fn open(dir: &Path, key: &str) -> IndexCache<T> {
        let path = dir.join(format!(
            "index-v{FORMAT}-{:016x}.json",
            xxh3_64(key.as_bytes())
        ));
        let entries = std::fs::File::open(&path)
            .ok()
            .and_then(|file| {
                serde_json::from_reader::<_, IndexFile<T>>(std::io::BufReader::new(file)).ok()
            })
            .filter(|file| file.format == FORMAT && file.key == key)
            .map(|file| file.entries.into_iter().collect())
            // optional: a missing, corrupt or foreign cache is an empty one, rebuilt by this run
            .unwrap_or_default();
        IndexCache {
            path,
            key: key.to_string(),
            entries,
        }
    }

    /// Takes the entry of `rel` out of the cache (the caller owns it from then on).
    pub fn take(&mut self, rel: &str) -> Option<T> {
        self.entries.remove(rel)
    }

    /// Whether no entry is left (every one was taken).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Replaces the file with `entries` (what this run indexed, by path): entries of files no
    /// longer indexed are dropped.
    pub fn store<S: Serialize>(self, entries: BTreeMap<&str, S>) -> std::io::Result<()> {
        let file = IndexFileOut {
            format: FORMAT,
            key: self.key,
            entries,
        };
        write_atomically(&self.path, &file)
    }
}

/// Where the cache lives by default: `target/ferret/` of the workspace that holds `root`, else a
/// per-user cache folder (`$XDG_CACHE_HOME/ferret` or `~/.cache/ferret`).
pub fn default_dir(root: &Path) -> Option<PathBuf> {
    if let Some(ws) = crate::discover::find_workspace_root(root) {
        return Some(ws.join("target").join("ferret"));
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("ferret"))
}

/// Identifies the running ferret build: the version, plus the executable's size and mtime so a
/// rebuilt binary never trusts results of the previous one.
pub fn build_id() -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| std::fs::metadata(p).ok())
        .map(|m| Stamp::of(&m));
    match exe {
        Some(s) => format!("{}+{}.{}", env!("CARGO_PKG_VERSION"), s.size, s.mtime_ns),
        None => env!("CARGO_PKG_VERSION").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(hash: u64, outcome: &str) -> Entry<String> {
        Entry {
            size: 10,
            mtime_ns: 5,
            hash,
            crate_name: "c".into(),
            model: 1,
            outcome: outcome.into(),
        }
    }

    #[test]
    fn round_trip_and_lookups() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache: Cache<String> = Cache::open(dir.path(), "k");
        cache
            .store(vec![("a.rs".into(), entry(7, "one"))])
            .expect("stored");
        let cache: Cache<String> = Cache::open(dir.path(), "k");
        let stamp = Stamp {
            size: 10,
            mtime_ns: 5,
        };
        assert_eq!(
            cache
                .by_stamp("a.rs", "c", 1, stamp)
                .map(|e| e.outcome.as_str()),
            Some("one")
        );
        assert!(cache.by_stamp("a.rs", "other-crate", 1, stamp).is_none());
        assert!(
            cache
                .by_stamp("a.rs", "c", 1, Stamp { size: 11, ..stamp })
                .is_none()
        );
        assert!(cache.by_hash("a.rs", "c", 1, 7).is_some());
        assert!(cache.by_hash("a.rs", "c", 1, 8).is_none());
        // Computed under another workspace model: stale.
        assert!(cache.by_hash("a.rs", "c", 2, 7).is_none());
        assert!(cache.by_stamp("a.rs", "c", 2, stamp).is_none());
    }

    #[test]
    fn the_model_record_is_kept_for_its_inputs_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut cache: Cache<String> = Cache::open(dir.path(), "k");
        assert_eq!(cache.model_fingerprint(3), None);
        cache.record_model(ModelRecord {
            inputs: 3,
            fingerprint: 9,
        });
        // Written even when no file's outcome is new.
        cache.store(Vec::new()).expect("stored");
        let cache: Cache<String> = Cache::open(dir.path(), "k");
        assert_eq!(cache.model_fingerprint(3), Some(9));
        assert_eq!(cache.model_fingerprint(4), None, "other inputs: unknown");
    }

    #[test]
    fn another_build_or_config_does_not_see_the_entries() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache: Cache<String> = Cache::open(dir.path(), "0.1.0|rules=a");
        cache
            .store(vec![("a.rs".into(), entry(7, "x"))])
            .expect("stored");
        let other_version: Cache<String> = Cache::open(dir.path(), "0.2.0|rules=a");
        assert!(other_version.by_hash("a.rs", "c", 1, 7).is_none());
        let other_config: Cache<String> = Cache::open(dir.path(), "0.1.0|rules=b");
        assert!(other_config.by_hash("a.rs", "c", 1, 7).is_none());
    }

    #[test]
    fn corrupt_or_foreign_files_are_ignored() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache: Cache<String> = Cache::open(dir.path(), "k");
        let path = cache.path().to_path_buf();
        std::fs::write(&path, b"{ not json").expect("write");
        let cache: Cache<String> = Cache::open(dir.path(), "k");
        assert!(cache.by_hash("a.rs", "c", 1, 7).is_none());
        // A valid file whose recorded key differs (a hash collision of file names) is foreign.
        let foreign = CacheFile {
            format: FORMAT,
            key: "someone else".to_string(),
            entries: BTreeMap::from([("a.rs".to_string(), entry(7, "x"))]),
            model: None,
        };
        std::fs::write(&path, serde_json::to_vec(&foreign).expect("json")).expect("write");
        let cache: Cache<String> = Cache::open(dir.path(), "k");
        assert!(cache.by_hash("a.rs", "c", 1, 7).is_none());
        // And it is rebuilt on the next store.
        cache
            .store(vec![("a.rs".into(), entry(7, "y"))])
            .expect("stored");
        let cache: Cache<String> = Cache::open(dir.path(), "k");
        assert!(cache.by_hash("a.rs", "c", 1, 7).is_some());
    }
}
