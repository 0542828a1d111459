#![allow(clippy::module_name_repetitions)]

#[expect(dead_code, reason = "kept for the v2 wire format")]
fn legacy() {}
