//! Look-alikes of a thread's main loop that are not one: the closure runs on a worker that other
//! work shares, so a future that never completes holds it for good.

use std::sync::Arc;

use tokio::runtime::Runtime;

async fn step() {}

// Called only inside a tokio task: a task, not a thread of its own.
pub fn on_task(rt: &Runtime) {
    rt.block_on(step()); //~ block-on-without-timeout:medium
}

pub fn start_task(rt: Arc<Runtime>) {
    tokio::spawn(async move { on_task(&rt) });
}

// Called only inside a rayon job: a job on a shared pool worker, not a thread of its own.
pub fn on_job(rt: &Runtime) {
    rt.block_on(step()); //~ block-on-without-timeout:medium
}

pub fn start_job(rt: Arc<Runtime>) {
    rayon::spawn(move || loop {
        on_job(&rt)
    });
}

// Called only inside the crate's own `spawn`, which hands the closure to a pool.
pub fn on_pooled(rt: &Runtime) {
    rt.block_on(step()); //~ block-on-without-timeout:medium
}

pub fn spawn<F: FnOnce() + Send + 'static>(f: F) {
    rayon::spawn(f)
}

pub fn start_pooled(rt: Arc<Runtime>) {
    spawn(move || on_pooled(&rt));
}

// Called only inside a rayon scope's `spawn`: jobs on the pool, unlike `std::thread::scope`.
pub fn on_scoped_job(rt: &Runtime) {
    rt.block_on(step()); //~ block-on-without-timeout:medium
}

pub fn run_scoped_jobs(rt: &Runtime) {
    rayon::scope(|s| {
        s.spawn(|_| on_scoped_job(rt));
    });
}

// Called only inside a task started from tokio's task `Builder`, not `std::thread::Builder`.
pub fn on_named_task(rt: &Runtime) {
    rt.block_on(step()); //~ block-on-without-timeout:medium
}

pub fn start_named_task(rt: Arc<Runtime>) {
    let _ = tokio::task::Builder::new()
        .name("named")
        .spawn(async move { on_named_task(&rt) });
}
