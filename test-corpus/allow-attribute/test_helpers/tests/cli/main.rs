// `tests/cli/main.rs` is a test binary of its own, not a shared module: low (test code).
#[allow(dead_code)] //~ allow-attribute:low
fn helper() {}
