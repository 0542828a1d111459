// The build script renders templates/protocol.rs into OUT_DIR; only that output is compiled.
include!(concat!(env!("OUT_DIR"), "/protocol.rs"));

#[allow(dead_code)] //~ allow-attribute
fn written_here() {}
