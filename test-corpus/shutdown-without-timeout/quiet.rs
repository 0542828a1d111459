use std::time::Duration;

use tokio::time::timeout;

struct Bootstrap {
    coordinator: tokio::sync::Mutex<Coordinator>,
    worker_task: Option<tokio::task::JoinHandle<()>>,
}

impl Bootstrap {
    // Wrapped in a timeout.
    async fn shutdown(&mut self) -> Result<(), Error> {
        timeout(Duration::from_secs(30), self.server.stop()).await??;
        tokio::time::timeout(Duration::from_secs(30), async {
            self.coordinator.lock().await.stop().await
        })
        .await??;
        self.pool.drain().timeout(Duration::from_secs(5)).await?;
        if let Some(h) = self.worker_task.take() {
            let _ = timeout(Duration::from_secs(5), h).await;
        }
        Ok(())
    }

    // Raced against a timer.
    async fn stop(&mut self) {
        tokio::select! {
            _ = async { self.server.stop().await } => {},
            _ = tokio::time::sleep(Duration::from_secs(30)) => {},
        }
    }

    // Not a shutdown function: the rule is about shutdown paths only.
    async fn run(&mut self) {
        self.server.stop().await;
        self.worker_task.take().unwrap().await.ok();
    }

    // Awaiting other things in a shutdown path.
    async fn shutdown_signal(&self) {
        self.notify.notified().await;
        self.tx.send(Msg::Stop).await.ok();
        tokio::signal::ctrl_c().await.ok();
        self.flush().await;
    }

    // A synchronous stop: no await, nothing to bound.
    fn stop_thread(&mut self) {
        self.thread.join().ok();
    }
}

#[cfg(test)]
mod tests {
    async fn shutdown_in_test(server: Server) {
        server.shutdown().await;
    }
}

// A body that is one forwarding call: the caller of this `stop` bounds the wait.
impl Service {
    pub async fn stop(&self) {
        self.inner.stop().await
    }

    pub async fn shutdown(&mut self) -> Result<(), Error> {
        self.closing = true;
        Ok(self.server.shutdown().await?)
    }

    pub async fn stop_listener(&mut self) -> std::io::Result<()> {
        self.listener.stop().await?;
        Ok(())
    }
}

// After a signal, an entry point that bounds the server's shutdown.
#[tokio::main]
async fn main() -> Result<(), Error> {
    let server = Server::start().await?;
    tokio::signal::ctrl_c().await?;
    tokio::time::timeout(Duration::from_secs(30), server.stop()).await??;
    Ok(())
}
