use serde::Deserialize;
use validator::Validate;

#[derive(Debug, Deserialize, Validate)]
pub struct Transfer {
    #[validate(range(min = 1, max = 1_000_000))]
    pub amount: u64,
    #[validate(length(min = 15, max = 34))]
    pub iban: String,
}

#[derive(Debug, Deserialize, Validate)]
pub struct Refund {
    #[validate(range(min = 1))]
    pub amount: u64,
}

/// Why a payment was refused. Every variant is fieldless: replacing one loses no cause.
#[derive(Debug, thiserror::Error)]
pub enum PaymentError {
    // The check that would raise it was never written: transfers are not validated (pay-api).
    #[error("invalid amount")]
    InvalidAmount, //~ unraised-error-variant:medium
    #[error("account frozen")]
    Frozen, //~ unraised-error-variant:low
    // Raised in pay-store.
    #[error("insufficient funds")]
    InsufficientFunds,
}
