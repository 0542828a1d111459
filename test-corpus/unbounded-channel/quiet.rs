// Look-alikes that are not unbounded channels.
use std::sync::mpsc::sync_channel;
use tokio::sync::mpsc;

mod my_module {
    pub fn unbounded() -> u8 {
        0
    }
}

// A local function of the same name, and a path into the crate's own module.
fn unbounded() -> u8 {
    1
}

fn look_alikes() {
    let a = my_module::unbounded();
    let b = unbounded();
    let c = self::my_module::unbounded();
    let d = crate::my_module::unbounded();
}

// Bounded constructors of every crate.
fn bounded_ones() {
    let (tx, rx) = mpsc::channel::<u8>(64);
    let (tx, rx) = tokio::sync::mpsc::channel::<u8>(64);
    let (tx, rx) = sync_channel::<u8>(8);
    let (tx, rx) = std::sync::mpsc::sync_channel::<u8>(8);
    let (tx, rx) = crossbeam_channel::bounded::<u8>(8);
    let (tx, rx) = crossbeam::channel::bounded::<u8>(8);
    let (tx, rx) = flume::bounded::<u8>(8);
    let (tx, rx) = async_channel::bounded::<u8>(8);
    let (tx, rx) = futures::channel::mpsc::channel::<u8>(8);
    let (tx, rx) = kanal::bounded::<u8>(8);
    let (tx, rx) = kanal::bounded_async::<u8>(8);
    let (tx, rx) = async_std::channel::bounded::<u8>(8);
    let (tx, rx) = tokio::sync::broadcast::channel::<u8>(8);
    let (tx, rx) = tokio::sync::oneshot::channel::<u8>();
    let (tx, rx) = tokio::sync::watch::channel(0u8);
}

// Comments and strings mentioning them: unbounded(), mpsc::unbounded_channel(), std::sync::mpsc::channel()
/* crossbeam_channel::unbounded() */
fn strings() {
    let s = "tokio::sync::mpsc::unbounded_channel()";
    let t = "UnboundedSender<u8>";
    let method = queue.unbounded();
    let field = config.unbounded_channel;
}

struct Bounded {
    tx: mpsc::Sender<u8>,
    rx: mpsc::Receiver<u8>,
}

// Types inside function bodies and `impl` headers are not API commitments; the constructor is.
fn body_types() {
    let tx: Option<mpsc::UnboundedSender<u8>> = None;
    let v = Vec::<mpsc::UnboundedReceiver<u8>>::new();
}

impl<T> Wrapper for mpsc::UnboundedSender<T> {}

// A type of the crate's own that happens to share the name.
mod own {
    pub struct UnboundedReceiver;
    fn takes(r: UnboundedReceiver) {}
}

// Signatures dictated by a trait: the field above the impl is where the API chose the type.
pub struct ReceiverStream<T> {
    inner: Option<T>,
}
impl<T> AsRef<mpsc::UnboundedReceiver<T>> for ReceiverStream<T> {
    fn as_ref(&self) -> &mpsc::UnboundedReceiver<T> {
        todo!()
    }
}
impl<T> From<mpsc::UnboundedReceiver<T>> for ReceiverStream<T> {
    fn from(recv: mpsc::UnboundedReceiver<T>) -> Self {
        todo!()
    }
}
