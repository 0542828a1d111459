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
    EmptyError {
        call: "time::Date::from_calendar_date",
        error: "time::error::ComponentRange",
        why: "names only the component out of range and its bounds",
    },
    EmptyError {
        call: "time::Date::from_ordinal_date",
        error: "time::error::ComponentRange",
        why: "names only the component out of range and its bounds",
    },
    EmptyError {
        call: "time::Time::from_hms",
        error: "time::error::ComponentRange",
        why: "names only the component out of range and its bounds",
    },
    EmptyError {
        call: "time::Time::from_hms_milli",
        error: "time::error::ComponentRange",
        why: "names only the component out of range and its bounds",
    },
    EmptyError {
        call: "time::Time::from_hms_micro",
        error: "time::error::ComponentRange",
        why: "names only the component out of range and its bounds",
    },
    EmptyError {
        call: "time::Time::from_hms_nano",
        error: "time::error::ComponentRange",
        why: "names only the component out of range and its bounds",
    },
    EmptyError {
        call: "time::UtcOffset::from_hms",
        error: "time::error::ComponentRange",
        why: "names only the component out of range and its bounds",
    },
    EmptyError {
        call: "time::UtcOffset::from_whole_seconds",
        error: "time::error::ComponentRange",
        why: "names only the component out of range and its bounds",
    },
    EmptyError {
        call: "time::OffsetDateTime::from_unix_timestamp",
        error: "time::error::ComponentRange",
        why: "names only the component out of range and its bounds",
    },
    EmptyError {
        call: "time::OffsetDateTime::from_unix_timestamp_nanos",
        error: "time::error::ComponentRange",
        why: "names only the component out of range and its bounds",
    },
    EmptyError {
        call: "rustls_pki_types::ServerName::try_from",
        error: "rustls_pki_types::InvalidDnsNameError",
        why: "an empty struct: the name is not a valid DNS name",
    },
    EmptyError {
        call: "rustls_pki_types::DnsName::try_from",
        error: "rustls_pki_types::InvalidDnsNameError",
        why: "an empty struct: the name is not a valid DNS name",
    },
    EmptyError {
        call: "rustls::pki_types::ServerName::try_from",
        error: "rustls_pki_types::InvalidDnsNameError",
        why: "an empty struct: the name is not a valid DNS name",
    },
    EmptyError {
        call: "rustls::pki_types::DnsName::try_from",
        error: "rustls_pki_types::InvalidDnsNameError",
        why: "an empty struct: the name is not a valid DNS name",
    },
    EmptyError {
        call: "log::Level::from_str",
        error: "log::ParseLevelError",
        why: "only says the text is not a level name",
    },
    EmptyError {
        call: "log::LevelFilter::from_str",
        error: "log::ParseLevelError",
        why: "only says the text is not a level name",
    },
    EmptyError {
        call: "std::str::from_utf8",
        error: "std::str::Utf8Error",
        why: "only a byte position: the text was not UTF-8",
    },
    EmptyError {
        call: "core::str::from_utf8",
        error: "core::str::Utf8Error",
        why: "only a byte position: the text was not UTF-8",
    },
    EmptyError {
        call: "std::time::Duration::try_from_secs_f64",
        error: "std::time::TryFromFloatSecsError",
        why: "only says the number was negative, too large or not finite",
    },
    EmptyError {
        call: "std::time::Duration::try_from_secs_f32",
        error: "std::time::TryFromFloatSecsError",
        why: "only says the number was negative, too large or not finite",
    },
];

/// Constructors of `http`'s header types, by type and function: their errors
/// (`InvalidHeaderName`, `InvalidHeaderValue`) are empty structs. The type must resolve into one
/// of [`HTTP_CRATES`] (`use axum::http::HeaderValue`), so a workspace's own `HeaderValue` is not
/// taken for it.
pub const HEADER_CONSTRUCTORS: &[(&str, &str)] = &[
    ("HeaderName", "from_bytes"),
    ("HeaderName", "from_str"),
    ("HeaderName", "try_from"),
    ("HeaderName", "from_lowercase"),
    ("HeaderValue", "from_bytes"),
    ("HeaderValue", "from_str"),
    ("HeaderValue", "try_from"),
    ("HeaderValue", "from_maybe_shared"),
];

/// Crates that define or re-export `http`'s header types.
pub const HTTP_CRATES: &[&str] = &[
    "http",
    "hyper",
    "axum",
    "axum_core",
    "actix_web",
    "actix_http",
    "reqwest",
    "tonic",
    "warp",
    "tower_http",
    "poem",
    "salvo",
    "ureq",
    "isahc",
];

/// Methods whose error carries nothing, by name and number of arguments, when `map_err` follows
/// them (so they returned a `Result`). A `Result` from a zero-argument `lock()`/`read()`/`write()`
/// is std's `LockResult`: a `PoisonError` says only that another thread panicked (tokio's and
/// parking_lot's locks return no `Result`). A `Result` from `to_str()` is `http`'s
/// `HeaderValue::to_str` (`ToStrError` is empty) or `CStr::to_str` (`Utf8Error`: a byte
/// position); `Path`/`OsStr::to_str` return an `Option`. A `Result` from one-argument
/// `strip_prefix` is `Path::strip_prefix` (`StripPrefixError` is empty; `str::strip_prefix`
/// returns an `Option`).
pub const EMPTY_ERROR_METHODS: &[(&str, usize)] = &[
    ("lock", 0),
    ("read", 0),
    ("write", 0),
    ("try_lock", 0),
    ("try_read", 0),
    ("try_write", 0),
    ("to_str", 0),
    ("strip_prefix", 1),
];

/// Error types that carry nothing, by the last segment of their path, for types written in a
/// signature (`impl From<mpsc::SendError<T>>`, `-> Result<T, TryFromIntError>`): std's, tokio's,
/// http's and ring's failures whose only content is that they happened (a kind at most).
pub const EMPTY_ERROR_TYPES: &[&str] = &[
    "TryFromIntError",
    "TryFromSliceError",
    "CharTryFromError",
    "ParseIntError",
    "ParseFloatError",
    "ParseBoolError",
    "ParseCharError",
    "AddrParseError",
    "Utf8Error",
    "StripPrefixError",
    "Elapsed",
    "TimeoutError",
    "InvalidHeaderName",
    "InvalidHeaderValue",
    "ToStrError",
    "InvalidDnsNameError",
    "Unspecified",
    "PoisonError",
    "TryLockError",
    "SendError",
    "RecvError",
    "TryRecvError",
    "RecvTimeoutError",
    "Canceled",
    "AccessError",
    "TryFromFloatSecsError",
];

/// Types that [`EMPTY_ERROR_TYPES`] holds, checked on a type written as text: `()` or a path whose
/// last segment is listed (generic arguments ignored: `SendError<Msg>` is a `SendError`).
pub fn is_empty_error_type(ty: &str) -> bool {
    let ty = ty.trim();
    if ty == "()" {
        return true;
    }
    let path = ty.split('<').next().unwrap_or(ty).trim();
    let last = path.rsplit("::").next().unwrap_or(path).trim();
    EMPTY_ERROR_TYPES.contains(&last)
}

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

/// Types that `str::parse` turns text into with an error that only names a kind of malformed
/// (`ParseIntError`, `ParseFloatError`, `ParseBoolError`, `ParseCharError`, `AddrParseError`).
pub const PARSE_EMPTY_TARGETS: &[&str] = &[
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
    "f32",
    "f64",
    "bool",
    "char",
    "NonZeroU8",
    "NonZeroU16",
    "NonZeroU32",
    "NonZeroU64",
    "NonZeroUsize",
    "IpAddr",
    "Ipv4Addr",
    "Ipv6Addr",
    "SocketAddr",
    "SocketAddrV4",
    "SocketAddrV6",
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
    // futures' `UnboundedSender::unbounded_send`: an unbounded channel is never full, so its
    // `TrySendError` only says the receiver is gone.
    "unbounded_send",
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
