pub mod open;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("missing row")]
    Missing,
}

pub fn load() -> Result<(), StoreError> {
    Err(StoreError::Missing)
}

// The API's `NotFound` is raised here, in another crate.
pub fn lookup() -> Result<(), api::error::ApiError> {
    Err(api::error::ApiError::NotFound)
}

#[cfg(test)]
mod tests {
    // A test constructing a variant does not raise it in production.
    fn fake() -> api::error::ApiError {
        api::error::ApiError::Conflict
    }
}

// Variants constructed by an item-level macro the model can see: raised.
#[derive(Debug, thiserror::Error)]
pub enum VersionError {
    #[error("utf-8")]
    Utf8(std::string::FromUtf8Error),
    #[error("never made")]
    Orphan, //~ unraised-error-variant:low
}

macro_rules! impl_from {
    ($($err:ty => $variant:ident),*) => {
        $(impl From<$err> for VersionError {
            fn from(e: $err) -> VersionError { VersionError::$variant(e) }
        })*
    };
}

impl_from! {
    std::string::FromUtf8Error => Utf8
}
