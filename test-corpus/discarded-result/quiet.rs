async fn handled(client: Client, tx: Sender<Event>) -> Result<(), Error> {
    client.drain().await?;
    let _ = tx.send(Event::Stopped).await?;
    if let Err(e) = tx.send(Event::Done).await {
        tracing::warn!(error = %e, "receiver gone");
    }
    let sent = tx.send(Event::Again).await;
    let _guard = lock.lock().await;
    Ok(())
}

fn not_fallible(map: &mut HashMap<u8, u8>, v: &[u8]) {
    let _ = map.remove(&1);
    let _ = v.len();
    let _ = x;
    let _ = Box::new(5);
    let _ignored = tx.send(4);
    let value = parse(v).ok();
    let first = v.first().copied();
    parse(v).ok()?;
    let n = parse(v).ok().unwrap_or(0);
}

fn documented(tx: &Sender<u8>) {
    // The receiver is gone only after shutdown, when nobody cares about progress.
    let _ = tx.send(1);
    let _ = tx.send(2); // progress is best-effort
    out.flush().ok(); // stdout closed: nothing to report to
}

fn option_tail(v: &[u8]) -> Option<u8> {
    parse(v).ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn cleanup_in_test() {
        let _ = std::fs::remove_file("x");
        std::fs::remove_file("y").ok();
    }
}

// `Drop` cannot report an error: best-effort cleanup is the norm there.
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
        self.file.flush().ok();
    }
}

async fn waits(mut rx: watch::Receiver<u8>, mut buf: Vec<u8>) {
    let _ = rx.changed().await;
    let _ = rx2.recv().await;
    let _ = tokio::time::sleep(Duration::from_millis(5)).await;
    // A collection's drain, not a connection's.
    let _ = buf.drain(..4);
}
