//! Parsing amounts from text.

#[derive(Debug)]
pub enum ParseError {
    BadAmount,
    BadAccount,
}

pub fn amount(text: &str) -> Result<i64, ParseError> {
    text.trim().parse::<i64>().map_err(|_| ParseError::BadAmount)
}

pub fn account(text: &str) -> Result<i64, ParseError> {
    text.parse().map_err(|_| ParseError::BadAccount)
}

#[expect(clippy::cast_possible_truncation, reason = "amounts are checked to fit in i32 upstream")]
pub fn cents(amount: i64) -> i32 {
    amount as i32
}

/// Nothing calls this any more: its finding belongs with the non-production code.
#[expect(dead_code, reason = "kept until the v1 importer is deleted")]
fn legacy_amount(text: &str) -> i64 {
    text.parse().unwrap_or_default()
}

/// The same code, called from `lib.rs`: production.
pub(crate) fn lenient_amount(text: &str) -> i64 {
    text.parse().unwrap_or_default()
}

/// Never called by name, only passed as a value: production.
fn lenient_cents(text: &str) -> i64 {
    text.parse().unwrap_or_default()
}

pub fn all_cents(texts: &[&str]) -> Vec<i64> {
    texts.iter().copied().map(lenient_cents).collect()
}
