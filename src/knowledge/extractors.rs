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

/// Whether a resolved type path names one of [`BODY_EXTRACTORS`]: a newtype over the `T` it
/// extracts, so that `Path(id): Path<i64>` binds an `i64`. A bare name the imports do not
/// resolve is no extractor: it may be anyone's.
pub fn is_body_extractor(full: &[String]) -> bool {
    let (Some(first), Some(name)) = (full.first(), full.last()) else {
        return false;
    };
    full.len() > 1
        && BODY_EXTRACTORS
            .iter()
            .any(|(krate, ex)| first == krate && name == ex)
}
