use std::time::Duration;

struct Bootstrap {
    coordinator: tokio::sync::Mutex<Coordinator>,
    orchestration_handle: Handle,
    worker_task: Option<tokio::task::JoinHandle<()>>,
    listener_handle: tokio::task::JoinHandle<()>,
}

impl Bootstrap {
    // The seed: each stop awaited with no bound.
    async fn shutdown(&mut self) -> Result<(), Error> {
        self.coordinator.lock().await.stop().await?; //~ shutdown-without-timeout:low
        self.orchestration_handle.stop().await?; //~ shutdown-without-timeout:low
        Ok(())
    }

    async fn graceful_shutdown(self) {
        self.server.shutdown().await; //~ shutdown-without-timeout
        self.pool.drain().await; //~ shutdown-without-timeout
        self.workers.join().await; //~ shutdown-without-timeout
        let _ = self.listener_handle.await; //~ shutdown-without-timeout
    }

    async fn stop_all(&mut self) {
        if let Some(h) = self.worker_task.take() {
            let _ = h.await; //~ shutdown-without-timeout
        }
        let handle = tokio::spawn(flush());
        handle.await.ok(); //~ shutdown-without-timeout
    }

    async fn stop_workers(&mut self, handles: Vec<tokio::task::JoinHandle<()>>) {
        for h in handles {
            h.await.ok(); //~ shutdown-without-timeout
        }
    }

    async fn on_stop(&mut self, tasks: Vec<tokio::task::JoinHandle<()>>) {
        futures::future::join_all(tasks).await; //~ shutdown-without-timeout
    }

    // A select! without a timer branch bounds nothing.
    async fn shutdown_select(&mut self) {
        tokio::select! {
            _ = async { self.server.stop().await } => {}, //~ shutdown-without-timeout
            _ = ctrl_c() => {},
        }
    }
}
