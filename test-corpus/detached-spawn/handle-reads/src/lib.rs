// Stored `JoinHandle`s and the reads that do or do not supervise them (`shutdown.rs` reads some
// of these fields from another file).
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::sync::RwLock;
use tokio::task::JoinHandle;

pub mod shutdown;

pub struct Pool {
    // Pushed to and counted, never awaited, joined, aborted or checked.
    workers: Vec<JoinHandle<()>>, //~ detached-spawn
    // Also counted, but drained and awaited on shutdown (`shutdown.rs`).
    pub tasks: Vec<JoinHandle<()>>,
}

impl Pool {
    pub fn add(&mut self) {
        self.workers.push(tokio::spawn(async {}));
        self.tasks.push(tokio::spawn(async {}));
    }

    pub fn size(&self) -> usize {
        self.workers.len() + self.tasks.len()
    }
}

pub struct Watch {
    // Checked with `is_finished()`: a dead pump is noticed.
    pump: JoinHandle<()>,
    // Only asked whether it is there: `is_some()` says nothing about the task.
    feeder: Option<JoinHandle<()>>, //~ detached-spawn
}

impl Watch {
    pub fn healthy(&self) -> bool {
        !self.pump.is_finished() && self.feeder.is_some()
    }
}

pub struct Registry {
    // A replaced handle is aborted: `insert` returns it.
    by_id: HashMap<u64, JoinHandle<()>>,
    // Inserted into and looked up by key only: the replaced handle is dropped.
    slots: HashMap<u64, JoinHandle<()>>, //~ detached-spawn
    // Counted through the lock, never looked at.
    counted: RwLock<Vec<JoinHandle<()>>>, //~ detached-spawn
}

impl Registry {
    pub async fn start(&mut self, id: u64) -> bool {
        if let Some(old) = self.by_id.insert(id, tokio::spawn(async {})) {
            old.abort();
        }
        self.slots.insert(id, tokio::spawn(async {}));
        self.counted.write().await.push(tokio::spawn(async {}));
        self.slots.contains_key(&id) && self.counted.read().await.iter().count() > 0
    }
}

// A future that polls the task it owns: its completion is seen.
pub struct Guarded {
    task: JoinHandle<()>,
}

impl Future for Guarded {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match Pin::new(&mut self.task).poll(cx) {
            Poll::Ready(_) => Poll::Ready(()),
            Poll::Pending => Poll::Pending,
        }
    }
}

// Polled once with `futures::poll!` in a select loop (`shutdown.rs`).
pub struct Probe {
    pub probe: JoinHandle<()>,
}
