use tokio::task::JoinHandle;

use crate::Error;

async fn ingest_loop() {}

async fn metrics_loop() {}

async fn sweep() {}

pub struct Workers {
    // Awaited on shutdown (shutdown.rs).
    pub ingest_task: JoinHandle<()>,
    // Kept, and read nowhere in the workspace: if it dies, nothing notices.
    metrics_task: JoinHandle<()>, //~ detached-spawn
    // Aborted on shutdown (shutdown.rs).
    pub sweepers: Vec<JoinHandle<()>>,
}

impl Workers {
    pub fn start() -> Workers {
        // The macro's value is the handle, and each is kept.
        let ingest_task = spawn_named!("ingest", ingest_loop());
        let metrics_task = spawn_named!("metrics", metrics_loop());
        let sweepers = vec![spawn_named!("sweeper", sweep())];
        Workers {
            ingest_task,
            metrics_task,
            sweepers,
        }
    }

    pub fn ensure_sweeping(&self) -> Result<(), Error> {
        if self.sweepers.is_empty() {
            return Err(Error::Gone);
        }
        Ok(())
    }
}
