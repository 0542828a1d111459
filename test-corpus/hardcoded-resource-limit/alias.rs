// A channel constructor imported under another name: the call names neither `channel` nor
// `bounded`, the `use` does (the prefilter selects the file by the alias).
use flume::bounded as queue;
use tokio::sync::mpsc::{channel as mailbox, unbounded_channel};

fn start() {
    let (tx, rx) = queue::<u64>(512); //~ hardcoded-resource-limit
    let (mtx, mrx) = mailbox(64); //~ hardcoded-resource-limit
    let (utx, urx) = unbounded_channel::<u8>();
}

fn nested_turbofish() {
    let (tx, rx) = tokio::sync::mpsc::channel::<Vec<Option<u8>>>(256); //~ hardcoded-resource-limit
}
