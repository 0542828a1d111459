// Production code: `dead_code` here is a plain `allow`, medium.
#[allow(dead_code)] //~ allow-attribute:medium
fn unused() {}
