//! The workspace model: what every scanned file declares and does, for rules that reason across
//! files. The pipeline builds it once per scan, in parallel, before any rule runs (discover →
//! index → analyse), and rules read it through `cx.workspace` (a [`Workspace`]).
//!
//! It is cheap by construction: fn bodies are never parsed. A token scanner blanks them out of a
//! skeleton that `syn` parses (signatures, types, impls, `macro_rules!`), and reads from the bodies
//! only what rules ask: which enum variants are constructed (as opposed to matched), which fns are
//! called (by the path the call writes, where the `use` map tells), which identifiers are `.validate()`d, which fields are read. Response
//! conversions (`impl IntoResponse`, `Responder`, `ResponseError`, `From<E> for Status`) are the
//! one exception: their bodies are parsed to learn which variants reach a 5xx body.
//!
//! Names are resolved as far as the file's `use` map and the crate's module paths (file places and
//! inline `mod` blocks; `#[path]` is not followed) allow. Every query says how sure it is, or
//! answers "unknown" (`None`) when the model cannot tell; rules then behave as without the model.
//!
//! Variant constructions are attributed to a crate where the path says which
//! ([`Workspace::constructions`] gives a [`Construction`] whose `krate` is `Some` when resolved,
//! `None` when matched by name):
//! - resolved: a path starting with `crate`, `self`, `super` or `$crate` (the writing file's
//!   crate) or with a workspace crate's name (`b::Error::Gone`), directly or through the `use`
//!   of its first segment (`use b::Error;` then `Error::Gone`; `use crate::ApiError as AE;` then
//!   `AE::Gone`); `Self::Gone` as the impl's header names its type; an unqualified
//!   `Error::Gone` that no `use` names, when the writing crate defines an enum `Error` with a
//!   variant `Gone` and no glob import may bring another workspace crate's `Error`. Resolved
//!   only when the crate reached defines an enum of that name with that variant;
//! - by name: any other path (a module-relative `error::Error::Gone`, a glob-imported
//!   `Error`, a crate that only re-exports the enum), and the bare names in the arguments of a
//!   workspace macro whose body writes `Error::$name` (`impl_from! { io::Error => Io }`).
//!
//! A bare name constructs a variant only where the file imports the variant (`use Error::*;`,
//! `use Error::{Gone}`, at any depth), attributed as the import's path is; a capitalised name
//! alone (`Timeout(5)`, `Vec<Conflict>`) constructs nothing.
//!
//! Calls are kept by name ([`FnDef::calls`]: every callee's last path segment), and, for calls
//! written with a path or a bare name the file imports or its module defines, with what the path
//! names ([`index::PathCall`]: a type, a module, a crate's root, the caller's own module).
//! [`Workspace::callers`] gives one fn's callers, each resolved (the path names this fn) or by
//! name (a method call, an unresolved name, a path naming no workspace fn); a call whose path
//! names another workspace fn (`cache::save()` for `store::save`, `Other::save()`) is not one.
//! [`Workspace::callers_of`] matches by name alone.
//!
//! ```
//! # use ferret::model::{Construction, Resolution, Workspace};
//! let ws = Workspace::from_sources(&[(
//!     "src/error.rs",
//!     "svc",
//!     "pub enum ApiError { Invalid(String), Gone }\n\
//!      impl ApiError { pub fn invalid(m: &str) -> Self { Self::Invalid(m.into()) } }",
//! )]);
//! // Whether a variant of crate svc's enum is constructed anywhere (not merely matched), and how:
//! assert_eq!(ws.is_variant_constructed("svc", "ApiError", "Invalid"), Some(true));
//! assert_eq!(ws.is_variant_constructed("svc", "ApiError", "Gone"), Some(false));
//! let how: Vec<_> = ws.constructions("ApiError", "Invalid").collect();
//! assert_eq!(how, [Construction { krate: Some("svc") }]); // `Self::` in svc's own impl
//! // Resolve a call as written (after the calling file's `use` map) to a workspace fn:
//! let Resolution::Resolved(f) = ws.resolve_fn(&["ApiError".into(), "invalid".into()]) else {
//!     panic!("one candidate")
//! };
//! assert_eq!(f.ret.as_deref(), Some("Self"));
//! assert_eq!(*f.constructs, [("ApiError".into(), "Invalid".into())]);
//! ```
//!
//! Callers, derives and field types:
//!
//! ```
//! # use ferret::model::Workspace;
//! let ws = Workspace::from_sources(&[(
//!     "src/api.rs",
//!     "svc",
//!     "#[derive(Deserialize, Validate)]\n\
//!      pub struct Signup { pub email: String, pub age: Option<u8> }\n\
//!      pub struct Limits { pub max: Result<u32, String> }\n\
//!      pub fn signup(s: Signup) -> Result<(), String> { check(&s) }\n\
//!      fn check(s: &Signup) -> Result<(), String> { Ok(()) }",
//! )]);
//! // The fns that call a fn of this name, however the call names it:
//! let callers: Vec<&str> = ws.callers_of("check").map(|f| f.name.as_str()).collect();
//! assert_eq!(callers, ["signup"]);
//! // The callers of one fn (the `check` at line 5 of src/api.rs), and whether the call's path
//! // names it (a bare `check(..)` the file defines) or matches it by name:
//! let check = ws.fn_id("src/api.rs", "check", 5).unwrap();
//! let how: Vec<(&str, bool)> =
//!     ws.callers(check).iter().map(|c| (c.def.name.as_str(), c.resolved)).collect();
//! assert_eq!(how, [("signup", true)]);
//! // A type's derives:
//! assert!(ws.derives_of("Signup").contains("Validate"));
//! // A struct's fields with their types as written, with or without a derive:
//! let signup = ws.structs_named("Signup").next().unwrap();
//! assert_eq!(signup.fields[1].0.as_str(), "age");
//! assert_eq!(signup.fields[1].1.as_str(), "Option < u8 >");
//! let limits = ws.structs_named("Limits").next().unwrap();
//! assert_eq!(limits.fields[0].1.as_str(), "Result < u32 , String >");
//! ```

pub mod expand;
pub mod index;
pub mod name;
pub mod reach;
pub mod response;
pub mod summaries;
pub mod tokens;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

use rayon::prelude::*;

pub use index::{
    CallOwner, EnumDef, FileIndex, FnDef, ImplDef, MacroDef, PathCall, StructDef, VariantDef,
    name_key,
};
pub use name::{Interner, Name};

/// Rules that consult the model: the scan builds it only when one of them runs, and only their
/// cached findings depend on it.
pub const CONSULTED_BY: &[&str] = &[
    "block-on-without-timeout",
    "command-injection",
    "detached-spawn",
    "error-detail-leak",
    "map-err-discard",
    "path-traversal",
    "regex-injection",
    "sql-injection",
    "sql-interpolation",
    "ssrf",
    "tls-verification-disabled",
    "uncontrolled-allocation",
    "unraised-error-variant",
    "unvalidated-input",
    "unbounded-channel",
    "unwrap-or-default",
];

/// Rules that follow values into workspace fns of other files: when one runs, the model carries
/// the taint summaries of the fns that files holding a source call (`crate::taint::summary`).
pub const SUMMARISED_FOR: &[&str] = &[
    "command-injection",
    "path-traversal",
    "regex-injection",
    "sql-injection",
    "sql-interpolation",
    "ssrf",
    "tls-verification-disabled",
    "uncontrolled-allocation",
];

/// The index of every scanned file, merged. Immutable once built.
#[derive(Default)]
pub struct Workspace {
    files: Vec<FileIndex>,
    /// [`index::name_key`] of a fn name -> (file, fn) positions, in file order.
    fns_by_name: HashMap<u64, Vec<Pos>>,
    /// Constructions of workspace enums' variants: (enum, variant, crate id the path resolves
    /// to, or [`BY_NAME`]), sorted, deduplicated ([`Workspace::constructions`]).
    constructed: Vec<(Name, Name, u32)>,
    /// Crate names as paths write them; a crate id indexes this list.
    crates: Vec<String>,
    /// [`index::name_key`] of a crate's name as paths write it -> its crate id.
    crate_keys: HashMap<u64, u32>,
    /// The crate id of each file of [`Workspace::files`].
    file_crates: Vec<u32>,
    /// (field, the type whose field the read is where the receiver says) ([`FileIndex::fields_read`]).
    fields_read: BTreeSet<(String, Option<Name>)>,
    /// [`index::name_key`] of a fn name -> fns calling it, by name.
    /// Built on the first [`Workspace::callers_of`]: most scans never ask.
    callers: OnceLock<HashMap<u64, Vec<Pos>>>,
    /// [`index::name_key`] of a fn name -> fns that call it only on OS threads they start
    /// ([`FileIndex::thread_calls`]). Built on the first [`Workspace::thread_callers_of`].
    thread_callers: OnceLock<HashMap<u64, Vec<Pos>>>,
    /// Name -> every definition of that name, in path order (a workspace may define the same
    /// name in several crates or modules; [`Workspace::macro_for_call`] picks the one a call
    /// expands).
    macros_by_name: HashMap<String, Vec<Pos>>,
    /// xxh3 of a file's path -> its index in [`Workspace::files`]: made on the first call of a
    /// macro with several definitions in the caller's crate, to read the caller's module.
    files_by_path: OnceLock<HashMap<u64, u32>>,
    /// [`Workspace::tls_check_macros`], made on first use.
    tls_check_macros: OnceLock<Vec<String>>,
    impls_by_type: HashMap<Name, Vec<Pos>>,
    enums_by_name: HashMap<Name, Vec<Pos>>,
    structs_by_name: HashMap<Name, Vec<Pos>>,
    /// Paths of the files whose every enum the index holds ([`FileIndex::enums_complete`]).
    enums_complete: HashSet<String>,
    /// Body-limit settings written anywhere in the workspace's production code.
    body_limits: BTreeSet<crate::knowledge::body_limits::LimitKind>,
    /// Whether the index covers the scan (false: the model was not built).
    built: bool,
    /// Every word of the source, for [`Workspace::is_unreferenced_fn`]; built for the audit draft only.
    reach: Option<reach::Reach>,
    /// The files whose fns may have taint summaries, and those computed so far.
    summaries: Option<summaries::LazySummaries>,
    /// The scan's `environment_is_input` setting: `std::env::var` is a taint source. Kept here
    /// because the summaries the model makes follow it, and in the fingerprint, so that cached
    /// findings made under the other setting are not reused.
    environment_is_input: bool,
    fingerprint: u64,
}

/// Where an item is: (file, item) indexes into [`Workspace::files`] and the file's list, in 32
/// bits each (the maps hold one per fn, impl, enum and struct of the workspace).
pub(crate) type Pos = (u32, u32);

fn pos(file: usize, item: usize) -> Pos {
    // A workspace has far fewer than 4 billion files, and a file fewer items.
    (file as u32, item as u32)
}

/// The crate id of a construction matched by name only.
const BY_NAME: u32 = u32::MAX;

/// One way a variant is constructed in the workspace ([`Workspace::constructions`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Construction<'w> {
    /// The crate (as paths write it, `my_crate`) whose enum the construction's path names, when
    /// the file's `use` map and the workspace's crates resolve it; `None` when it is matched by
    /// the enum's and the variant's names only.
    pub krate: Option<&'w str>,
}

impl Construction<'_> {
    /// Whether the path was resolved to a crate (as opposed to matched by name).
    pub fn resolved(&self) -> bool {
        self.krate.is_some()
    }
}

/// A workspace fn, by its place in the model ([`Workspace::fn_id`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FnId(Pos);

/// A fn that calls a given workspace fn ([`Workspace::callers`]).
#[derive(Debug, Clone, Copy)]
pub struct Caller<'w> {
    pub id: FnId,
    pub def: &'w FnDef,
    /// The call's path names this fn (`Type::f`, `Self::f`, `module::f`, `crate::f`, a name the
    /// caller's file imports or its module defines); false when the call is matched by the fn's
    /// name only (a method call, an unresolved bare name, a path naming no workspace fn).
    pub resolved: bool,
}

/// Where a free fn at a crate's root is kept in [`Workspace::owners_of`].
const CRATE_ROOT: u64 = u64::MAX;

/// How a call resolved.
#[derive(Debug)]
pub enum Resolution<'w> {
    /// Exactly one workspace fn matches the path.
    Resolved(&'w FnDef),
    /// Several workspace fns share the last segment and the path cannot tell them apart.
    Ambiguous(Vec<&'w FnDef>),
    /// No workspace fn of that name (a library's, a local closure's, or a macro-made one).
    Unknown,
}

impl Workspace {
    /// An empty model: every query answers "unknown".
    pub fn empty() -> Workspace {
        Workspace::default()
    }

    /// Builds the model from indexed files. The order of `files` is the scan's (path order), so
    /// the result never depends on how many threads indexed them.
    pub fn from_files(files: Vec<FileIndex>) -> Workspace {
        let mut ws = Workspace {
            built: true,
            ..Workspace::default()
        };
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        for (fi, file) in files.iter().enumerate() {
            for (k, f) in file.fns.iter().enumerate() {
                ws.fns_by_name
                    .entry(index::name_key(&f.name))
                    .or_default()
                    .push(pos(fi, k));
            }
            for (k, m) in file.macros.iter().enumerate() {
                ws.macros_by_name
                    .entry(m.name.clone())
                    .or_default()
                    .push(pos(fi, k));
            }
            for (k, i) in file.impls.iter().enumerate() {
                ws.impls_by_type
                    .entry(i.self_type.clone())
                    .or_default()
                    .push(pos(fi, k));
            }
            for (k, e) in file.enums.iter().enumerate() {
                ws.enums_by_name
                    .entry(e.name.clone())
                    .or_default()
                    .push(pos(fi, k));
            }
            for (k, st) in file.structs.iter().enumerate() {
                ws.structs_by_name
                    .entry(st.name.clone())
                    .or_default()
                    .push(pos(fi, k));
            }
            if file.enums_complete {
                ws.enums_complete.insert(file.path.clone());
            }
            ws.body_limits.extend(file.body_limits.iter().copied());
            semantic_hash(file, &mut hasher);
        }
        // The per-file sets move into the merged ones: the model keeps each fact once. Inserted
        // one by one: `BTreeSet::append` rebuilds the whole merged set for every file.
        let mut files = files;
        ws.attribute_constructions(&mut files);
        for file in &mut files {
            ws.fields_read.extend(std::mem::take(&mut file.fields_read));
        }
        ws.fingerprint = hasher.finish();
        ws.files = files;
        ws
    }

    /// Moves the files' constructions into [`Workspace::constructed`], each attributed to the
    /// crate its path resolves to or kept by name (see the module docs).
    fn attribute_constructions(&mut self, files: &mut [FileIndex]) {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let file_crates: Vec<u32> = files
            .iter()
            .map(|f| {
                let ident = crate_ident(&f.crate_name);
                let next = self.crates.len() as u32;
                *ids.entry(ident.clone()).or_insert_with(|| {
                    self.crates.push(ident);
                    next
                })
            })
            .collect();
        let taken: Vec<_> = files
            .iter_mut()
            .map(|f| {
                (
                    std::mem::take(&mut f.constructions),
                    std::mem::take(&mut f.macro_args),
                )
            })
            .collect();
        self.crate_keys = (self.crates.iter().enumerate())
            .map(|(id, name)| (index::name_key(name), id as u32))
            .collect();
        self.file_crates = file_crates.clone();
        let files: &[FileIndex] = files;
        let enums_by_name = &self.enums_by_name;
        // Whether a workspace enum of this name (of crate `krate`, if given) has the variant.
        let has_variant = |owner: &str, variant: &str, krate: Option<u32>| {
            enums_by_name
                .get(owner)
                .into_iter()
                .flatten()
                .any(|&(fi, k)| {
                    krate.is_none_or(|c| file_crates[fi as usize] == c)
                        && files[fi as usize].enums[k as usize]
                            .variants
                            .iter()
                            .any(|v| v.name == variant)
                })
        };
        // Macros whose body constructs `Type::$name`: the bare names of their calls are variants
        // of `Type` (by name: where the macro expands decides what `Type` names).
        let mut macro_owners: HashMap<&str, Vec<Name>> = HashMap::new();
        for m in files.iter().flat_map(|f| f.macros.iter()) {
            let owners = metavariable_owners(&m.body);
            if !owners.is_empty() {
                macro_owners.entry(&m.name).or_default().extend(owners);
            }
        }
        let mut constructed = Vec::new();
        for (fi, (constructions, macro_args)) in taken.into_iter().enumerate() {
            let own = file_crates[fi];
            let foreign_glob = files[fi]
                .glob_roots
                .iter()
                .any(|r| ids.get(r.as_str()).is_some_and(|&c| c != own));
            for c in constructions {
                let at = match &c.via {
                    index::Via::OwnCrate => own,
                    index::Via::Root(root) => ids.get(root.as_str()).copied().unwrap_or(BY_NAME),
                    index::Via::Unqualified if foreign_glob => BY_NAME,
                    index::Via::Unqualified => own,
                };
                // A crate without such an enum, when the index knows one elsewhere, reaches it
                // through a re-export (`pub use other::Error;`) the model does not follow: by
                // name. (An enum the index does not hold, declared in a macro call such as
                // `cfg_time! { .. }`, keeps what the path says.)
                let at = if at != BY_NAME
                    && !has_variant(&c.owner, &c.variant, Some(at))
                    && has_variant(&c.owner, &c.variant, None)
                {
                    BY_NAME
                } else {
                    at
                };
                constructed.push((c.owner, c.variant, at));
            }
            for (mac, name) in macro_args {
                for owner in macro_owners.get(mac.as_str()).into_iter().flatten() {
                    if has_variant(owner, &name, None) {
                        constructed.push((owner.clone(), name.clone(), BY_NAME));
                    }
                }
            }
        }
        constructed.sort_unstable();
        constructed.dedup();
        constructed.shrink_to_fit();
        self.constructed = constructed;
    }

    /// Indexes sources given as (path, crate, text): for tests and documentation.
    pub fn from_sources(sources: &[(&str, &str, &str)]) -> Workspace {
        let files = sources
            .par_iter()
            .map(|(path, krate, text)| index::index_file(path, krate, index::module_of(path), text))
            .collect();
        Workspace::from_files(files)
    }

    /// Makes `std::env::var` and its kin taint sources for the rules reading the model and for
    /// the summaries it makes (`[taint] environment-is-input`).
    pub fn set_environment_is_input(&mut self, on: bool) {
        if on != self.environment_is_input {
            self.environment_is_input = on;
            let mut hasher = xxhash_rust::xxh3::Xxh3::new();
            (self.fingerprint, on).hash(&mut hasher);
            self.fingerprint = hasher.finish();
        }
    }

    /// Whether `std::env::var` and its kin are taint sources (see
    /// [`Workspace::set_environment_is_input`]).
    pub fn environment_is_input(&self) -> bool {
        self.environment_is_input
    }

    /// Whether a request body read whole is bounded by a setting written somewhere in the
    /// workspace (`crate::knowledge::body_limits`): a limit on every request bounds any body; axum's
    /// extractors keep their 2 MB default unless `DefaultBodyLimit::disable()` is written, and
    /// are bounded again by `DefaultBodyLimit::max(..)`. Where it is written (which router, or a
    /// branch never taken) the model does not know: any setting outside tests counts. `None` if
    /// the model was not built.
    pub fn body_bounded(&self, by: crate::knowledge::body_limits::BoundedBy) -> Option<bool> {
        use crate::knowledge::body_limits::{BoundedBy, LimitKind};
        if !self.built {
            return None;
        }
        let has = |k: LimitKind| self.body_limits.contains(&k);
        Some(
            has(LimitKind::WholeRequest)
                || match by {
                    BoundedBy::WholeRequestLimit => false,
                    BoundedBy::AxumDefault => {
                        has(LimitKind::AxumMax) || !has(LimitKind::AxumDisabled)
                    }
                },
        )
    }

    /// Whether the scan built a model (some rule in [`CONSULTED_BY`] runs).
    pub fn is_built(&self) -> bool {
        self.built
    }

    /// A hash of every fact rules may consult (no line numbers): equal fingerprints mean equal
    /// answers, so cached findings computed under one stay valid under the other.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    pub fn files(&self) -> &[FileIndex] {
        &self.files
    }

    pub fn fns(&self) -> impl Iterator<Item = (&FileIndex, &FnDef)> {
        self.files
            .iter()
            .flat_map(|f| f.fns.iter().map(move |d| (f, d)))
    }

    pub fn enums(&self) -> impl Iterator<Item = (&FileIndex, &EnumDef)> {
        self.files
            .iter()
            .flat_map(|f| f.enums.iter().map(move |d| (f, d)))
    }

    pub fn structs_named<'w>(&'w self, name: &str) -> impl Iterator<Item = &'w StructDef> {
        self.structs_by_name
            .get(name)
            .into_iter()
            .flatten()
            .map(|&(fi, k)| &self.files[fi as usize].structs[k as usize])
    }

    pub fn enums_named<'w>(&'w self, name: &str) -> impl Iterator<Item = &'w EnumDef> {
        self.enums_by_name
            .get(name)
            .into_iter()
            .flatten()
            .map(|&(fi, k)| &self.files[fi as usize].enums[k as usize])
    }

    /// Impl blocks whose self type (last path segment) is `name`; for `From<E> for Status`, E.
    pub fn impls_for<'w>(&'w self, name: &str) -> impl Iterator<Item = &'w ImplDef> {
        self.impls_by_type
            .get(name)
            .into_iter()
            .flatten()
            .map(|&(fi, k)| &self.files[fi as usize].impls[k as usize])
    }

    /// [`Workspace::impls_for`] written in crate `krate`'s files: where a foreign trait's impl
    /// for `name` must be when `name` is that crate's own type (`impl std::error::Error for E`).
    pub fn impls_in_crate_for<'w>(
        &'w self,
        krate: &'w str,
        name: &str,
    ) -> impl Iterator<Item = &'w ImplDef> {
        self.impls_by_type
            .get(name)
            .into_iter()
            .flatten()
            .filter(move |&&(fi, _)| self.files[fi as usize].crate_name == krate)
            .map(|&(fi, k)| &self.files[fi as usize].impls[k as usize])
    }

    pub fn impls(&self) -> impl Iterator<Item = (&FileIndex, &ImplDef)> {
        self.files
            .iter()
            .flat_map(|f| f.impls.iter().map(move |d| (f, d)))
    }

    /// Whether values of the workspace type `name` carry nothing but their type: every struct of
    /// that name is declared without fields, or every enum of that name has only fieldless
    /// variants (`enum PoolError { Closed, TimedOut }`). `None` when no workspace type has this
    /// name (a library's type, a generic parameter).
    pub fn is_fieldless_type(&self, name: &str) -> Option<bool> {
        let structs: Vec<&StructDef> = self.structs_named(name).filter(|s| !s.in_test).collect();
        let enums: Vec<&EnumDef> = self.enums_named(name).filter(|e| !e.in_test).collect();
        if structs.is_empty() && enums.is_empty() {
            return None;
        }
        Some(
            structs.iter().all(|s| s.fieldless)
                && enums
                    .iter()
                    .all(|e| e.variants.iter().all(|v| v.fields.is_empty())),
        )
    }

    /// Whether a path written in crate `krate` whose first segment is `first` names something
    /// outside the workspace: `first` is no workspace crate, no module of `krate`, and not
    /// `crate`/`self`/`super`/`Self` (`sqlx` in `sqlx::Error`). Its last segment then names a
    /// library's item, whatever workspace items share that name. `None` if the model was not built.
    pub fn leaves_workspace(&self, krate: &str, first: &str) -> Option<bool> {
        if !self.built {
            return None;
        }
        if matches!(first, "crate" | "self" | "super" | "Self") {
            return Some(false);
        }
        if self.crate_keys.contains_key(&index::name_key(first)) {
            return Some(false);
        }
        let module_of_krate = self.files.iter().any(|f| {
            f.crate_name == krate
                && (f.module.iter().any(|m| m == first)
                    || f.fns.iter().any(|d| d.module.iter().any(|m| m == first)))
        });
        Some(!module_of_krate)
    }

    /// Derives written on every workspace struct or enum of this name (empty if none is known).
    pub fn derives_of<'w>(&'w self, type_name: &'w str) -> BTreeSet<&'w str> {
        let structs = self.structs_named(type_name).flat_map(|s| s.derives.iter());
        let enums = self.enums_named(type_name).flat_map(|e| e.derives.iter());
        structs.chain(enums).map(Name::as_str).collect()
    }

    /// Fns and methods named `name`, in file order.
    pub fn fns_named<'w>(&'w self, name: &str) -> impl Iterator<Item = &'w FnDef> {
        self.fns_keyed(index::name_key(name))
    }

    /// Fns and methods whose name has this [`index::name_key`] (what [`FnDef::calls`] holds).
    pub fn fns_keyed(&self, key: u64) -> impl Iterator<Item = &FnDef> {
        self.fns_by_name
            .get(&key)
            .into_iter()
            .flatten()
            .map(|&(fi, k)| &self.files[fi as usize].fns[k as usize])
    }

    /// Resolves a call path, as the calling file's `use` map gives it (`crate::` dropped), to a
    /// workspace fn: `["ApiError", "database_error"]` finds the associated fn of `ApiError`;
    /// `["db", "save"]` a free fn `save` in a module path ending `db`; `["save"]` any `save`.
    pub fn resolve_fn(&self, path: &[String]) -> Resolution<'_> {
        let mut matching: Vec<&FnDef> = self
            .resolve_fn_at(path)
            .into_iter()
            .map(|at| self.fn_at(at).1)
            .collect();
        match matching.len() {
            0 => Resolution::Unknown,
            1 => Resolution::Resolved(matching.remove(0)),
            _ => Resolution::Ambiguous(matching),
        }
    }

    /// [`Workspace::resolve_fn`]'s candidates, by position, in file order.
    pub(crate) fn resolve_fn_at(&self, path: &[String]) -> Vec<Pos> {
        self.fn_candidates(path).collect()
    }

    /// [`Workspace::resolve_fn_at`] lazily: a caller that needs to know only whether a path names
    /// one fn takes two ([`Workspace::summary_candidates`]).
    pub(crate) fn fn_candidates<'w>(
        &'w self,
        path: &'w [String],
    ) -> impl Iterator<Item = Pos> + 'w {
        let (name, qualifier) = match path.split_last() {
            Some((name, qualifier)) => (Some(name), qualifier.last()),
            None => (None, None),
        };
        name.and_then(|name| self.fns_by_name.get(&index::name_key(name)))
            .into_iter()
            .flatten()
            .copied()
            .filter(move |&at| self.names(at, qualifier))
    }

    /// Whether a path whose segment before the fn's name is `qualifier` can name the fn at `at`
    /// (outside tests): its impl's type, or for a free fn its module (any, for one at a crate's
    /// root). `None`: a bare name, which names any fn of that name.
    fn names(&self, at: Pos, qualifier: Option<&String>) -> bool {
        let (file, f) = self.fn_at(at);
        if f.in_test {
            return false;
        }
        let Some(q) = qualifier else {
            return true;
        };
        let module = f.module.last().or(file.module.last());
        f.self_type.as_deref() == Some(q.as_str())
            || (f.self_type.is_none() && module == Some(q))
            || (f.self_type.is_none() && module.is_none())
    }

    /// How `Type::Variant` of a workspace enum is constructed, one entry per crate its
    /// constructions resolve to and one for those matched by name only ([`Construction`]): written
    /// outside a pattern as a path, bare after an import of the variant, or in the arguments of a
    /// workspace macro that builds `Type::$name`. Empty when nothing constructs it (or the model
    /// was not built).
    pub fn constructions<'w>(
        &'w self,
        type_name: &str,
        variant: &str,
    ) -> impl Iterator<Item = Construction<'w>> + 'w {
        let key = (type_name, variant);
        let from = self
            .constructed
            .partition_point(|(t, v, _)| (t.as_str(), v.as_str()) < key);
        let to = from
            + self.constructed[from..].partition_point(|(t, v, _)| (t.as_str(), v.as_str()) == key);
        self.constructed[from..to]
            .iter()
            .map(|&(_, _, at)| Construction {
                krate: (at != BY_NAME).then(|| self.crates[at as usize].as_str()),
            })
    }

    /// Whether `Type::Variant` of the enum that crate `krate` defines is constructed anywhere in
    /// the workspace ([`Workspace::constructions`]): by a construction resolved to `krate`, or by
    /// one matched by name; not by one resolved to another crate (crate b's `Error::Gone` is not
    /// crate a's). A derive the model can see (`#[from]`) is the rule's to judge. `None` if the
    /// model was not built.
    pub fn is_variant_constructed(
        &self,
        krate: &str,
        type_name: &str,
        variant: &str,
    ) -> Option<bool> {
        if !self.built {
            return None;
        }
        let krate = crate_ident(krate);
        Some(
            self.constructions(type_name, variant)
                .any(|c| c.krate.is_none_or(|k| k == krate)),
        )
    }

    /// Whether any code reads the field `field` of struct `owner` (other than assigning or
    /// pushing into it). A read counts when its receiver is typed to `owner` (`self` in an impl
    /// of it, a parameter declared `owner`) or untyped (a local, a chain `a.b.field`, a trait's
    /// default method), or typed to something the workspace declares no struct of (a library's
    /// type, an alias); not a read typed to another workspace struct (`self.handles` in
    /// `impl B` says nothing of `A.handles`). `None` if the model was not built.
    pub fn is_field_read(&self, owner: &str, field: &str) -> Option<bool> {
        if !self.built {
            return None;
        }
        let from = (field.to_string(), None);
        Some(
            self.fields_read
                .range(from..)
                .take_while(|(f, _)| f == field)
                .any(|(_, typed)| match typed {
                    None => true,
                    Some(ty) => ty == owner || !self.structs_by_name.contains_key(ty.as_str()),
                }),
        )
    }

    /// Fns whose body calls something named `name`, however the call names it (by name: any fn
    /// of that name, whichever type or module the call's path names). [`Workspace::callers`]
    /// answers for one fn.
    pub fn callers_of<'w>(&'w self, name: &str) -> impl Iterator<Item = &'w FnDef> {
        self.callers_map()
            .get(&index::name_key(name))
            .into_iter()
            .flatten()
            .map(|&(fi, k)| &self.files[fi as usize].fns[k as usize])
    }

    /// Callee name key → the fns that call it, built on first use (most scans never ask).
    fn callers_map(&self) -> &HashMap<u64, Vec<Pos>> {
        self.callers.get_or_init(|| {
            let mut callers: HashMap<u64, Vec<Pos>> = HashMap::new();
            for (fi, file) in self.files.iter().enumerate() {
                for (k, f) in file.fns.iter().enumerate() {
                    for &callee in &f.calls {
                        callers.entry(callee).or_default().push(pos(fi, k));
                    }
                }
            }
            callers
        })
    }

    /// Fns that call something named `name` (by name, as [`Workspace::callers_of`]) only inside
    /// closures they hand to an OS thread of its own, or that hand it to one as the thread's
    /// entry (`thread::spawn(move || loop { pump() })`, `thread::spawn(worker_main)`): that
    /// thread exists to run it. Which calls start threads: `crate::knowledge::threads`.
    pub fn thread_callers_of<'w>(&'w self, name: &str) -> impl Iterator<Item = &'w FnDef> {
        self.thread_callers_map()
            .get(&index::name_key(name))
            .into_iter()
            .flatten()
            .map(|&(fi, k)| &self.files[fi as usize].fns[k as usize])
    }

    /// Callee name key -> the fns that call it only on threads, built on first use.
    fn thread_callers_map(&self) -> &HashMap<u64, Vec<Pos>> {
        self.thread_callers.get_or_init(|| {
            let mut callers: HashMap<u64, Vec<Pos>> = HashMap::new();
            for (fi, file) in self.files.iter().enumerate() {
                for &(k, callee) in &file.thread_calls {
                    callers.entry(callee).or_default().push((fi as u32, k));
                }
            }
            callers
        })
    }

    /// Whether some fn of crate `crate_name` calls something named `name` (by name, as
    /// [`Workspace::callers_of`]); `None` when the model was not built.
    pub fn crate_calls(&self, crate_name: &str, name: &str) -> Option<bool> {
        if !self.built {
            return None;
        }
        let callers = self.callers_map().get(&index::name_key(name));
        Some(
            callers
                .into_iter()
                .flatten()
                .any(|&(fi, _)| self.files[fi as usize].crate_name == crate_name),
        )
    }

    /// The fn at line `line` of file `path` (relative to the scanned root) named `name`, outside
    /// test code (which the model does not index).
    pub fn fn_id(&self, path: &str, name: &str, line: u32) -> Option<FnId> {
        let fi = self.file_pos_at_path(path)?;
        let k = self.files[fi as usize]
            .fns
            .iter()
            .position(|f| f.line == line && !f.in_test && f.name == name)?;
        Some(FnId(pos(fi as usize, k)))
    }

    /// The fn a [`FnId`] names.
    pub fn fn_def(&self, id: FnId) -> &FnDef {
        self.fn_at(id.0).1
    }

    /// The workspace fns (outside tests) named `name`.
    pub fn fn_ids_named<'w>(&'w self, name: &str) -> impl Iterator<Item = FnId> + 'w {
        self.fns_by_name
            .get(&index::name_key(name))
            .into_iter()
            .flatten()
            .filter(move |&&at| !self.fn_at(at).1.in_test)
            .map(|&at| FnId(at))
    }

    /// The fns that call the fn `id` (outside tests, which the model does not index), each once,
    /// in file order, saying how ([`Caller::resolved`]):
    /// - resolved: the call's path names this fn, through the caller file's `use` map: `Type::f`
    ///   and `Self::f` a method or associated fn of that type or of an impl of a trait of that
    ///   name; `module::f`, `crate::a::module::f` and `super::f` a free fn of a module whose path
    ///   ends so (in the crate the path starts with, else the caller's); `crate::f` and
    ///   `other_crate::f` a free fn at that crate's root; a bare `f` a free fn of the caller's own
    ///   module (file and inline `mod`), or what its `use` names. A `Type::f` with no crate in its
    ///   path names the caller's crate's fns of that type when it has some, else any crate's;
    /// - by name: a method call (`x.f()`), a bare name that is neither imported nor defined in the
    ///   caller's module, a path through `std`/`core`/`alloc` or one the index does not read
    ///   (`<T as Tr>::f`), and a path that names no workspace fn at all (a library's type, a
    ///   generic parameter `T::f`, a re-export `pub use` the model does not follow).
    ///
    /// A fn whose every call of the name resolves to other workspace fns (`Other::save`,
    /// `cache::save`, `other_crate::save`) is not a caller.
    pub fn callers(&self, id: FnId) -> Vec<Caller<'_>> {
        let target = self.fn_def(id);
        let key = index::name_key(&target.name);
        let owners = self.owners_of(key);
        let mut out: Vec<Caller<'_>> = Vec::new();
        for &at in self.callers_map().get(&key).into_iter().flatten() {
            let def = self.fn_at(at).1;
            if def.in_test || out.last().is_some_and(|c| c.id.0 == at) {
                continue;
            }
            if let Some(resolved) = self.call_reaches(at, key, id.0, &owners) {
                out.push(Caller {
                    id: FnId(at),
                    def,
                    resolved,
                });
            }
        }
        out
    }

    /// The fns that call the fn `id` only inside closures they hand to an OS thread of its own,
    /// or that hand it to one by name as the thread's entry (as [`Workspace::thread_callers_of`]),
    /// saying how as [`Workspace::callers`] does; a thread's entry handed by name
    /// (`thread::spawn(worker_main)`) is matched by name.
    pub fn thread_callers(&self, id: FnId) -> Vec<Caller<'_>> {
        let target = self.fn_def(id);
        let key = index::name_key(&target.name);
        let owners = self.owners_of(key);
        let mut out = Vec::new();
        for &at in self.thread_callers_map().get(&key).into_iter().flatten() {
            let def = self.fn_at(at).1;
            if def.in_test {
                continue;
            }
            let resolved = if def.calls.contains(&key) {
                self.call_reaches(at, key, id.0, &owners)
            } else {
                Some(false)
            };
            if let Some(resolved) = resolved {
                out.push(Caller {
                    id: FnId(at),
                    def,
                    resolved,
                });
            }
        }
        out
    }

    /// The workspace fns (outside tests) named by the key `name`, by what a path may name them
    /// by: the type of a method and the trait of a trait impl's method, the last segment of a free
    /// fn's module ([`CRATE_ROOT`] at a crate's root).
    fn owners_of(&self, name: u64) -> HashMap<u64, Vec<Pos>> {
        let mut owners: HashMap<u64, Vec<Pos>> = HashMap::new();
        for &at in self.fns_by_name.get(&name).into_iter().flatten() {
            let (file, f) = self.fn_at(at);
            if f.in_test {
                continue;
            }
            let trait_name = f.impl_trait.as_deref().and_then(|t| t.rsplit("::").next());
            let keys = match &f.self_type {
                Some(ty) => [Some(index::name_key(ty)), trait_name.map(index::name_key)],
                None => {
                    let module = f.module.last().or(file.module.last());
                    [
                        Some(module.map_or(CRATE_ROOT, |m| index::name_key(m))),
                        None,
                    ]
                }
            };
            for key in keys.into_iter().flatten() {
                owners.entry(key).or_default().push(at);
            }
        }
        owners
    }

    /// How the calls of the fn at `caller` of the fns named by the key `name` reach the fn at
    /// `target` ([`Workspace::callers`]): `Some(true)` when a path names it, `Some(false)` when a
    /// call is matched by name, `None` when every call names other workspace fns.
    fn call_reaches(
        &self,
        caller: Pos,
        name: u64,
        target: Pos,
        owners: &HashMap<u64, Vec<Pos>>,
    ) -> Option<bool> {
        let file = &self.files[caller.0 as usize];
        let key = (caller.1, name);
        let from = file
            .path_calls
            .partition_point(|c| (c.caller, c.callee) < key);
        let to = from + file.path_calls[from..].partition_point(|c| (c.caller, c.callee) == key);
        let paths = &file.path_calls[from..to];
        let mut by_name = paths.first().is_none_or(|c| c.also_by_name);
        for call in paths {
            let targets = self.path_targets(caller, call, owners);
            if targets.contains(&target) {
                return Some(true);
            }
            by_name |= targets.is_empty();
        }
        by_name.then_some(false)
    }

    /// The workspace fns a call's path names ([`Workspace::callers`]); empty when it names none.
    fn path_targets(
        &self,
        caller: Pos,
        call: &index::PathCall,
        owners: &HashMap<u64, Vec<Pos>>,
    ) -> Vec<Pos> {
        use index::CallOwner;
        let own = self.file_crates[caller.0 as usize];
        let named_crate = self.crate_keys.get(&call.root).copied();
        let list = |key: u64| owners.get(&key).map_or(&[][..], Vec::as_slice);
        let is_free = |at: Pos| self.fn_at(at).1.self_type.is_none();
        let in_crate = |at: Pos, krate: u32| self.file_crates[at.0 as usize] == krate;
        let (candidates, krate): (Vec<Pos>, Option<u32>) = match call.owner {
            CallOwner::SameModule => {
                let module = &self.fn_at(caller).1.module;
                let here = (self.fns_by_name.get(&call.callee).into_iter().flatten())
                    .copied()
                    .filter(|&at| {
                        let f = self.fn_at(at).1;
                        at.0 == caller.0
                            && f.self_type.is_none()
                            && !f.in_test
                            && f.module == *module
                    });
                (here.collect(), None)
            }
            CallOwner::CrateRoot => (
                list(CRATE_ROOT)
                    .iter()
                    .copied()
                    .filter(|&at| is_free(at))
                    .collect(),
                Some(if call.root == index::OWN_CRATE {
                    own
                } else {
                    named_crate.unwrap_or(own)
                }),
            ),
            CallOwner::Module if named_crate.is_some() && call.qualifier == call.root => (
                list(CRATE_ROOT)
                    .iter()
                    .copied()
                    .filter(|&at| is_free(at))
                    .collect(),
                named_crate,
            ),
            CallOwner::Module => (
                list(call.qualifier)
                    .iter()
                    .copied()
                    .filter(|&at| is_free(at))
                    .collect(),
                Some(named_crate.unwrap_or(own)),
            ),
            CallOwner::Type => {
                let methods: Vec<Pos> = list(call.qualifier)
                    .iter()
                    .copied()
                    .filter(|&at| !is_free(at))
                    .collect();
                let krate = match call.root {
                    index::OWN_CRATE => Some(own),
                    index::UNROOTED => methods.iter().any(|&at| in_crate(at, own)).then_some(own),
                    _ => Some(named_crate.unwrap_or(own)),
                };
                (methods, krate)
            }
        };
        let mut candidates = candidates;
        if let Some(krate) = krate {
            candidates.retain(|&at| in_crate(at, krate));
        }
        candidates
    }

    /// Every `macro_rules!` definition of this name in the workspace, in path order.
    pub fn macros_named(&self, name: &str) -> impl Iterator<Item = &MacroDef> {
        self.macros_by_name
            .get(name)
            .into_iter()
            .flatten()
            .map(|&(fi, k)| &self.files[fi as usize].macros[k as usize])
    }

    /// The definition at a position [`Workspace::macro_for_call`] gave.
    pub fn macro_at(&self, (fi, k): Pos) -> Option<&MacroDef> {
        self.files.get(fi as usize)?.macros.get(k as usize)
    }

    /// The definition a call of `path!` written at `line` of file `caller` (in crate `krate`)
    /// expands, picked as Rust's scopes would: only one the call can name (of the same crate, or
    /// `#[macro_export]`ed; for a qualified call `krate::m!`/`crate::m!`, of the crate the path
    /// names), then by nearness: defined earlier in the caller's file (the latest such), in an
    /// ancestor module's file (the nearest), elsewhere in the caller's crate, then another crate's
    /// exported one. Ties go to the first in path order, so the pick never depends on threads.
    pub fn macro_for_call(
        &self,
        path: &syn::Path,
        krate: &str,
        caller: &str,
        line: usize,
    ) -> Option<(Pos, &MacroDef)> {
        let name = path.segments.last()?.ident.to_string();
        let defs = self.macros_by_name.get(&name)?;
        let krate = crate_ident(krate);
        let qualifier = (path.segments.len() > 1)
            .then(|| path.segments.first().map(|s| s.ident.to_string()))
            .flatten();
        let nameable = |&(fi, k): &Pos| {
            let file = &self.files[fi as usize];
            let def = &file.macros[k as usize];
            let def_crate = crate_ident(&file.crate_name);
            let same_crate = def_crate == krate;
            match qualifier.as_deref() {
                None => def.exported || same_crate,
                Some("crate" | "self" | "super") => same_crate,
                Some(named) => named == def_crate && (def.exported || same_crate),
            }
        };
        let candidates: Vec<Pos> = defs.iter().copied().filter(nameable).collect();
        match candidates.as_slice() {
            [] => return None,
            &[only] => return self.macro_at(only).map(|d| (only, d)),
            _ => {}
        }
        let caller_module: Option<&[String]> = self.file_at_path(caller).map(|f| &*f.module);
        // (rank, tie-break): lower is nearer; ties in path order by the position itself.
        let key = |&(fi, k): &Pos| {
            let file = &self.files[fi as usize];
            let def = &file.macros[k as usize];
            if crate_ident(&file.crate_name) != krate {
                return (4u8, 0i64);
            }
            if file.path == caller {
                return if def.line as usize <= line {
                    (0, -i64::from(def.line))
                } else {
                    (2, 0)
                };
            }
            let def_module = file.module.iter().chain(def.module.iter());
            let ancestor = caller_module.is_some_and(|m| {
                def_module.clone().count() <= m.len()
                    && def_module.clone().zip(m).all(|(a, b)| a == b)
            });
            if ancestor {
                (1, -(def_module.count() as i64))
            } else {
                (3, 0)
            }
        };
        let best = candidates
            .iter()
            .min_by_key(|at| (key(at), **at))
            .copied()?;
        self.macro_at(best).map(|d| (best, d))
    }

    /// The index of the file at this path (relative to the scanned root).
    fn file_at_path(&self, path: &str) -> Option<&FileIndex> {
        self.file_pos_at_path(path)
            .map(|fi| &self.files[fi as usize])
    }

    /// The position in [`Workspace::files`] of the file at this path.
    fn file_pos_at_path(&self, path: &str) -> Option<u32> {
        let by_path = self.files_by_path.get_or_init(|| {
            self.files
                .iter()
                .enumerate()
                .map(|(fi, f)| (xxhash_rust::xxh3::xxh3_64(f.path.as_bytes()), fi as u32))
                .collect()
        });
        let &fi = by_path.get(&xxhash_rust::xxh3::xxh3_64(path.as_bytes()))?;
        self.files
            .get(fi as usize)
            .is_some_and(|f| f.path == path)
            .then_some(fi)
    }

    /// The names (as a call's last segment gives them) of the workspace macros whose body names a
    /// TLS check ([`crate::taint::summary::names_a_tls_check`]). Made once: the TLS rule asks for
    /// every file, and testing the body text again at every call of a workspace macro cost about
    /// 1% of a default scan.
    pub fn tls_check_macros(&self) -> &[String] {
        self.tls_check_macros.get_or_init(|| {
            let mut names: Vec<String> = self
                .macros_by_name
                .keys()
                .filter(|name| {
                    // Any definition: a call may expand any of them (a superset).
                    self.macros_named(name)
                        .any(|m| crate::taint::summary::names_a_tls_check(self, &m.body))
                })
                .cloned()
                .collect();
            names.sort(); // the map's order varies from run to run
            names
        })
    }

    /// The expansion of a call to a simple workspace `macro_rules!` macro (see [`expand`]),
    /// written in file `caller` of crate `krate`: the template's tokens spanned at the call's
    /// path, the call's own tokens where they are written; `None` for other macros or arms the
    /// expander cannot match.
    pub fn expand_macro(
        &self,
        mac: &syn::Macro,
        krate: &str,
        caller: &str,
    ) -> Option<proc_macro2::TokenStream> {
        self.expand_macro_arm(mac, krate, caller)
            .map(|(_, _, _, tokens)| tokens)
    }

    /// [`Workspace::expand_macro`] with the definition ([`Workspace::macro_for_call`] picks the
    /// one the call names), its position and the index of the arm that matched.
    pub fn expand_macro_arm(
        &self,
        mac: &syn::Macro,
        krate: &str,
        caller: &str,
    ) -> Option<(Pos, &MacroDef, usize, proc_macro2::TokenStream)> {
        let span = syn::spanned::Spanned::span(&mac.path);
        let (at, def) = self.macro_for_call(&mac.path, krate, caller, span.start().line)?;
        let (arm, tokens) = expand::expand_arm(&def.body, mac.tokens.clone(), span)?;
        Some((at, def, arm, tokens))
    }

    /// Variants of `type_name` whose payload a response conversion puts into a 5xx body or a gRPC
    /// status message, and whether one sends the error's `Display` text for every variant.
    pub fn server_error_leaks(&self, type_name: &str) -> (BTreeSet<&str>, bool) {
        let mut variants = BTreeSet::new();
        let mut display = false;
        for imp in self.impls_for(type_name) {
            variants.extend(imp.leaky_variants.iter().map(Name::as_str));
            display |= imp.leaks_display;
        }
        (variants, display)
    }

    /// Calls (`name!`) of the workspace macros whose body `holds` accepts, whichever crate
    /// defines them: a superset of the calls [`Workspace::expand_macro_arm`] expands into such
    /// a body.
    pub fn macro_calls_where(&self, holds: &dyn Fn(&str) -> bool) -> Vec<String> {
        let mut calls: Vec<String> = self
            .macros_by_name
            .iter()
            .filter(|(_, defs)| {
                defs.iter()
                    .any(|&(fi, k)| holds(&self.files[fi as usize].macros[k as usize].body))
            })
            .map(|(name, _)| format!("{name}!"))
            .collect();
        calls.sort(); // the map's order varies from run to run
        calls
    }

    /// Text whose presence makes an item worth parsing because rules follow it through the
    /// model: calls of workspace macros whose body `worth_expanding` accepts (`spawn_named!`,
    /// whose body holds a rule's literal), and the paths of variants a response conversion puts
    /// into a server-error body with their text and of the constructors that build them
    /// (`ApiError::Database`, `ApiError::database_error`). Sorted, deduplicated.
    ///
    /// Every definition of a name counts where a call may expand it
    /// ([`Workspace::macro_for_call`]): only in its own crate unless it is exported (clang-sys's
    /// private `link!` says nothing about the thousands of `windows_targets::link!` calls).
    pub fn prefilter_literals(&self, worth_expanding: impl Fn(&str) -> bool) -> FollowedLiterals {
        let mut in_crate = BTreeSet::new();
        let mut anywhere: BTreeSet<String> = BTreeSet::new();
        for (name, &(fi, k)) in self
            .macros_by_name
            .iter()
            .flat_map(|(name, defs)| defs.iter().map(move |at| (name, at)))
        {
            let file = &self.files[fi as usize];
            let def = &file.macros[k as usize];
            if name.len() < 2 || !worth_expanding(&def.body) {
                continue;
            }
            let literal = format!("{name}!");
            if def.exported {
                anywhere.insert(literal);
            } else {
                in_crate.insert((crate_ident(&file.crate_name), literal));
            }
        }
        // `ApiError::Database` and constructors building it (`ApiError::database_error`): exact
        // paths, so that a leaky type named `Error` does not select every item that says Error.
        let mut leaky: BTreeSet<String> = BTreeSet::new();
        for (_, imp) in self.impls() {
            let owner = &imp.self_type;
            let mut variants: Vec<&str> = imp.leaky_variants.iter().map(Name::as_str).collect();
            if imp.leaks_display {
                variants.extend(
                    self.enums_named(owner)
                        .flat_map(|e| e.variants.iter().map(|v| v.name.as_str())),
                );
            }
            if variants.is_empty() {
                continue;
            }
            for v in &variants {
                leaky.insert(format!("{owner}::{v}"));
            }
            for (_, f) in self.fns() {
                let builds_leaky = f
                    .constructs
                    .iter()
                    .any(|(t, v)| t == owner && variants.contains(&v.as_str()));
                if builds_leaky && let Some(ty) = &f.self_type {
                    leaky.insert(format!("{ty}::{}", f.name));
                }
            }
        }
        anywhere.extend(leaky.into_iter().filter(|s| s.len() > 2));
        FollowedLiterals {
            anywhere: anywhere.into_iter().collect(),
            in_crate: in_crate.into_iter().collect(),
        }
    }

    /// The rule whose findings the model determines: `unraised-error-variant` reports only
    /// variants that [`Workspace::is_variant_constructed`] says nothing constructs.
    pub const NARROWED_RULE: &'static str = "unraised-error-variant";

    /// `enum Name` for every indexed enum with a variant nothing constructs: in a file whose
    /// enums are all indexed ([`Workspace::enums_complete`]), the only items where
    /// [`Workspace::NARROWED_RULE`] can report. Sorted, deduplicated.
    pub fn unraised_enum_literals(&self) -> Vec<String> {
        let literals: BTreeSet<String> = self
            .enums()
            .filter(|(f, e)| {
                e.variants.iter().any(|v| {
                    self.is_variant_constructed(&f.crate_name, &e.name, &v.name) == Some(false)
                })
            })
            .map(|(_, e)| format!("enum {}", e.name))
            .collect();
        literals.into_iter().collect()
    }

    /// Whether the index holds every enum of this file, each written `enum Name`: then
    /// [`Workspace::unraised_enum_literals`] find all its enums that may have a finding.
    pub fn enums_complete(&self, path: &str) -> bool {
        self.enums_complete.contains(path)
    }

    /// Whether a response conversion (`IntoResponse`, `Responder`, `ResponseError`, `From<_> for
    /// Status`) exists for `type_name`.
    pub fn has_response_conversion(&self, type_name: &str) -> bool {
        self.impls_for(type_name).any(|imp| {
            imp.trait_path
                .as_deref()
                .is_some_and(|t| index::is_response_trait(t) || t == "tonic::Status")
        })
    }
}

/// Hashes what rules consult, leaving out line numbers so that moving code does not invalidate
/// the findings of other files.
fn semantic_hash(file: &FileIndex, hasher: &mut impl Hasher) {
    file.path.hash(hasher);
    file.crate_name.hash(hasher);
    for f in &file.fns {
        (
            &f.name,
            &f.self_type,
            &f.impl_trait,
            &f.module,
            &f.params,
            &f.ret,
            &f.calls,
            &f.constructs,
            &f.validates,
            f.in_test,
            &f.taint,
        )
            .hash(hasher);
    }
    for e in &file.enums {
        (&e.name, &e.derives, e.is_pub, e.non_exhaustive, e.in_test).hash(hasher);
        for v in &e.variants {
            (&v.name, &v.fields, v.from_attr, v.reserved).hash(hasher);
        }
    }
    for s in &file.structs {
        (&s.name, &s.derives, &s.fields, s.fieldless, s.in_test).hash(hasher);
    }
    for i in &file.impls {
        (
            &i.trait_path,
            &i.trait_args,
            &i.self_type,
            &i.leaky_variants,
            i.leaks_display,
        )
            .hash(hasher);
    }
    for m in &file.macros {
        // Which definition a call expands depends on where each is and whether it is exported.
        (&m.name, &m.body, m.exported, m.line, &m.module).hash(hasher);
    }
    file.constructions.hash(hasher);
    file.macro_args.hash(hasher);
    file.glob_roots.hash(hasher);
    file.fields_read.hash(hasher);
    file.enums_complete.hash(hasher);
    file.body_limits.hash(hasher);
    file.thread_calls.hash(hasher);
    file.path_calls.hash(hasher);
}

/// Item literals the model follows ([`Workspace::prefilter_literals`]).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct FollowedLiterals {
    /// Literals that count in every file.
    pub anywhere: Vec<String>,
    /// (crate as paths write it, literal): literals that count only in that crate's files.
    pub in_crate: Vec<(String, String)>,
}

/// The types a `macro_rules!` body constructs a variant of from a metavariable (`Type::$name`).
fn metavariable_owners(body: &str) -> Vec<Name> {
    if !body.contains('$') {
        return Vec::new();
    }
    let Some(t) = tokens::Tokens::new(body) else {
        return Vec::new();
    };
    let mut owners: Vec<Name> = (0..t.toks.len().saturating_sub(3))
        .filter(|&k| {
            t.is_ident(k)
                && t.text_of(k).starts_with(|c: char| c.is_ascii_uppercase())
                && t.is(k + 1, "::")
                && t.is(k + 2, "$")
                && t.is_ident(k + 3)
        })
        .map(|k| Name::from(t.text_of(k)))
        .collect();
    owners.sort();
    owners.dedup();
    owners
}

/// Crate names as paths write them (`my-crate` is `my_crate`).
pub fn crate_ident(name: &str) -> String {
    name.replace('-', "_")
}

/// The two arguments of a `Result<T, E>` written as text (a return type as the model keeps it):
/// `("T", "E")`. `None` for anything else, including one-argument aliases (`io::Result<T>`) whose
/// error the text does not show.
pub fn result_arguments(ty: &str) -> Option<(String, String)> {
    let syn::Type::Path(p) = syn::parse_str::<syn::Type>(ty).ok()? else {
        return None;
    };
    let last = p.path.segments.last()?;
    if last.ident != "Result" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let types: Vec<String> = args
        .args
        .iter()
        .filter_map(|a| match a {
            syn::GenericArgument::Type(t) => Some(quote::ToTokens::to_token_stream(t).to_string()),
            _ => None,
        })
        .collect();
    match &types[..] {
        [ok, err] => Some((ok.clone(), err.clone())),
        _ => None,
    }
}

/// Whether a type written as text is an `Option<..>` (`Option<u32>`, `std::option::Option<T>`).
pub fn is_option_type(ty: &str) -> bool {
    let ty = ty.trim();
    let path = ty.split('<').next().unwrap_or(ty).trim();
    ty.contains('<')
        && path
            .rsplit("::")
            .next()
            .is_some_and(|l| l.trim() == "Option")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constructions_count_for_the_crate_their_path_resolves_to() {
        let ws = Workspace::from_sources(&[
            (
                "a/src/lib.rs",
                "a",
                "pub enum Error { Gone, Lost }
pub fn f() -> Error { Error::Gone }
                 pub enum ApiError { Timeout, Conflict, Aliased }
                 macro_rules! raise { ($v:ident) => { ApiError::$v }; }",
            ),
            (
                "a/src/other.rs",
                "a",
                "use crate::ApiError as AE;
pub struct Timeout(pub u64);
                 fn g() { let t = Timeout(5); let _c: Vec<Conflict> = Vec::new(); }
                 fn h() -> AE { AE::Aliased }",
            ),
            ("b/src/lib.rs", "b-crate", "pub enum Error { Gone, Lost }"),
            (
                "c/src/lib.rs",
                "c",
                "use b_crate::Error;
fn l() -> Error { Error::Lost }",
            ),
        ]);
        let how = |t: &str, v: &str| ws.constructions(t, v).collect::<Vec<_>>();
        let resolved = |k| Construction { krate: Some(k) };
        assert_eq!(how("Error", "Gone"), [resolved("a")]);
        assert_eq!(how("Error", "Lost"), [resolved("b_crate")]);
        assert_eq!(ws.is_variant_constructed("a", "Error", "Gone"), Some(true));
        assert_eq!(
            ws.is_variant_constructed("b-crate", "Error", "Gone"),
            Some(false)
        );
        assert_eq!(ws.is_variant_constructed("a", "Error", "Lost"), Some(false));
        assert_eq!(
            ws.is_variant_constructed("b-crate", "Error", "Lost"),
            Some(true)
        );
        assert_eq!(how("ApiError", "Aliased"), [resolved("a")]);
        assert!(how("ApiError", "Timeout").is_empty());
        assert!(how("ApiError", "Conflict").is_empty());

        // By name: a module-relative path, and a macro building `ApiError::$v` from a bare name.
        let ws = Workspace::from_sources(&[
            (
                "a/src/lib.rs",
                "a",
                "pub enum Error { Gone }
pub enum ApiError { Timeout }
                 macro_rules! raise { ($v:ident) => { ApiError::$v }; }
fn r() { raise!(Timeout); }",
            ),
            ("b/src/lib.rs", "b", "pub enum Error { Gone }"),
            (
                "c/src/lib.rs",
                "c",
                "fn f() { let _ = errors::Error::Gone; }",
            ),
        ]);
        assert_eq!(
            ws.constructions("Error", "Gone").collect::<Vec<_>>(),
            [Construction { krate: None }]
        );
        assert_eq!(ws.is_variant_constructed("a", "Error", "Gone"), Some(true));
        assert_eq!(ws.is_variant_constructed("b", "Error", "Gone"), Some(true));
        assert_eq!(
            ws.constructions("ApiError", "Timeout").collect::<Vec<_>>(),
            [Construction { krate: None }]
        );
    }

    #[test]
    fn thread_callers_across_files() {
        let ws = Workspace::from_sources(&[
            (
                "src/worker.rs",
                "app",
                "fn start() { std::thread::spawn(move || loop { crate::pump() }); }\n\
                 fn handle() { crate::pump() }\n",
            ),
            ("src/lib.rs", "app", "pub fn pump() {}\n"),
        ]);
        let threads: Vec<&str> = ws.thread_callers_of("pump").map(|f| &*f.name).collect();
        assert_eq!(threads, ["start"]);
        let callers: Vec<&str> = ws.callers_of("pump").map(|f| &*f.name).collect();
        assert_eq!(callers, ["start", "handle"]);
        assert_eq!(ws.thread_callers_of("handle").count(), 0);
    }

    #[test]
    fn callers_of_one_fn_by_resolved_path_or_by_name() {
        let ws = Workspace::from_sources(&[
            (
                "app/src/lib.rs",
                "app",
                "pub mod store;\npub mod cache;\n\
                 pub struct Other;\nimpl Other { pub fn save() {} }\n\
                 fn by_module() { store::save() }\n\
                 fn by_crate_path() { crate::store::save() }\n\
                 fn elsewhere() { cache::save(); Other::save() }\n\
                 fn by_method(x: X) { x.save() }\n\
                 fn both(x: X) { cache::save(); x.save() }\n\
                 fn from_library() { Vec::save() }\n",
            ),
            (
                "app/src/store.rs",
                "app",
                "pub fn save() {}\nfn local() { save() }\nfn glob() { self::save() }\n\
                 pub struct Db;\nimpl Db { pub fn save(&self) {} fn again(&self) { Self::save(self) } }\n",
            ),
            ("app/src/cache.rs", "app", "pub fn save() {}\n"),
            (
                "user/src/lib.rs",
                "user",
                "use app::store::save;\nuse app::cache;\n\
                 fn imported() { save() }\nfn other_crate() { cache::save() }\n",
            ),
        ]);
        let id = ws.fn_id("app/src/store.rs", "save", 1).expect("indexed");
        let how: Vec<(&str, bool)> = ws
            .callers(id)
            .iter()
            .map(|c| (c.def.name.as_str(), c.resolved))
            .collect();
        assert_eq!(
            how,
            [
                ("by_module", true),
                ("by_crate_path", true),
                ("by_method", false),
                ("both", false),
                ("from_library", false),
                ("local", true),
                ("glob", true),
                ("imported", true),
            ]
        );
        let db = ws.fn_id("app/src/store.rs", "save", 5).expect("indexed");
        let how: Vec<(&str, bool)> = ws
            .callers(db)
            .iter()
            .map(|c| (c.def.name.as_str(), c.resolved))
            .collect();
        assert_eq!(
            how,
            [
                ("by_method", false),
                ("both", false),
                ("from_library", false),
                ("again", true)
            ]
        );
        // By name, every one of them.
        assert_eq!(ws.callers_of("save").count(), 11);
    }

    #[test]
    fn followed_macro_calls_count_where_the_call_expands() {
        let ws = Workspace::from_sources(&[
            // Private: its calls expand only in crate `actors-lib`.
            (
                "actors/src/lib.rs",
                "actors-lib",
                "macro_rules! launch { ($f:expr) => { tokio::spawn($f) }; }\n",
            ),
            // Same name, exported: a call in any other crate expands it.
            (
                "app/src/lib.rs",
                "app",
                "#[macro_export]\nmacro_rules! launch { ($f:expr) => { tokio::spawn($f) }; }\n",
            ),
            (
                "app/src/spawn.rs",
                "app",
                "#[macro_export]\nmacro_rules! go { ($f:expr) => { tokio::spawn($f) }; }\n\
                 macro_rules! quiet { ($f:expr) => { $f }; }\n",
            ),
        ]);
        let followed = ws.prefilter_literals(|body| body.contains("spawn"));
        assert_eq!(followed.anywhere, ["go!", "launch!"]);
        assert_eq!(
            followed.in_crate,
            [("actors_lib".to_string(), "launch!".to_string())]
        );
    }

    #[test]
    fn a_call_expands_the_definition_rust_would_pick() {
        let spawns = "macro_rules! launch { ($f:expr) => { tokio::spawn($f) }; }\n";
        let quiet = "macro_rules! launch { ($f:expr) => { $f }; }\n";
        let exported =
            "#[macro_export]\nmacro_rules! launch { ($f:expr) => { std::thread::spawn($f) }; }\n";
        let ws = Workspace::from_sources(&[
            ("actors/src/lib.rs", "actors", quiet),
            ("app/src/main.rs", "app", spawns),
            ("app/src/net/mod.rs", "app", quiet),
            ("app/src/net/tcp.rs", "app", "fn f() {}\n"),
            ("app/src/db.rs", "app", "fn f() {}\n"),
            ("kit/src/lib.rs", "kit", exported),
        ]);
        let body = |path: &str, krate: &str, caller: &str, line: usize| {
            let path: syn::Path = syn::parse_str(path).expect("path");
            ws.macro_for_call(&path, krate, caller, line)
                .map(|(_, d)| d.body.clone())
        };
        let has = |b: Option<String>, what: &str| b.is_some_and(|b| b.contains(what));
        // The calling crate's own private definition, not the first one in path order.
        assert!(has(
            body("launch", "app", "app/src/main.rs", 5),
            "tokio::spawn"
        ));
        assert!(has(
            body("launch", "actors", "actors/src/x.rs", 5),
            "=> { $f }"
        ));
        // In a submodule whose own file defines it: that one (defined before the call).
        assert!(has(
            body("launch", "app", "app/src/net/mod.rs", 5),
            "=> { $f }"
        ));
        // Else the nearest ancestor module's, not a sibling's.
        assert!(has(
            body("launch", "app", "app/src/net/tcp.rs", 5),
            "=> { $f }"
        ));
        assert!(has(
            body("launch", "app", "app/src/db.rs", 5),
            "tokio::spawn"
        ));
        // A crate with none of its own: the exported one of another crate.
        assert!(has(
            body("launch", "other", "other/src/lib.rs", 5),
            "thread::spawn"
        ));
        // A qualified call names the crate.
        assert!(has(
            body("kit::launch", "app", "app/src/main.rs", 5),
            "thread::spawn"
        ));
        assert!(body("actors::launch", "app", "app/src/main.rs", 5).is_none());
    }
}
