use thiserror::Error;

#[derive(Debug, Error)]
pub enum ApiError {
    // Its text goes into a 500 body (response.rs).
    #[error("database error: {0}")]
    Database(String),
    // A 400: the message is for the client.
    #[error("bad request: {0}")]
    BadRequest(String),
    // A 504 whose body is the text.
    #[error("timed out: {0}")]
    Timeout(String),
    // A 502 whose body is a fixed phrase: the text is logged, never sent.
    #[error("upstream failed: {0}")]
    Upstream(String),
    // Raised only in another crate (pay-api's handlers).
    #[error("not found")]
    NotFound,
    // Raised only through `api_bail!`, by a bare name at the call (pay-api).
    #[error("rate limited")]
    RateLimited,
    // Raised by the derived `From` wherever `?` converts an io error.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    // Raised by a `map_err(|_| ..)` in pay-api.
    #[error("service unavailable")]
    Unavailable,
    // Only matched (response.rs), never raised.
    #[error("conflict")]
    Conflict, //~ unraised-error-variant:low
}

impl ApiError {
    pub fn database_error(msg: impl Into<String>) -> Self {
        Self::Database(msg.into())
    }

    pub fn bad_request(msg: impl Into<String>) -> Self {
        Self::BadRequest(msg.into())
    }

    pub fn timeout(msg: impl Into<String>) -> Self {
        Self::Timeout(msg.into())
    }
}

// The database error's text lands in `Database`, which response.rs sends in a 500 body.
impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> Self {
        ApiError::Database(err.to_string()) //~ error-detail-leak:high map-err-discard:low
    }
}

/// Returns early with a variant named by the caller: `api_bail!(RateLimited)`.
#[macro_export]
macro_rules! api_bail {
    ($variant:ident) => {
        return Err($crate::error::ApiError::$variant)
    };
}
