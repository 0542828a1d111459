//! HTTP clients and their timeouts, for `http-client-without-timeout`.

/// Calls that make a client (or send a request) with no timeout at all: reqwest's async client
/// has none by default. (`reqwest::blocking` defaults to 30 seconds and is not listed.)
pub const NO_TIMEOUT_CONSTRUCTORS: &[&[&str]] = &[
    &["reqwest", "Client", "new"],
    &["reqwest", "Client", "default"],
    &["reqwest", "get"],
];

/// Calls that start a client builder; the chain that ends in `.build()` must set a timeout.
pub const BUILDERS: &[&[&str]] = &[
    &["reqwest", "Client", "builder"],
    &["reqwest", "ClientBuilder", "new"],
];

/// Builder methods that bound how long a request may wait.
pub const TIMEOUT_METHODS: &[&str] = &["timeout", "connect_timeout", "read_timeout"];
