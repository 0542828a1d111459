//! Request bodies read whole, the deserialisers they reach, and the settings that bound a body's
//! size, for `uncontrolled-allocation`'s unbounded-body check (`crate::rules::uncontrolled_allocation`).
//!
//! What each framework bounds by default (from its documentation):
//! - axum: the `Bytes` extractor and those built on it (`String`, `Json`, `Form`) refuse bodies
//!   over 2 MB unless `DefaultBodyLimit::disable()` is installed; `DefaultBodyLimit::max(n)` sets
//!   another limit. A body consumed directly (`Request`/`Body` read with
//!   `axum::body::to_bytes(body, limit)` or `BodyExt::collect`) gets no default limit: only the
//!   `limit` argument, or tower-http's `RequestBodyLimitLayer`, which limits every request however
//!   its body is read.
//! - hyper: `hyper::body::to_bytes`/`aggregate` and http-body-util's `BodyExt::collect` read
//!   everything; `http_body_util::Limited` (and `http_body::Limited`) bounds a body.
//! - actix-web: `web::Bytes` and `String` are bounded by `PayloadConfig` (256 kB by default),
//!   `web::Json` by `JsonConfig` (2 MB by default): never unbounded unless configured so.

/// Which settings bound a body read whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BoundedBy {
    /// A body consumed directly (`to_bytes(body, usize::MAX)`, `collect()`): only a limit on the
    /// whole request ([`LimitKind::WholeRequest`]).
    WholeRequestLimit,
    /// axum's `Bytes` extractor: its 2 MB default, unless `DefaultBodyLimit::disable()` is
    /// installed and no other limit is.
    AxumDefault,
}

/// What a body-limit setting written in the workspace does.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum LimitKind {
    /// Bounds every request body however it is read (tower-http's `RequestBodyLimitLayer`,
    /// http-body's `Limited`).
    WholeRequest,
    /// `DefaultBodyLimit::max(n)`: a limit for axum's extractors.
    AxumMax,
    /// `DefaultBodyLimit::disable()`: axum's extractors read any size.
    AxumDisabled,
}

/// A setting, as the path written to use it: the type, and the associated fn called on it (any
/// use of the type counts when `None`). Matched on the tokens of the workspace's files outside
/// `use` declarations and test modules (`crate::model::index`).
pub struct LimitSetting {
    pub type_name: &'static str,
    pub function: Option<&'static str>,
    pub kind: LimitKind,
}

#[rustfmt::skip]
pub const LIMIT_SETTINGS: &[LimitSetting] = &[
    // tower-http (`tower_http::limit`)
    LimitSetting { type_name: "RequestBodyLimitLayer", function: None, kind: LimitKind::WholeRequest },
    // http-body-util / http-body 0.4
    LimitSetting { type_name: "Limited", function: Some("new"), kind: LimitKind::WholeRequest },
    // axum
    LimitSetting { type_name: "DefaultBodyLimit", function: Some("max"), kind: LimitKind::AxumMax },
    LimitSetting { type_name: "DefaultBodyLimit", function: Some("disable"), kind: LimitKind::AxumDisabled },
];

/// A fn that reads a body whole. `limit_arg`: the argument that bounds the read, unbounded only
/// when it is `usize::MAX`; `None`: the fn has no limit, and reads a request body when its first
/// argument is one ([`REQUEST_TYPES`]: a client's response body is not the service's input).
pub struct BodyReadFn {
    pub path: &'static str,
    pub limit_arg: Option<usize>,
}

#[rustfmt::skip]
pub const BODY_READ_FNS: &[BodyReadFn] = &[
    BodyReadFn { path: "axum::body::to_bytes", limit_arg: Some(1) },
    BodyReadFn { path: "hyper::body::to_bytes", limit_arg: None },
    BodyReadFn { path: "hyper::body::aggregate", limit_arg: None },
];

/// The limit written as no limit.
pub const NO_LIMIT: &[&str] = &["usize::MAX", "std::usize::MAX", "core::usize::MAX"];

/// Types of a handler parameter whose body is the request's (`req.into_body()`, or the body
/// itself): what `hyper::body::to_bytes` or `BodyExt::collect` reads of them is request input.
pub const REQUEST_TYPES: &[&str] = &[
    "axum::extract::Request",
    "axum::http::Request",
    "axum::body::Body",
    "hyper::Request",
    "hyper::Body",
    "hyper::body::Incoming",
    "http::Request",
];

/// Handler parameters that are the body read whole by an extractor, with what bounds it.
pub const BODY_PARAM_TYPES: &[(&str, BoundedBy)] = &[("axum::body::Bytes", BoundedBy::AxumDefault)];

// The deserialisers the body reaches are sinks of kind `SinkKind::Deserialise` in
// `crate::knowledge::taint::SINK_FNS`.
