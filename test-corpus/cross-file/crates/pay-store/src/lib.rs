//! Persistence: the queries and settings the handlers of pay-api call.

pub mod settings;
pub mod users;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("query failed: {0}")]
    Query(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

// No response conversion takes a `StoreError`: its text reaches no client the model can see.
impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        StoreError::Query(err.to_string()) //~ error-detail-leak:low map-err-discard:low
    }
}

// The store's own `Error`. pay-runtime constructs its own `Error::Gone`, not this one.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("row gone")]
    Gone, //~ unraised-error-variant:low
    #[error("row {id} locked")]
    Locked { id: i64 },
}

pub fn lock_row(id: i64) -> Result<(), Error> {
    if id < 0 {
        return Err(Error::Locked { id });
    }
    Ok(())
}
