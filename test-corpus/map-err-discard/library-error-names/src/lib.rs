// The workspace's own `Error`s carry nothing; `sqlx::Error` does. A type named by a path
// through a library crate is that library's, whatever the workspace's types of that name are.
mod store;

pub enum AppError {
    Database(String),
    Gone,
}

impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        AppError::Database(err.to_string()) //~ map-err-discard:low
    }
}

// `store::Error` is the workspace's fieldless enum, reached through a module of this crate.
impl From<store::Error> for AppError {
    fn from(err: store::Error) -> Self {
        AppError::Database(err.to_string())
    }
}

// So is `crate::store::Error`.
impl From<crate::store::Error> for Option<AppError> {
    fn from(err: crate::store::Error) -> Self {
        Some(AppError::Database(err.to_string()))
    }
}
