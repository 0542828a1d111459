// A library error type: nothing in this file makes responses, so a database error kept as text is
// reported at low (it may still reach clients through another crate); an io error is not reported.
use diesel::result::Error as DieselError;

pub enum StoreError {
    Db(String),
    Io(String),
}

impl From<DieselError> for StoreError {
    fn from(e: DieselError) -> Self {
        StoreError::Db(e.to_string()) //~ error-detail-leak:low
    }
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> Self {
        StoreError::Io(e.to_string())
    }
}

// Keeping the source is the fix.
pub enum GoodError {
    Db(sqlx::Error),
}

impl From<sqlx::Error> for GoodError {
    fn from(e: sqlx::Error) -> Self {
        GoodError::Db(e)
    }
}

// Not the `From` parameter: a message built from something else.
impl From<redis::RedisError> for StoreError {
    fn from(_e: redis::RedisError) -> Self {
        let code = 7;
        StoreError::Db(code.to_string())
    }
}
