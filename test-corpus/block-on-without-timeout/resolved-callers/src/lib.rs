//! Helpers that share their name with another fn of the crate: each is judged by the calls whose
//! path names it, not by every call of the name.

pub mod ffi;
pub mod jobs;
pub mod server;
pub mod tasks;
pub mod worker;

async fn fetch() -> u32 {
    1
}

// `other::lookup` shares the name, but the `extern` fn (ffi.rs) calls `crate::lookup()`: this
// one, so the foreign caller's thread blocks.
pub fn lookup() -> u32 {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(fetch()) //~ block-on-without-timeout:high
}

pub mod other {
    pub fn lookup() -> u32 {
        0
    }
}

// Starts the thread whose loop runs `worker::run`.
pub fn start_worker() -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || loop {
        worker::run()
    })
}

// A request handler that runs `server::run`, not `worker::run`.
pub async fn handle() {
    crate::server::run()
}
