use tokio::task::JoinHandle;

pub struct Ingest {
    worker: JoinHandle<()>, //~ detached-spawn
    pub flusher: Option<JoinHandle<()>>,
    pub watchers: Vec<JoinHandle<()>>,
    pub pumps: std::sync::Mutex<Vec<JoinHandle<()>>>, //~ detached-spawn
}

impl Ingest {
    pub fn start() -> Ingest {
        Ingest {
            worker: tokio::spawn(async {}),
            flusher: None,
            watchers: Vec::new(),
            pumps: std::sync::Mutex::new(Vec::new()),
        }
    }

    pub fn add_pump(&self) {
        // Pushing into the collection is not supervising it.
        self.pumps.lock().unwrap().push(tokio::spawn(async {}));
    }
}

// A `JoinHandle` of the project's own: not tokio's, nothing to supervise.
pub mod local {
    pub struct JoinHandle;
}

pub struct Holder {
    pub slot: local::JoinHandle,
}
