//! Errors whose text is a fixed phrase that names nothing internal: sending it to a client leaks
//! nothing, so `error-detail-leak` stays quiet when it can see, from the call that produced the
//! error (its full path resolved through imports), that the error is one of these.
//!
//! To add an entry: the full path of the function, the error type, and its whole message.

pub struct FixedTextError {
    /// Full path of the function whose `Err` this is, as `use` resolution produces it.
    pub call: &'static [&'static str],
    pub error: &'static str,
    /// The error's whole `Display` text.
    pub text: &'static str,
}

pub const FIXED_TEXT_ERRORS: &[FixedTextError] = &[
    FixedTextError {
        call: &["actix_web", "web", "block"],
        error: "actix_web::error::BlockingError",
        text: "Blocking thread pool is gone",
    },
    FixedTextError {
        call: &["HeaderValue", "try_from"],
        error: "http::header::InvalidHeaderValue",
        text: "failed to parse header value",
    },
    FixedTextError {
        call: &["HeaderValue", "from_str"],
        error: "http::header::InvalidHeaderValue",
        text: "failed to parse header value",
    },
    FixedTextError {
        call: &["HeaderValue", "from_bytes"],
        error: "http::header::InvalidHeaderValue",
        text: "failed to parse header value",
    },
];

/// The entry for a call, by its resolved path: `call` must end the path, and a path naming
/// `HeaderValue` must come from `http` (or a crate re-exporting it: axum, actix-web, hyper,
/// reqwest) when the imports say where it comes from.
pub fn fixed_text_call(resolved: &[String]) -> Option<&'static FixedTextError> {
    FIXED_TEXT_ERRORS.iter().find(|e| {
        resolved.len() >= e.call.len()
            && resolved[resolved.len() - e.call.len()..]
                .iter()
                .zip(e.call)
                .all(|(a, b)| a == b)
            && (resolved.len() == e.call.len()
                || ["http", "axum", "actix_web", "hyper", "reqwest"]
                    .contains(&resolved[0].as_str()))
    })
}
