use std::thread;

use tokio::task::JoinSet;

struct Service {
    handles: Vec<tokio::task::JoinHandle<()>>,
}

impl Service {
    async fn start(&mut self, actor: Actor) {
        // The handle is kept, awaited, or returned.
        let handle = tokio::spawn(async move { actor.run().await });
        self.handles.push(tokio::spawn(heartbeat()));
        let result = tokio::spawn(work()).await;
        tokio::spawn(work()).await.ok();
        let _handle = tokio::spawn(cleanup());
    }

    // The stored handles are awaited on shutdown: supervised.
    async fn shutdown(&mut self) {
        for handle in self.handles.drain(..) {
            let _ = handle.await;
        }
    }

    fn spawn_worker(&self) -> tokio::task::JoinHandle<()> {
        tokio::spawn(work())
    }

    // Owners that keep their tasks: a JoinSet, a scope, a task tracker.
    async fn owned(&self) {
        let mut set = JoinSet::new();
        set.spawn(work());
        thread::scope(|s| {
            s.spawn(|| compute());
        });
        self.tracker.spawn(work());
        self.runtime.spawn(work());
    }

    fn child_process(&self) {
        std::process::Command::new("ls").spawn().ok();
    }
}

// A crate's own `spawn` function.
fn own_spawn() {
    spawn_actor(Actor::new());
    my_executor::spawn(work());
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn detached_in_test() {
        tokio::spawn(async {});
    }
}

// An executor adapter: forgetting the task is the trait's contract.
impl<Fut> hyper::rt::Executor<Fut> for TokioExecutor
where
    Fut: std::future::Future + Send + 'static,
{
    fn execute(&self, fut: Fut) {
        tokio::spawn(fut);
    }
}

// The same, with the future wrapped in a span: still the parameter itself.
impl<Fut> hyper::rt::Executor<Fut> for TracingExecutor
where
    Fut: std::future::Future + Send + 'static,
{
    fn execute(&self, fut: Fut) {
        tokio::spawn(fut.in_current_span());
    }
}

impl Spawn for TokioSpawner {
    fn spawn_obj(&self, fut: FutureObj<'static, ()>) -> Result<(), SpawnError> {
        tokio::spawn(fut);
        Ok(())
    }
}
