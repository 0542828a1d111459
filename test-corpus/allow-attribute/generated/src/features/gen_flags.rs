// A hand-written file named like WebIDL output, with no wasm-bindgen bindings in it.
#[allow(dead_code)] //~ allow-attribute
pub const FLAGS: u8 = 0;
