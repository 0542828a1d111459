//! Library calls that are evidence for the audit draft's strengths ("request timeouts set",
//! "constant-time comparison of secrets"). The engine counts them in production code
//! (`crate::evidence`); the report states a strength only from these counts.

/// Observation keys, `engine/what`.
pub const CATCH_UNWIND: &str = "engine/catch-unwind";
pub const REQUEST_TIMEOUT: &str = "engine/request-timeout";
pub const HTTP_CLIENT_TIMEOUT: &str = "engine/http-client-timeout";
pub const GRPC_CLIENT_TIMEOUT: &str = "engine/grpc-client-timeout";
pub const CONSTANT_TIME_EQ: &str = "engine/constant-time-eq";
pub const RSA_KEY_STRONG: &str = "engine/rsa-key-2048-plus";
/// An RSA key size below the minimum, or not a literal (nothing can be claimed then).
pub const RSA_KEY_UNPROVEN: &str = "engine/rsa-key-unproven";
pub const SQL_LITERAL_QUERY: &str = "engine/sql-literal-query";
pub const FORBID_UNSAFE: &str = "engine/forbid-unsafe-code";

/// Calls counted wherever they appear, by the full path they resolve to.
pub const CALLS: &[(&str, &str)] = &[
    ("std::panic::catch_unwind", CATCH_UNWIND),
    ("tower_http::timeout::TimeoutLayer::new", REQUEST_TIMEOUT),
    ("tower::timeout::TimeoutLayer::new", REQUEST_TIMEOUT),
    ("constant_time_eq::constant_time_eq", CONSTANT_TIME_EQ),
    ("constant_time_eq::constant_time_eq_16", CONSTANT_TIME_EQ),
    ("constant_time_eq::constant_time_eq_32", CONSTANT_TIME_EQ),
    ("constant_time_eq::constant_time_eq_64", CONSTANT_TIME_EQ),
    (
        "ring::constant_time::verify_slices_are_equal",
        CONSTANT_TIME_EQ,
    ),
    ("openssl::memcmp::eq", CONSTANT_TIME_EQ),
];

/// Methods that compare in constant time when their trait is imported in the file.
pub const CONSTANT_TIME_METHODS: &[(&str, &str)] = &[("subtle::ConstantTimeEq", "ct_eq")];

/// sqlx functions taking SQL text as their first argument: counted when that text is a literal.
pub const SQL_TEXT_FNS: &[&str] = &["sqlx::query", "sqlx::query_as", "sqlx::query_scalar"];

/// Client builders (the call a builder chain starts from) whose `.timeout(..)` or
/// `.connect_timeout(..)` bounds every request made through the client.
pub const CLIENT_BUILDERS: &[(&str, &str)] = &[
    ("reqwest::Client::builder", HTTP_CLIENT_TIMEOUT),
    ("reqwest::ClientBuilder::new", HTTP_CLIENT_TIMEOUT),
    ("reqwest::blocking::Client::builder", HTTP_CLIENT_TIMEOUT),
    ("reqwest::blocking::ClientBuilder::new", HTTP_CLIENT_TIMEOUT),
    (
        "tonic::transport::Endpoint::from_static",
        GRPC_CLIENT_TIMEOUT,
    ),
    (
        "tonic::transport::Endpoint::from_shared",
        GRPC_CLIENT_TIMEOUT,
    ),
    ("tonic::transport::Endpoint::new", GRPC_CLIENT_TIMEOUT),
    (
        "tonic::transport::Channel::from_static",
        GRPC_CLIENT_TIMEOUT,
    ),
    (
        "tonic::transport::Channel::from_shared",
        GRPC_CLIENT_TIMEOUT,
    ),
];
pub const TIMEOUT_METHODS: &[&str] = &["timeout", "connect_timeout"];

/// RSA key generation; the bit size is the second argument.
pub const RSA_KEYGEN: &[&str] = &[
    "rsa::RsaPrivateKey::new",
    "rsa::RsaPrivateKey::new_with_exp",
];
pub const MIN_RSA_BITS: u64 = 2048;

/// What the prefilter must select for these counts (besides `unsafe` and `query`).
pub const LITERALS: &[&str] = &[
    "catch_unwind",
    "TimeoutLayer",
    "constant_time",
    "ct_eq",
    "memcmp",
    "timeout",
    "RsaPrivateKey",
    "forbid",
];
