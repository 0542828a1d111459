//! Core types of the ledger: accounts, entries and their parsing.

pub mod parse;

#[allow(dead_code)]
pub struct Account {
    pub id: i64,
    pub owner: String,
    pub currency: Option<String>,
}

#[allow(clippy::too_many_arguments)]
pub fn entry(a: i64, b: i64, c: i64, d: i64, e: i64, f: i64, g: i64, h: i64) -> i64 {
    a + b + c + d + e + f + g + h
}

impl Account {
    /// A missing currency is a data error, yet it silently becomes "".
    pub fn currency(&self) -> String {
        self.currency.clone().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[allow(unused_variables)]
    #[test]
    fn sums_entries() {
        let unused = 1;
        assert_eq!(entry(1, 1, 1, 1, 1, 1, 1, 1), 8);
    }
}

/// Settings with a builder of our own: its `.timeout(..)` is no HTTP client timeout.
pub struct Settings {
    pub timeout: u64,
}

impl Settings {
    pub fn builder() -> Settings {
        Settings { timeout: 0 }
    }

    pub fn timeout(self, timeout: u64) -> Settings {
        Settings { timeout }
    }
}

pub fn slow_settings() -> Settings {
    Settings::builder().timeout(60)
}

/// A `ct_eq` of our own trait is no constant-time comparison.
pub trait ConstantTimeEq {
    fn ct_eq(&self, other: &Self) -> bool;
}

pub fn same_owner(a: &Account, b: &Account) -> bool {
    a.owner.ct_eq(&b.owner)
}

pub fn lenient(text: &str) -> i64 {
    parse::lenient_amount(text)
}
