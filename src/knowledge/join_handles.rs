//! What a read of a field holding `JoinHandle`s does to the tasks: `detached-spawn` counts a
//! stored handle as supervised when something in the workspace reads its field, except through
//! the methods listed here, which neither take a handle out nor look at one's completion. Any
//! other read counts (`.await`, `join`, `abort`, `is_finished`, a poll, `take`, `drain(..)`,
//! `iter()`, `get(..)`, being passed to `join_all(..)` or `mem::take(..)`): the handle may be
//! supervised there. The index knows only the field's name, not its type, so a method counts
//! here only if it cannot supervise on any collection or `Option` of handles.

/// Methods whose call on the field (or on what [`REACH_THROUGH`] reaches) neither awaits,
/// joins, aborts, polls nor checks a handle: the size of the collection, its capacity, whether
/// it holds one, adding handles, and dropping them (`clear`/`truncate` detach the tasks).
pub const NOT_SUPERVISING: &[&str] = &[
    "len",
    "is_empty",
    "is_some",
    "is_none",
    "capacity",
    "reserve",
    "reserve_exact",
    "shrink_to_fit",
    "contains_key",
    "keys",
    "push",
    "push_back",
    "push_front",
    "extend",
    "clear",
    "truncate",
];

/// Methods that do not supervise when their value is discarded (the call ends a statement):
/// `HashMap::insert` returns the handle it replaces, which the caller may abort
/// (`if let Some(old) = tasks.insert(id, h) { old.abort() }`).
pub const NOT_SUPERVISING_IF_DISCARDED: &[&str] = &["insert"];

/// `iter().count()`-like chains: the first method's value goes only to the second, which counts.
pub const COUNTING_CHAINS: &[(&str, &str)] = &[("iter", "count"), ("values", "count")];

/// Calls that only reach through a wrapper to the field (`handles.lock().unwrap().push(h)`,
/// `tasks.read().await.len()`): what follows them decides.
pub const REACH_THROUGH: &[&str] = &[
    "lock",
    "read",
    "write",
    "borrow",
    "borrow_mut",
    "get_mut",
    "as_mut",
    "unwrap",
    "expect",
    "await",
];
