use crate::quota::QuotaError::{self, Throttled};

pub struct Expired;

pub fn limit(n: u32) -> Result<Expired, QuotaError> {
    if n > 9 {
        return Err(crate::quota::QuotaError::Revoked);
    }
    if n > 5 {
        return Err(Throttled);
    }
    Ok(Expired)
}
