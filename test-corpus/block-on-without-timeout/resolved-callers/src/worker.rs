async fn step() {}

// Called only from the loop of the thread `start_worker` starts: the thread's main loop drives its
// runtime. The request handler's `server::run()` is another fn.
pub fn run() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(step());
}
