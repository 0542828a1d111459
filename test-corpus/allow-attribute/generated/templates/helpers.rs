// Not pulled in from OUT_DIR: a file outside src/ that nothing generates.
#[allow(dead_code)] //~ allow-attribute
fn helper() {}
