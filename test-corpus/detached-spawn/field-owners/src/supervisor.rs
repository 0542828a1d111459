use crate::{Mirror, Relay, Watcher};

pub fn watch(all: Vec<Watcher>) -> bool {
    all.iter().any(|w| w.task.is_finished())
}

pub fn stop(relay: &mut Relay) {
    relay.worker.abort();
}

pub fn keep(mirror: Mirror) -> Mirror {
    mirror
}
