//@ include-tests
// With --include-tests, test code is scanned too.

#[cfg(test)]
mod tests {
    #[test]
    fn in_test_code() {
        let id = std::env::var("ID").unwrap_or_default(); //~ unwrap-or-default:medium
        let n = None::<u8>.unwrap_or_default(); //~ unwrap-or-default:low
    }
}
