//! Web framework extractors (and tonic's `Request<T>`) that hand a handler the request's data
//! as a typed value, as
//! (framework crate, extractor name). `unvalidated-input` matches a handler parameter's type
//! resolved through the file's imports: first path segment the crate (or `web` for actix's
//! `web::Json`), last segment the extractor.
pub const BODY_EXTRACTORS: &[(&str, &str)] = &[
    ("axum", "Json"),
    ("axum", "Query"),
    ("axum", "Form"),
    ("axum", "Path"),
    ("axum_extra", "Query"),
    ("axum_extra", "Form"),
    ("actix_web", "Json"),
    ("actix_web", "Query"),
    ("actix_web", "Form"),
    ("actix_web", "Path"),
    ("web", "Json"),
    ("web", "Query"),
    ("web", "Form"),
    ("web", "Path"),
    ("poem", "Json"),
    ("poem", "Query"),
    ("poem", "Form"),
    ("rocket", "Json"),
    ("rocket", "Form"),
    // A tonic service method's `request: Request<T>` holds the decoded message `T`.
    ("tonic", "Request"),
];
