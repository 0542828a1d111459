// A binary has no dependents: `pub` and `#[non_exhaustive]` open its error to no other crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CliError {
    #[error("bad flag")]
    BadFlag,
    #[error("invalid path")]
    InvalidPath, //~ unraised-error-variant:medium
}

fn main() -> Result<(), CliError> {
    Err(CliError::BadFlag)
}
