#[derive(Debug, thiserror::Error)]
pub enum QuotaError {
    // Bare, after `use QuotaError::*;` in the fn below.
    #[error("exceeded")]
    Exceeded,
    // Bare, after `use crate::quota::QuotaError::{self, Throttled};` in limits.rs.
    #[error("throttled")]
    Throttled,
    // `crate::quota::QuotaError::Revoked` in limits.rs.
    #[error("revoked")]
    Revoked,
    // `Self::Stale` in the impl below.
    #[error("stale")]
    Stale,
    // limits.rs returns a struct `Expired` of the same name, bare: it imports only `Throttled`.
    #[error("expired")]
    Expired, //~ unraised-error-variant
}

impl QuotaError {
    pub fn stale() -> Self {
        Self::Stale
    }
}

pub fn check(n: u32) -> Result<(), QuotaError> {
    use QuotaError::*;
    if n > 10 {
        return Err(Exceeded);
    }
    Ok(())
}
