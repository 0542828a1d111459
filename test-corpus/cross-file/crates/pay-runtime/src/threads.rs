use std::sync::Arc;
use std::thread::JoinHandle;

use tokio::runtime::Runtime;

/// The event thread: its main loop drives the runtime.
pub fn start_event_thread(rt: Arc<Runtime>) -> JoinHandle<()> {
    std::thread::spawn(move || loop {
        crate::bridge::pump_events(&rt)
    })
}
