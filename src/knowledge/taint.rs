//! Untrusted sources, dangerous sinks and sanitizers for the taint engine (`crate::taint`).
//!
//! Every path here is the full path a call or type resolves to through the file's `use` map
//! (`Ctx::resolve`): `use axum::extract::Query; Query(q): Query<P>` is `axum::extract::Query`.
//! Adding a library is adding a line.

/// Where untrusted data comes from, which decides how severe a flow is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    /// An HTTP/gRPC request: anyone who can reach the service controls it.
    WebRequest,
    /// Bytes from a socket, an HTTP response, a message queue: another system controls it.
    Network,
    /// Command-line arguments and standard input (and the environment, when the configuration
    /// says so: [`ENVIRONMENT_SOURCE_FNS`]): whoever runs the program controls it.
    Local,
    /// Strings handed over by a foreign caller through an `extern "C"` fn.
    Foreign,
    /// The environment and deserialised configuration: whoever deploys the program controls it.
    /// A source of TLS flags only (`crate::knowledge::tls`).
    Configuration,
    /// The program's own value that turns a check off (`true`, `SslVerifyMode::NONE`): a source
    /// of TLS flags only.
    Literal,
    /// A request body read whole, which the settings named here may bound
    /// (`crate::knowledge::body_limits`): a source of deserialisers only
    /// ([`SinkKind::Deserialise`]).
    RequestBody(crate::knowledge::body_limits::BoundedBy),
}

impl Family {
    /// Remote families reach a service from outside; local ones come from its operator.
    pub fn is_remote(self) -> bool {
        matches!(
            self,
            Family::WebRequest | Family::Network | Family::RequestBody(_)
        )
    }
}

/// The dangerous operations, one per rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SinkKind {
    Sql,
    Command,
    Path,
    Ssrf,
    Regex,
    Allocation,
    /// A value deciding TLS verification (`danger_accept_invalid_certs`/`_hostnames`, openssl's
    /// verify mode and callback): for `tls-verification-disabled`, whose sources are a `true` or
    /// a verify-off constant, the environment, configuration and the engine's own sources.
    Tls,
    /// A deserialiser (`serde_json::from_slice`) given a request body read whole: for
    /// `uncontrolled-allocation`, whose sources for it are the bodies of
    /// `crate::knowledge::body_limits` only ([`Family::RequestBody`]).
    Deserialise,
}

impl SinkKind {
    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// Every text sink (all but `Allocation` and `Tls`).
pub const TEXT_SINKS: &[SinkKind] = &[
    SinkKind::Sql,
    SinkKind::Command,
    SinkKind::Path,
    SinkKind::Ssrf,
    SinkKind::Regex,
];

/// A type whose value, as a fn parameter, is untrusted input (web framework extractors).
pub struct SourceType {
    pub path: &'static str,
    pub family: Family,
    pub what: &'static str,
    /// Request objects: only these accessors return untrusted data (`req.query_string()`); the
    /// rest (`req.app_data()`) is the server's own. Empty: the value itself is the input.
    pub accessors: &'static [&'static str],
}

const ACTIX_REQUEST: &[&str] = &[
    "match_info",
    "query_string",
    "headers",
    "uri",
    "path",
    "cookie",
    "cookies",
    "connection_info",
    "full_url",
];
const SALVO_REQUEST: &[&str] = &[
    "param",
    "query",
    "form",
    "header",
    "headers",
    "uri",
    "parse_json",
    "parse_form",
    "parse_body",
    "parse_queries",
    "parse_params",
    "payload",
    "cookie",
];
const TONIC_REQUEST: &[&str] = &["into_inner", "get_ref", "get_mut", "metadata"];
const HEADERS: &[&str] = &["get", "get_all", "iter", "values", "keys"];
/// An `http::Request` received by a hyper service (or a tower/axum handler taking the whole
/// request): its URI, headers and body are the client's; its method, extensions and version
/// are parsed or the server's own.
const HTTP_REQUEST: &[&str] = &[
    "uri",
    "headers",
    "body",
    "body_mut",
    "into_body",
    "into_parts",
];
/// axum's and multer's `Field` (`file_name`, `name`, `text`, `bytes`, `chunk`), actix-multipart's
/// (`content_disposition()` then `get_filename()`/`get_name()`).
const MULTIPART_FIELD: &[&str] = &[
    "file_name",
    "name",
    "text",
    "bytes",
    "chunk",
    "content_type",
    "headers",
    "content_disposition",
];
const RDKAFKA_MESSAGE: &[&str] = &["payload", "payload_view", "key", "key_view", "headers"];

#[rustfmt::skip]
pub const SOURCE_TYPES: &[SourceType] = &[
    // axum
    SourceType { path: "axum::extract::Path", family: Family::WebRequest, what: "the request path", accessors: &[] },
    SourceType { path: "axum::extract::Query", family: Family::WebRequest, what: "the request query", accessors: &[] },
    SourceType { path: "axum::extract::Json", family: Family::WebRequest, what: "the request body", accessors: &[] },
    SourceType { path: "axum::Json", family: Family::WebRequest, what: "the request body", accessors: &[] },
    SourceType { path: "axum::extract::Form", family: Family::WebRequest, what: "the request form", accessors: &[] },
    SourceType { path: "axum::Form", family: Family::WebRequest, what: "the request form", accessors: &[] },
    SourceType { path: "axum::extract::RawQuery", family: Family::WebRequest, what: "the raw request query", accessors: &[] },
    SourceType { path: "axum::extract::Multipart", family: Family::WebRequest, what: "the multipart request body", accessors: &[] },
    SourceType { path: "axum::extract::RawForm", family: Family::WebRequest, what: "the raw request form", accessors: &[] },
    SourceType { path: "axum::TypedHeader", family: Family::WebRequest, what: "a request header", accessors: &[] },
    SourceType { path: "axum_extra::TypedHeader", family: Family::WebRequest, what: "a request header", accessors: &[] },
    SourceType { path: "axum_extra::extract::Query", family: Family::WebRequest, what: "the request query", accessors: &[] },
    SourceType { path: "axum_extra::extract::Form", family: Family::WebRequest, what: "the request form", accessors: &[] },
    SourceType { path: "axum::http::HeaderMap", family: Family::WebRequest, what: "the request headers", accessors: HEADERS },
    SourceType { path: "http::HeaderMap", family: Family::WebRequest, what: "the request headers", accessors: HEADERS },
    // actix-web
    SourceType { path: "actix_web::web::Path", family: Family::WebRequest, what: "the request path", accessors: &[] },
    SourceType { path: "actix_web::web::Query", family: Family::WebRequest, what: "the request query", accessors: &[] },
    SourceType { path: "actix_web::web::Json", family: Family::WebRequest, what: "the request body", accessors: &[] },
    SourceType { path: "actix_web::web::Form", family: Family::WebRequest, what: "the request form", accessors: &[] },
    SourceType { path: "actix_web::web::Bytes", family: Family::WebRequest, what: "the request body", accessors: &[] },
    SourceType { path: "actix_web::HttpRequest", family: Family::WebRequest, what: "the request", accessors: ACTIX_REQUEST },
    // poem
    SourceType { path: "poem::web::Path", family: Family::WebRequest, what: "the request path", accessors: &[] },
    SourceType { path: "poem::web::Query", family: Family::WebRequest, what: "the request query", accessors: &[] },
    SourceType { path: "poem::web::Json", family: Family::WebRequest, what: "the request body", accessors: &[] },
    SourceType { path: "poem::web::Form", family: Family::WebRequest, what: "the request form", accessors: &[] },
    // salvo
    SourceType { path: "salvo::Request", family: Family::WebRequest, what: "the request", accessors: SALVO_REQUEST },
    SourceType { path: "salvo::prelude::Request", family: Family::WebRequest, what: "the request", accessors: SALVO_REQUEST },
    // hyper services, and handlers that take the whole `http::Request` (axum re-exports it)
    SourceType { path: "hyper::Request", family: Family::WebRequest, what: "the request", accessors: HTTP_REQUEST },
    SourceType { path: "http::Request", family: Family::WebRequest, what: "the request", accessors: HTTP_REQUEST },
    SourceType { path: "axum::extract::Request", family: Family::WebRequest, what: "the request", accessors: HTTP_REQUEST },
    SourceType { path: "axum::http::Request", family: Family::WebRequest, what: "the request", accessors: HTTP_REQUEST },
    // tonic
    SourceType { path: "tonic::Request", family: Family::WebRequest, what: "the gRPC request", accessors: TONIC_REQUEST },
    // message queues
    SourceType { path: "rdkafka::message::BorrowedMessage", family: Family::Network, what: "a Kafka message", accessors: RDKAFKA_MESSAGE },
    SourceType { path: "rdkafka::message::OwnedMessage", family: Family::Network, what: "a Kafka message", accessors: RDKAFKA_MESSAGE },
    SourceType { path: "lapin::message::Delivery", family: Family::Network, what: "an AMQP delivery", accessors: &[] },
    // sockets
    SourceType { path: "std::net::TcpStream", family: Family::Network, what: "a TCP socket", accessors: &[] },
    SourceType { path: "tokio::net::TcpStream", family: Family::Network, what: "a TCP socket", accessors: &[] },
    SourceType { path: "std::os::unix::net::UnixStream", family: Family::Network, what: "a Unix socket", accessors: &[] },
    SourceType { path: "tokio::net::UnixStream", family: Family::Network, what: "a Unix socket", accessors: &[] },
    // datagram sockets: what `recv`/`recv_from` put into the buffer
    SourceType { path: "std::net::UdpSocket", family: Family::Network, what: "a UDP socket", accessors: &[] },
    SourceType { path: "tokio::net::UdpSocket", family: Family::Network, what: "a UDP socket", accessors: &[] },
    SourceType { path: "std::os::unix::net::UnixDatagram", family: Family::Network, what: "a Unix datagram socket", accessors: &[] },
    SourceType { path: "tokio::net::UnixDatagram", family: Family::Network, what: "a Unix datagram socket", accessors: &[] },
    // multipart upload fields handed to a helper: the client's field name, file name, content
    // type and data (`Path::file_name` cleans a path; a field's `file_name()` is the client's).
    SourceType { path: "axum::extract::multipart::Field", family: Family::WebRequest, what: "a multipart upload field", accessors: MULTIPART_FIELD },
    SourceType { path: "multer::Field", family: Family::WebRequest, what: "a multipart upload field", accessors: MULTIPART_FIELD },
    SourceType { path: "actix_multipart::Field", family: Family::WebRequest, what: "a multipart upload field", accessors: MULTIPART_FIELD },
    // message queues, whole messages
    SourceType { path: "pgmq::Message", family: Family::Network, what: "a pgmq message", accessors: &[] },
];

/// The part of [`SOURCE_LITERALS`] that names a service's remote input (web frameworks, gRPC,
/// message queues): only files naming one of these have their callees in other files summarised
/// (`crate::taint::summary`). Summarising for every file that reads `std::env` or opens a socket
/// parsed most of a library corpus a second time.
pub const SERVICE_LITERALS: &[&str] = &[
    "axum",
    "actix",
    // Paths, not words: `poem` is in windows-sys `lpoemname`, `tonic` in `monotonic`.
    "poem::",
    "salvo",
    "tonic::",
    "rocket",
    "warp::",
    "hyper",
    "Request<",
    "rdkafka",
    "lapin",
    "pgmq",
    "basic_consume",
];

/// A call whose result is untrusted input.
pub struct SourceFn {
    pub path: &'static str,
    pub family: Family,
    pub what: &'static str,
}

/// `std::env::var` is absent by default: the environment is set by whoever deploys the
/// service, as trusted as its config files, and counting it drowned real flows in deployment
/// settings (see the rule pages). `[taint] environment-is-input = true` adds
/// [`ENVIRONMENT_SOURCE_FNS`].
#[rustfmt::skip]
pub const SOURCE_FNS: &[SourceFn] = &[
    SourceFn { path: "std::env::args", family: Family::Local, what: "a command-line argument" },
    SourceFn { path: "std::env::args_os", family: Family::Local, what: "a command-line argument" },
    SourceFn { path: "std::io::stdin", family: Family::Local, what: "standard input" },
    SourceFn { path: "tokio::io::stdin", family: Family::Local, what: "standard input" },
    SourceFn { path: "reqwest::get", family: Family::Network, what: "an HTTP response" },
    SourceFn { path: "reqwest::blocking::get", family: Family::Network, what: "an HTTP response" },
    // ureq and surf requests: what `.call()`/`.recv_string()` give back is the response.
    SourceFn { path: "ureq::get", family: Family::Network, what: "an HTTP response" },
    SourceFn { path: "ureq::post", family: Family::Network, what: "an HTTP response" },
    SourceFn { path: "ureq::put", family: Family::Network, what: "an HTTP response" },
    SourceFn { path: "ureq::request", family: Family::Network, what: "an HTTP response" },
    SourceFn { path: "surf::get", family: Family::Network, what: "an HTTP response" },
    SourceFn { path: "surf::post", family: Family::Network, what: "an HTTP response" },
    SourceFn { path: "surf::put", family: Family::Network, what: "an HTTP response" },
    // hyper bodies (a client's response, or a server's request read by hand)
    SourceFn { path: "hyper::body::to_bytes", family: Family::Network, what: "an HTTP body" },
    SourceFn { path: "hyper::body::aggregate", family: Family::Network, what: "an HTTP body" },
    // sockets opened here: what is read from them
    SourceFn { path: "std::net::TcpStream::connect", family: Family::Network, what: "a TCP socket" },
    SourceFn { path: "tokio::net::TcpStream::connect", family: Family::Network, what: "a TCP socket" },
    SourceFn { path: "std::os::unix::net::UnixStream::connect", family: Family::Network, what: "a Unix socket" },
    SourceFn { path: "tokio::net::UnixStream::connect", family: Family::Network, what: "a Unix socket" },
    SourceFn { path: "std::net::UdpSocket::bind", family: Family::Network, what: "a UDP socket" },
    SourceFn { path: "tokio::net::UdpSocket::bind", family: Family::Network, what: "a UDP socket" },
    SourceFn { path: "std::os::unix::net::UnixDatagram::bind", family: Family::Network, what: "a Unix datagram socket" },
    SourceFn { path: "tokio::net::UnixDatagram::bind", family: Family::Network, what: "a Unix datagram socket" },
    // warp filters: the values they extract reach the handler's closure or fn parameters
    SourceFn { path: "warp::path::param", family: Family::WebRequest, what: "a request path segment" },
    SourceFn { path: "warp::path::tail", family: Family::WebRequest, what: "the request path" },
    SourceFn { path: "warp::path::full", family: Family::WebRequest, what: "the request path" },
    SourceFn { path: "warp::query", family: Family::WebRequest, what: "the request query" },
    SourceFn { path: "warp::query::query", family: Family::WebRequest, what: "the request query" },
    SourceFn { path: "warp::query::raw", family: Family::WebRequest, what: "the raw request query" },
    SourceFn { path: "warp::body::json", family: Family::WebRequest, what: "the request body" },
    SourceFn { path: "warp::body::form", family: Family::WebRequest, what: "the request form" },
    SourceFn { path: "warp::body::bytes", family: Family::WebRequest, what: "the request body" },
    SourceFn { path: "warp::header", family: Family::WebRequest, what: "a request header" },
    SourceFn { path: "warp::header::header", family: Family::WebRequest, what: "a request header" },
    SourceFn { path: "warp::header::headers_cloned", family: Family::WebRequest, what: "the request headers" },
    SourceFn { path: "warp::filters::path::param", family: Family::WebRequest, what: "a request path segment" },
    SourceFn { path: "warp::filters::query::query", family: Family::WebRequest, what: "the request query" },
    SourceFn { path: "warp::filters::body::json", family: Family::WebRequest, what: "the request body" },
    SourceFn { path: "std::ffi::CStr::from_ptr", family: Family::Foreign, what: "a C string from a foreign caller" },
];

/// The environment as input, for a program whose environment is set by whoever runs it (a CLI
/// tool, a CGI-style handler): sources only with `[taint] environment-is-input = true` in
/// `ferret.toml` (`ScanOptions::environment_is_input`), of the local family.
#[rustfmt::skip]
pub const ENVIRONMENT_SOURCE_FNS: &[SourceFn] = &[
    SourceFn { path: "std::env::var", family: Family::Local, what: "the environment" },
    SourceFn { path: "std::env::var_os", family: Family::Local, what: "the environment" },
    SourceFn { path: "std::env::vars", family: Family::Local, what: "the environment" },
    SourceFn { path: "std::env::vars_os", family: Family::Local, what: "the environment" },
];

/// A method whose result is untrusted, on a receiver of one of these types: archive entries,
/// whose names the archive's author chose (zip-slip).
pub struct SourceMethod {
    /// Empty: any receiver (names no other library uses, `basic_consume`).
    pub receivers: &'static [&'static str],
    pub method: &'static str,
    pub family: Family,
    pub what: &'static str,
    /// As for [`SourceType`]: the accessors that give the untrusted part.
    pub accessors: &'static [&'static str],
}

#[rustfmt::skip]
pub const SOURCE_METHODS: &[SourceMethod] = &[
    SourceMethod { receivers: &["zip::ZipArchive", "zip::read::ZipArchive"], method: "by_index", family: Family::Network, what: "an archive entry's name", accessors: &["name", "enclosed_name", "mangled_name"] },
    SourceMethod { receivers: &["zip::ZipArchive", "zip::read::ZipArchive"], method: "by_name", family: Family::Network, what: "an archive entry's name", accessors: &["name", "enclosed_name", "mangled_name"] },
    SourceMethod { receivers: &["tar::Archive"], method: "entries", family: Family::Network, what: "an archive entry's name", accessors: &["path", "path_bytes", "link_name"] },
    // accepted connections: what is read from them
    SourceMethod { receivers: LISTENERS, method: "accept", family: Family::Network, what: "an accepted connection", accessors: &[] },
    SourceMethod { receivers: LISTENERS, method: "incoming", family: Family::Network, what: "an accepted connection", accessors: &[] },
    // responses of a typed HTTP client
    SourceMethod { receivers: &["reqwest::Client", "reqwest::blocking::Client"], method: "send", family: Family::Network, what: "an HTTP response", accessors: &[] },
    SourceMethod { receivers: &["ureq::Agent"], method: "call", family: Family::Network, what: "an HTTP response", accessors: &[] },
    // message queues
    SourceMethod { receivers: &[], method: "basic_consume", family: Family::Network, what: "an AMQP delivery", accessors: &[] },
    SourceMethod { receivers: &[], method: "basic_get", family: Family::Network, what: "an AMQP delivery", accessors: &[] },
    SourceMethod { receivers: KAFKA_CONSUMERS, method: "recv", family: Family::Network, what: "a Kafka message", accessors: RDKAFKA_MESSAGE },
    SourceMethod { receivers: KAFKA_CONSUMERS, method: "poll", family: Family::Network, what: "a Kafka message", accessors: RDKAFKA_MESSAGE },
    SourceMethod { receivers: PGMQ_QUEUES, method: "read", family: Family::Network, what: "a pgmq message", accessors: &[] },
    SourceMethod { receivers: PGMQ_QUEUES, method: "read_batch", family: Family::Network, what: "a pgmq message", accessors: &[] },
    SourceMethod { receivers: PGMQ_QUEUES, method: "pop", family: Family::Network, what: "a pgmq message", accessors: &[] },
];

const LISTENERS: &[&str] = &[
    "std::net::TcpListener",
    "tokio::net::TcpListener",
    "std::os::unix::net::UnixListener",
    "tokio::net::UnixListener",
];
const KAFKA_CONSUMERS: &[&str] = &[
    "rdkafka::consumer::StreamConsumer",
    "rdkafka::consumer::BaseConsumer",
];
const PGMQ_QUEUES: &[&str] = &["pgmq::PGMQueue", "pgmq::PGMQueueExt"];

/// `body.collect()` of http-body-util's `BodyExt` on an HTTP body (`resp.into_body()`): the
/// trait the file must import, and the methods that give the body.
pub const BODY_COLLECT_TRAIT: &str = "http_body_util::BodyExt";
pub const BODY_METHODS: &[&str] = &["into_body", "body_mut", "body"];

/// Literals whose absence from a file proves it has no source: the taint rules' prefilter.
/// `hyper` is not one: a hyper or `http` request is a source only as a `Request<..>` parameter
/// (or alias), and hyper's body readers are named by `body::to_bytes`/`BodyExt`; the word alone
/// selected about a hundred files of the HTTP libraries in a corpus for the engine.
pub const SOURCE_LITERALS: &[&str] = &[
    "axum",
    "actix",
    // Paths, not words (see SERVICE_LITERALS).
    "poem::",
    "salvo",
    "tonic::",
    "rocket",
    "Request<",
    "rdkafka",
    "lapin",
    "TcpStream",
    "env::args",
    "args_os",
    "reqwest",
    // `CStr::from_ptr` under an alias (`use std::ffi::CStr as C;`); as written, it is in
    // [`SOURCE_PATTERN`].
    "CStr as",
    "warp::",
    "ureq",
    "surf::",
    "body::to_bytes",
    "body::aggregate",
    "BodyExt",
    "UnixStream",
    "UdpSocket",
    "UnixDatagram",
    "multer",
    "TcpListener",
    "UnixListener",
    "basic_consume",
    "basic_get",
    "pgmq",
];

/// The sources whose words alone say too little, as the calls they are: `std::io::stdin()` (not
/// `Command::stdin(cfg)`), `CStr::from_ptr` (not every `CStr::from_bytes_with_nul`), and
/// `std::env::args` brought in by a group or glob import (`use std::env::{args, var};`; every
/// other spelling says `env::args`). The words `stdin`, `CStr::` and `std::env` selected about 5
/// MB of a library corpus for the engine, mostly files with no source at all.
pub const SOURCE_PATTERN: &str = r"(?-u:\b)stdin\s*(?:\(\s*\)|as(?-u:\b))|CStr::from_ptr|std::env::\*|(?-u:\b)env::\{[^;]*(?-u:\b)args(?-u:\b)";

/// With `[taint] environment-is-input = true`, a file reading the environment names a source:
/// `std::env::var`, `env::var`, `use std::env::{var, vars};`.
pub const ENVIRONMENT_SOURCE_LITERALS: &[&str] = &["std::env", "env::var"];

/// A call that is dangerous when its argument at one of `args` is untrusted.
pub struct SinkFn {
    pub path: &'static str,
    pub kind: SinkKind,
    pub args: &'static [usize],
}

#[rustfmt::skip]
pub const SINK_FNS: &[SinkFn] = &[
    // SQL text executed or prepared
    SinkFn { path: "sqlx::query", kind: SinkKind::Sql, args: &[0] },
    SinkFn { path: "sqlx::query_as", kind: SinkKind::Sql, args: &[0] },
    SinkFn { path: "sqlx::query_scalar", kind: SinkKind::Sql, args: &[0] },
    SinkFn { path: "sqlx::query_with", kind: SinkKind::Sql, args: &[0] },
    SinkFn { path: "sqlx::query_as_with", kind: SinkKind::Sql, args: &[0] },
    SinkFn { path: "sqlx::query_scalar_with", kind: SinkKind::Sql, args: &[0] },
    SinkFn { path: "sqlx::raw_sql", kind: SinkKind::Sql, args: &[0] },
    // `Executor` methods written as paths: the executor first, the SQL text second.
    SinkFn { path: "sqlx::Executor::execute", kind: SinkKind::Sql, args: &[1] },
    SinkFn { path: "sqlx::Executor::execute_many", kind: SinkKind::Sql, args: &[1] },
    SinkFn { path: "sqlx::Executor::fetch", kind: SinkKind::Sql, args: &[1] },
    SinkFn { path: "sqlx::Executor::fetch_all", kind: SinkKind::Sql, args: &[1] },
    SinkFn { path: "sqlx::Executor::fetch_one", kind: SinkKind::Sql, args: &[1] },
    SinkFn { path: "sqlx::Executor::fetch_optional", kind: SinkKind::Sql, args: &[1] },
    SinkFn { path: "sqlx::Executor::fetch_many", kind: SinkKind::Sql, args: &[1] },
    SinkFn { path: "diesel::sql_query", kind: SinkKind::Sql, args: &[0] },
    SinkFn { path: "diesel::dsl::sql", kind: SinkKind::Sql, args: &[0] },
    SinkFn { path: "sea_orm::Statement::from_string", kind: SinkKind::Sql, args: &[1] },
    SinkFn { path: "sea_orm::Statement::from_sql_and_values", kind: SinkKind::Sql, args: &[1] },
    // processes
    SinkFn { path: "std::process::Command::new", kind: SinkKind::Command, args: &[0] },
    SinkFn { path: "tokio::process::Command::new", kind: SinkKind::Command, args: &[0] },
    // file system
    SinkFn { path: "std::fs::read", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "std::fs::read_to_string", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "std::fs::read_dir", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "std::fs::write", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "std::fs::remove_file", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "std::fs::remove_dir", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "std::fs::remove_dir_all", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "std::fs::create_dir", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "std::fs::create_dir_all", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "std::fs::copy", kind: SinkKind::Path, args: &[0, 1] },
    SinkFn { path: "std::fs::rename", kind: SinkKind::Path, args: &[0, 1] },
    SinkFn { path: "std::fs::metadata", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "std::fs::File::open", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "std::fs::File::create", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "tokio::fs::read", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "tokio::fs::read_to_string", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "tokio::fs::read_dir", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "tokio::fs::write", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "tokio::fs::remove_file", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "tokio::fs::remove_dir_all", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "tokio::fs::create_dir_all", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "tokio::fs::copy", kind: SinkKind::Path, args: &[0, 1] },
    SinkFn { path: "tokio::fs::rename", kind: SinkKind::Path, args: &[0, 1] },
    SinkFn { path: "tokio::fs::File::open", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "tokio::fs::File::create", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "tower_http::services::ServeDir::new", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "tower_http::services::ServeFile::new", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "actix_files::NamedFile::open", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "actix_files::NamedFile::open_async", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "rocket::fs::NamedFile::open", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "rocket::response::NamedFile::open", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "warp::fs::file", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "warp::fs::dir", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "warp::filters::fs::file", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "warp::filters::fs::dir", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "tower_http::services::fs::ServeDir::new", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "tower_http::services::fs::ServeFile::new", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "tokio::fs::metadata", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "tokio::fs::remove_dir", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "tokio::fs::create_dir", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "async_std::fs::read", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "async_std::fs::read_to_string", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "async_std::fs::read_dir", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "async_std::fs::write", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "async_std::fs::remove_file", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "async_std::fs::remove_dir_all", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "async_std::fs::create_dir_all", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "async_std::fs::copy", kind: SinkKind::Path, args: &[0, 1] },
    SinkFn { path: "async_std::fs::rename", kind: SinkKind::Path, args: &[0, 1] },
    SinkFn { path: "async_std::fs::File::open", kind: SinkKind::Path, args: &[0] },
    SinkFn { path: "async_std::fs::File::create", kind: SinkKind::Path, args: &[0] },
    // outgoing requests
    SinkFn { path: "reqwest::get", kind: SinkKind::Ssrf, args: &[0] },
    SinkFn { path: "reqwest::blocking::get", kind: SinkKind::Ssrf, args: &[0] },
    SinkFn { path: "ureq::get", kind: SinkKind::Ssrf, args: &[0] },
    SinkFn { path: "ureq::post", kind: SinkKind::Ssrf, args: &[0] },
    SinkFn { path: "ureq::put", kind: SinkKind::Ssrf, args: &[0] },
    SinkFn { path: "ureq::delete", kind: SinkKind::Ssrf, args: &[0] },
    SinkFn { path: "ureq::request", kind: SinkKind::Ssrf, args: &[1] },
    SinkFn { path: "surf::get", kind: SinkKind::Ssrf, args: &[0] },
    SinkFn { path: "surf::post", kind: SinkKind::Ssrf, args: &[0] },
    SinkFn { path: "surf::put", kind: SinkKind::Ssrf, args: &[0] },
    // regular expressions
    SinkFn { path: "regex::Regex::new", kind: SinkKind::Regex, args: &[0] },
    SinkFn { path: "regex::bytes::Regex::new", kind: SinkKind::Regex, args: &[0] },
    SinkFn { path: "regex::RegexBuilder::new", kind: SinkKind::Regex, args: &[0] },
    SinkFn { path: "regex::bytes::RegexBuilder::new", kind: SinkKind::Regex, args: &[0] },
    SinkFn { path: "fancy_regex::Regex::new", kind: SinkKind::Regex, args: &[0] },
    // allocations sized by a number (prelude names resolve to themselves)
    SinkFn { path: "Vec::with_capacity", kind: SinkKind::Allocation, args: &[0] },
    SinkFn { path: "std::vec::Vec::with_capacity", kind: SinkKind::Allocation, args: &[0] },
    SinkFn { path: "String::with_capacity", kind: SinkKind::Allocation, args: &[0] },
    SinkFn { path: "std::string::String::with_capacity", kind: SinkKind::Allocation, args: &[0] },
    SinkFn { path: "bytes::BytesMut::with_capacity", kind: SinkKind::Allocation, args: &[0] },
    SinkFn { path: "std::collections::HashMap::with_capacity", kind: SinkKind::Allocation, args: &[0] },
    SinkFn { path: "std::collections::VecDeque::with_capacity", kind: SinkKind::Allocation, args: &[0] },
    // deserialisers building a value of any size from a body read whole
    SinkFn { path: "serde_json::from_slice", kind: SinkKind::Deserialise, args: &[0] },
    SinkFn { path: "serde_json::from_str", kind: SinkKind::Deserialise, args: &[0] },
    SinkFn { path: "serde_json::from_reader", kind: SinkKind::Deserialise, args: &[0] },
    SinkFn { path: "simd_json::from_slice", kind: SinkKind::Deserialise, args: &[0] },
    SinkFn { path: "simd_json::serde::from_slice", kind: SinkKind::Deserialise, args: &[0] },
    SinkFn { path: "simd_json::to_owned_value", kind: SinkKind::Deserialise, args: &[0] },
    SinkFn { path: "simd_json::to_borrowed_value", kind: SinkKind::Deserialise, args: &[0] },
];

// `http::Request::builder().uri(..)` is not a sink: servers build the same requests from the
// incoming one (dav-server's actix adapter), and only sending one makes it a request forgery.

/// A method that is dangerous when its argument at one of `args` is untrusted. With
/// `receivers`, only on a value of one of these types (as far as the engine knows the type:
/// a typed binding, a parameter, a `Type::new()` builder chain); without, on any receiver.
/// With `traits`, only in a file that brings one of these traits into scope (a trait's method
/// called as a method needs it: `use sqlx::Executor;`, `use sqlx::Executor as _;`, a glob).
pub struct SinkMethod {
    pub method: &'static str,
    pub kind: SinkKind,
    pub args: &'static [usize],
    pub receivers: &'static [&'static str],
    pub traits: &'static [&'static str],
}

const COMMAND: &[&str] = &["std::process::Command", "tokio::process::Command"];
const HTTP_CLIENT: &[&str] = &[
    "reqwest::Client",
    "reqwest::blocking::Client",
    // reqwest-middleware's wrapper: the same request methods.
    "reqwest_middleware::ClientWithMiddleware",
    "ureq::Agent",
];
/// hyper's client (0.14) and hyper-util's legacy one (hyper 1): `get(uri)` and `request(req)`
/// take the URI or the whole request as their first argument.
const HYPER_CLIENT: &[&str] = &[
    "hyper::Client",
    "hyper::client::Client",
    "hyper_util::client::legacy::Client",
];
const OPEN_OPTIONS: &[&str] = &[
    "std::fs::OpenOptions",
    "tokio::fs::OpenOptions",
    "async_std::fs::OpenOptions",
];
/// sqlx's `Executor` trait, as a file brings it into scope (directly or through the prelude).
const SQLX_EXECUTOR: &[&str] = &["sqlx::Executor", "sqlx::prelude::Executor"];

/// sqlx query builders: their `execute`/`fetch*` methods take the executor, not SQL text
/// (`sqlx::query(&sql).fetch_one(&pool)`); the text went to the builder fn, a sink of its own.
/// `build`-like methods of `QueryBuilder` give such a builder too ([`SQL_BUILDER_METHODS`]).
pub const SQL_BUILDER_FNS: &[&str] = &[
    "sqlx::query",
    "sqlx::query_as",
    "sqlx::query_scalar",
    "sqlx::query_with",
    "sqlx::query_as_with",
    "sqlx::query_scalar_with",
    "sqlx::raw_sql",
];
pub const SQL_BUILDER_METHODS: &[&str] = &["build", "build_query_as", "build_query_scalar"];

#[rustfmt::skip]
pub const SINK_METHODS: &[SinkMethod] = &[
    // SQL executors (sqlx `Executor`, tokio-postgres/postgres, rusqlite, mysql, sea-orm): the
    // names are specific enough together with a text argument.
    SinkMethod { method: "execute", kind: SinkKind::Sql, args: &[0], receivers: &[], traits: &[] },
    SinkMethod { method: "execute_batch", kind: SinkKind::Sql, args: &[0], receivers: &[], traits: &[] },
    SinkMethod { method: "execute_unprepared", kind: SinkKind::Sql, args: &[0], receivers: &[], traits: &[] },
    SinkMethod { method: "batch_execute", kind: SinkKind::Sql, args: &[0], receivers: &[], traits: &[] },
    SinkMethod { method: "simple_query", kind: SinkKind::Sql, args: &[0], receivers: &[], traits: &[] },
    SinkMethod { method: "query", kind: SinkKind::Sql, args: &[0], receivers: &[], traits: &[] },
    SinkMethod { method: "query_one", kind: SinkKind::Sql, args: &[0], receivers: &[], traits: &[] },
    SinkMethod { method: "query_opt", kind: SinkKind::Sql, args: &[0], receivers: &[], traits: &[] },
    SinkMethod { method: "query_raw", kind: SinkKind::Sql, args: &[0], receivers: &[], traits: &[] },
    SinkMethod { method: "query_row", kind: SinkKind::Sql, args: &[0], receivers: &[], traits: &[] },
    SinkMethod { method: "query_map", kind: SinkKind::Sql, args: &[0], receivers: &[], traits: &[] },
    SinkMethod { method: "query_drop", kind: SinkKind::Sql, args: &[0], receivers: &[], traits: &[] },
    SinkMethod { method: "query_first", kind: SinkKind::Sql, args: &[0], receivers: &[], traits: &[] },
    SinkMethod { method: "query_iter", kind: SinkKind::Sql, args: &[0], receivers: &[], traits: &[] },
    SinkMethod { method: "prepare", kind: SinkKind::Sql, args: &[0], receivers: &[], traits: &[] },
    SinkMethod { method: "prepare_cached", kind: SinkKind::Sql, args: &[0], receivers: &[], traits: &[] },
    SinkMethod { method: "exec_drop", kind: SinkKind::Sql, args: &[0], receivers: &[], traits: &[] },
    SinkMethod { method: "exec_first", kind: SinkKind::Sql, args: &[0], receivers: &[], traits: &[] },
    SinkMethod { method: "exec_iter", kind: SinkKind::Sql, args: &[0], receivers: &[], traits: &[] },
    // sqlx `Executor` on a raw string (`pool.fetch_all(sql.as_str())`): names other libraries
    // use too (a cache's `fetch(key)`), so only where the trait is in scope. The same names on a
    // query builder (`sqlx::query(..).fetch_one(&pool)`) take the executor: [`SQL_BUILDER_FNS`].
    SinkMethod { method: "fetch", kind: SinkKind::Sql, args: &[0], receivers: &[], traits: SQLX_EXECUTOR },
    SinkMethod { method: "fetch_all", kind: SinkKind::Sql, args: &[0], receivers: &[], traits: SQLX_EXECUTOR },
    SinkMethod { method: "fetch_one", kind: SinkKind::Sql, args: &[0], receivers: &[], traits: SQLX_EXECUTOR },
    SinkMethod { method: "fetch_optional", kind: SinkKind::Sql, args: &[0], receivers: &[], traits: SQLX_EXECUTOR },
    SinkMethod { method: "fetch_many", kind: SinkKind::Sql, args: &[0], receivers: &[], traits: SQLX_EXECUTOR },
    SinkMethod { method: "execute_many", kind: SinkKind::Sql, args: &[0], receivers: &[], traits: SQLX_EXECUTOR },
    // processes
    SinkMethod { method: "arg", kind: SinkKind::Command, args: &[0], receivers: COMMAND, traits: &[] },
    SinkMethod { method: "args", kind: SinkKind::Command, args: &[0], receivers: COMMAND, traits: &[] },
    SinkMethod { method: "env", kind: SinkKind::Command, args: &[0, 1], receivers: COMMAND, traits: &[] },
    SinkMethod { method: "envs", kind: SinkKind::Command, args: &[0], receivers: COMMAND, traits: &[] },
    // file system
    SinkMethod { method: "open", kind: SinkKind::Path, args: &[0], receivers: OPEN_OPTIONS, traits: &[] },
    // outgoing requests
    SinkMethod { method: "get", kind: SinkKind::Ssrf, args: &[0], receivers: HTTP_CLIENT, traits: &[] },
    SinkMethod { method: "post", kind: SinkKind::Ssrf, args: &[0], receivers: HTTP_CLIENT, traits: &[] },
    SinkMethod { method: "put", kind: SinkKind::Ssrf, args: &[0], receivers: HTTP_CLIENT, traits: &[] },
    SinkMethod { method: "patch", kind: SinkKind::Ssrf, args: &[0], receivers: HTTP_CLIENT, traits: &[] },
    SinkMethod { method: "delete", kind: SinkKind::Ssrf, args: &[0], receivers: HTTP_CLIENT, traits: &[] },
    SinkMethod { method: "head", kind: SinkKind::Ssrf, args: &[0], receivers: HTTP_CLIENT, traits: &[] },
    SinkMethod { method: "request", kind: SinkKind::Ssrf, args: &[1], receivers: HTTP_CLIENT, traits: &[] },
    SinkMethod { method: "get", kind: SinkKind::Ssrf, args: &[0], receivers: HYPER_CLIENT, traits: &[] },
    SinkMethod { method: "request", kind: SinkKind::Ssrf, args: &[0], receivers: HYPER_CLIENT, traits: &[] },
    // allocations
    SinkMethod { method: "reserve", kind: SinkKind::Allocation, args: &[0], receivers: &[], traits: &[] },
    SinkMethod { method: "reserve_exact", kind: SinkKind::Allocation, args: &[0], receivers: &[], traits: &[] },
    // TLS verification switched by a flag (reqwest, native-tls, hyper-tls, ureq builders)
    SinkMethod { method: "danger_accept_invalid_certs", kind: SinkKind::Tls, args: &[0], receivers: &[], traits: &[] },
    SinkMethod { method: "danger_accept_invalid_hostnames", kind: SinkKind::Tls, args: &[0], receivers: &[], traits: &[] },
];

/// Library fns whose result is their argument's text decoded or parsed: the taint goes through
/// (a call to any other library fn gives a value of its own). `percent_decode_str(path)` is how
/// hyper services turn the request path into a file name.
pub const CARRIER_FNS: &[&str] = &[
    "percent_encoding::percent_decode",
    "percent_encoding::percent_decode_str",
    "urlencoding::decode",
    "form_urlencoded::parse",
    "serde_urlencoded::from_str",
    "serde_urlencoded::from_bytes",
    "serde_json::from_str",
    "serde_json::from_slice",
    "serde_json::from_value",
    "std::str::from_utf8",
    "core::str::from_utf8",
];

/// Literals whose absence from a file proves that none of its fns passes a parameter to a sink
/// or checks one: files without any are not summarised for callers in other files
/// (`crate::taint::summary`). The sinks' own names, the checks' (`starts_with` after
/// `canonicalize`, validator names, `is_match`) and the conversions that carry text.
pub const SUMMARY_LITERALS: &[&str] = &[
    "sqlx",
    "diesel",
    "sea_orm",
    "execute",
    "query",
    "prepare",
    "exec_",
    "Command",
    "fs::",
    "File::",
    "OpenOptions",
    "ServeDir",
    "ServeFile",
    "NamedFile",
    "reqwest",
    "ureq",
    "hyper",
    ".get(",
    ".post(",
    "Regex",
    "with_capacity",
    "reserve",
    "vec![",
    "danger_accept_invalid",
    "starts_with",
    "canonicalize",
    "is_match",
    "validate",
    "sanitize",
    "sanitise",
    "is_valid",
    "is_safe",
    "is_allowed",
    "escape",
    "check_",
    "join(",
    "format!",
    "push_str",
];

/// What a sanitizer does to an untrusted value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cleans {
    /// The result is a number: safe for every text sink, still untrusted as a size.
    ToNumber,
    /// The result is safe for every sink (a bool, a UUID, an IP address).
    Everything,
    /// The result is safe for this sink only (`regex::escape` for regexes).
    For(SinkKind),
}

/// A call whose result is the argument made safe.
pub struct SanitizerFn {
    pub path: &'static str,
    pub cleans: Cleans,
}

#[rustfmt::skip]
pub const SANITIZER_FNS: &[SanitizerFn] = &[
    SanitizerFn { path: "uuid::Uuid::parse_str", cleans: Cleans::Everything },
    SanitizerFn { path: "uuid::Uuid::try_parse", cleans: Cleans::Everything },
    SanitizerFn { path: "regex::escape", cleans: Cleans::For(SinkKind::Regex) },
    SanitizerFn { path: "fancy_regex::escape", cleans: Cleans::For(SinkKind::Regex) },
    SanitizerFn { path: "shell_escape::escape", cleans: Cleans::For(SinkKind::Command) },
    SanitizerFn { path: "shlex::quote", cleans: Cleans::For(SinkKind::Command) },
    SanitizerFn { path: "shlex::try_quote", cleans: Cleans::For(SinkKind::Command) },
    SanitizerFn { path: "postgres_protocol::escape::escape_identifier", cleans: Cleans::For(SinkKind::Sql) },
    SanitizerFn { path: "postgres_protocol::escape::escape_literal", cleans: Cleans::For(SinkKind::Sql) },
    SanitizerFn { path: "sanitize_filename::sanitize", cleans: Cleans::For(SinkKind::Path) },
    SanitizerFn { path: "std::cmp::min", cleans: Cleans::For(SinkKind::Allocation) },
];

/// A method whose result is its receiver made safe (`name.parse::<i64>()` is handled by type).
/// With `on_paths`, only on a value known to be a path ([`PATH_TYPES`], `Path::new(..)`, a
/// `.join(..)` of one, an entry's `.path()`): a multipart field's `file_name()` is the client's
/// upload name, not `Path::file_name`.
pub struct SanitizerMethod {
    pub method: &'static str,
    pub cleans: Cleans,
    pub on_paths: bool,
}

/// Path types (last segment) whose `file_name()` drops every directory part: std's and camino's.
pub const PATH_TYPES: &[&str] = &["Path", "PathBuf", "Utf8Path", "Utf8PathBuf"];
/// Methods whose result is a path whatever they are called on (a directory or archive entry's
/// `path()`, `canonicalize()`): nothing else has a `file_name()` to call on it.
pub const PATH_RESULT_METHODS: &[&str] = &["path", "canonicalize", "to_path_buf", "into_path"];
/// Methods that give a path of the path they are called on.
pub const PATH_KEEPING_METHODS: &[&str] = &[
    "join",
    "with_file_name",
    "with_extension",
    "parent",
    "as_path",
    "strip_prefix",
    "unwrap",
    "expect",
];

#[rustfmt::skip]
pub const SANITIZER_METHODS: &[SanitizerMethod] = &[
    // `Path::file_name` drops every directory part, `..` included; zip's `enclosed_name` refuses
    // names that leave the extraction directory.
    SanitizerMethod { method: "file_name", cleans: Cleans::For(SinkKind::Path), on_paths: true },
    SanitizerMethod { method: "file_stem", cleans: Cleans::For(SinkKind::Path), on_paths: true },
    SanitizerMethod { method: "enclosed_name", cleans: Cleans::For(SinkKind::Path), on_paths: false },
    SanitizerMethod { method: "mangled_name", cleans: Cleans::For(SinkKind::Path), on_paths: false },
    SanitizerMethod { method: "min", cleans: Cleans::For(SinkKind::Allocation), on_paths: false },
    SanitizerMethod { method: "clamp", cleans: Cleans::For(SinkKind::Allocation), on_paths: false },
    // Sizes, counts and yes/no answers about a value carry none of its text.
    SanitizerMethod { method: "len", cleans: Cleans::Everything, on_paths: false },
    SanitizerMethod { method: "is_empty", cleans: Cleans::Everything, on_paths: false },
    SanitizerMethod { method: "contains", cleans: Cleans::Everything, on_paths: false },
    SanitizerMethod { method: "contains_key", cleans: Cleans::Everything, on_paths: false },
    SanitizerMethod { method: "starts_with", cleans: Cleans::Everything, on_paths: false },
    SanitizerMethod { method: "ends_with", cleans: Cleans::Everything, on_paths: false },
    SanitizerMethod { method: "eq", cleans: Cleans::Everything, on_paths: false },
    SanitizerMethod { method: "eq_ignore_ascii_case", cleans: Cleans::Everything, on_paths: false },
    SanitizerMethod { method: "cmp", cleans: Cleans::Everything, on_paths: false },
    SanitizerMethod { method: "count", cleans: Cleans::Everything, on_paths: false },
    SanitizerMethod { method: "is_some", cleans: Cleans::Everything, on_paths: false },
    SanitizerMethod { method: "is_none", cleans: Cleans::Everything, on_paths: false },
    SanitizerMethod { method: "is_ok", cleans: Cleans::Everything, on_paths: false },
    SanitizerMethod { method: "is_err", cleans: Cleans::Everything, on_paths: false },
    SanitizerMethod { method: "is_match", cleans: Cleans::Everything, on_paths: false },
    SanitizerMethod { method: "exists", cleans: Cleans::Everything, on_paths: false },
    SanitizerMethod { method: "is_file", cleans: Cleans::Everything, on_paths: false },
    SanitizerMethod { method: "is_dir", cleans: Cleans::Everything, on_paths: false },
    SanitizerMethod { method: "hash", cleans: Cleans::Everything, on_paths: false },
];

/// A path built from input by a join (`base.join(name)`, `buf.push(name)`,
/// `[base, name].iter().collect::<PathBuf>()`) is a `path-traversal` finding at the join when the
/// path leaves its function without reaching a file-system sink: returned, stored in a field of
/// `self` or of a parameter, or handed to a call the engine does not know. The methods that join
/// their argument onto a path receiver (a value known to be a path, as for `file_name`):
pub const JOIN_METHODS: &[&str] = &["join"];
/// The methods that push their argument onto a path receiver, in place.
pub const PUSH_METHODS: &[&str] = &["push", "extend"];
/// Methods whose result is still the joined path (or the path as text, handed on as a path):
/// through any other method (`display()`, `extension()`, `to_string()`) the value is no longer
/// the path, and where it goes is not a join leaving the function (a sink still reports it).
pub const JOINED_PATH_KEEPING_METHODS: &[&str] = &[
    "join",
    "push",
    "with_extension",
    "with_file_name",
    "as_path",
    "to_path_buf",
    "into_path_buf",
    "into_boxed_path",
    "as_os_str",
    "into_os_string",
    "to_str",
    "to_string_lossy",
    "into_owned",
    "to_owned",
    "canonicalize",
    "unwrap",
    "expect",
    "unwrap_or",
    "unwrap_or_else",
    "unwrap_or_default",
    "ok",
    "ok_or",
    "ok_or_else",
    "map_err",
    "context",
    "with_context",
    "clone",
    "as_ref",
    "borrow",
    "into",
];
/// Methods and fns that read a joined path handed to them without keeping or using it on the file
/// system: comparisons, hashing, dropping, and making it canonical (the first half of the
/// canonicalize + `starts_with` check). Calls into the standard library are not a way out either:
/// its file-system fns are sinks ([`SINK_FNS`]).
pub const JOIN_READING_METHODS: &[&str] = &[
    "ne",
    "lt",
    "le",
    "gt",
    "ge",
    "partial_cmp",
    "strip_prefix",
    "hash",
];
pub const JOIN_READING_FNS: &[&str] = &["canonicalize", "drop"];
pub const JOIN_READING_CRATES: &[&str] = &["std", "core", "alloc"];

/// Lexical path normalisers that resolve every `..` (a `starts_with` check on their result is a
/// real check, as on a `canonicalize`d path): trait methods by (trait, method), counted only
/// where the file imports the trait, and free fns.
pub const PATH_NORMALISER_METHODS: &[(&str, &str)] = &[("path_clean::PathClean", "clean")];
pub const PATH_NORMALISER_FNS: &[&str] = &["path_clean::clean"];

/// Types that parsing into leaves nothing of the text: `s.parse::<Uuid>()`.
pub const SAFE_PARSE_TYPES: &[&str] = &[
    "bool",
    "Uuid",
    "IpAddr",
    "Ipv4Addr",
    "Ipv6Addr",
    "SocketAddr",
    "char",
    "Duration",
];

/// Words that name a validation function (`validate_identifier(&name)?`,
/// `if !is_valid_name(&n) { return .. }`): a guard the issue asks the engine to honour. A guard
/// only counts when its result decides whether the sink runs (`?`, an early return, the `if`
/// around the sink), never from the name alone.
pub const VALIDATOR_WORDS: &[&str] = &[
    "validate",
    "sanitize",
    "sanitise",
    "is_valid",
    "is_safe",
    "is_allowed",
    "quote_ident",
    "check_identifier",
    "check_name",
    "check_path",
    "escape",
];

/// Whether `path` is one this knowledge names (a source, sink or sanitizer, or a receiver type
/// of one): a bare name imported through a glob resolves to it (`use salvo::prelude::*;
/// Request` is `salvo::prelude::Request`; see `UseMap::resolve_known`).
pub fn is_known_path(path: &str) -> bool {
    use std::collections::HashSet;
    use std::sync::OnceLock;
    static KNOWN: OnceLock<HashSet<&'static str>> = OnceLock::new();
    KNOWN
        .get_or_init(|| {
            let mut known: HashSet<&'static str> = HashSet::new();
            known.extend(SOURCE_TYPES.iter().map(|s| s.path));
            known.extend(SOURCE_FNS.iter().map(|s| s.path));
            known.extend(ENVIRONMENT_SOURCE_FNS.iter().map(|s| s.path));
            known.extend(SINK_FNS.iter().map(|s| s.path));
            known.extend(SANITIZER_FNS.iter().map(|s| s.path));
            known.extend(PATH_NORMALISER_FNS.iter().copied());
            known.extend(
                SOURCE_METHODS
                    .iter()
                    .flat_map(|s| s.receivers.iter().copied()),
            );
            known.extend(
                SINK_METHODS
                    .iter()
                    .flat_map(|s| s.receivers.iter().copied()),
            );
            known.extend(crate::knowledge::tls::VERIFY_OFF.iter().copied());
            known.extend(crate::knowledge::tls::VERIFY_OFF_FNS.iter().copied());
            known.extend(crate::knowledge::tls::MODE_FNS.iter().map(|(p, _)| *p));
            known.extend(
                crate::knowledge::tls::FLAG_SOURCE_FNS
                    .iter()
                    .map(|s| s.path),
            );
            known
        })
        .contains(path)
}
