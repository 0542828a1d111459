//! Indexing one file with the token scanner: fn signatures, impls, traits, inline mods and
//! `macro_rules!` from tokens, `syn` only on small chunks (enums, attributed structs, impl headers,
//! `use` items), plus token-level facts from fn bodies (which variants are constructed, which fns
//! are called, which values are validated, which fields read).
//! Nothing here keeps spans: the facts are owned, `Send`, and positions are 1-based lines.

use std::collections::{BTreeSet, HashMap};

use quote::ToTokens;
use serde::{Deserialize, Serialize};

use super::name::{Interner, Name};
use super::tokens::{Kind, Tokens};
use crate::resolve::UseMap;

/// What one file contributes to the workspace model.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct FileIndex {
    pub path: String,
    pub crate_name: String,
    /// The file's module path inside its crate (`["api", "error"]` for `src/api/error.rs`).
    pub module: Vec<String>,
    pub fns: Vec<FnDef>,
    pub enums: Vec<EnumDef>,
    pub structs: Vec<StructDef>,
    pub impls: Vec<ImplDef>,
    pub macros: Vec<MacroDef>,
    /// Variants constructed (written outside a pattern): `Type::Variant` (`Self` replaced by the
    /// impl's type), and a bare `Variant` where the file imports it (`use E::*`,
    /// `use E::{Variant}`), each with how its path names the enum ([`Via`]). Sorted, deduplicated.
    pub constructions: Vec<Constructed>,
    /// Bare capitalised names in the arguments of macro calls: (macro, name). A workspace macro
    /// whose body writes `Type::$variant` constructs `Type::Name` (`impl_from! { io::Error => Io }`).
    pub macro_args: Vec<(Name, Name)>,
    /// The first segments of the file's glob imports other than `crate`/`self`/`super` ones
    /// (`use other_crate::*`): a name they may bring in is not known to be the crate's own.
    pub glob_roots: Vec<Name>,
    /// Fields read (`.name` followed by anything but an assignment or a push/insert): (field,
    /// the type whose field it is where the receiver says: `self` in an impl of that type, a
    /// parameter declared of that type; `None` otherwise).
    pub fields_read: BTreeSet<(String, Option<Name>)>,
    /// Body-limit settings written in the file outside `use` declarations and test modules
    /// (`crate::knowledge::body_limits::LIMIT_SETTINGS`): `RequestBodyLimitLayer`,
    /// `DefaultBodyLimit::max(..)`, `DefaultBodyLimit::disable()`..
    #[serde(default)]
    pub body_limits: BTreeSet<crate::knowledge::body_limits::LimitKind>,
    /// (fn, callee): the fn (an index into [`FileIndex::fns`]) calls the callee (a [`name_key`])
    /// only inside closures it hands to an OS thread of its own, or hands it to one by name as
    /// the thread's entry (`crate::knowledge::threads`: `thread::spawn(move || loop { pump() })`,
    /// `thread::spawn(worker_main)`). Kept per file, as few fns start threads.
    #[serde(default)]
    pub thread_calls: Vec<(u32, u64)>,
    /// How the fns' calls written with a path (or a bare name the file imports or defines) name
    /// their callee, sorted by (caller, callee): the qualifier that decides which fn it is. Only
    /// for callees some call of the fn qualifies; every other call is by name ([`FnDef::calls`]).
    #[serde(default)]
    pub path_calls: Vec<PathCall>,
    /// The skeleton parse failed: only the token facts are known.
    pub skeleton_failed: bool,
    /// Every `enum Name` of the file is in [`FileIndex::enums`], written `enum Name` with one
    /// space (none in a fn body, a macro call or a test module): the analysis may then select
    /// enum items by their exact `enum Name` text (see `Workspace::unraised_enum_literals`).
    pub enums_complete: bool,
}

impl FileIndex {
    /// Makes every [`Name`] of the index share the interner's copy of its text.
    pub fn share_names(&mut self, interner: &mut Interner) {
        for f in &mut self.fns {
            interner.intern(&mut f.name);
            for name in f.self_type.iter_mut().chain(f.impl_trait.iter_mut()) {
                interner.intern(name);
            }
            for (name, ty) in &mut f.params {
                name.iter_mut().for_each(|n| interner.intern(n));
                interner.intern(ty);
            }
            f.ret.iter_mut().for_each(|r| interner.intern(r));
            for (ty, variant) in &mut f.constructs {
                interner.intern(ty);
                interner.intern(variant);
            }
        }
        for c in &mut self.constructions {
            interner.intern(&mut c.owner);
            interner.intern(&mut c.variant);
            if let Via::Root(root) = &mut c.via {
                interner.intern(root);
            }
        }
        for (mac, name) in &mut self.macro_args {
            interner.intern(mac);
            interner.intern(name);
        }
        self.glob_roots.iter_mut().for_each(|r| interner.intern(r));
        self.fields_read = std::mem::take(&mut self.fields_read)
            .into_iter()
            .map(|(field, mut owner)| {
                owner.iter_mut().for_each(|o| interner.intern(o));
                (field, owner)
            })
            .collect();
        for e in &mut self.enums {
            interner.intern(&mut e.name);
            e.derives.iter_mut().for_each(|d| interner.intern(d));
            for v in &mut e.variants {
                interner.intern(&mut v.name);
                v.fields.iter_mut().for_each(|f| interner.intern(f));
            }
        }
        for s in &mut self.structs {
            interner.intern(&mut s.name);
            s.derives.iter_mut().for_each(|d| interner.intern(d));
            for (name, ty, _) in &mut s.fields {
                interner.intern(name);
                interner.intern(ty);
            }
        }
        for i in &mut self.impls {
            i.trait_path.iter_mut().for_each(|p| interner.intern(p));
            i.trait_args.iter_mut().for_each(|a| interner.intern(a));
            interner.intern(&mut i.self_type);
            i.leaky_variants.iter_mut().for_each(|v| interner.intern(v));
        }
    }

    /// Frees the spare capacity of every list: the model keeps thousands of files' indexes for
    /// the whole scan.
    fn shrink_to_fit(&mut self) {
        for s in &mut self.structs {
            s.fields.shrink_to_fit();
        }
        for e in &mut self.enums {
            e.variants.shrink_to_fit();
        }
        for i in &mut self.impls {
            i.leaky_variants.shrink_to_fit();
        }
        self.fns.shrink_to_fit();
        self.thread_calls.shrink_to_fit();
        self.path_calls.shrink_to_fit();
        self.constructions.shrink_to_fit();
        self.macro_args.shrink_to_fit();
        self.glob_roots.shrink_to_fit();
        self.enums.shrink_to_fit();
        self.structs.shrink_to_fit();
        self.impls.shrink_to_fit();
        self.macros.shrink_to_fit();
    }
}

/// A fn or method with a body or without (trait methods).
#[derive(Debug, Default, Clone, Hash, Serialize, Deserialize)]
pub struct FnDef {
    pub name: Name,
    /// For methods and associated fns: the impl's (or trait's) type, as its last path segment.
    pub self_type: Option<Name>,
    /// For trait impls: the trait's path as written (generic arguments dropped).
    pub impl_trait: Option<Name>,
    /// Inline `mod` blocks around it inside its file (the file's own module path is
    /// [`FileIndex::module`]); empty for most fns, so it costs nothing.
    pub module: Box<[String]>,
    pub has_self: bool,
    /// Parameters other than `self`: the bound name (if a plain identifier) and the type as written.
    pub params: Box<[(Option<Name>, Name)]>,
    /// The return type as written (whitespace runs collapsed to one space).
    pub ret: Option<Name>,
    pub is_pub: bool,
    /// Visibility restricted to the crate or a module (`pub(crate)`, `pub(super)`, `pub(in ..)`).
    pub pub_restricted: bool,
    pub is_async: bool,
    /// `extern "C"` and friends.
    pub is_extern: bool,
    /// Declared in a `trait` block (a required or default method).
    pub in_trait: bool,
    /// An attribute on the fn, or on its `impl`, `trait` or inline `mod`, other than the
    /// compiler's inert ones (see [`is_inert_attribute`]): `#[no_mangle]`, `#[tokio::main]`,
    /// `#[get("/")]`, `#[pymethods]`... may make it an entry point or register it by name.
    pub entry_attr: bool,
    pub line: u32,
    /// Lines of the body, first and last (`None` for a bodiless trait method).
    pub body: Option<(u32, u32)>,
    /// Fns and methods the body calls, by last path segment (`b` for `a::b(..)` and `.b(..)`),
    /// as [`name_key`]s: the model keeps a body's calls in 8 bytes each.
    pub calls: Box<[u64]>,
    /// Variants the body constructs (type, variant).
    pub constructs: Box<[(Name, Name)]>,
    /// Identifiers the body calls `.validate()` on.
    pub validates: Box<[String]>,
    pub in_test: bool,
    /// What the body does with its parameters, for callers in other files (taint rules); only
    /// for fns worth it (see `crate::taint::summary`). Attached after indexing, never cached
    /// with the file's index.
    #[serde(skip)]
    pub taint: Option<std::sync::Arc<crate::taint::summary::FnSummary>>,
}

#[derive(Debug, Default, Clone, Hash, Serialize, Deserialize)]
pub struct EnumDef {
    pub name: Name,
    pub module: Box<[String]>,
    pub line: u32,
    pub is_pub: bool,
    pub non_exhaustive: bool,
    /// Derive names as written, last segment (`Error`, `Deserialize`).
    pub derives: Box<[Name]>,
    pub variants: Vec<VariantDef>,
    pub in_test: bool,
}

#[derive(Debug, Default, Clone, Hash, Serialize, Deserialize)]
pub struct VariantDef {
    pub name: Name,
    pub line: u32,
    /// Field types as written.
    pub fields: Vec<Name>,
    /// A field carries `#[from]` (thiserror, snafu): `?` constructs it through the derived `From`.
    pub from_attr: bool,
    /// `#[deprecated]` or `#[doc(hidden)]`: kept on purpose, not raised on purpose.
    pub reserved: bool,
}

#[derive(Debug, Default, Clone, Hash, Serialize, Deserialize)]
pub struct StructDef {
    pub name: Name,
    pub module: Box<[String]>,
    pub line: u32,
    pub derives: Box<[Name]>,
    /// (name, type as written, `#[serde(default)]`): tuple fields are named `0`, `1`...
    /// Empty for a struct without a derive whose tokens need syn (see `Walker::type_item`).
    pub fields: Vec<(Name, Name, bool)>,
    /// Declared with no fields at all (`struct Closed;`, `struct Closed {}`, `struct Closed()`):
    /// a value of it carries nothing but its type.
    pub fieldless: bool,
    pub in_test: bool,
}

#[derive(Debug, Default, Clone, Hash, Serialize, Deserialize)]
pub struct ImplDef {
    /// The trait's path through the file's `use` map (`axum::response::IntoResponse`), if any.
    pub trait_path: Option<Name>,
    /// The trait's generic arguments as written (`sqlx :: Error` for `From<sqlx::Error>`).
    pub trait_args: Box<[Name]>,
    /// The implementing type's last path segment.
    pub self_type: Name,
    pub line: u32,
    /// For response conversions (`IntoResponse`, `Responder`, `ResponseError`, `From<_> for
    /// Status`): variants of the self type whose payload the impl puts into a 5xx body or a gRPC
    /// status message, and whether a catch-all arm sends `self.to_string()` there.
    pub leaky_variants: Vec<Name>,
    pub leaks_display: bool,
    /// For a rustls `ServerCertVerifier` impl: the line of its `verify_server_cert` when that
    /// only returns `Ok(ServerCertVerified::assertion())` (see [`accepts_every_certificate`]).
    #[serde(default)]
    pub accepts_all_certs: Option<u32>,
}

#[derive(Debug, Default, Clone, Hash, Serialize, Deserialize)]
pub struct MacroDef {
    pub name: String,
    pub module: Box<[String]>,
    pub line: u32,
    /// The `macro_rules!` body tokens as text (lexed again, once per thread, when a call site is
    /// expanded: [`super::expand::body_tokens`]).
    pub body: String,
    pub exported: bool,
}

/// A call written with a path, as far as the calling file's `use` declarations tell which fn it
/// names (the workspace decides: [`crate::model::Workspace::callers`]). 32 bytes, kept only for
/// qualified calls; method calls (`.f()`) and bare names the file neither imports nor defines are
/// in [`FnDef::calls`] alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PathCall {
    /// The calling fn: an index into [`FileIndex::fns`].
    pub caller: u32,
    /// The callee's [`name_key`] (the path's last segment, as [`FnDef::calls`] holds it).
    pub callee: u64,
    pub owner: CallOwner,
    /// The [`name_key`] of the type ([`CallOwner::Type`]) or module ([`CallOwner::Module`]) the
    /// path names; 0 otherwise.
    pub qualifier: u64,
    /// Where the path starts: [`OWN_CRATE`], [`UNROOTED`], or the [`name_key`] of its first
    /// segment (after the file's imports): a workspace crate's name, else a module of the
    /// caller's crate or a library.
    pub root: u64,
    /// The same fn also calls a fn of this name by name (a method call, a bare name), which may
    /// mean any fn of the name.
    pub also_by_name: bool,
}

/// What a call's path names its fn by ([`PathCall`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CallOwner {
    /// `Type::f`, `Self::f` (the impl's type; a trait's name in a trait), `a::Type::f`: a method
    /// or associated fn of that type, or of an impl of the trait of that name.
    Type,
    /// `module::f`, `crate::a::module::f`, `super::f`: a free fn of a module whose path ends so.
    Module,
    /// `crate::f`, `other_crate::f`: a free fn at a crate's root.
    CrateRoot,
    /// `f()` where the caller's own module (its file and inline `mod`) defines a free fn `f`, or
    /// `self::f()`.
    SameModule,
}

/// [`PathCall::root`]: the path starts with `crate`, `self` or `super` (written or through the
/// import of its first segment).
pub const OWN_CRATE: u64 = 0;
/// [`PathCall::root`]: `Type::f` with a type in scope however the file has it (defined, imported
/// with a glob, a library's).
pub const UNROOTED: u64 = 1;

/// How one call site names its callee, before the file's fns are all known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum RawQual {
    /// A method call, a library path or a path the index cannot read: any fn of the name.
    ByName,
    /// A bare name the file does not import: its own module's free fn, if the file defines one.
    Bare,
    Path(CallOwner, u64, u64),
}

/// A variant construction the file writes: the enum (its name, through `use .. as ..` renames),
/// the variant, and how the path names the enum.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Constructed {
    pub owner: Name,
    pub variant: Name,
    pub via: Via,
}

/// How a construction's path names its enum, as far as the file's `use` declarations tell. The
/// workspace turns it into a crate or "by name" ([`crate::model::Construction`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Via {
    /// `crate::`, `self::`, `super::` or `$crate::`, written or through the import of the
    /// path's first segment: the file's own crate.
    OwnCrate,
    /// The path, or the import of its first segment, starts with this name: a workspace crate's
    /// (resolved to it), or else a module's or a library's (by name).
    Root(Name),
    /// `Enum::Variant` with `Enum` neither qualified nor imported by name: the file's own crate's
    /// enum if that crate has one of that name with the variant and no glob import may bring
    /// another workspace crate's; by name otherwise.
    Unqualified,
}

/// [`Via`] borrowed from the file's text while the file is scanned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum ViaRef<'a> {
    Own,
    Root(&'a str),
    Unqualified,
}

impl ViaRef<'_> {
    fn of_root(root: &str) -> ViaRef<'_> {
        match root {
            "crate" | "self" | "super" => ViaRef::Own,
            root => ViaRef::Root(root),
        }
    }

    fn owned(self) -> Via {
        match self {
            ViaRef::Own => Via::OwnCrate,
            ViaRef::Root(r) => Via::Root(r.into()),
            ViaRef::Unqualified => Via::Unqualified,
        }
    }
}

/// (enum, variant, how) found while scanning, borrowed.
type Found<'a> = (&'a str, &'a str, ViaRef<'a>);

/// Every `use` of the file at any depth (fn bodies included: `use Error::*;` is often written
/// inside the fn that raises the variants), unscoped: what a name and a path's first segment
/// name, for attributing constructions.
#[derive(Default)]
struct Imports {
    /// Local name -> the path it imports, as written (`crate::` kept).
    names: HashMap<String, Vec<String>>,
    /// Glob-imported paths as written.
    globs: Vec<Vec<String>>,
}

impl Imports {
    fn add_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.add_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                if n.ident == "self" {
                    if let Some(last) = prefix.last() {
                        self.names.insert(last.clone(), prefix.clone());
                    }
                } else {
                    let mut full = prefix.clone();
                    full.push(n.ident.to_string());
                    self.names.insert(n.ident.to_string(), full);
                }
            }
            syn::UseTree::Rename(r) => {
                let mut full = prefix.clone();
                if r.ident != "self" {
                    full.push(r.ident.to_string());
                }
                self.names.insert(r.rename.to_string(), full);
            }
            syn::UseTree::Glob(_) => self.globs.push(prefix.clone()),
            syn::UseTree::Group(g) => {
                for item in &g.items {
                    self.add_tree(prefix, item);
                }
            }
        }
    }

    /// The enum that `segments` (a path up to the enum, the variant left out) names, and how.
    fn attribute<'a>(&'a self, segments: &[&'a str]) -> Option<(&'a str, ViaRef<'a>)> {
        match segments {
            [] => None,
            [one] => Some(match self.names.get(*one) {
                Some(path) => match &path[..] {
                    [first, .., last] => (last.as_str(), ViaRef::of_root(first)),
                    [last] => (last.as_str(), ViaRef::Unqualified),
                    [] => (*one, ViaRef::Unqualified),
                },
                None => (*one, ViaRef::Unqualified),
            }),
            [first, .., last] => {
                let root = self
                    .names
                    .get(*first)
                    .and_then(|p| p.first())
                    .map_or(*first, String::as_str);
                Some((last, ViaRef::of_root(root)))
            }
        }
    }

    /// Variants a bare name constructs, `None` when the file imports no variant: (enum, variant,
    /// how) for an import of the variant (`use E::{Gone}`, `use E::Gone as G`) and for every
    /// glob import of an enum's variants (`use E::*`; the workspace keeps those where the enum has
    /// such a variant).
    fn variant_imports(&self) -> Option<VariantImports<'_>> {
        let by_name: HashMap<&str, Found<'_>> = self
            .names
            .iter()
            .filter_map(|(local, path)| {
                let [prefix @ .., parent, variant] = &path[..] else {
                    return None;
                };
                if !starts_upper(parent) || parent == "Self" {
                    return None;
                }
                let mut segments: Vec<&str> = prefix.iter().map(String::as_str).collect();
                segments.push(parent);
                let (owner, via) = self.attribute(&segments)?;
                Some((local.as_str(), (owner, variant.as_str(), via)))
            })
            .collect();
        let globs: Vec<(&str, ViaRef<'_>)> = self
            .globs
            .iter()
            .filter(|g| g.last().is_some_and(|l| starts_upper(l) && l != "Self"))
            .filter_map(|g| {
                let segments: Vec<&str> = g.iter().map(String::as_str).collect();
                self.attribute(&segments)
            })
            .collect();
        (!by_name.is_empty() || !globs.is_empty()).then_some(VariantImports { by_name, globs })
    }
}

/// The variant imports of a file ([`Imports::variant_imports`]).
struct VariantImports<'a> {
    by_name: HashMap<&'a str, Found<'a>>,
    globs: Vec<(&'a str, ViaRef<'a>)>,
}

/// Facts the token scan finds in one fn body (borrowed from the text: owned copies are made
/// once per distinct name).
#[derive(Default)]
struct BodyFacts<'t> {
    calls: BTreeSet<&'t str>,
    /// Calls written with a path of two segments or more: (first, last) token.
    paths: BTreeSet<(usize, usize)>,
    /// Calls written as a bare name (`f(..)`).
    bare: BTreeSet<&'t str>,
    /// Calls by name: methods (`.f(..)`), and paths the index does not read (`<T as Tr>::f(..)`).
    by_name: BTreeSet<&'t str>,
    /// Given thread ranges (see [`thread_spawns`]): the calls inside one, and those outside all.
    thread_calls: BTreeSet<&'t str>,
    other_calls: BTreeSet<&'t str>,
    constructs: BTreeSet<(&'t str, &'t str)>,
    validates: BTreeSet<&'t str>,
    first_line: usize,
    last_line: usize,
}

/// The key a called name is kept under (see [`FnDef::calls`]).
pub fn name_key(name: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(name.as_bytes())
}

/// The module path of a file inside its crate, from its place under the crate directory.
pub fn module_of(rel_in_crate: &str) -> Vec<String> {
    let path = rel_in_crate.strip_prefix("src/").unwrap_or(rel_in_crate);
    let path = path.strip_suffix(".rs").unwrap_or(path);
    let mut parts: Vec<String> = path.split('/').map(str::to_string).collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    if parts.first().is_some_and(|p| p == "bin") {
        parts.clear();
    }
    parts
}

pub fn index_file(rel: &str, crate_name: &str, module: Vec<String>, text: &str) -> FileIndex {
    let mut index = FileIndex {
        path: rel.to_string(),
        crate_name: crate_name.to_string(),
        module,
        ..FileIndex::default()
    };
    let Some(tokens) = Tokens::new(text) else {
        index.skeleton_failed = true;
        return index;
    };
    let test_modules = tokens.test_modules();
    let in_test_module = |k: usize| {
        test_modules
            .iter()
            .any(|&(open, close)| open < k && k < close)
    };
    let bodies: HashMap<usize, (usize, usize)> = tokens
        .fn_bodies()
        .into_iter()
        .filter(|&(fn_tok, _, _)| !in_test_module(fn_tok))
        .map(|(fn_tok, open, close)| (fn_tok, (open, close)))
        .collect();
    let (uses, imports) = read_uses(&tokens, &bodies);
    let mut found: BTreeSet<Found<'_>> = BTreeSet::new();
    let mut reads: Vec<(usize, &str)> = Vec::new();
    scan_file_facts(&tokens, &mut reads, &imports, &mut found, &in_test_module);
    index.body_limits = body_limit_settings(&tokens, &in_test_module);
    let variant_imports = imports.variant_imports();
    if let Some(vi) = &variant_imports {
        for &(open, close) in bodies.values() {
            bare_constructions(&tokens, open, close, vi, &mut found);
        }
    }
    // Macro calls (`impl_from! { io::Error => Io }`, in a body or at item level) may construct
    // variants named bare: the workspace knows which macros build `Type::$name`. At item level,
    // a variant the file imports counts too.
    let mut inside: Vec<(usize, usize)> = bodies.values().copied().collect();
    inside.sort_unstable();
    let in_body = |k: usize| {
        // Bodies are outermost and disjoint: only the last one opening before `k` can hold it.
        let i = inside.partition_point(|&(open, _)| open < k);
        i > 0 && inside[i - 1].1 > k
    };
    let mut macro_args: BTreeSet<(&str, &str)> = BTreeSet::new();
    for k in 1..tokens.toks.len().saturating_sub(1) {
        let open = k + 1;
        if tokens.is(k, "!")
            && tokens.is_ident(k - 1)
            && !tokens.is(k - 1, "macro_rules")
            && tokens.toks[open].kind == Kind::Open
            && !in_test_module(k)
        {
            let close = tokens.toks[open].pair();
            let name = tokens.text_of(k - 1);
            for j in open + 1..close {
                if is_bare_name(&tokens, j) {
                    macro_args.insert((name, tokens.text_of(j)));
                }
            }
            if !in_body(k)
                && let Some(vi) = &variant_imports
            {
                bare_constructions(&tokens, open, close, vi, &mut found);
            }
        }
    }
    index.macro_args = macro_args
        .into_iter()
        .map(|(m, n)| (m.into(), n.into()))
        .collect();
    index.constructions = found
        .into_iter()
        .map(|(owner, variant, via)| Constructed {
            owner: owner.into(),
            variant: variant.into(),
            via: via.owned(),
        })
        .collect();
    let mut roots: Vec<Name> = imports
        .globs
        .iter()
        .filter_map(|g| g.first())
        .filter(|r| !matches!(r.as_str(), "crate" | "self" | "super"))
        .map(Name::from)
        .collect();
    roots.sort();
    roots.dedup();
    index.glob_roots = roots;
    let lines = LineIndex::new(text);
    let mut walker = Walker {
        index: &mut index,
        uses: &uses,
        imports: &imports,
        bodies: &bodies,
        test_modules: &test_modules,
        t: &tokens,
        lines: &lines,
        module: Vec::new(),
        failed: false,
        plain_enums: 0,
        says_spawn: text.contains("spawn"),
        raw_calls: Vec::new(),
        reads: &reads,
        read_owners: HashMap::new(),
    };
    walker.walk(0, tokens.toks.len(), &Scope::default());
    let path_calls = walker.path_calls();
    walker.index.path_calls = path_calls;
    let read_owners = std::mem::take(&mut walker.read_owners);
    walker.index.fields_read = reads
        .iter()
        .map(|&(k, name)| (name.to_string(), read_owners.get(&k).cloned()))
        .collect();
    let failed = walker.failed;
    let plain_enums = walker.plain_enums;
    index.constructions.sort_unstable();
    index.constructions.dedup();
    index.skeleton_failed = failed;
    let written = (0..tokens.toks.len())
        .filter(|&k| tokens.is(k, "enum") && tokens.is_ident(k) && tokens.is_ident(k + 1))
        .count();
    index.enums_complete = !failed && written == plain_enums;
    index.shrink_to_fit();
    index
}

/// Whether the fn body `open..close` only returns `Ok(ServerCertVerified::assertion())` (the path
/// may be written in full), after nothing but `let _ = x;` statements that ignore arguments: the
/// token reading of the rule's `accepts_everything`.
fn accepts_every_certificate(t: &Tokens<'_>, open: usize, close: usize) -> bool {
    let (verified, assertion) = crate::knowledge::tls::ACCEPTED;
    let mut j = open + 1;
    while t.is(j, "let") && t.is(j + 1, "_") && t.is(j + 2, "=") {
        let Some(semi) = (j + 3..close).find(|&s| t.is(s, ";")) else {
            return false;
        };
        let ignored = |s: usize| t.is_ident(s) || t.is(s, ",") || t.is(s, "(") || t.is(s, ")");
        if !(j + 3..semi).all(ignored) {
            return false;
        }
        j = semi + 1;
    }
    if !(t.is(j, "Ok") && t.is(j + 1, "(")) || t.toks[j + 1].pair() + 1 != close {
        return false;
    }
    // `Ok(` path `ServerCertVerified :: assertion ( ) )`
    let end = close - 1;
    end >= j + 7
        && t.is(end - 1, ")")
        && t.is(end - 2, "(")
        && t.is(end - 3, assertion)
        && t.is(end - 4, "::")
        && t.is(end - 5, verified)
        && (j + 2..end - 5).all(|s| t.is_ident(s) || t.is(s, "::"))
}

/// The file's `use` declarations, each parsed on its own: those outside fn bodies make the
/// [`UseMap`]; all of them the [`Imports`] that attribute constructions.
fn read_uses(t: &Tokens<'_>, bodies: &HashMap<usize, (usize, usize)>) -> (UseMap, Imports) {
    let mut map = UseMap::default();
    let mut imports = Imports::default();
    let mut inside: Vec<(usize, usize)> = bodies.values().copied().collect();
    inside.sort_unstable();
    for k in 0..t.toks.len() {
        if !(t.is(k, "use") && t.toks[k].kind == Kind::Ident) {
            continue;
        }
        let Some(end) = (k..t.toks.len()).find(|&j| t.is(j, ";")) else {
            continue;
        };
        if let Ok(item) =
            syn::parse_str::<syn::ItemUse>(&t.text[t.toks[k].start()..t.toks[end].end()])
        {
            imports.add_tree(&mut Vec::new(), &item.tree);
            let i = inside.partition_point(|&(open, _)| open < k);
            if !(i > 0 && inside[i - 1].1 > k) {
                syn::visit::Visit::visit_item_use(&mut map, &item);
            }
        }
    }
    (map, imports)
}

/// Variants constructed as `Type::Variant` and fields read anywhere in the file (bodies, consts,
/// macros), outside test modules. `Self::Variant` is left to the walker, which knows the impl.
fn scan_file_facts<'a>(
    t: &Tokens<'a>,
    reads: &mut Vec<(usize, &'a str)>,
    imports: &'a Imports,
    found: &mut BTreeSet<Found<'a>>,
    in_test_module: &dyn Fn(usize) -> bool,
) {
    let n = t.toks.len();
    let mut segments: Vec<&str> = Vec::new();
    let mut k = 0;
    while k < n {
        if t.toks[k].kind == Kind::Open && in_test_module(k + 1) && !in_test_module(k) {
            k = t.toks[k].pair() + 1;
            continue;
        }
        let tok = t.toks[k];
        if tok.kind == Kind::Punct && t.is(k, ".") && t.is_ident(k + 1) {
            if !t.is(k + 2, "(") {
                let name = t.text_of(k + 1);
                // `.await` is no field.
                if name != "await" && field_is_read(t, k + 1) {
                    reads.push((k + 1, name));
                }
            }
            k += 2;
            continue;
        }
        if tok.kind != Kind::Ident || t.is(k.wrapping_sub(1), "::") && k > 0 {
            k += 1;
            continue;
        }
        let end = t.path_end(k);
        let last = t.text_of(end);
        if end > k && starts_upper(last) {
            let owner = t.text_of(end - 2);
            if starts_upper(owner) && owner != "Self" && !t.in_pattern(end) {
                segments.clear();
                segments.extend((k..end - 1).step_by(2).map(|j| t.text_of(j)));
                // `use AuthParseError as E;` (at any depth, also in a fn body): `E::Invalid` is
                // `AuthParseError::Invalid`; `use b::Error;`: `Error::Gone` is crate b's.
                if let Some((owner, via)) = imports.attribute(&segments) {
                    found.insert((owner, last, via));
                }
            }
        }
        k = end + 1;
    }
}

/// The body-limit settings the file writes (`Type::function` or the type alone, as
/// `LIMIT_SETTINGS` says), outside `use` declarations and test modules: importing a layer
/// installs nothing.
fn body_limit_settings(
    t: &Tokens<'_>,
    in_test_module: &dyn Fn(usize) -> bool,
) -> BTreeSet<crate::knowledge::body_limits::LimitKind> {
    use crate::knowledge::body_limits::LIMIT_SETTINGS;
    let mut out = BTreeSet::new();
    // Every file of the workspace comes here: most name no setting, and need no token walk.
    let named: Vec<_> = LIMIT_SETTINGS
        .iter()
        .filter(|s| t.text.contains(s.type_name))
        .collect();
    if named.is_empty() {
        return out;
    }
    let mut in_use = false;
    for k in 0..t.toks.len() {
        if t.is(k, ";") {
            in_use = false;
            continue;
        }
        if t.is(k, "use") && t.toks[k].kind == Kind::Ident {
            in_use = true;
            continue;
        }
        if in_use || !t.is_ident(k) {
            continue;
        }
        let name = t.text_of(k);
        for setting in named.iter().filter(|s| s.type_name == name) {
            let called = match setting.function {
                None => true,
                Some(f) => t.is(k + 1, "::") && t.is(k + 2, f),
            };
            if called && !in_test_module(k) {
                out.insert(setting.kind);
            }
        }
    }
    out
}

/// A bare capitalised name in expression position at token `k` (`Err(NotFound)`): not `Self`,
/// not part of a path, not in a pattern, not declared.
fn is_bare_name(t: &Tokens<'_>, k: usize) -> bool {
    // The cheap tests first: most identifiers are lowercase.
    t.is_ident(k)
        && starts_upper(t.text_of(k))
        && !t.is(k, "Self")
        && !t.is(k - 1, "::")
        && !t.is(k + 1, "::")
        && !t.in_pattern(k)
        && !is_keyword_context(t, k)
}

/// Variants a body (or a macro call's arguments) constructs by a bare name the file imports
/// (`use ApiError::*;` then `Err(NotFound)`).
fn bare_constructions<'a>(
    t: &Tokens<'a>,
    open: usize,
    close: usize,
    imports: &VariantImports<'a>,
    out: &mut BTreeSet<Found<'a>>,
) {
    let mut k = open;
    while k + 1 < close {
        k += 1;
        if t.is(k, "use") && t.is_ident(k) {
            // An import names variants; it constructs none.
            k = (k..close).find(|&j| t.is(j, ";")).unwrap_or(close);
            continue;
        }
        if !is_bare_name(t, k) {
            continue;
        }
        let name = t.text_of(k);
        if let Some(&found) = imports.by_name.get(name) {
            out.insert(found);
        }
        for &(owner, via) in &imports.globs {
            out.insert((owner, name, via));
        }
    }
}

/// A capitalised name after `struct`/`enum`/`impl`... declares rather than constructs.
fn is_keyword_context(t: &Tokens<'_>, k: usize) -> bool {
    k > 0
        && matches!(
            t.text_of(k - 1),
            "struct"
                | "enum"
                | "union"
                | "trait"
                | "type"
                | "impl"
                | "for"
                | "fn"
                | ":"
                | "->"
                | "as"
        )
}

fn starts_upper(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase()) || s == "Self"
}

/// Whether `.field` at token `k` (the field name) is read in a way that may supervise the
/// handles it holds, looking through lock/unwrap chains: not an assignment, nor only a method
/// that cannot supervise (`crate::knowledge::join_handles`).
fn field_is_read(t: &Tokens<'_>, k: usize) -> bool {
    use crate::knowledge::join_handles::{
        COUNTING_CHAINS, NOT_SUPERVISING, NOT_SUPERVISING_IF_DISCARDED, REACH_THROUGH,
    };
    let mut j = k + 1;
    loop {
        if t.is(j, "=") {
            return false;
        }
        if t.is(j, "?") {
            j += 1;
            continue;
        }
        if t.is(j, ".") && t.is_ident(j + 1) {
            let name = t.text_of(j + 1);
            let called = t.is(j + 2, "(");
            if called && NOT_SUPERVISING.contains(&name) {
                return false;
            }
            if called && NOT_SUPERVISING_IF_DISCARDED.contains(&name) {
                let close = t.toks[j + 2].pair();
                return !t.is(close + 1, ";");
            }
            if called
                && t.is(j + 3, ")")
                && t.is(j + 4, ".")
                && t.is(j + 6, "(")
                && COUNTING_CHAINS
                    .iter()
                    .any(|&(first, then)| name == first && t.is(j + 5, then))
            {
                return false;
            }
            if REACH_THROUGH.contains(&name) {
                j += 2;
                if t.is(j, "(") {
                    j = t.toks[j].pair() + 1;
                }
                continue;
            }
        }
        return true;
    }
}

/// The facts of the body `open..close`; `threads` are the argument ranges of its thread spawns
/// (empty for nearly every body), inside which a call is also noted as a thread's.
fn body_facts<'t>(
    t: &Tokens<'t>,
    open: usize,
    close: usize,
    threads: &[(usize, usize)],
) -> BodyFacts<'t> {
    let mut facts = BodyFacts::default();
    let note = |facts: &mut BodyFacts<'t>, name: &'t str, at: usize| {
        facts.calls.insert(name);
        if !threads.is_empty() {
            if threads.iter().any(|&(o, c)| o < at && at < c) {
                facts.thread_calls.insert(name);
            } else {
                facts.other_calls.insert(name);
            }
        }
    };
    let mut k = open + 1;
    while k < close {
        if !t.is_ident(k) {
            k += 1;
            continue;
        }
        let name = t.text_of(k);
        if t.is(t.after_turbofish(k + 1), "(") && !starts_upper(name) {
            note(&mut facts, name, k);
            if t.is(k - 1, ".") || t.is(k - 1, "::") {
                facts.by_name.insert(name);
            } else {
                facts.bare.insert(name);
            }
        }
        // `body.validate()`, and `self.input.validate()` (the field name is recorded).
        if name == "validate" && k >= 2 && t.is(k - 1, ".") && t.is(k + 1, "(") && t.is_ident(k - 2)
        {
            facts.validates.insert(t.text_of(k - 2));
        }
        if !t.is(k.wrapping_sub(1), "::") {
            let end = t.path_end(k);
            if end > k {
                let (owner, last) = (t.text_of(end - 2), t.text_of(end));
                if starts_upper(owner) && starts_upper(last) && !t.in_pattern(end) {
                    facts.constructs.insert((owner, last));
                }
                if t.is(t.after_turbofish(end + 1), "(") && !starts_upper(last) {
                    note(&mut facts, last, end);
                    facts.paths.insert((k, end));
                }
                k = end + 1;
                continue;
            }
        }
        k += 1;
    }
    facts
}

/// What the body `open..close` hands to OS threads of their own (`crate::knowledge::threads`):
/// the token ranges (open, close) of the argument lists of its thread spawns, and the fns it
/// names as a thread's entry (`thread::spawn(worker_main)`; not a parameter or local of that
/// name). A spawn is `thread::spawn(..)` resolved through the file's imports,
/// `thread::Builder::new()..spawn(..)` (also a builder kept in a local), or `s.spawn(..)` inside
/// `thread::scope(|s| ..)`. Nothing for a body that never says `spawn`: nearly all of them.
fn thread_spawns<'t>(
    t: &Tokens<'t>,
    uses: &UseMap,
    open: usize,
    close: usize,
    params: &[(Option<Name>, Name)],
) -> (Vec<(usize, usize)>, Vec<&'t str>) {
    use crate::knowledge::threads::{THREAD_BUILDERS, THREAD_SCOPES, THREAD_SPAWNS};
    let mut ranges = Vec::new();
    let mut entries = Vec::new();
    if !t.text[t.toks[open].start()..t.toks[close].end()].contains("spawn") {
        return (ranges, entries);
    }
    // Locals bound by `let`, builders among them, and the scope parameters of `thread::scope`
    // closures with the range they are bound in.
    let mut locals: Vec<&str> = Vec::new();
    let mut builders: Vec<&str> = Vec::new();
    let mut scopes: Vec<(&str, usize, usize)> = Vec::new();
    for k in open + 1..close {
        if t.is(k, "let") {
            let j = if t.is(k + 1, "mut") { k + 2 } else { k + 1 };
            if t.is_ident(j) {
                locals.push(t.text_of(j));
                if t.is(j + 1, "=") && builds_thread(t, uses, j + 2, close) {
                    builders.push(t.text_of(j));
                }
            }
        } else if t.is(k, "scope") && t.is(k + 1, "(") && names(t, uses, k, THREAD_SCOPES) {
            let group = k + 1;
            let bar = if t.is(group + 1, "move") {
                group + 2
            } else {
                group + 1
            };
            if t.is(bar, "|") && t.is_ident(bar + 1) {
                scopes.push((t.text_of(bar + 1), group, t.toks[group].pair()));
            }
        }
    }
    for k in open + 1..close {
        if !(t.is(k, "spawn") || t.is(k, "spawn_scoped")) {
            continue;
        }
        let args = t.after_turbofish(k + 1);
        if !t.is(args, "(") {
            continue;
        }
        let starts_thread = if t.is(k - 1, ".") {
            let receiver = k.wrapping_sub(2);
            let plain = t.is_ident(receiver)
                && !t.is(receiver.wrapping_sub(1), ".")
                && !t.is(receiver.wrapping_sub(1), "::");
            if plain {
                let name = t.text_of(receiver);
                builders.contains(&name)
                    || scopes.iter().any(|&(s, o, c)| s == name && o < k && k < c)
            } else {
                chain_starts_at(t, uses, receiver, THREAD_BUILDERS)
            }
        } else {
            // `thread::spawn(..)`, or `spawn(..)` after `use std::thread::spawn`.
            names(t, uses, k, THREAD_SPAWNS)
        };
        if !starts_thread {
            continue;
        }
        let end = t.toks[args].pair();
        ranges.push((args, end));
        // `spawn(worker_main)`, `spawn(Self::run)`: a path alone names the thread's entry.
        let path = end > args + 1
            && (args + 1..end).all(|j| t.is_ident(j) || t.is(j, "::"))
            && t.is_ident(end - 1);
        let entry = t.text_of(end - 1);
        let bound_here = || {
            locals.contains(&entry)
                || params.iter().any(|(p, _)| p.as_deref() == Some(entry))
                // A closure's parameter: `|entry|`, `|a, entry|`.
                || (open + 1..close).any(|j| {
                    t.is(j, entry) && (t.is(j - 1, "|") || (t.is(j - 1, ",") && t.is(j + 1, "|")))
                })
        };
        if path && !starts_upper(entry) && !bound_here() {
            entries.push(entry);
        }
    }
    (ranges, entries)
}

/// Whether the path whose last token is `end` resolves, through the file's imports, to one of
/// `table`'s paths.
fn names(t: &Tokens<'_>, uses: &UseMap, end: usize, table: &[&str]) -> bool {
    let mut start = end;
    while t.is(start.wrapping_sub(1), "::") && t.is_ident(start.wrapping_sub(2)) {
        start -= 2;
    }
    let segments: Vec<String> = (start..=end)
        .step_by(2)
        .map(|j| t.text_of(j).to_string())
        .collect();
    let full = uses.resolve(&segments);
    let full: Vec<&str> = full.iter().map(String::as_str).collect();
    crate::knowledge::threads::is_one_of(&full, table)
}

/// Whether the method chain that ends at token `last` (`Builder::new().name(..)`, ending at its
/// `)`) starts at a call of one of `table`'s paths.
fn chain_starts_at(t: &Tokens<'_>, uses: &UseMap, mut last: usize, table: &[&str]) -> bool {
    while t.is(last, ")") {
        let callee = t.toks[last].pair().wrapping_sub(1);
        if !t.is_ident(callee) {
            return false;
        }
        if !t.is(callee.wrapping_sub(1), ".") {
            return names(t, uses, callee, table);
        }
        last = callee - 2;
    }
    false
}

/// Whether the statement from token `from` (up to its `;`) is a thread builder:
/// `thread::Builder::new().name(..).stack_size(..)`.
fn builds_thread(t: &Tokens<'_>, uses: &UseMap, from: usize, close: usize) -> bool {
    use crate::knowledge::threads::THREAD_BUILDERS;
    let mut j = from;
    while j < close && !t.is(j, ";") {
        if t.toks[j].kind == Kind::Open {
            j = t.toks[j].pair() + 1;
            continue;
        }
        if t.is(j, "new") && t.is(j + 1, "(") && names(t, uses, j, THREAD_BUILDERS) {
            return true;
        }
        j += 1;
    }
    false
}

/// Byte offset -> (1-based line, 0-based char column), as proc-macro2 spans count them.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|p| p + 1));
        LineIndex { starts }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }
}

/// What encloses the tokens being walked: an impl or trait, and whether it is a response
/// conversion.
#[derive(Default, Clone)]
struct Scope {
    self_type: Option<Name>,
    impl_trait: Option<Name>,
    in_trait: bool,
    /// The enclosing `impl`, `trait` or `mod` carries an attribute that is not inert.
    entry: bool,
    /// The variants' owner when the impl converts it into a response (`From<E> for Status`: E).
    responds_for: Option<String>,
    /// The enum `Self::Variant` constructs in the impl, and how its header names it.
    self_owner: Option<(Name, Via)>,
}

struct Walker<'a, 't> {
    index: &'a mut FileIndex,
    uses: &'a UseMap,
    imports: &'a Imports,
    bodies: &'a HashMap<usize, (usize, usize)>,
    test_modules: &'a [(usize, usize)],
    t: &'a Tokens<'t>,
    lines: &'a LineIndex,
    module: Vec<String>,
    failed: bool,
    /// Enums indexed that are written `enum Name` (one space).
    plain_enums: usize,
    /// The file says `spawn` somewhere: only then can a body start a thread.
    says_spawn: bool,
    /// (caller, callee, how) for every call of every body, until the file's fns are all known
    /// ([`Walker::path_calls`]).
    raw_calls: Vec<(u32, &'t str, RawQual)>,
    /// Fields read anywhere in the file: (the field's token, its name), in token order.
    reads: &'a [(usize, &'t str)],
    /// The field's token -> the type whose field a read in a fn body is, where its receiver
    /// says ([`Walker::read_owners`]).
    read_owners: HashMap<usize, Name>,
}

fn tokens_text(t: &impl ToTokens) -> String {
    t.to_token_stream().to_string()
}

pub(crate) fn derives(attrs: &[syn::Attribute]) -> Vec<String> {
    let mut out = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
        let _ = attr.parse_nested_meta(|meta| {
            if let Some(last) = meta.path.segments.last() {
                out.push(last.ident.to_string());
            }
            Ok(())
        });
    }
    out
}

fn has_attr(attrs: &[syn::Attribute], name: &str) -> bool {
    attrs.iter().any(|a| a.path().is_ident(name))
}

fn doc_hidden(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("doc")
            && matches!(&a.meta, syn::Meta::List(l) if l.tokens.to_string().contains("hidden"))
    })
}

fn serde_default(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("serde")
            && matches!(&a.meta, syn::Meta::List(l) if l.tokens.clone().into_iter().any(|t| t.to_string() == "default"))
    })
}

fn is_pub(vis: &syn::Visibility) -> bool {
    !matches!(vis, syn::Visibility::Inherited)
}

fn last_segment(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        syn::Type::Reference(r) => last_segment(&r.elem),
        _ => None,
    }
}

/// The path segments of a type (through references); empty for other types.
fn self_segments(ty: &syn::Type) -> Vec<String> {
    match ty {
        syn::Type::Path(p) => p
            .path
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect(),
        syn::Type::Reference(r) => self_segments(&r.elem),
        _ => Vec::new(),
    }
}

/// The type a parameter declared `T`, `&T`, `&mut T`, `&'a T` or `a::T` holds (its last
/// segment); `None` for generic, tuple, slice or other types.
fn declared_type(ty: &str) -> Option<&str> {
    let mut ty = ty.trim_start_matches('&').trim_start();
    if ty.starts_with('\'') {
        ty = ty.split_once(' ').map_or("", |(_, rest)| rest);
    }
    let ty = ty.strip_prefix("mut ").unwrap_or(ty).trim();
    let last = ty.rsplit("::").next()?.trim();
    (!last.is_empty()
        && last.chars().all(|c| c.is_alphanumeric() || c == '_')
        && starts_upper(last))
    .then_some(last)
}

/// A line number as the model keeps it: 32 bits (files over 4G lines are never indexed).
fn line32(line: usize) -> u32 {
    u32::try_from(line).unwrap_or(u32::MAX)
}

/// Whitespace-normalised source text of tokens `from..=to` (types and signatures as written).
fn span_text(t: &Tokens<'_>, from: usize, to: usize) -> String {
    if from > to || to >= t.toks.len() {
        return String::new();
    }
    t.text[t.toks[from].start()..t.toks[to].end()]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl<'t> Walker<'_, 't> {
    /// How the path `written` (its last segment the callee) names its fn, through the file's
    /// imports: see [`PathCall`].
    fn qualify(&self, written: &[&str], scope: &Scope) -> RawQual {
        let Some((&callee, quals)) = written.split_last() else {
            return RawQual::ByName;
        };
        let first = quals.first().copied().unwrap_or(callee);
        let imported = if matches!(first, "crate" | "self" | "super" | "Self") {
            None
        } else {
            self.imports.names.get(first)
        };
        let segments: Vec<&str> = match imported {
            // `use a::save as persist; persist()`: the call's name is not the fn's.
            Some(path) if quals.is_empty() && path.last().map(String::as_str) != Some(callee) => {
                return RawQual::ByName;
            }
            Some(path) => path
                .iter()
                .map(String::as_str)
                .chain(written[1..].iter().copied())
                .collect(),
            None if quals.is_empty() => return RawQual::Bare,
            None => written.to_vec(),
        };
        let quals = &segments[..segments.len() - 1];
        let key = |s: &str| name_key(s);
        match quals {
            ["Self"] => match &scope.self_type {
                Some(ty) => RawQual::Path(CallOwner::Type, key(ty), UNROOTED),
                None => RawQual::ByName,
            },
            [ty] if starts_upper(ty) => RawQual::Path(CallOwner::Type, key(ty), UNROOTED),
            ["crate" | "self" | "super", ..] => {
                let current: Vec<&str> = self
                    .index
                    .module
                    .iter()
                    .chain(&self.module)
                    .map(String::as_str)
                    .collect();
                let mut module = current.clone();
                let mut rest = quals;
                match rest.first() {
                    Some(&"crate") => {
                        module.clear();
                        rest = &rest[1..];
                    }
                    Some(&"self") => rest = &rest[1..],
                    _ => {}
                }
                while let Some((&"super", after)) = rest.split_first() {
                    module.pop();
                    rest = after;
                }
                match rest.last() {
                    Some(q) if starts_upper(q) => RawQual::Path(CallOwner::Type, key(q), OWN_CRATE),
                    Some(q) => RawQual::Path(CallOwner::Module, key(q), OWN_CRATE),
                    None if module == current => RawQual::Path(CallOwner::SameModule, 0, OWN_CRATE),
                    None => match module.last() {
                        Some(m) => RawQual::Path(CallOwner::Module, key(m), OWN_CRATE),
                        None => RawQual::Path(CallOwner::CrateRoot, 0, OWN_CRATE),
                    },
                }
            }
            // The standard library defines no workspace fn.
            ["std" | "core" | "alloc", ..] => RawQual::ByName,
            [root, ..] => {
                let q = quals[quals.len() - 1];
                let owner = if starts_upper(q) {
                    CallOwner::Type
                } else {
                    CallOwner::Module
                };
                RawQual::Path(owner, key(q), key(root))
            }
            [] => RawQual::ByName,
        }
    }

    /// The file's [`PathCall`]s from [`Walker::raw_calls`]: a bare name names the free fn of the
    /// caller's module when the file defines one; a callee named by some path gets one entry
    /// per way it is named, flagged when the fn also calls the name by name.
    fn path_calls(&mut self) -> Vec<PathCall> {
        let fns = &self.index.fns;
        let mut raw = std::mem::take(&mut self.raw_calls);
        for (caller, name, how) in &mut raw {
            if *how == RawQual::Bare {
                let module = &fns[*caller as usize].module;
                let defined = fns.iter().any(|g| {
                    g.self_type.is_none() && !g.in_test && g.name == *name && g.module == *module
                });
                *how = if defined {
                    RawQual::Path(CallOwner::SameModule, 0, OWN_CRATE)
                } else {
                    RawQual::ByName
                };
            }
        }
        raw.sort_unstable();
        raw.dedup();
        let mut out = Vec::new();
        for group in raw.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
            let also_by_name = group.iter().any(|(_, _, how)| *how == RawQual::ByName);
            for &(caller, name, how) in group {
                if let RawQual::Path(owner, qualifier, root) = how {
                    out.push(PathCall {
                        caller,
                        callee: name_key(name),
                        owner,
                        qualifier,
                        root,
                        also_by_name,
                    });
                }
            }
        }
        out.sort_unstable();
        out
    }

    fn line(&self, k: usize) -> usize {
        self.lines.line_of(self.t.toks[k].start())
    }

    /// Notes the owner type of the field reads in the body `open..close` whose receiver names
    /// it: `self.f` in an impl of the type (not a trait's default method, whose `Self` is any
    /// type), `p.f` for a parameter `p` declared `T`, `&T` or `&mut T` (`Self` being the impl's
    /// type). A local may shadow the parameter: rare, and then the read is the local's type's.
    fn read_owners(
        &mut self,
        open: usize,
        close: usize,
        scope: &Scope,
        params: &[(Option<Name>, Name)],
    ) {
        let t = self.t;
        let from = self.reads.partition_point(|&(k, _)| k <= open);
        let to = self.reads.partition_point(|&(k, _)| k < close);
        let impl_type = scope.self_type.as_ref().filter(|_| !scope.in_trait);
        for &(k, _) in &self.reads[from..to] {
            let receiver = k - 2;
            if !t.is_ident(receiver) || t.is(receiver - 1, ".") || t.is(receiver - 1, "::") {
                continue;
            }
            let name = t.text_of(receiver);
            let owner = if name == "self" {
                impl_type.cloned()
            } else {
                params
                    .iter()
                    .find(|(p, _)| p.as_deref() == Some(name))
                    .and_then(|(_, ty)| declared_type(ty))
                    .and_then(|ty| match ty {
                        "Self" => impl_type.cloned(),
                        ty => Some(Name::from(ty)),
                    })
            };
            if let Some(owner) = owner {
                self.read_owners.insert(k, owner);
            }
        }
    }

    /// Walks the item-level tokens `from..to`.
    fn walk(&mut self, from: usize, to: usize, scope: &Scope) {
        let t = self.t;
        let mut k = from;
        while k < to {
            let tok = t.toks[k];
            if tok.kind == Kind::Open {
                // An attribute, a macro invocation's body, a const initializer: nothing to index.
                k = tok.pair() + 1;
                continue;
            }
            if tok.kind != Kind::Ident {
                k += 1;
                continue;
            }
            k = match t.text_of(k) {
                "fn" if t.is_ident(k + 1) => self.fn_item(k, scope),
                "impl" => self.impl_item(k),
                "trait" if t.is_ident(k + 1) => self.trait_item(k),
                "mod" if t.is_ident(k + 1) && t.is(k + 2, "{") => {
                    let open = k + 2;
                    let close = t.toks[open].pair();
                    if !self.test_modules.iter().any(|&(o, _)| o == open) {
                        self.module.push(t.text_of(k + 1).to_string());
                        let inner = Scope {
                            entry: scope.entry || self.has_entry_attribute(self.item_start(k), k),
                            ..Scope::default()
                        };
                        self.walk(open + 1, close, &inner);
                        self.module.pop();
                    }
                    close + 1
                }
                "enum" | "struct" | "union" if t.is_ident(k + 1) => self.type_item(k),
                "macro_rules" if t.is(k + 1, "!") && t.is_ident(k + 2) => self.macro_item(k),
                _ => k + 1,
            };
        }
    }

    /// Tokens before `k` that belong to the item: attributes, visibility, qualifiers.
    fn item_start(&self, k: usize) -> usize {
        let t = self.t;
        let mut s = k;
        loop {
            if s >= 1
                && matches!(
                    t.text_of(s - 1),
                    "pub" | "async" | "unsafe" | "const" | "extern" | "default"
                )
            {
                s -= 1;
            } else if s >= 1
                && t.toks[s - 1].kind == Kind::Literal
                && t.is(s.wrapping_sub(2), "extern")
            {
                s -= 2;
            } else if s >= 1
                && t.is(s - 1, ")")
                && t.is(t.toks[s - 1].pair().wrapping_sub(1), "pub")
            {
                s = t.toks[s - 1].pair() - 1;
            } else if s >= 2 && t.is(s - 1, "]") {
                let open = t.toks[s - 1].pair();
                let hash = open.wrapping_sub(1);
                // `#[..]` belongs to the item; an inner `#![..]` belongs to the enclosing module.
                if !t.is(hash, "#") {
                    return s;
                }
                s = hash;
            } else {
                return s;
            }
        }
    }

    /// Whether an outer attribute among the tokens `start..k` (an item's attributes and
    /// qualifiers) is not inert.
    fn has_entry_attribute(&self, start: usize, k: usize) -> bool {
        let t = self.t;
        (start..k).any(|j| {
            if !(t.is(j, "#") && t.is(j + 1, "[")) {
                return false;
            }
            let mut end = j + 2;
            while t.is_ident(end) && t.is(end + 1, "::") {
                end += 2;
            }
            let path: Vec<&str> = (j + 2..=end)
                .filter(|&p| t.is_ident(p))
                .map(|p| t.text_of(p))
                .collect();
            !is_inert_attribute(&path)
        })
    }

    fn attributes_text(&self, start: usize, k: usize) -> String {
        span_text(self.t, start, k.saturating_sub(1))
    }

    fn fn_item(&mut self, k: usize, scope: &Scope) -> usize {
        let t = self.t;
        let start = self.item_start(k);
        let quals: Vec<&str> = (start..k).map(|j| t.text_of(j)).collect();
        let attrs = self.attributes_text(start, k);
        let in_test = attrs.contains("test") && !attrs.contains("not");
        let body = self.bodies.get(&k).copied();
        // The signature ends at the body or at the `;` of a bodiless trait method.
        let sig_end = match body {
            Some((open, _)) => open,
            None => (k..t.toks.len())
                .find(|&j| t.is(j, ";") || t.toks[j].kind == Kind::Close)
                .unwrap_or(t.toks.len()),
        };
        let mut def = FnDef {
            name: t.text_of(k + 1).into(),
            self_type: scope.self_type.clone(),
            impl_trait: scope.impl_trait.clone(),
            module: self.module.as_slice().into(),
            is_pub: quals.contains(&"pub"),
            pub_restricted: (start..k).any(|j| t.is(j, "pub") && t.is(j + 1, "(")),
            is_async: quals.contains(&"async"),
            is_extern: quals.contains(&"extern") && !attrs.contains("\"Rust\""),
            in_trait: scope.in_trait,
            entry_attr: scope.entry || self.has_entry_attribute(start, k),
            line: line32(self.line(k + 1)),
            in_test,
            ..FnDef::default()
        };
        // Parameters: the first `(..)` group after the name and generics.
        let params_open = (k + 2..sig_end).find(|&j| t.is(j, "("));
        if let Some(open) = params_open {
            let close = t.toks[open].pair();
            let mut params = Vec::new();
            for (from, to) in split_top_level(t, open + 1, close) {
                self.param(&mut def, &mut params, from, to);
            }
            def.params = params.into_boxed_slice();
            if let Some(arrow) = (close + 1..sig_end).find(|&j| t.is(j, "->")) {
                let ret_end = (arrow + 1..sig_end)
                    .find(|&j| t.is(j, "where"))
                    .unwrap_or(sig_end);
                def.ret = Some(span_text(t, arrow + 1, ret_end - 1).into());
            }
        }
        let next = match body {
            Some((open, close)) => {
                let (threads, entries) = if self.says_spawn {
                    thread_spawns(t, self.uses, open, close, &def.params)
                } else {
                    (Vec::new(), Vec::new())
                };
                let mut facts = body_facts(t, open, close, &threads);
                if !threads.is_empty() {
                    let at = self.index.fns.len() as u32;
                    let only_on_threads: BTreeSet<&str> = facts
                        .thread_calls
                        .iter()
                        .copied()
                        .chain(entries)
                        .filter(|name| !facts.other_calls.contains(name))
                        .collect();
                    self.index
                        .thread_calls
                        .extend(only_on_threads.into_iter().map(|name| (at, name_key(name))));
                }
                facts.first_line = self.line(open);
                facts.last_line = self.line(close);
                def.body = Some((line32(facts.first_line), line32(facts.last_line)));
                let at = self.index.fns.len() as u32;
                let mut raw: Vec<(u32, &'t str, RawQual)> = Vec::new();
                for &(first, last) in &facts.paths {
                    let written: Vec<&str> =
                        (first..=last).step_by(2).map(|j| t.text_of(j)).collect();
                    raw.push((at, t.text_of(last), self.qualify(&written, scope)));
                }
                for &name in &facts.bare {
                    raw.push((at, name, self.qualify(&[name], scope)));
                }
                raw.extend(
                    facts
                        .by_name
                        .iter()
                        .map(|&name| (at, name, RawQual::ByName)),
                );
                self.raw_calls.extend(raw);
                self.read_owners(open, close, scope, &def.params);
                def.calls = facts.calls.into_iter().map(name_key).collect();
                def.validates = facts.validates.into_iter().map(str::to_string).collect();
                def.constructs = facts
                    .constructs
                    .iter()
                    .copied()
                    .map(|(owner, v)| match (owner, &scope.self_type) {
                        ("Self", Some(ty)) => (ty.clone(), v.into()),
                        _ => (owner.into(), v.into()),
                    })
                    .collect();
                // `Self::Variant`: the impl's type, named as its header names it (the file-wide
                // scan found every other construction).
                if let Some((owner, via)) = &scope.self_owner {
                    for (_, v) in facts.constructs.iter().filter(|(o, _)| *o == "Self") {
                        self.index.constructions.push(Constructed {
                            owner: owner.clone(),
                            variant: (*v).into(),
                            via: via.clone(),
                        });
                    }
                }
                if let Some(owner) = &scope.responds_for
                    && let Ok(block) = syn::parse_str::<syn::Block>(
                        &t.text[t.toks[open].start()..t.toks[close].end()],
                    )
                {
                    let (variants, display) = super::response::leaky_arms(&block, owner);
                    if let Some(imp) = self.index.impls.last_mut() {
                        imp.leaky_variants
                            .extend(variants.into_iter().map(Name::from));
                        imp.leaks_display |= display;
                    }
                }
                close + 1
            }
            None => sig_end + 1,
        };
        self.index.fns.push(def);
        next
    }

    fn param(
        &self,
        def: &mut FnDef,
        params: &mut Vec<(Option<Name>, Name)>,
        from: usize,
        to: usize,
    ) {
        let t = self.t;
        if from >= to {
            return;
        }
        let colon = (from..to).find(|&j| t.is(j, ":"));
        let pat_end = colon.unwrap_or(to);
        if (from..pat_end).any(|j| t.is(j, "self")) {
            def.has_self = true;
            return;
        }
        let Some(colon) = colon else { return };
        let idents: Vec<usize> = (from..colon)
            .filter(|&j| t.is_ident(j) && !t.is(j, "mut") && !t.is(j, "ref"))
            .collect();
        // `x`, `mut x`: a plain name; `Json(body)`: the one name inside an extractor pattern.
        let name = match idents.as_slice() {
            [one] => Some(t.text_of(*one).into()),
            [.., last] if t.is(colon - 1, ")") => Some(t.text_of(*last).into()),
            _ => None,
        };
        params.push((name, span_text(t, colon + 1, to - 1).into()));
    }

    fn impl_item(&mut self, k: usize) -> usize {
        let t = self.t;
        let Some(open) = (k + 1..t.toks.len()).find(|&j| t.is(j, "{") || t.is(j, ";")) else {
            return k + 1;
        };
        if !t.is(open, "{") {
            return open + 1;
        }
        let close = t.toks[open].pair();
        let (self_type, trait_text, trait_args, self_owner) = match impl_header(t, k, open) {
            Some(header) => {
                let trait_text = header.trait_segments.map(|segments| {
                    let segments: Vec<String> = segments.into_iter().map(str::to_string).collect();
                    self.uses.resolve(&segments).join("::")
                });
                let self_owner = self.imports.attribute(&header.self_segments);
                let self_owner = self_owner.map(|(o, via)| (Name::from(o), via.owned()));
                (
                    header.self_type.to_string(),
                    trait_text,
                    header.trait_args,
                    self_owner,
                )
            }
            None => {
                let header = format!("{} {{}}", &t.text[t.toks[k].start()..t.toks[open].start()]);
                let Ok(imp) = syn::parse_str::<syn::ItemImpl>(&header) else {
                    self.failed = true;
                    return close + 1;
                };
                let Some(self_type) = last_segment(&imp.self_ty) else {
                    return close + 1;
                };
                let trait_path = imp.trait_.as_ref().map(|(_, p, _)| p);
                let trait_text = trait_path.map(|p| self.uses.resolve_path(p).join("::"));
                let trait_args: Vec<String> = trait_path
                    .and_then(|p| p.segments.last())
                    .map(|s| match &s.arguments {
                        syn::PathArguments::AngleBracketed(a) => a
                            .args
                            .iter()
                            .map(|a| a.to_token_stream().to_string())
                            .collect(),
                        _ => Vec::new(),
                    })
                    // optional: an inherent impl, or a trait without generic arguments, has none
                    .unwrap_or_default();
                let segments = self_segments(&imp.self_ty);
                let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
                let self_owner = self
                    .imports
                    .attribute(&segments)
                    .map(|(o, via)| (Name::from(o), via.owned()));
                (self_type, trait_text, trait_args, self_owner)
            }
        };
        let self_type = Name::from(self_type);
        let trait_text = trait_text.map(Name::from);
        let is_from_for_status =
            trait_text.as_deref().is_some_and(|p| p.ends_with("From")) && self_type == "Status";
        let arg_type = trait_args
            .first()
            .and_then(|a| a.split("::").last().map(|s| s.trim().to_string()));
        let responds_for = if is_from_for_status {
            arg_type.clone()
        } else if trait_text.as_deref().is_some_and(is_response_trait) {
            Some(self_type.to_string())
        } else {
            None
        };
        self.index.impls.push(ImplDef {
            trait_path: if is_from_for_status {
                Some("tonic::Status".into())
            } else {
                trait_text.clone()
            },
            trait_args: trait_args.into_iter().map(Name::from).collect(),
            self_type: match (&responds_for, is_from_for_status) {
                (Some(owner), true) => owner.as_str().into(),
                _ => self_type.clone(),
            },
            line: line32(self.line(k)),
            accepts_all_certs: self.accept_all_verify(&trait_text, open, close),
            ..ImplDef::default()
        });
        let scope = Scope {
            self_type: Some(self_type),
            impl_trait: trait_text,
            in_trait: false,
            entry: self.has_entry_attribute(self.item_start(k), k),
            responds_for,
            self_owner,
        };
        self.walk(open + 1, close, &scope);
        close + 1
    }

    /// The line of `verify_server_cert` in the impl `open..close` of `trait_text` when the impl is
    /// a rustls server verifier that accepts every certificate; looked at only in files that
    /// name `ServerCertVerified` (every such body does).
    fn accept_all_verify(
        &self,
        trait_text: &Option<Name>,
        open: usize,
        close: usize,
    ) -> Option<u32> {
        use crate::knowledge::tls::{ACCEPTED, VERIFIER_TRAIT, VERIFY_METHOD};
        let t = self.t;
        let is_verifier = trait_text
            .as_deref()
            .is_some_and(|p| p.rsplit("::").next() == Some(VERIFIER_TRAIT));
        if !is_verifier || !t.text.contains(ACCEPTED.0) {
            return None;
        }
        let f = (open + 1..close).find(|&j| t.is(j, "fn") && t.is(j + 1, VERIFY_METHOD))?;
        let &(body_open, body_close) = self.bodies.get(&f)?;
        accepts_every_certificate(t, body_open, body_close).then(|| line32(self.line(f + 1)))
    }

    fn trait_item(&mut self, k: usize) -> usize {
        let t = self.t;
        let Some(open) = (k + 1..t.toks.len()).find(|&j| t.is(j, "{") || t.is(j, ";")) else {
            return k + 1;
        };
        if !t.is(open, "{") {
            return open + 1;
        }
        let close = t.toks[open].pair();
        let scope = Scope {
            self_type: Some(t.text_of(k + 1).into()),
            in_trait: true,
            entry: self.has_entry_attribute(self.item_start(k), k),
            ..Scope::default()
        };
        self.walk(open + 1, close, &scope);
        close + 1
    }

    /// Enums and structs are parsed with `syn`, each on its own (they are small).
    fn type_item(&mut self, k: usize) -> usize {
        let t = self.t;
        let start = self.item_start(k);
        let mut j = k + 2;
        let end = loop {
            match t.toks.get(j) {
                None => return t.toks.len(),
                Some(tok) if t.is(j, "{") => break tok.pair(),
                Some(_) if t.is(j, ";") => break j,
                Some(tok) if tok.kind == Kind::Open => {
                    // A tuple struct `(..)` ends at its `;` (after an optional where clause).
                    j = tok.pair() + 1;
                }
                Some(tok) if tok.kind == Kind::Close => return j,
                Some(_) => j += 1,
            }
        };
        let base = self.line(start) - 1;
        let text = &t.text[t.toks[start].start()..t.toks[end].end()];
        if t.is(k, "struct")
            && let Some(def) = self.struct_from_tokens(start, k, end)
        {
            self.index.structs.push(def);
            return end + 1;
        }
        // A struct without a derive (and not test code) that the token reading leaves to syn (a
        // raw identifier, a shape it does not know) keeps its name only: it has no derive to
        // record, nor serde field attributes, and skipping the parse keeps the index cheap.
        let derives_or_test = (start..k)
            .any(|j| t.is_ident(j) && (t.is(j, "derive") || t.text_of(j).contains("test")));
        if t.is(k, "struct") && !derives_or_test {
            // `struct Name;`, `struct Name {}`, `struct Name()` (no generics, nothing inside).
            let fieldless = t.is(k + 2, ";")
                || matches!(t.toks.get(k + 2), Some(tok) if tok.kind == Kind::Open && tok.pair() == k + 3);
            self.index.structs.push(StructDef {
                name: t.text_of(k + 1).into(),
                module: self.module.as_slice().into(),
                line: line32(self.line(k + 1)),
                fieldless,
                ..StructDef::default()
            });
            return end + 1;
        }
        if t.is(k, "enum")
            && let Some(def) = self.enum_from_tokens(start, k, end)
        {
            self.index.enums.push(def);
            self.count_plain_enum(k);
            return end + 1;
        }
        let parsed = syn::parse_str::<syn::Item>(text);
        match parsed {
            Ok(syn::Item::Enum(e)) => {
                self.enum_def(&e, base);
                self.count_plain_enum(k);
            }
            Ok(syn::Item::Struct(s)) => self.struct_def(&s, base),
            Ok(_) => {}
            Err(_) => self.failed = true,
        }
        end + 1
    }

    /// Counts an indexed enum whose `enum` keyword `k` is followed by one space (`enum Name`):
    /// `index_file` compares the count with the file's `enum` keywords (`enums_complete`).
    fn count_plain_enum(&mut self, k: usize) {
        let t = self.t;
        if t.text[t.toks[k].end()..t.toks[k + 1].start()] == *" " {
            self.plain_enums += 1;
        }
    }

    fn macro_item(&mut self, k: usize) -> usize {
        let t = self.t;
        let body = k + 3;
        if t.toks.get(body).is_none_or(|tok| tok.kind != Kind::Open) {
            return k + 1;
        }
        let close = t.toks[body].pair();
        let start = self.item_start(k);
        self.index.macros.push(MacroDef {
            name: t.text_of(k + 2).to_string(),
            module: self.module.as_slice().into(),
            line: line32(self.line(k)),
            body: t.text[t.toks[body].end()..t.toks[close].start()].to_string(),
            exported: self.attributes_text(start, k).contains("macro_export"),
        });
        close + 1
    }

    fn enum_def(&mut self, e: &syn::ItemEnum, base: usize) {
        let variants = e
            .variants
            .iter()
            .map(|v| VariantDef {
                name: v.ident.to_string().into(),
                line: line32(base + v.ident.span().start().line),
                fields: v
                    .fields
                    .iter()
                    .map(|f| Name::from(tokens_text(&f.ty)))
                    .collect(),
                from_attr: v
                    .fields
                    .iter()
                    .any(|f| has_attr(&f.attrs, "from") || has_attr(&f.attrs, "source")),
                reserved: has_attr(&v.attrs, "deprecated") || doc_hidden(&v.attrs),
            })
            .collect();
        self.index.enums.push(EnumDef {
            name: e.ident.to_string().into(),
            module: self.module.as_slice().into(),
            line: line32(base + e.ident.span().start().line),
            is_pub: is_pub(&e.vis),
            non_exhaustive: has_attr(&e.attrs, "non_exhaustive"),
            derives: derives(&e.attrs).into_iter().map(Name::from).collect(),
            variants,
            in_test: e.attrs.iter().any(crate::analyze::is_test_attribute),
        });
    }

    /// The struct of tokens `start..=end` (`k`: its `struct` keyword) read from its tokens, as
    /// [`Walker::struct_def`] reads it from syn (most structs of a workspace derive something and
    /// have plain fields: parsing them was most of the index's `syn` time). A field's type is its
    /// tokens as syn prints them ([`printed`]). `None` where syn is needed: a word containing
    /// `test` (test attributes), a raw identifier, or any shape this reading does not know.
    fn struct_from_tokens(&self, start: usize, k: usize, end: usize) -> Option<StructDef> {
        let t = self.t;
        if (start..=end).any(|j| needs_syn(t, j)) {
            return None;
        }
        let mut derives = Vec::new();
        let mut j = start;
        while j < k {
            if let Some((open, close)) = attribute_at(t, j) {
                derive_names(t, open, &mut derives)?;
                j = close + 1;
            } else {
                j = skip_group(t, j);
            }
        }
        // The body: `{ named }` (the item's end), else `( tuple )` after the generics (whose
        // bounds may hold `Fn(..)`) and before a `where` clause, else none (`;`).
        let mut body = t.is(end, "}").then(|| t.toks[end].pair());
        let mut angle = 0usize;
        let mut i = k + 2;
        while body.is_none() && i < end {
            match t.text_of(i) {
                "<" => angle += 1,
                ">" => angle = angle.checked_sub(1)?,
                "where" if angle == 0 => break,
                "(" if angle == 0 => body = Some(i),
                _ => {}
            }
            i = skip_group(t, i);
        }
        let mut fields = Vec::new();
        if let Some(open) = body {
            let named = t.is(open, "{");
            let close = t.toks[open].pair();
            for (n, (from, to)) in split_top_level(t, open + 1, close).into_iter().enumerate() {
                let mut f = from;
                let mut serde_default = false;
                while let Some((a_open, a_close)) = attribute_at(t, f) {
                    serde_default |= t.is(a_open + 1, "serde")
                        && t.is(a_open + 2, "(")
                        && (a_open + 3..t.toks[a_open + 2].pair()).any(|x| t.is(x, "default"));
                    f = a_close + 1;
                }
                f = after_visibility(t, f);
                let (name, ty_from) = if named {
                    if !(t.is_ident(f) && t.is(f + 1, ":")) {
                        return None;
                    }
                    (t.text_of(f).to_string(), f + 2)
                } else {
                    (n.to_string(), f)
                };
                if ty_from >= to {
                    return None;
                }
                fields.push((name.into(), printed(t, ty_from, to).into(), serde_default));
            }
        }
        let fieldless = fields
            .iter()
            .all(|(_, ty, _): &(Name, Name, bool)| holds_nothing(ty));
        Some(StructDef {
            name: t.text_of(k + 1).into(),
            module: self.module.as_slice().into(),
            line: line32(self.line(k + 1)),
            derives: derives.into(),
            fieldless,
            fields,
            in_test: false,
        })
    }

    /// The enum of tokens `start..=end` (`k`: its `enum` keyword) read from its tokens, as
    /// [`Walker::enum_def`] reads it from syn: most enums of a workspace have data variants,
    /// which syn parsed whole. `None` where syn is needed: as for [`Walker::struct_from_tokens`],
    /// and where a doc comment (an attribute to syn) stands where syn refuses one, which syn
    /// reports as a failed parse.
    fn enum_from_tokens(&self, start: usize, k: usize, end: usize) -> Option<EnumDef> {
        let t = self.t;
        if !t.is(end, "}") || !plain_ident(t, k + 1) || (start..=end).any(|j| needs_syn(t, j)) {
            return None;
        }
        // Where syn takes a doc comment: before an attribute, a visibility or what they qualify.
        let mut doc_places = Vec::new();
        let mut derives = Vec::new();
        let (mut non_exhaustive, mut is_pub) = (false, false);
        let mut j = start;
        while j < k {
            doc_places.push(j);
            if let Some((open, close)) = attribute_at(t, j) {
                derive_names(t, open, &mut derives)?;
                non_exhaustive |= attribute_named(t, open, "non_exhaustive");
                j = close + 1;
            } else if t.is(j, "pub") && !is_pub {
                is_pub = true;
                j = after_visibility(t, j);
            } else {
                return None;
            }
        }
        if !is_pub {
            doc_places.push(k);
        }
        let open = t.toks[end].pair();
        let mut variants = Vec::new();
        // Commas between variants: `<` in a discriminant (`A = 1 << 2`) is no bracket.
        for (from, to) in split_commas(t, open + 1, end) {
            let mut f = from;
            let mut reserved = false;
            doc_places.push(f);
            while let Some((a_open, a_close)) = attribute_at(t, f) {
                reserved |= attribute_named(t, a_open, "deprecated") || doc_hidden_at(t, a_open);
                f = a_close + 1;
                doc_places.push(f);
            }
            if !plain_ident(t, f) {
                return None;
            }
            let mut variant = VariantDef {
                name: t.text_of(f).into(),
                line: line32(self.line(f)),
                reserved,
                ..VariantDef::default()
            };
            let mut after = f + 1;
            if after < to && (t.is(after, "(") || t.is(after, "{")) {
                let named = t.is(after, "{");
                let close = t.toks[after].pair();
                for (field_from, field_to) in split_top_level(t, after + 1, close) {
                    let mut g = field_from;
                    doc_places.push(g);
                    while let Some((a_open, a_close)) = attribute_at(t, g) {
                        variant.from_attr |= attribute_named(t, a_open, "from")
                            || attribute_named(t, a_open, "source");
                        g = a_close + 1;
                        doc_places.push(g);
                    }
                    g = after_visibility(t, g);
                    if named {
                        if !(plain_ident(t, g) && t.is(g + 1, ":")) {
                            return None;
                        }
                        g += 2;
                    }
                    if g >= field_to {
                        return None;
                    }
                    variant.fields.push(printed(t, g, field_to).into());
                }
                after = close + 1;
            }
            // Anything after the fields is a discriminant (`= expr`).
            if after < to && !t.is(after, "=") {
                return None;
            }
            variants.push(variant);
        }
        if !docs_only_at(t, start, end, &doc_places) {
            return None;
        }
        Some(EnumDef {
            name: t.text_of(k + 1).into(),
            module: self.module.as_slice().into(),
            line: line32(self.line(k + 1)),
            is_pub,
            non_exhaustive,
            derives: derives.into(),
            variants,
            in_test: false,
        })
    }

    fn struct_def(&mut self, s: &syn::ItemStruct, base: usize) {
        let fields = s
            .fields
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let name = f
                    .ident
                    .as_ref()
                    .map_or_else(|| i.to_string(), ToString::to_string);
                (
                    name.into(),
                    tokens_text(&f.ty).into(),
                    serde_default(&f.attrs),
                )
            })
            .collect();
        self.index.structs.push(StructDef {
            name: s.ident.to_string().into(),
            module: self.module.as_slice().into(),
            line: line32(base + s.ident.span().start().line),
            derives: derives(&s.attrs).into_iter().map(Name::from).collect(),
            fieldless: s.fields.iter().all(|f| holds_nothing(&tokens_text(&f.ty))),
            fields,
            in_test: s.attrs.iter().any(crate::analyze::is_test_attribute),
        });
    }
}

/// Attributes that neither call nor register a fn: lint levels, docs, `cfg`, codegen hints,
/// `tracing::instrument` (it wraps the body in place). Any other attribute (`no_mangle`,
/// `export_name`, `tokio::main`, `get`, `handler`, `pymethods`, `cfg_attr` which may add one)
/// may make the fn an entry point nothing in the source calls.
pub fn is_inert_attribute(path: &[&str]) -> bool {
    match path {
        [one] => matches!(
            *one,
            "allow"
                | "expect"
                | "warn"
                | "deny"
                | "forbid"
                | "doc"
                | "cfg"
                | "inline"
                | "cold"
                | "must_use"
                | "track_caller"
                | "deprecated"
                | "instrument"
        ),
        ["rustfmt" | "clippy", ..] => true,
        ["tracing", "instrument"] => true,
        _ => false,
    }
}

/// Identifiers syn does not take as a path segment's name (`syn::Ident`'s parse refuses them).
const SYN_KEYWORDS: &[&str] = &[
    "_", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "Self", "self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Whether token `k` is an identifier syn reads as one: ASCII (the tokenizer also takes any
/// non-ASCII character, which proc-macro2 may refuse) and not a keyword.
fn plain_ident(t: &Tokens<'_>, k: usize) -> bool {
    let name = t.text_of(k);
    t.is_ident(k)
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !SYN_KEYWORDS.contains(&name)
}

/// A field of this type (as syn prints it) holds nothing: `()`, `PhantomData<..>`
/// (`struct InvalidKey { _priv: () }` carries no payload).
fn holds_nothing(ty: &str) -> bool {
    ty == "()"
        || ty
            .split('<')
            .next()
            .is_some_and(|p| p.trim().ends_with("PhantomData"))
}

/// An outer attribute `#[..]` at token `j`: (its `[`, its `]`). An inner `#![..]` is none: syn
/// refuses one before an item's keyword, a field or a variant.
fn attribute_at(t: &Tokens<'_>, j: usize) -> Option<(usize, usize)> {
    (t.is(j, "#") && t.is(j + 1, "[")).then(|| (j + 1, t.toks[j + 1].pair()))
}

/// Whether the attribute whose `[` is token `open` has the one-segment path `name` (syn's
/// `attr.path().is_ident(name)`).
fn attribute_named(t: &Tokens<'_>, open: usize, name: &str) -> bool {
    t.is(open + 1, name) && !t.is(open + 2, "::")
}

/// `#[doc(hidden)]` (any `doc(..)` list saying `hidden`), for the attribute whose `[` is `open`.
fn doc_hidden_at(t: &Tokens<'_>, open: usize) -> bool {
    attribute_named(t, open, "doc")
        && t.is(open + 2, "(")
        && (open + 3..t.toks[open + 2].pair()).any(|x| t.text_of(x).contains("hidden"))
}

/// Adds the names of a `#[derive(..)]` attribute (its `[` is `open`) to `out`, each as its last
/// segment; any other attribute adds nothing. `None` for a derive entry with no name.
fn derive_names(t: &Tokens<'_>, open: usize, out: &mut Vec<Name>) -> Option<()> {
    if t.is(open + 1, "derive") && t.is(open + 2, "(") {
        let list = open + 2;
        for (from, to) in split_top_level(t, list + 1, t.toks[list].pair()) {
            let last = (from..to).rev().find(|&i| t.is_ident(i))?;
            out.push(Name::from(t.text_of(last)));
        }
    }
    Some(())
}

/// The token after a visibility at `f` (`pub`, `pub(crate)`, `pub(in a::b)`), or `f` when there
/// is none. `pub (T)` in a tuple field is `pub` and the type `(T)`, as syn reads it.
fn after_visibility(t: &Tokens<'_>, f: usize) -> usize {
    if !t.is(f, "pub") {
        return f;
    }
    let restricted =
        t.is(f + 1, "(") && matches!(t.text_of(f + 2), "crate" | "self" | "super" | "in");
    if restricted {
        t.toks[f + 1].pair() + 1
    } else {
        f + 1
    }
}

/// A token the readers from tokens leave to syn: a word containing `test` (test attributes),
/// `#` outside an outer attribute (a raw identifier, `r#type`, which syn prints joined, or an
/// inner attribute, which syn refuses inside an item), or `&&` (two references in a type, which
/// syn prints apart).
fn needs_syn(t: &Tokens<'_>, j: usize) -> bool {
    (t.is_ident(j) && t.text_of(j).contains("test"))
        || (t.is(j, "#") && !t.is(j + 1, "["))
        || t.is(j, "&&")
}

/// Whether every doc comment among tokens `start..=end` comes right before one of `places`
/// (syn reads a doc comment as an attribute and refuses one anywhere else). Any comment that may
/// be one counts (`////` too): a stricter test only sends more items to syn.
fn docs_only_at(t: &Tokens<'_>, start: usize, end: usize, places: &[usize]) -> bool {
    let text = t.text.as_bytes();
    if memchr::memchr(b'/', &text[t.toks[start].start()..t.toks[end].end()]).is_none() {
        return true;
    }
    (start + 1..=end).all(|j| {
        let gap = &text[t.toks[j - 1].end()..t.toks[j].start()];
        let doc = [&b"///"[..], b"//!", b"/**", b"/*!"]
            .iter()
            .any(|marker| memchr::memmem::find(gap, marker).is_some());
        !doc || places.contains(&j)
    })
}

/// The token after `j`: after its matching bracket when `j` opens a group.
fn skip_group(t: &Tokens<'_>, j: usize) -> usize {
    match t.toks[j].kind {
        Kind::Open => t.toks[j].pair() + 1,
        _ => j + 1,
    }
}

/// Tokens `from..to` as `syn` prints them: joined by spaces, with none after an opening `(` or
/// `[` or before its closing one (`{ .. }` and `{ }` keep them), and a lifetime's quote joined to
/// its name.
fn printed(t: &Tokens<'_>, from: usize, to: usize) -> String {
    let mut out = String::new();
    for j in from..to {
        let after_open = j > from && t.toks[j - 1].kind == Kind::Open && !t.is(j - 1, "{");
        let before_close = t.toks[j].kind == Kind::Close && !t.is(j, "}");
        let glued = j == from || after_open || before_close || t.is(j - 1, "'");
        if !glued {
            out.push(' ');
        }
        out.push_str(t.text_of(j));
    }
    out
}

/// An impl header read from its tokens: what [`Walker::impl_item`] takes from syn's parse.
struct ImplHeader<'t> {
    /// The trait's path segments (generic arguments dropped), for a trait impl.
    trait_segments: Option<Vec<&'t str>>,
    /// The generic arguments of the trait's last segment, each as syn prints it.
    trait_args: Vec<String>,
    /// The self type's last path segment (through references).
    self_type: &'t str,
    /// The self type's path segments.
    self_segments: Vec<&'t str>,
}

/// The impl header from `impl` (token `k`) to its `{` (token `open`) read from the tokens when
/// it has the shape syn parses into a path for the self type (maybe behind references) and,
/// after `for`, for the trait: `impl<T: Bound> a::Trait<Arg> for &'a b::Type<T> where ..`.
/// Most impls of a workspace are written so, and parsing each header was a good part of the
/// index's `syn` time. `None` for any other header, and for a comment in it (a doc comment
/// there is an error to syn): syn parses those.
fn impl_header<'t>(t: &Tokens<'t>, k: usize, open: usize) -> Option<ImplHeader<'t>> {
    let gaps = &t.text.as_bytes()[t.toks[k].end()..t.toks[open].start()];
    if memchr::memchr(b'/', gaps).is_some() || (k + 1..open).any(|j| needs_syn(t, j)) {
        return None;
    }
    let mut j = k + 1;
    if t.is(j, "<") {
        j = after_angles(t, j, open)?;
    }
    // `for` at the top level splits trait from self type; a `where` clause ends the header.
    let (mut for_at, mut where_at) = (None, open);
    let mut i = j;
    while i < open {
        match t.text_of(i) {
            "<" => i = after_angles(t, i, open)?,
            "for" if for_at.is_none() && !t.is(i + 1, "<") => {
                for_at = Some(i);
                i += 1;
            }
            // Higher-ranked bounds and the like: syn's to read.
            "for" => return None,
            "where" => {
                where_at = i;
                break;
            }
            _ => i = skip_group(t, i),
        }
    }
    let (trait_segments, trait_args, self_from) = match for_at {
        Some(f) => {
            let PathRead {
                segments,
                args,
                end,
            } = type_path(t, j, f)?;
            if end != f {
                return None;
            }
            let args = match args {
                Some((args_open, args_close)) => split_top_level(t, args_open + 1, args_close)
                    .into_iter()
                    .map(|(from, to)| printed(t, from, to))
                    .collect(),
                None => Vec::new(),
            };
            (Some(segments), args, f + 1)
        }
        None => (None, Vec::new(), j),
    };
    // The self type: a path behind any references (`&'a mut`).
    let mut s = self_from;
    while t.is(s, "&") {
        s += 1;
        if t.toks[s].kind == Kind::Literal && t.is(s, "'") && t.is_ident(s + 1) {
            s += 2;
        }
        if t.is(s, "mut") {
            s += 1;
        }
    }
    let self_path = type_path(t, s, where_at)?;
    if self_path.end != where_at {
        return None;
    }
    Some(ImplHeader {
        trait_segments,
        trait_args,
        self_type: self_path.segments.last()?,
        self_segments: self_path.segments,
    })
}

/// The token after the `<..>` that opens at `lt`, within `..limit`: `None` when it does not close
/// there, or holds an operator that may be a comparison rather than a bracket.
fn after_angles(t: &Tokens<'_>, lt: usize, limit: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut j = lt;
    while j < limit {
        match t.text_of(j) {
            "<" => depth += 1,
            ">" => {
                depth -= 1;
                if depth == 0 {
                    return Some(j + 1);
                }
            }
            "<=" | ">=" | "=>" | "<<" | ">>" => return None,
            _ => {}
        }
        j = skip_group(t, j);
    }
    None
}

/// A path read from tokens by [`type_path`].
struct PathRead<'t> {
    segments: Vec<&'t str>,
    /// The last segment's `<` and `>`, if it has generic arguments.
    args: Option<(usize, usize)>,
    /// The token after the path.
    end: usize,
}

/// A path from token `from` within `..limit` (a leading `::` allowed), of plain segments and the
/// keywords syn takes as segments (`crate`, `self`, `super`, `Self`), each maybe with generic
/// arguments `<..>` (not after `crate`, `self`, `super`, where syn takes none). `None` for any
/// other shape (parenthesised arguments, `<T as Trait>`, other keywords...).
fn type_path<'t>(t: &Tokens<'t>, from: usize, limit: usize) -> Option<PathRead<'t>> {
    let mut segments = Vec::new();
    let mut j = if t.is(from, "::") { from + 1 } else { from };
    loop {
        if j >= limit {
            return None;
        }
        let takes_no_arguments = matches!(t.text_of(j), "crate" | "self" | "super");
        if !(plain_ident(t, j) || takes_no_arguments || t.is(j, "Self")) {
            return None;
        }
        segments.push(t.text_of(j));
        j += 1;
        if takes_no_arguments && (t.is(j, "<") || (t.is(j, "::") && t.is(j + 1, "<"))) {
            return None;
        }
        let mut args = None;
        if t.is(j, "::") && t.is(j + 1, "<") {
            j += 1;
        }
        if t.is(j, "<") {
            let after = after_angles(t, j, limit)?;
            args = Some((j, after - 1));
            j = after;
        }
        if t.is(j, "::") && j + 1 < limit {
            j += 1;
            continue;
        }
        return Some(PathRead {
            segments,
            args,
            end: j,
        });
    }
}

/// Comma-separated parts of the tokens `from..to`, commas inside brackets excluded (`<` and `>`
/// count as brackets in [`split_top_level`], for types; here they may be operators).
fn split_commas(t: &Tokens<'_>, from: usize, to: usize) -> Vec<(usize, usize)> {
    comma_parts(t, from, to, false)
}

/// Comma-separated parts of the tokens `from..to`, commas inside `<..>` and brackets excluded.
fn split_top_level(t: &Tokens<'_>, from: usize, to: usize) -> Vec<(usize, usize)> {
    comma_parts(t, from, to, true)
}

/// The parts of [`split_commas`] and [`split_top_level`]: `angles`, whether `<..>` hides commas.
fn comma_parts(t: &Tokens<'_>, from: usize, to: usize, angles: bool) -> Vec<(usize, usize)> {
    let mut parts = Vec::new();
    let (mut angle, mut part) = (0usize, from);
    let mut j = from;
    while j < to {
        match t.text_of(j) {
            "<" if angles => angle += 1,
            ">" if angles => angle = angle.saturating_sub(1),
            "," if angle == 0 => {
                parts.push((part, j));
                part = j + 1;
            }
            _ => {}
        }
        j = skip_group(t, j);
    }
    if part < to {
        parts.push((part, to));
    }
    parts
}

/// Traits whose impl turns a value into an HTTP or gRPC response.
pub fn is_response_trait(path: &str) -> bool {
    let last = path.rsplit("::").next().unwrap_or(path);
    matches!(last, "IntoResponse" | "Responder" | "ResponseError")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A struct's field types read from tokens print as syn prints the parsed type.
    #[test]
    fn printed_types_are_what_syn_prints() {
        for ty in [
            "Vec<Vec<u8>>",
            "std::collections::HashMap<String, (u8, [u16; 4])>",
            "&'static mut Option<Box<dyn Fn(&str) -> Result<(), E> + Send>>",
            "()",
            "PhantomData<fn() -> T>",
            "Encoder<{ ObjectIdentifier::MAX_SIZE }>",
            "Ranged<0, {}>",
            "*const [u8]",
        ] {
            let tokens = Tokens::new(ty).expect("balanced");
            let syn_printed = syn::parse_str::<syn::Type>(ty)
                .expect("a type")
                .to_token_stream()
                .to_string();
            assert_eq!(printed(&tokens, 0, tokens.toks.len()), syn_printed, "{ty}");
        }
    }

    /// A rustls verifier impl records its accept-all `verify_server_cert` from tokens, as the
    /// rule's syn reading decides it; a pinning look-alike and another trait's impl of the same
    /// shape do not (a test module's impls are not indexed at all).
    #[test]
    fn accept_all_verifiers_are_read_from_tokens() {
        let verify = |body: &str| {
            format!(
                "fn verify_server_cert(&self, end: &CertificateDer<'_>, now: UnixTime) \
                 -> Result<ServerCertVerified, Error> {{ {body} }}"
            )
        };
        let text = format!(
            "use rustls::client::danger::{{ServerCertVerified, ServerCertVerifier}};\n\
             impl ServerCertVerifier for All {{ {} }}\n\
             impl rustls::client::danger::ServerCertVerifier for Full {{\n{} }}\n\
             impl ServerCertVerifier for Pinned {{ {} }}\n\
             impl Other for Shaped {{ {} }}\n\
             #[cfg(test)]\nmod tests {{ impl ServerCertVerifier for InTest {{ {} }} }}\n",
            verify("Ok(ServerCertVerified::assertion())"),
            verify(
                "let _ = (end, now); Ok(rustls::client::danger::ServerCertVerified::assertion())"
            ),
            verify(
                "if end.as_ref() != PIN { return Err(Error::General(String::new())); } Ok(ServerCertVerified::assertion())"
            ),
            verify("Ok(ServerCertVerified::assertion())"),
            verify("Ok(ServerCertVerified::assertion())"),
        );
        let index = index_file("src/tls.rs", "c", Vec::new(), &text);
        let found: Vec<(&str, Option<u32>)> = index
            .impls
            .iter()
            .map(|i| (i.self_type.as_str(), i.accepts_all_certs))
            .collect();
        assert_eq!(
            found,
            [
                ("All", Some(2)),
                ("Full", Some(4)),
                ("Pinned", None),
                ("Shaped", None),
            ]
        );
    }

    /// Structs with derives are read from their tokens; what syn is needed for still is parsed.
    #[test]
    fn structs_read_from_tokens() {
        let text = "#[derive(Debug, serde::Deserialize)]\n\
                    pub(crate) struct Config<F: Fn(u8) -> u8> where F: Send {\n\
                    \x20   #[serde(default)] pub(crate) retries: Option<u32>,\n\
                    \x20   name: String,\n}\n\
                    #[derive(Clone)] struct Pair(pub (u8, u8), PhantomData<T>);\n\
                    #[derive(Clone)] struct Empty;\n\
                    #[cfg(test)] #[derive(Clone)] struct Fixture { a: u8 }\n\
                    #[derive(Clone)] struct Raw { r#type: u8 }\n";
        let index = index_file("src/lib.rs", "c", Vec::new(), text);
        let summary: Vec<String> = index
            .structs
            .iter()
            .map(|s| {
                let fields: Vec<String> = s
                    .fields
                    .iter()
                    .map(|(n, ty, default)| {
                        format!("{n}: {ty}{}", if *default { " =d" } else { "" })
                    })
                    .collect();
                format!(
                    "{} {:?} [{}] fieldless={} test={} line={}",
                    s.name,
                    s.derives,
                    fields.join(", "),
                    s.fieldless,
                    s.in_test,
                    s.line
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                "Config [\"Debug\", \"Deserialize\"] [retries: Option < u32 > =d, name: String] fieldless=false test=false line=2",
                "Pair [\"Clone\"] [0: (u8 , u8), 1: PhantomData < T >] fieldless=false test=false line=6",
                "Empty [\"Clone\"] [] fieldless=true test=false line=7",
                "Fixture [\"Clone\"] [a: u8] fieldless=false test=true line=8",
                "Raw [\"Clone\"] [r#type: u8] fieldless=false test=false line=9",
            ]
        );
    }

    /// Body limits are the settings written outside `use` declarations and test modules, each by
    /// what it does; `Workspace::body_bounded` combines them across files.
    #[test]
    fn body_limit_settings_and_what_they_bound() {
        use crate::knowledge::body_limits::{BoundedBy, LimitKind};
        let imported_only = "use tower_http::limit::RequestBodyLimitLayer;\n\
            fn app() -> Router { Router::new() }\n\
            #[cfg(test)]\nmod tests {\n    fn t() { app().layer(RequestBodyLimitLayer::new(1)); }\n}\n";
        let idx = index_file("src/main.rs", "svc", Vec::new(), imported_only);
        assert!(idx.body_limits.is_empty(), "{:?}", idx.body_limits);
        let written = "fn app() -> Router {\n    Router::new()\n        \
            .layer(DefaultBodyLimit::disable())\n        \
            .layer(tower_http::limit::RequestBodyLimitLayer::new(1024))\n}\n\
            fn body(b: Body) { let _ = http_body_util::Limited::new(b, 10); }\n";
        let idx = index_file("src/main.rs", "svc", Vec::new(), written);
        assert_eq!(
            idx.body_limits.iter().copied().collect::<Vec<_>>(),
            [LimitKind::WholeRequest, LimitKind::AxumDisabled]
        );
        let ws = |files: &[&str]| {
            let sources: Vec<(String, &str)> = files
                .iter()
                .enumerate()
                .map(|(i, text)| (format!("src/f{i}.rs"), *text))
                .collect();
            let sources: Vec<(&str, &str, &str)> = sources
                .iter()
                .map(|(p, t)| (p.as_str(), "svc", *t))
                .collect();
            crate::model::Workspace::from_sources(&sources)
        };
        let disable = "fn a() { r.layer(DefaultBodyLimit::disable()); }";
        let max = "fn b() { r.layer(DefaultBodyLimit::max(1 << 20)); }";
        let layer = "fn c() { r.layer(RequestBodyLimitLayer::new(1 << 20)); }";
        let none = "fn d() {}";
        let bounded = |files: &[&str], by| ws(files).body_bounded(by);
        assert_eq!(bounded(&[none], BoundedBy::AxumDefault), Some(true));
        assert_eq!(bounded(&[none], BoundedBy::WholeRequestLimit), Some(false));
        assert_eq!(
            bounded(&[none, disable], BoundedBy::AxumDefault),
            Some(false)
        );
        assert_eq!(bounded(&[disable, max], BoundedBy::AxumDefault), Some(true));
        assert_eq!(
            bounded(&[disable, max], BoundedBy::WholeRequestLimit),
            Some(false)
        );
        assert_eq!(
            bounded(&[disable, layer], BoundedBy::AxumDefault),
            Some(true)
        );
        assert_eq!(
            bounded(&[none, layer], BoundedBy::WholeRequestLimit),
            Some(true)
        );
        assert_eq!(
            crate::model::Workspace::empty().body_bounded(BoundedBy::WholeRequestLimit),
            None
        );
    }

    /// Calls made only on OS threads the fn starts: in a closure given to `thread::spawn` (through
    /// imports), a `thread::Builder` (also kept in a local) or a `thread::scope`'s `spawn`, and
    /// fns given to one by name; not a call also made outside, a local or parameter handed to a
    /// thread, nor what a task or a pool job runs.
    #[test]
    fn calls_only_on_threads() {
        let src = "use std::thread;\nuse std::thread::spawn;\n\
            fn a(rt: R, f: F) {\n\
                thread::spawn(move || loop { pump(&rt); both() });\n\
                both();\n\
                std::thread::spawn(entry);\n\
                thread::spawn(f);\n\
                let job = || 1;\n\
                thread::spawn(job);\n\
                spawn(move || imported());\n\
                thread::Builder::new().name(n).spawn(move || built()).unwrap();\n\
                let b = thread::Builder::new().stack_size(1);\n\
                b.spawn(move || kept());\n\
                thread::scope(|s| { s.spawn(|| scoped()); });\n\
                rayon::scope(|s| { s.spawn(|_| rayon_scoped()); });\n\
                tokio::spawn(async move { task() });\n\
                tokio::task::Builder::new().name(n).spawn(async move { named_task() });\n\
                rayon::spawn(move || pool_job());\n\
                pool.spawn(move || pooled());\n\
            }\n\
            fn b() { plain(); thread::spawn(move || other()); }\n";
        let idx = index_file("src/lib.rs", "c", Vec::new(), src);
        let names = |at: u32| -> BTreeSet<&str> {
            let candidates = "pump both entry f job imported built kept scoped rayon_scoped task \
                              named_task pool_job pooled spawn plain other";
            idx.thread_calls
                .iter()
                .filter(|(k, _)| *k == at)
                .map(|(_, key)| {
                    candidates
                        .split_whitespace()
                        .find(|c| name_key(c) == *key)
                        .expect("a known name")
                })
                .collect()
        };
        assert_eq!(
            names(0),
            BTreeSet::from(["pump", "entry", "imported", "built", "kept", "scoped"])
        );
        assert_eq!(names(1), BTreeSet::from(["other"]));
        // The calls made on threads are calls all the same.
        assert!(idx.fns[0].calls.contains(&name_key("pump")));
    }

    /// Impl headers and enum bodies that the index reads from the tokens give the facts syn
    /// gives: each source is indexed as written and with a comment where the token reading
    /// declines (so syn parses it), lines unchanged.
    #[test]
    fn items_read_from_tokens_as_syn_reads_them() {
        let pairs = [
            (
                "use x::y::Tr;\nimpl Tr for a::Ty {\n    fn f() {}\n}\n",
                "use x::y::Tr;\nimpl Tr for /* c */ a::Ty {\n    fn f() {}\n}\n",
            ),
            (
                "impl IntoResponse for E {\n    fn into_response(self) {}\n}\n",
                "impl IntoResponse /* c */ for E {\n    fn into_response(self) {}\n}\n",
            ),
            ("impl Ty { fn g() {} }", "impl /* c */ Ty { fn g() {} }"),
            (
                "#[derive(Debug)]\n#[non_exhaustive]\npub enum E {\n    A,\n\n    B,\n}\n",
                "#[derive(Debug)]\n#[non_exhaustive]\npub enum E {\n    A,\n\n    B, // c\n}\n",
            ),
            (
                "enum F<T> where T: Copy { A }",
                "enum F<T> where T: Copy { A /* c */ }",
            ),
            ("enum G {}", "enum G { /* c */ }"),
            (
                "use a::B;\nimpl<'a, T: Fn(u8) -> u8> ::core::convert::From<&'a mut Vec<(T, B)>> for crate::x::Y<T>\nwhere\n    T: Send,\n{\n    fn from(v: T) -> Self { Y }\n}\n",
                "use a::B;\nimpl<'a, T: Fn(u8) -> u8> ::core::convert::From<&'a mut Vec<(T, B)>> for crate::x::Y<T>\nwhere // c\n    T: Send,\n{\n    fn from(v: T) -> Self { Y }\n}\n",
            ),
            (
                "impl<T> Tr<Item = u8, 'static> for &'static mut super::Z<T> {}",
                "impl<T> Tr<Item = u8, 'static> for &'static mut super::Z<T> /* c */ {}",
            ),
            ("impl<T> Tr for [T] {}", "impl<T> Tr for /* c */ [T] {}"),
        ];
        let json = |src: &str| {
            serde_json::to_string(&index_file("src/lib.rs", "c", Vec::new(), src)).expect("json")
        };
        for (plain, commented) in pairs {
            assert_eq!(json(plain), json(commented), "{plain}");
        }
    }

    /// Enums read from their tokens give the facts syn gives (a word containing `test` sends an
    /// enum to syn, as written on the same lines).
    #[test]
    fn enums_read_from_tokens_as_syn_reads_them() {
        let enums = [
            "#[derive(Debug, thiserror::Error)]\npub(crate) enum E<T> where T: Copy {\n    /// Doc.\n    #[error(\"io\")]\n    Io(#[from] std::io::Error),\n    Named { #[source] inner: Box<dyn std::error::Error + Send>, at: &'static str },\n    #[deprecated]\n    Old = 1 << 2,\n    #[doc(hidden)]\n    Hidden(pub (u8, [u16; 4]), Vec<Vec<T>>),\n}\n",
            "#[non_exhaustive]\nenum Unit { A, B = 3, C, }\n",
            "enum Bad { A, /// trailing\n}\n",
        ];
        let json = |src: &str| {
            serde_json::to_string(&index_file("src/lib.rs", "c", Vec::new(), src)).expect("json")
        };
        for text in enums {
            let by_syn = format!("#[allow(not_tested)] {text}");
            assert_eq!(json(text), json(&by_syn), "{text}");
        }
        let read = index_file("src/lib.rs", "c", Vec::new(), enums[0]);
        let e = &read.enums[0];
        let variants: Vec<String> = e
            .variants
            .iter()
            .map(|v| {
                format!(
                    "{}{:?} from={} reserved={} line={}",
                    v.name, v.fields, v.from_attr, v.reserved, v.line
                )
            })
            .collect();
        assert_eq!(
            variants,
            [
                "Io[\"std :: io :: Error\"] from=true reserved=false line=5",
                "Named[\"Box < dyn std :: error :: Error + Send >\", \"& 'static str\"] from=true reserved=false line=6",
                "Old[] from=false reserved=true line=8",
                "Hidden[\"(u8 , [u16 ; 4])\", \"Vec < Vec < T > >\"] from=false reserved=true line=10",
            ]
        );
        assert!(e.is_pub && !e.non_exhaustive, "{e:?}");
        assert!(index_file("src/lib.rs", "c", Vec::new(), enums[2]).skeleton_failed);
        // An inner attribute where syn refuses one is no attribute to the token readers either:
        // syn reads the item, and fails as it does.
        for text in [
            "#[derive(Clone)] struct S(#![x] u8);",
            "enum E { A(#![x] u8) }",
        ] {
            assert!(
                index_file("src/lib.rs", "c", Vec::new(), text).skeleton_failed,
                "{text}"
            );
        }
    }

    #[test]
    fn module_paths_from_file_places() {
        assert_eq!(module_of("src/lib.rs"), Vec::<String>::new());
        assert_eq!(module_of("src/api/mod.rs"), ["api"]);
        assert_eq!(module_of("src/api/error.rs"), ["api", "error"]);
        assert_eq!(module_of("src/bin/tool.rs"), Vec::<String>::new());
    }

    /// `mpsc::unbounded_channel::<(Req, Vec<u8>)>()` is a call of `unbounded_channel`; a
    /// comparison `a < b` followed by a call is not a turbofish.
    #[test]
    fn calls_through_a_turbofish() {
        let src = "fn f() {\n    let (tx, rx) = mpsc::unbounded_channel::<(Req, Vec<u8>)>();\n    \
                   let v = collect::<Vec<_>>();\n    if a < b { g() }\n}\n";
        let idx = index_file("src/lib.rs", "svc", Vec::new(), src);
        let f = &idx.fns[0];
        for name in ["unbounded_channel", "collect", "g"] {
            assert!(f.calls.contains(&name_key(name)), "{name}");
        }
        assert!(!f.calls.contains(&name_key("b")));
    }

    #[test]
    fn signatures_bodies_and_constructions() {
        let src = "use thiserror::Error;\n\
            #[derive(Debug, Error)]\n\
            pub enum ApiError {\n    #[error(\"bad\")] Invalid(String),\n    Db(#[from] sqlx::Error),\n    Unused,\n}\n\
            impl ApiError {\n    pub fn invalid(m: &str) -> Self {\n        Self::Invalid(m.into())\n    }\n}\n\
            pub async fn handler(Json(body): Json<Req>) -> Result<(), ApiError> {\n    body.validate()?;\n    match x { ApiError::Unused => {} _ => {} }\n    save(&body).await\n}\n";
        let idx = index_file("src/api.rs", "svc", vec!["api".into()], src);
        assert!(!idx.skeleton_failed);
        let e = &idx.enums[0];
        assert_eq!(*e.derives, ["Debug", "Error"]);
        assert!(e.variants[1].from_attr);
        let ctor = idx.fns.iter().find(|f| f.name == "invalid").expect("ctor");
        assert_eq!(ctor.self_type.as_deref(), Some("ApiError"));
        assert_eq!(*ctor.constructs, [("ApiError".into(), "Invalid".into())]);
        assert_eq!(ctor.ret.as_deref(), Some("Self"));
        let h = idx
            .fns
            .iter()
            .find(|f| f.name == "handler")
            .expect("handler");
        assert_eq!(*h.validates, ["body".to_string()]);
        assert!(h.calls.contains(&name_key("save")));
        assert_eq!(h.params[0].1, "Json<Req>");
        let made: Vec<(&str, &str)> = idx
            .constructions
            .iter()
            .map(|c| (c.owner.as_str(), c.variant.as_str()))
            .collect();
        assert_eq!(made, [("ApiError", "Invalid")]);
    }

    /// What each construction's path says about the enum's crate, and bare names that construct
    /// only through an import of the variant.
    #[test]
    fn constructions_say_how_their_path_names_the_enum() {
        let src = "use b::Error;
use crate::api::ApiError as AE;
use self::Kind::*;
            use other::*;
            impl From<u8> for c::Failure { fn from(_: u8) -> Self { Self::Lost } }
            fn f() {
    let _ = (Error::Gone, AE::Timeout, crate::x::E::A, c::E::B, Local::C);
                let _ = (Conflict, Missing(1), Timeout(5));
                { use Mode::{Fast as Quick}; let _ = Quick; }
                match k { Kind::Other => {} }
}
            mac! { Loose }
";
        let idx = index_file("src/lib.rs", "a", Vec::new(), src);
        let made: Vec<String> = idx
            .constructions
            .iter()
            .map(|c| format!("{}::{} {:?}", c.owner, c.variant, c.via))
            .collect();
        let root = |r: &str| format!("{:?}", Via::Root(r.into()));
        let own = format!("{:?}", Via::OwnCrate);
        let unq = format!("{:?}", Via::Unqualified);
        let mut expected = vec![
            format!("ApiError::Timeout {own}"),
            format!("E::A {own}"),
            format!("E::B {}", root("c")),
            format!("Error::Gone {}", root("b")),
            format!("Failure::Lost {}", root("c")),
            // Through `use self::Kind::*`: every bare capitalised name is a candidate; the
            // workspace keeps those that are variants of `Kind`.
            format!("Kind::Conflict {own}"),
            format!("Kind::Loose {own}"),
            format!("Kind::Missing {own}"),
            format!("Kind::Quick {own}"),
            format!("Kind::Timeout {own}"),
            format!("Local::C {unq}"),
            format!("Mode::Fast {unq}"),
        ];
        expected.sort();
        assert_eq!(made, expected);
        assert_eq!(idx.glob_roots, [Name::from("other")]);
        assert!(idx.macro_args.contains(&("mac".into(), "Loose".into())));
    }

    #[test]
    fn field_reads_look_through_locks_and_skip_writes() {
        let src = "fn f(&mut self) { self.a = x; self.b.lock().unwrap().push(h); self.c.abort(); self.d.take(); }";
        let idx = index_file("src/lib.rs", "c", Vec::new(), src);
        let read: Vec<&str> = idx.fields_read.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(read, ["c", "d"]);
    }

    #[test]
    fn field_reads_that_cannot_supervise_do_not_count() {
        let src = "fn f(&mut self) -> usize {
            self.a.len() + self.b.read().await.iter().count();
            if self.c.is_empty() { self.d.insert(1, h); }
            if let Some(old) = self.e.insert(2, h) { old.abort(); }
            for h in self.f.drain(..) { h.await; }
            self.g.iter().filter(|h| h.is_finished()).count();
            let _ = Pin::new(&mut self.h).poll(cx);
            self.i.is_finished()
        }";
        let idx = index_file("src/lib.rs", "c", Vec::new(), src);
        let read: Vec<&str> = idx.fields_read.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(read, ["e", "f", "g", "h", "i"]);
    }

    #[test]
    fn field_reads_know_their_owner_where_the_receiver_says() {
        let src = "impl A { fn f(&self, b: &mut B, c: Self, d: Vec<D>, e: &'a crate::E) {
                self.a.abort(); b.b.abort(); c.c.abort(); d.d.abort(); e.e.abort(); x.y.z.abort();
            } }
            trait T { fn g(&self) { self.t.abort(); } }
            fn h(other: Other) { other.o.abort(); }";
        let idx = index_file("src/lib.rs", "c", Vec::new(), src);
        let read: Vec<(&str, Option<&str>)> = (idx.fields_read.iter())
            .map(|(f, o)| (f.as_str(), o.as_deref()))
            .collect();
        assert_eq!(
            read,
            [
                ("a", Some("A")),
                ("b", Some("B")),
                ("c", Some("A")),
                ("d", None),
                ("e", Some("E")),
                ("o", Some("Other")),
                ("t", None),
                ("y", None),
                ("z", None),
            ]
        );
    }
}
