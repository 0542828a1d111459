// This is a generated file. Please do not edit.
#[allow(clippy::unreadable_literal)]
pub const TABLE: [u32; 1] = [123456789];
