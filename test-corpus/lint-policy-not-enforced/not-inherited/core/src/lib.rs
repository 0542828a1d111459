#[allow(dead_code, reason = "kept for the next release")]
fn unused() {}
