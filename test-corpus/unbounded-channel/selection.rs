// Each call below is the only thing in this file that can select it for parsing: a nested
// turbofish, and a constructor imported under an alias.
use flume::unbounded;
use crossbeam_channel::unbounded as queue;

fn nested_turbofish() {
    let (tx, rx) = unbounded::<Vec<Option<u8>>>(); //~ unbounded-channel
}

fn aliased() {
    let (tx, rx) = queue::<u8>(); //~ unbounded-channel
}

fn unit_turbofish() {
    let (tx, rx) = unbounded::<()>(); //~ unbounded-channel
}
