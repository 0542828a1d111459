// No response type is named in this file: only the model, reading `response.rs`, knows that
// `Database` reaches a 500 body.
pub mod response;

pub enum ApiError {
    Database(String),
    BadRequest(String),
    Internal(String),
}

impl ApiError {
    pub fn database_error(msg: impl Into<String>) -> Self {
        Self::Database(msg.into())
    }

    pub fn bad_request(msg: impl Into<String>) -> Self {
        Self::BadRequest(msg.into())
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> Self {
        ApiError::Database(err.to_string()) //~ error-detail-leak:high
    }
}

// `Internal` is logged, and the client gets a generic message: an io error kept there is quiet.
impl From<std::io::Error> for ApiError {
    fn from(err: std::io::Error) -> Self {
        ApiError::Internal(err.to_string())
    }
}

// A second error type with no response conversion: a database error kept as text is low.
pub enum StoreError {
    Db(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        StoreError::Db(err.to_string()) //~ error-detail-leak:low
    }
}
