// Production code follows the policy; the only `#[allow]` is in test code, which the policy (and
// this rule) leave to the tests' own conventions.
#[expect(dead_code, reason = "kept for the v2 wire format")]
fn legacy() {}

#[cfg(test)]
mod tests {
    #[allow(clippy::unwrap_used)]
    #[test]
    fn parses() {
        "1".parse::<u32>().unwrap();
    }
}
