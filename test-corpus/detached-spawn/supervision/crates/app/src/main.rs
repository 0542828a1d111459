use actors::supervisor::Ingest;
use actors::{spawn_named, spawn_tracked};

async fn run_actor() {}

#[tokio::main]
async fn main() {
    spawn_named!("ingest", run_actor()); //~ detached-spawn
    let _kept = spawn_named!("kept", run_actor());
    let mut registry = Vec::new();
    spawn_tracked!(registry, run_actor());
    let ingest = Ingest::start();
    shutdown(ingest).await;
}

// The flusher and the watchers are awaited on shutdown: supervised, in another crate.
async fn shutdown(mut ingest: Ingest) {
    if let Some(flusher) = ingest.flusher.take() {
        let _ = flusher.await;
    }
    for watcher in ingest.watchers.drain(..) {
        watcher.abort();
    }
}

// This crate's own `launch!` (also not exported) runs the future in place. The `actors` macro
// of the same name, found first, does not reach here: this call is no spawn.
macro_rules! launch {
    ($fut:expr) => {
        $fut
    };
}

async fn tick() {
    launch!(run_actor()).await;
}
