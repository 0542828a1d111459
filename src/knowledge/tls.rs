//! TLS verification for `tls-verification-disabled` on the taint engine (`crate::taint`): the
//! values that turn verification off, the calls they decide, where a flag's value is read from,
//! and the verifiers known to check the chain. The `danger_accept_invalid_*` flag sinks are in
//! [`crate::knowledge::taint::SINK_METHODS`] with the other sinks.

use super::taint::{Family, SourceFn};

/// What the engine calls a literal `true` reaching a flag (the `what` of its source).
pub const TRUE: &str = "`true`";

/// What the engine calls a verify callback that returns `true` for every certificate.
pub const ACCEPT_ALL_CALLBACK: &str = "a verify callback that returns `true` for every certificate";

/// Constants that mean "verify nothing" (openssl and openssl-sys), by resolved path. A name the
/// file does not import (a glob) is matched by its last two segments.
pub const VERIFY_OFF: &[&str] = &[
    "openssl::ssl::SslVerifyMode::NONE",
    "openssl::ssl::verify::SslVerifyMode::NONE",
    "openssl_sys::SSL_VERIFY_NONE",
    // openssl 0.9 and older: the modes were constants of the module.
    "openssl::ssl::SSL_VERIFY_NONE",
];

/// Calls that make a verify mode with no bit set, which is `NONE` (openssl's `SslVerifyMode` is
/// a set of flags, and `NONE` is the empty set), by resolved path. Unimported, matched by the
/// last two segments as [`VERIFY_OFF`] is.
pub const VERIFY_OFF_FNS: &[&str] = &[
    "openssl::ssl::SslVerifyMode::empty",
    "openssl::ssl::verify::SslVerifyMode::empty",
];

/// Methods whose argument at the index is a verify mode (openssl's `SslVerifyMode`): only a
/// verify-off constant is dangerous there, not any `true`.
pub const MODE_METHODS: &[(&str, usize)] = &[("set_verify", 0), ("set_verify_callback", 0)];

/// Fns whose argument at the index is a verify mode (openssl-sys).
pub const MODE_FNS: &[(&str, usize)] = &[
    ("openssl_sys::SSL_CTX_set_verify", 1),
    ("openssl_sys::SSL_set_verify", 1),
];

/// Methods whose argument at the index is a verify callback: one returning `true` without looking
/// accepts every certificate.
pub const CALLBACK_METHODS: &[(&str, usize)] = &[("set_verify_callback", 1)];

/// Where a flag may be read from besides the engine's sources (command line, requests): the
/// environment. It is not a source of the text rules (see `SOURCE_FNS`); for a flag it is how a
/// deployment switches verification off, which an auditor wants to see (medium).
#[rustfmt::skip]
pub const FLAG_SOURCE_FNS: &[SourceFn] = &[
    SourceFn { path: "std::env::var", family: Family::Configuration, what: "the environment" },
    SourceFn { path: "std::env::var_os", family: Family::Configuration, what: "the environment" },
];

/// What a field of a configuration struct is called as a flag's source.
pub const CONFIG_FIELD: &str = "a field of a deserialised configuration";

/// Derives that make a struct a configuration read from outside (a file, the environment).
pub const DESERIALISE_DERIVES: &[&str] = &["Deserialize", "Parser", "Args", "StructOpt"];

/// rustls' server verifier trait, its method, and the value it returns for a certificate it
/// accepts (`ServerCertVerified::assertion()`): a `verify_server_cert` that only returns that
/// accepts every certificate.
pub const VERIFIER_TRAIT: &str = "ServerCertVerifier";
pub const VERIFY_METHOD: &str = "verify_server_cert";
pub const ACCEPTED: (&str, &str) = ("ServerCertVerified", "assertion");

/// Verifiers that check the chain (rustls' own WebPKI verifier, the platform verifier).
pub const KNOWN_VERIFIERS: &[&str] = &[
    "rustls::client::WebPkiServerVerifier",
    "WebPkiServerVerifier",
    "rustls_platform_verifier::Verifier",
];

/// The names of the TLS checks the taint engine knows, as the code writes them: its TLS sink
/// methods, the verify-mode methods and fns, the callback methods.
pub fn check_names() -> impl Iterator<Item = &'static str> {
    super::taint::SINK_METHODS
        .iter()
        .filter(|s| s.kind == super::taint::SinkKind::Tls)
        .map(|s| s.method)
        .chain(MODE_METHODS.iter().map(|&(m, _)| m))
        .chain(CALLBACK_METHODS.iter().map(|&(m, _)| m))
        .chain(
            MODE_FNS
                .iter()
                .map(|&(path, _)| path.rsplit("::").next().unwrap_or(path)),
        )
}
