use std::sync::Arc;
use std::thread;

use tokio::runtime::Runtime;

pub fn start(rt: Arc<Runtime>) -> thread::JoinHandle<()> {
    thread::spawn(move || loop {
        crate::pump(&rt);
        crate::shared(&rt);
    })
}

pub fn start_main(rt: Arc<Runtime>) -> thread::JoinHandle<()> {
    let rt2 = rt.clone();
    thread::spawn(move || crate::worker_main(rt2));
    thread::spawn(crate::worker_main)
}

pub fn start_io(rt: Arc<Runtime>) -> std::io::Result<thread::JoinHandle<()>> {
    thread::Builder::new()
        .name("io".into())
        .spawn(move || crate::io_loop(&rt))
}

pub fn start_timer(rt: Arc<Runtime>) -> std::io::Result<thread::JoinHandle<()>> {
    let timer = thread::Builder::new().name("timer".into());
    timer.spawn(move || loop {
        crate::timer_loop(&rt)
    })
}

pub fn run_scoped(rt: &Runtime) {
    thread::scope(|s| {
        s.spawn(|| crate::scoped_loop(rt));
    });
}

// loom's threads model std's: a test under `cfg(loom)` starts them the same way.
pub fn start_modelled(rt: Arc<Runtime>) {
    loom::thread::spawn(move || crate::modelled(&rt));
}
