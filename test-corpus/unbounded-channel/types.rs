// No unbounded channel is created in this crate: the channel is made elsewhere (another crate,
// the API's caller), and these types commit the API to an unbounded queue: low.
use tokio::sync::mpsc;

struct Dispatcher {
    events: mpsc::UnboundedSender<String>, //~ unbounded-channel:low
    replies: Option<tokio::sync::mpsc::UnboundedReceiver<u8>>, //~ unbounded-channel:low
    futs: futures::channel::mpsc::UnboundedSender<u8>, //~ unbounded-channel:low
}

enum Link {
    Out(mpsc::UnboundedSender<u8>), //~ unbounded-channel:low
}

type EventTx = mpsc::UnboundedSender<u8>; //~ unbounded-channel:low

fn wire(tx: mpsc::UnboundedSender<u8>) -> mpsc::UnboundedReceiver<u8> { //~ unbounded-channel:low unbounded-channel:low
    todo!()
}

impl Dispatcher {
    fn subscribe(&self, tx: mpsc::UnboundedSender<u8>) {} //~ unbounded-channel:low
}

trait Bus {
    fn attach(&self, rx: mpsc::UnboundedReceiver<u8>); //~ unbounded-channel:low
}

// A bounded channel created here does not make the unbounded types' queue visible.
fn bounded() -> (mpsc::Sender<u8>, mpsc::Receiver<u8>) {
    mpsc::channel(8)
}

mod globbed {
    use tokio::sync::mpsc::*;

    struct Holder {
        tx: UnboundedSender<u8>, //~ unbounded-channel:low
    }
}
