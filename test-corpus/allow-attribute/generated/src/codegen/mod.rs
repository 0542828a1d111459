//! Code generation for the `derive` macro: talking about generated code does not make this file
//! generated.
#[allow(dead_code)] //~ allow-attribute
fn emit() {}
