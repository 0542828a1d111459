// The lint makes this an error at build time: ferret has nothing to add.
#[allow(dead_code)]
fn unused() {}
