//! Helpers that block on a runtime. Whether one is a driver depends on who calls it, which the
//! other files of the crate say (worker.rs starts OS threads; tasks.rs hands work to tasks and
//! pools).

pub mod tasks;
pub mod worker;

use std::sync::Arc;
use std::thread::spawn;

use tokio::runtime::Runtime;

async fn step() {}

// Called only inside the loop of a thread that worker.rs starts: the thread's main loop drives
// its runtime, like `main`.
pub fn pump(rt: &Runtime) {
    rt.block_on(step());
}

// Handed by name to `thread::spawn` in worker.rs: a thread's entry.
pub fn worker_main(rt: Arc<Runtime>) {
    rt.block_on(step());
    drain(&rt);
}

// Called only by `worker_main`, a thread's entry: a driver one call deep.
fn drain(rt: &Runtime) {
    rt.block_on(step());
}

// Called only inside a same-file `spawn(move || loop { .. })` (`spawn` imported from
// `std::thread`).
pub fn tick(rt: &Runtime) {
    rt.block_on(step());
}

pub fn start_local(rt: Arc<Runtime>) {
    spawn(move || loop {
        tick(&rt)
    });
}

// Called from a thread's loop (worker.rs) and from a request handler: the handler's caller
// blocks too.
pub fn shared(rt: &Runtime) {
    rt.block_on(step()); //~ block-on-without-timeout:medium
}

pub fn handle_request(rt: &Runtime) {
    shared(rt)
}

// The same fn calls it inside a thread and on its own thread: not only a thread's.
pub fn flush(rt: &Runtime) {
    rt.block_on(step()); //~ block-on-without-timeout:medium
}

pub fn flush_now_and_later(rt: Arc<Runtime>) {
    let later = rt.clone();
    std::thread::spawn(move || flush(&later));
    flush(&rt);
}

// A thread started from a builder, directly or kept in a local, and one in a scope.
pub fn io_loop(rt: &Runtime) {
    rt.block_on(step());
}

pub fn timer_loop(rt: &Runtime) {
    rt.block_on(step());
}

pub fn scoped_loop(rt: &Runtime) {
    rt.block_on(step());
}

// A workspace fn that shares its name with the local closure a thread is given: the thread runs
// the closure, not this fn, and nothing else calls it.
pub fn job(rt: &Runtime) {
    rt.block_on(step()); //~ block-on-without-timeout:medium
}

pub fn start_job(rt: Arc<Runtime>) {
    let job = move || drop(rt);
    std::thread::spawn(job);
}

// Its name is also `Link::reconnect`'s (link.rs), which a thread's loop calls: a call by name
// cannot say which it means, so the thread's call vouches for neither.
pub fn reconnect(rt: &Runtime) {
    rt.block_on(step()); //~ block-on-without-timeout:medium
}

pub mod link;

// Called only inside a loom thread (worker.rs).
pub fn modelled(rt: &Runtime) {
    rt.block_on(step());
}
