// Glob imports: a bare `unbounded()` comes from the glob-imported crate.
use crossbeam_channel::*;
use tokio::sync::mpsc::*;

fn from_globs() {
    let (tx, rx) = unbounded::<u8>(); //~ unbounded-channel
    let (tx, rx) = unbounded_channel::<u8>(); //~ unbounded-channel
    let (tx, rx) = bounded::<u8>(8);
    let (tx, rx) = channel::<u8>(8);
}

// This crate calls `unbounded_channel()` (above): the queue is reported there, not at the type.
struct Holder {
    tx: UnboundedSender<u8>,
}
