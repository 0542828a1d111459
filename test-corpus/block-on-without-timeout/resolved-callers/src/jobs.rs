async fn step() {}

// `main` calls `tasks::run_all()`, another fn: nothing in the workspace calls this one, a library
// API whose caller is not known to be `main`.
pub fn run_all() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(step()); //~ block-on-without-timeout:medium
}
