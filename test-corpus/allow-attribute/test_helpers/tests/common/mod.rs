// A module of test helpers that several test binaries include with `mod common;`: each uses a
// different part of it, so `dead_code` fires in some binaries only and `#[expect]` would be
// unfulfilled in the others.
#[allow(dead_code)]
pub fn start_server() {}

#[allow(unused_imports, dead_code)]
use std::fmt::Debug;

// A lint that does not depend on which binary uses the item: reported, low (test code).
#[allow(clippy::too_many_arguments)] //~ allow-attribute:low
pub fn many(a: u8, b: u8, c: u8, d: u8, e: u8, f: u8, g: u8, h: u8) {}
