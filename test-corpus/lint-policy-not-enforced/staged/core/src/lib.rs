#![allow(clippy::module_name_repetitions)]
pub fn f() {}
