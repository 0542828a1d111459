// The crate creates futures' unbounded channels (`unbounded()`), reported there; tokio's
// `UnboundedSender` comes from `unbounded_channel()`, which this crate never calls: the tokio type
// is the only trace of its queue, so it is still reported.
use futures::channel::mpsc as fmpsc;
use tokio::sync::mpsc;

fn make() -> fmpsc::UnboundedReceiver<u8> {
    let (tx, rx) = fmpsc::unbounded::<u8>(); //~ unbounded-channel:medium
    drop(tx);
    rx
}

struct Relay {
    out: mpsc::UnboundedSender<u8>, //~ unbounded-channel:low
}
