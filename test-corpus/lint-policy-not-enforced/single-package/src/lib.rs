#[allow(clippy::too_many_arguments)]
pub fn f() {}
