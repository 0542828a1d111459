// Fields of the same name in several structs: a read counts for the struct its receiver is typed
// to, or for any of them when the receiver's type is not known (`supervisor.rs` reads some).
use tokio::task::JoinHandle;

pub mod supervisor;

pub struct Pool {
    // Only counted; `Balancer::drain` awaits its own `handles`, another struct's field.
    handles: Vec<JoinHandle<()>>, //~ detached-spawn
}

impl Pool {
    pub fn add(&mut self) {
        self.handles.push(tokio::spawn(async {}));
    }

    pub fn size(&self) -> usize {
        self.handles.len()
    }
}

pub struct Balancer {
    // Awaited through this struct's own `self`.
    handles: Vec<JoinHandle<()>>,
}

impl Balancer {
    pub async fn drain(&mut self) {
        for h in self.handles.drain(..) {
            let _ = h.await;
        }
    }
}

pub struct Watcher {
    // Checked through a receiver whose type the index does not know (`supervisor.rs`).
    pub task: JoinHandle<()>,
}

pub struct Relay {
    // Aborted through a parameter declared `&mut Relay` (`supervisor.rs`).
    pub worker: JoinHandle<()>,
}

pub struct Mirror {
    // Only `Relay`'s field of this name is aborted, through a parameter typed `Relay`.
    pub worker: JoinHandle<()>, //~ detached-spawn
}
