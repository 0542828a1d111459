//! Errors that carry nothing: their only content is "it failed" (a deadline passed, a number did
//! not fit, the other end of a channel is gone), so replacing one with a fixed error loses no
//! cause. `map-err-discard` stays quiet on them when it can *see* the error type, from a call's
//! full path (resolved through imports) or a channel end's declared origin; where it cannot, it
//! grades as usual.
//!
//! To add an entry: the full path of the function (or the channel module and method), the error
//! type it returns, and why that error has nothing to say.

/// A function whose `Err` says nothing beyond the failure itself.
pub struct EmptyError {
    /// Full path of the function, as `use` resolution produces it.
    pub call: &'static str,
    /// The error type, for the page and the reader.
    pub error: &'static str,
    pub why: &'static str,
}

pub const EMPTY_ERRORS: &[EmptyError] = &[
    EmptyError {
        call: "tokio::time::timeout",
        error: "tokio::time::error::Elapsed",
        why: "only says the deadline passed",
    },
    EmptyError {
        call: "tokio::time::timeout_at",
        error: "tokio::time::error::Elapsed",
        why: "only says the deadline passed",
    },
    EmptyError {
        call: "async_std::future::timeout",
        error: "async_std::future::TimeoutError",
        why: "only says the deadline passed",
    },
    EmptyError {
        call: "ring::aead::UnboundKey::new",
        error: "ring::error::Unspecified",
        why: "ring reports no detail on purpose",
    },
    EmptyError {
        call: "ring::rand::generate",
        error: "ring::error::Unspecified",
        why: "ring reports no detail on purpose",
    },
    EmptyError {
        call: "ring::hmac::verify",
        error: "ring::error::Unspecified",
        why: "ring reports no detail on purpose (a failed MAC must not say why)",
    },
    EmptyError {
        call: "ring::pbkdf2::verify",
        error: "ring::error::Unspecified",
        why: "ring reports no detail on purpose (a wrong password must not say why)",
    },
    EmptyError {
        call: "ring::agreement::agree_ephemeral",
        error: "ring::error::Unspecified",
        why: "ring reports no detail on purpose",
    },
    EmptyError {
        call: "ring::constant_time::verify_slices_are_equal",
        error: "ring::error::Unspecified",
        why: "only says the slices differ",
    },
];

/// Methods whose `Err` hands a value back instead of describing a failure, with the number of
/// arguments that identifies them (`None`: any). `OnceCell::set(v)` returns the rejected value,
/// `compare_exchange`/`fetch_update` the current one, `Rc::try_unwrap` the `Rc`, `downcast` and
/// wasm-bindgen's `dyn_into`/`try_from_js_value` the original value. A two-argument `set(k, v)`
/// (a cache, a config store) is not `OnceCell::set`.
pub const VALUE_BACK_METHODS: &[(&str, Option<usize>)] = &[
    ("set", Some(1)),
    ("compare_exchange", None),
    ("compare_exchange_weak", None),
    ("fetch_update", None),
    ("try_unwrap", Some(1)),
    ("downcast", Some(0)),
    ("dyn_into", Some(0)),
    ("try_from_js_value", Some(1)),
];

/// Integer types (with the C aliases of `std::ffi`/`libc`): `INT::try_from(x)` and a `try_into()`
/// whose target is one of them fail only with `TryFromIntError` ("out of range"); `char` with
/// `CharTryFromError`; `NonZero*` with `TryFromIntError`.
pub const INTEGER_TYPES: &[&str] = &[
    "u8",
    "u16",
    "u32",
    "u64",
    "u128",
    "usize",
    "i8",
    "i16",
    "i32",
    "i64",
    "i128",
    "isize",
    "char",
    "c_char",
    "c_schar",
    "c_uchar",
    "c_short",
    "c_ushort",
    "c_int",
    "c_uint",
    "c_long",
    "c_ulong",
    "c_longlong",
    "c_ulonglong",
    "size_t",
    "ssize_t",
    "off_t",
    "NonZeroU8",
    "NonZeroU16",
    "NonZeroU32",
    "NonZeroU64",
    "NonZeroU128",
    "NonZeroUsize",
    "NonZeroI8",
    "NonZeroI16",
    "NonZeroI32",
    "NonZeroI64",
    "NonZeroI128",
    "NonZeroIsize",
];

/// Channel modules, as `use` resolution produces them. Their ends' errors say only that the
/// other side is gone (`SendError<T>` also hands the value back).
pub const CHANNEL_MODULES: &[&str] = &[
    "tokio::sync::mpsc",
    "tokio::sync::oneshot",
    "tokio::sync::watch",
    "std::sync::mpsc",
    "crossbeam_channel",
    "crossbeam::channel",
    "flume",
    "async_channel",
    "futures::channel::mpsc",
    "futures::channel::oneshot",
    "futures_channel::mpsc",
    "futures_channel::oneshot",
    "async_std::channel",
    "kanal",
];

/// Channel-end methods whose error is `SendError`/`RecvError`/`TryRecvError`: closed (or, for
/// `try_recv`, empty), nothing more. Not `try_send` (full vs. closed is worth keeping) and not a
/// broadcast `recv` (which reports how many messages were lost); `tokio::sync::broadcast` is not
/// in [`CHANNEL_MODULES`] for that reason.
pub const CHANNEL_CLOSED_METHODS: &[&str] = &[
    "send",
    "blocking_send",
    "send_async",
    "recv",
    "blocking_recv",
    "recv_async",
    "try_recv",
];

/// Channel end types, by last path segment, that a declared field or parameter may name.
pub const CHANNEL_END_TYPES: &[&str] = &[
    "Sender",
    "UnboundedSender",
    "SyncSender",
    "Receiver",
    "UnboundedReceiver",
    "AsyncSender",
    "AsyncReceiver",
];

/// Whether `resolved` names a function of [`EMPTY_ERRORS`].
pub fn empty_error_call(resolved: &[String]) -> Option<&'static EmptyError> {
    EMPTY_ERRORS
        .iter()
        .find(|e| e.call.split("::").eq(resolved.iter().map(String::as_str)))
}

/// Whether a module path (without the item) is one of [`CHANNEL_MODULES`].
pub fn is_channel_module(module: &[String]) -> bool {
    CHANNEL_MODULES
        .iter()
        .any(|m| m.split("::").eq(module.iter().map(String::as_str)))
}
