//! Calls that start an OS thread of its own to run the closure or fn they are given: that thread
//! exists to run it, so what the closure calls is the thread's main loop. Paths are full, as a
//! call resolves through the file's `use` map; the second form of each (`thread::spawn`) is
//! `std`'s module named without an import the index can see (a `use std::thread;` inside a fn
//! body, an `extern crate`).
//!
//! Not here, on purpose: `tokio::spawn` and `tokio::task::spawn_blocking` (a task, or a job on a
//! shared blocking pool), `rayon::spawn` and `ThreadPool::spawn` (a job on a shared pool worker):
//! none gives the closure a thread of its own, so blocking in it holds a worker others need.

/// Free fns that start a thread running their argument: `std::thread::spawn(move || ..)`.
/// loom's are its model of std's threads, which crates swap in for std's under `cfg(loom)`.
pub const THREAD_SPAWNS: &[&str] = &["std::thread::spawn", "thread::spawn", "loom::thread::spawn"];

/// Constructors of a thread builder, whose `.spawn(f)`/`.spawn_scoped(s, f)` (after any
/// `.name(..)`/`.stack_size(..)`) starts a thread: `std::thread::Builder::new().spawn(..)`.
pub const THREAD_BUILDERS: &[&str] = &[
    "std::thread::Builder::new",
    "thread::Builder::new",
    "loom::thread::Builder::new",
];

/// Fns that run a closure given a scope, whose `.spawn(..)` starts a thread:
/// `std::thread::scope(|s| { s.spawn(|| ..); })`, crossbeam's `scope(|s| { s.spawn(|_| ..); })`.
pub const THREAD_SCOPES: &[&str] = &[
    "std::thread::scope",
    "thread::scope",
    "crossbeam::scope",
    "crossbeam::thread::scope",
    "crossbeam_utils::thread::scope",
];

/// Whether `resolved` (full path segments) is one of `table`'s paths.
pub fn is_one_of(resolved: &[&str], table: &[&str]) -> bool {
    table
        .iter()
        .any(|entry| entry.split("::").eq(resolved.iter().copied()))
}
