#[allow(clippy::too_many_arguments)]
pub fn f() {}

#[expect(dead_code, reason = "called from the FFI shim in the next release")]
fn g() {}
