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

// A `stop` that does more than forward: it awaits a coordinator lock and several sub-services.
impl Orchestrator {
    pub async fn stop(&self) -> Result<(), Error> {
        let coordinator = self.coordinator.lock().await;
        coordinator.stop().await?; //~ shutdown-without-timeout
        self.executor.stop().await?; //~ shutdown-without-timeout
        Ok(())
    }
}

// Closing an I/O stream's write half (`AsyncWriteExt::shutdown` in a fn returning `io::Result`)
// is an I/O primitive whose timeout belongs to the caller, like a write: quiet.
impl BufferedSocket {
    pub async fn shutdown(&mut self) -> std::io::Result<()> {
        self.flush().await?;
        self.socket.shutdown().await
    }
}

// The look-alikes still fire: a service's `shutdown()` in a fn returning another `Result`, and a
// component's `stop()` even in a fn returning `io::Result`.
impl Gateway {
    pub async fn shutdown(&mut self) -> Result<(), GatewayError> {
        self.flush().await?;
        self.server.shutdown().await //~ shutdown-without-timeout
    }

    pub async fn stop(&mut self) -> std::io::Result<()> {
        self.flush().await?;
        self.listener.stop().await //~ shutdown-without-timeout
    }
}

// Server entry points that await the shutdown after a signal, whatever their name.
mod entry {
    use tokio::signal::unix::{signal, SignalKind};

    #[tokio::main]
    async fn main() -> Result<(), Error> {
        let server = Server::start().await?;
        let worker_handle = tokio::spawn(work());
        tokio::signal::ctrl_c().await?;
        server.stop().await?; //~ shutdown-without-timeout
        worker_handle.await?; //~ shutdown-without-timeout
        Ok(())
    }

    pub async fn run(self) -> Result<(), Error> {
        let mut term = signal(SignalKind::terminate())?;
        term.recv().await;
        self.server.shutdown().await; //~ shutdown-without-timeout
        Ok(())
    }
}
