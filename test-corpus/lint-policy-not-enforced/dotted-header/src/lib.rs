#[allow(dead_code)]
fn unused() {}

#[expect(clippy::unwrap_used, reason = "the constant is checked by a test")]
pub fn one() -> u32 {
    "1".parse().unwrap()
}
