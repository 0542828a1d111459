//! Futures whose completion is known from their path alone. Rules match the full path a call
//! names in the file (through `use`), never the bare function name: a local `pending` or a
//! `service.ready()` method is not one of these.

/// Futures that never complete: `block_on` of one parks a thread for ever on purpose (a runtime
/// driver thread, a process that only serves spawned tasks).
pub const NEVER_COMPLETE: &[&str] = &[
    "std::future::pending",
    "core::future::pending",
    "futures::future::pending",
    "futures_util::future::pending",
    "futures_lite::future::pending",
    "async_std::future::pending",
    "smol::future::pending",
];

/// Futures that complete at once or after a fixed delay: waiting on one cannot hang.
pub const COMPLETE_PROMPTLY: &[&str] = &[
    "std::future::ready",
    "core::future::ready",
    "futures::future::ready",
    "futures_util::future::ready",
    "futures_lite::future::ready",
    "tokio::task::yield_now",
    "async_std::task::yield_now",
    "futures_lite::future::yield_now",
    "smol::future::yield_now",
    "tokio::time::sleep",
    "tokio::time::sleep_until",
    "async_std::task::sleep",
    "futures_timer::Delay::new",
];

/// Calls that wait for (or subscribe to) a process signal: what a function awaits after one is
/// its shutdown path (`ctrl_c().await; server.stop().await`).
pub const SIGNALS: &[&str] = &[
    "tokio::signal::ctrl_c",
    "tokio::signal::unix::signal",
    "tokio::signal::windows::ctrl_c",
    "tokio::signal::windows::ctrl_break",
    "tokio::signal::windows::ctrl_close",
    "tokio::signal::windows::ctrl_shutdown",
    "async_ctrlc::CtrlC::new",
    "signal_hook_tokio::Signals::new",
    "async_signal::Signals::new",
];

/// Whether `resolved` (full path segments) is one of `table`'s paths.
pub fn is_one_of(resolved: &[String], table: &[&str]) -> bool {
    table
        .iter()
        .any(|entry| entry.split("::").eq(resolved.iter().map(String::as_str)))
}
