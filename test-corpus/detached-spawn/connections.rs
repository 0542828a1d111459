// A task per accepted connection serves one peer: its failure ends that connection, which the
// peer sees, and the accept loop goes on. Quiet; other spawns in the same loop are not.
use tokio::net::{TcpListener, TcpStream};

async fn accept_loop(listener: TcpListener) -> std::io::Result<()> {
    loop {
        let (stream, addr) = listener.accept().await?;
        tokio::spawn(async move {
            if let Err(err) = handle(stream).await {
                tracing::warn!(%addr, %err, "connection failed");
            }
        });
        // Spawned in the loop, but it does not serve the connection: fires.
        tokio::spawn(refresh_stats()); //~ detached-spawn
    }
}

async fn tls_loop(listener: TcpListener, acceptor: TlsAcceptor) {
    loop {
        let Ok((raw, _)) = listener.accept().await else {
            continue;
        };
        let Ok(stream) = acceptor.accept(raw).await else {
            continue;
        };
        let stream = TokioIo::new(stream);
        tokio::spawn(handle_io(stream));
    }
}

// Handed a connection: the task serving it is that connection's.
fn serve_connection(stream: TcpStream) {
    tokio::spawn(async move { handle(stream).await });
}

fn serve_generic<IO>(io: IO)
where
    IO: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    tokio::spawn(async move { handle_io(io).await });
}

// Only readable: a source of bytes, not a connection: fires.
fn drain<R>(reader: R)
where
    R: tokio::io::AsyncRead + Unpin + Send + 'static,
{
    tokio::spawn(async move { consume(reader).await }); //~ detached-spawn
}

// A parameter that is not a connection: fires.
fn start_worker(queue: Vec<Job>) {
    tokio::spawn(async move { process(queue).await }); //~ detached-spawn
}

// The task's end reaches whoever reads the receiver (a panic closes the channel): watched.
async fn send_body(body: Body) -> Result<(), BoxError> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let _ = tx.send(pump(body).await);
    });
    rx.await?
}

// The receiver is dropped at once: nobody learns anything: fires.
fn fire_and_forget(body: Body) {
    let (tx, _rx) = tokio::sync::oneshot::channel();
    tokio::spawn(async move { //~ detached-spawn
        let _ = tx.send(pump(body).await);
    });
}

// A state channel handed to someone else says nothing about the task's end: fires.
fn start_connection(connector: Connector) -> Client {
    let (state_tx, state_rx) = tokio::sync::watch::channel(None);
    tokio::spawn(async move { //~ detached-spawn
        let info = connector.connect().await;
        state_tx.send(Some(info)).ok();
    });
    Client::new(state_rx)
}

// The fn itself waits on the receiver: watched.
async fn run_and_wait(job: Job) -> Option<u32> {
    let (done_tx, mut done_rx) = tokio::sync::mpsc::channel(1);
    tokio::spawn(async move {
        let _ = done_tx.send(job.run().await).await;
    });
    done_rx.recv().await
}
