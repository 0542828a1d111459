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

// Forwarding to the method of the same name: the caller of this `shutdown` bounds the wait.
impl BufferedSocket {
    pub async fn shutdown(&mut self) -> std::io::Result<()> {
        self.flush().await?;
        self.socket.shutdown().await
    }
}
