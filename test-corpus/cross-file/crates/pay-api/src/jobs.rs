use pay_runtime::spawn_named;
use tokio::task::JoinHandle;

async fn mailer() {}

async fn audit_log() {}

pub fn start_jobs() -> JoinHandle<()> {
    // pay-runtime's `spawn_named!` expands to `tokio::spawn`: this handle is dropped.
    spawn_named!("mailer", mailer()); //~ detached-spawn
    // This one is returned and awaited on shutdown (main.rs).
    spawn_named!("audit", audit_log())
}
