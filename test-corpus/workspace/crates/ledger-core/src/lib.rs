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
