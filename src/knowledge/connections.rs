//! Connection types: a task that owns one serves one peer. `detached-spawn` stays quiet on a
//! task spawned per accepted connection: its failure ends that connection alone, which the peer
//! sees, and the accept loop goes on.
//!
//! To add an entry: the type's last path segment, as written in a parameter's type.

/// Types of one accepted connection (last path segment).
pub const CONNECTION_TYPES: &[&str] = &[
    "TcpStream",
    "UnixStream",
    "TlsStream",
    "TokioIo",
    "Upgraded",
    "WebSocket",
    "WebSocketStream",
    // axum's `<L as Listener>::Io`: the associated type `Listener::Io` of a listener.
    "Io",
];

/// Trait pairs whose bounds on a generic parameter make it a connection's byte stream.
pub const CONNECTION_BOUNDS: &[(&str, &str)] = &[("AsyncRead", "AsyncWrite"), ("Read", "Write")];

/// Methods that return a newly accepted connection (`listener.accept().await`,
/// `tls_acceptor.accept(stream)`).
pub const ACCEPT_METHODS: &[&str] = &["accept"];
