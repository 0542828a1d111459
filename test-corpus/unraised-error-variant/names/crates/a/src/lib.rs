pub mod limits;
pub mod other;
pub mod quota;

// Crate a's own `Error`. `Error::Gone` below names it: a defines an `Error` with that variant
// and this file imports no other.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("gone")]
    Gone,
    // Crate c constructs `Error::Lost` after `use b::Error;`: crate b's, not this one.
    #[error("lost")]
    Lost, //~ unraised-error-variant
}

pub fn f() -> Result<(), Error> {
    Err(Error::Gone)
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    // other.rs calls a tuple struct `Timeout(5)`: not this variant.
    #[error("timeout")]
    Timeout, //~ unraised-error-variant
    // other.rs names a struct `Conflict` in a type (`Vec<Conflict>`): nothing constructed.
    #[error("conflict")]
    Conflict, //~ unraised-error-variant
    // Constructed through an alias: `use crate::ApiError as AE;` then `AE::Aliased`.
    #[error("aliased")]
    Aliased,
}
