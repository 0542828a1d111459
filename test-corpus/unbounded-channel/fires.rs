// Every unbounded constructor the rule knows, written the ways real code writes them.
use crossbeam_channel::unbounded;
use tokio::sync::mpsc::{self, unbounded_channel as chan};
use std::sync::mpsc::channel;
use flume as f;
use futures::channel::mpsc as fmpsc;

fn imported_names() {
    let (tx, rx) = unbounded::<u32>(); //~ unbounded-channel:medium
    let (tx, rx) = chan::<u32>(); //~ unbounded-channel:medium
    let (tx, rx) = mpsc::unbounded_channel::<u32>(); //~ unbounded-channel:medium
    let (tx, rx) = channel::<u32>(); //~ unbounded-channel:medium
    let (tx, rx) = f::unbounded::<u32>(); //~ unbounded-channel:medium
    let (tx, rx) = fmpsc::unbounded::<u32>(); //~ unbounded-channel:medium
}

fn full_paths() {
    let a = tokio::sync::mpsc::unbounded_channel::<u8>(); //~ unbounded-channel
    let b = std::sync::mpsc::channel::<u8>(); //~ unbounded-channel
    let c = ::std::sync::mpsc::channel::<u8>(); //~ unbounded-channel
    let d = crossbeam_channel::unbounded::<u8>(); //~ unbounded-channel
    let e = crossbeam::channel::unbounded::<u8>(); //~ unbounded-channel
    let g = flume::unbounded::<u8>(); //~ unbounded-channel
    let h = async_channel::unbounded::<u8>(); //~ unbounded-channel
    let i = futures::channel::mpsc::unbounded::<u8>(); //~ unbounded-channel
    let j = kanal::unbounded::<u8>(); //~ unbounded-channel
    let k = kanal::unbounded_async::<u8>(); //~ unbounded-channel
    let l = async_std::channel::unbounded::<u8>(); //~ unbounded-channel
    let m = futures_channel::mpsc::unbounded::<u8>(); //~ unbounded-channel
    let n = smol::channel::unbounded::<u8>(); //~ unbounded-channel
}

// A multi-line call is reported at the constructor's name.
fn multi_line() {
    let (tx, rx) = tokio::sync::mpsc::
        unbounded_channel::<Vec<u8>>( //~ unbounded-channel
        );
}

// Inside closures, async blocks and macro arguments too.
async fn nested() {
    let make = || std::sync::mpsc::channel::<u8>(); //~ unbounded-channel
    tokio::spawn(async move {
        let (tx, _rx) = flume::unbounded::<u8>(); //~ unbounded-channel
    });
    println!("{:?}", crossbeam_channel::unbounded::<u8>()); //~ unbounded-channel
}

// The crate creates its unbounded channels itself: the queue is reported once, where it is
// created, not again at the types that carry its ends.
fn pair() -> (mpsc::UnboundedSender<u8>, mpsc::UnboundedReceiver<u8>) {
    mpsc::unbounded_channel() //~ unbounded-channel:medium
}

struct Holder {
    events: mpsc::UnboundedSender<String>,
    replies: Option<tokio::sync::mpsc::UnboundedReceiver<u8>>,
    futs: futures::channel::mpsc::UnboundedSender<u8>,
}
