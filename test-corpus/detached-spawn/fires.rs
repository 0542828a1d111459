use std::thread;

use tokio::task;

async fn start(actor: Actor) {
    // The seed: actors spawned with no supervision.
    tokio::spawn(async move { actor.run().await }); //~ detached-spawn:low
    tokio::task::spawn(heartbeat()); //~ detached-spawn:low
    task::spawn_blocking(|| compact()); //~ detached-spawn
    let _ = tokio::spawn(cleanup()); //~ detached-spawn
    tokio::runtime::Handle::current().spawn(flush()); //~ detached-spawn
}

fn threads() -> std::io::Result<()> {
    thread::spawn(|| loop_forever()); //~ detached-spawn
    std::thread::spawn(move || watch()); //~ detached-spawn
    thread::Builder::new()
        .name("reaper".into())
        .spawn(|| reap())?; //~ detached-spawn
    std::thread::Builder::new().spawn(|| reap()).expect("spawn reaper"); //~ detached-spawn
    Ok(())
}

fn in_closure(items: Vec<Item>) {
    items.into_iter().for_each(|item| {
        tokio::spawn(process(item)); //~ detached-spawn
    });
}

fn imported() {
    use tokio::spawn;
    spawn(tick()); //~ detached-spawn
}

// An inherent `execute` method is not an executor adapter.
impl Job {
    fn execute(&self) {
        tokio::spawn(self.run()); //~ detached-spawn
    }
}

// A trait impl method named like an executor's, but it spawns its own work, not a future it was
// handed: the old name-based exemption silenced this.
impl Service for Worker {
    fn execute(&self) {
        tokio::spawn(self.run()); //~ detached-spawn
    }

    fn spawn_all(&self, fut: Job) -> usize {
        tokio::spawn(fut); //~ detached-spawn
        1
    }
}

// An executor whose spawned future is a new one built from the parameter, not the parameter:
// the adapter exemption does not hold.
impl<Fut> hyper::rt::Executor<Fut> for RetryingExecutor
where
    Fut: std::future::Future + Send + 'static,
{
    fn execute(&self, fut: Fut) {
        tokio::spawn(with_retries(fut)); //~ detached-spawn
    }
}
