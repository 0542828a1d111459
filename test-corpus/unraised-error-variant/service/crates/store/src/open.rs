// A public error enum made to grow (`#[non_exhaustive]`) in a library crate: its variants are API
// that dependent crates may raise; nothing here can tell reserved from forgotten. Quiet.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DriverError {
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
    #[error("worker crashed")]
    WorkerCrashed,
}

// Not `non_exhaustive`: a closed set the crate itself owns.
#[derive(Debug, thiserror::Error)]
pub enum ClosedError {
    #[error("worker crashed")]
    WorkerCrashed, //~ unraised-error-variant:low
}

// `non_exhaustive` but private: no other crate can raise it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub(crate) enum PrivateError {
    #[error("gone")]
    Gone, //~ unraised-error-variant:low
}
