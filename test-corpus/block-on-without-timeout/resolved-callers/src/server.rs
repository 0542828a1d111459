async fn step() {}

// Called from a request handler: its caller blocks. The thread's `worker::run()` is another fn.
pub fn run() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(step()); //~ block-on-without-timeout:medium
}
