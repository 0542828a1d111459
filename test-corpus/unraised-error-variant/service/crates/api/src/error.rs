use thiserror::Error;

#[derive(Debug, Error)]
pub enum ApiError {
    #[error("invalid input: {0}")]
    InvalidInput(String), //~ unraised-error-variant:medium
    #[error("payload too large")]
    PayloadTooLarge, //~ unraised-error-variant:medium
    #[error("conflict")]
    Conflict, //~ unraised-error-variant:low
    // Raised in another crate (store), through `ApiError::NotFound`.
    #[error("not found")]
    NotFound,
    // Raised by a constructor through `Self::`.
    #[error("unauthorized")]
    Unauthorized,
    // Raised through the derived `From` wherever `?` converts a store error.
    #[error(transparent)]
    Store(#[from] store::StoreError),
    // Passed as a function: `.map_err(ApiError::Io)`.
    #[error("io: {0}")]
    Io(std::io::Error),
    // Kept for compatibility, on purpose.
    #[deprecated]
    #[error("legacy")]
    Legacy,
    // Raised by a workspace macro.
    #[error("rate limited")]
    RateLimited,
}

impl ApiError {
    pub fn unauthorized() -> Self {
        Self::Unauthorized
    }
}

#[macro_export]
macro_rules! throttle {
    () => {
        return Err($crate::error::ApiError::RateLimited)
    };
}

// Matching on a variant does not raise it: `Conflict` and `InvalidInput` above stay unraised.
pub fn status(e: &ApiError) -> u16 {
    match e {
        ApiError::InvalidInput(_) | ApiError::PayloadTooLarge => 400,
        ApiError::Conflict => 409,
        _ => 500,
    }
}

// Not an error enum: nothing to raise.
pub enum Color {
    Red,
    Green,
}

// An error enum whose variants come from data (derive code builds them): quiet.
#[derive(Debug, Error, serde::Deserialize)]
pub enum RemoteError {
    #[error("remote rejected")]
    Rejected,
}

// An error enum by `impl std::error::Error`, not by derive.
#[derive(Debug)]
pub enum ConfigError {
    Missing, //~ unraised-error-variant:low
    Unreadable,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("config")
    }
}

impl std::error::Error for ConfigError {}

pub fn read_config() -> Result<(), ConfigError> {
    Err(ConfigError::Unreadable)
}
