use std::io::Write;

// The seed finding (003 #10): the drain error is swallowed and shutdown reports success.

async fn shutdown(client: Client, tx: Sender<Event>, handle: JoinHandle<()>) -> Result<(), Error> {
    let _ = client.drain().await; //~ discarded-result:medium
    let _ = tx.send(Event::Stopped).await; //~ discarded-result
    let _ = handle.await; //~ discarded-result
    let _ = tokio::time::timeout(Duration::from_secs(5), server.stop()).await; //~ discarded-result
    Ok(())
}

fn cleanup(path: &Path, tx: &std::sync::mpsc::Sender<u8>, out: &mut File) {
    let _ = std::fs::remove_file(path); //~ discarded-result
    let _ = fs::remove_dir_all(path.join("cache")); //~ discarded-result
    let _ = tx.send(1); //~ discarded-result
    let _ = tx.try_send(2); //~ discarded-result
    let _ = out.flush(); //~ discarded-result
    let _ = out.write_all(b"done\n"); //~ discarded-result
    let _ = stream.shutdown(Shutdown::Both); //~ discarded-result
    let _ = conn.execute("DELETE FROM sessions", []); //~ discarded-result
    let _ = worker.join(); //~ discarded-result
    let _: Result<(), _> = tx.send(3); //~ discarded-result
}

fn ok_statements(out: &mut File) {
    out.flush().ok(); //~ discarded-result
    std::fs::remove_file("x")
        .ok(); //~ discarded-result
    writeln!(out, "x").ok(); //~ discarded-result
}

fn trailing_comment_of_the_line_above(tx: &Sender<u8>) {
    let _ = tx.send(1); // best-effort progress
    let _ = tx.send(2); //~ discarded-result
}

// Narration and notes to self are not reasons to drop the error.
fn narrated(tx: &Sender<u8>, out: &mut File) {
    // Send the progress update
    let _ = tx.send(3); //~ discarded-result
    // TODO: should we ignore these failures?
    out.flush().ok(); //~ discarded-result
}
