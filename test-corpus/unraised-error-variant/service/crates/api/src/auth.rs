// Constructed through a fn-local alias: `E::InvalidAuthFormat` is `AuthParseError::InvalidAuthFormat`.
#[derive(Debug, thiserror::Error)]
pub enum AuthParseError {
    #[error("bad auth format")]
    InvalidAuthFormat,
    #[error("bad hash method")]
    InvalidHashMethod, //~ unraised-error-variant:medium
}

pub fn parse_auth(s: &str) -> Result<(), AuthParseError> {
    use AuthParseError as E;
    if s.is_empty() {
        return Err(E::InvalidAuthFormat);
    }
    Ok(())
}

// derive_more's `From`: each single-field variant is built by a `From` impl that `?` calls.
#[derive(Debug, derive_more::Display, derive_more::Error, derive_more::From)]
pub enum UrlencodedError {
    #[display("payload: {_0}")]
    Payload(std::io::Error),
    // Two fields: no `From` impl is derived for it.
    #[display("too large")]
    Overflow { size: usize, limit: usize }, //~ unraised-error-variant:low
    // A unit variant: no `From` either.
    #[display("chunked")]
    Chunked, //~ unraised-error-variant:low
    // Opted out of the derived `From`.
    #[from(ignore)]
    #[display("utf8: {_0}")]
    Encoding(std::str::Utf8Error), //~ unraised-error-variant:low
}

// Once one variant is marked `#[from]`, only the marked ones get an impl.
#[derive(Debug, derive_more::Display, derive_more::Error, derive_more::From)]
pub enum ReadError {
    #[from]
    #[display("io")]
    Io(std::io::Error),
    #[display("parse")]
    Parse(std::num::ParseIntError), //~ unraised-error-variant:low
}
