mod common;

// A test binary's own file: low (test code), like every test-code `allow`.
#[allow(dead_code)] //~ allow-attribute:low
fn only_here() {}
