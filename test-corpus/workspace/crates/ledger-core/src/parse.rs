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
