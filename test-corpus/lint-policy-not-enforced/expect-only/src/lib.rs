// `#[expect]` is the policy itself; `allow` in a string or comment is not an attribute.
#[expect(dead_code, reason = "wired up in the next release")]
fn unused() {}
pub const DOC: &str = "#[allow(dead_code)]";
