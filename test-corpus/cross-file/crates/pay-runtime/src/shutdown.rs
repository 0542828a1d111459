use crate::supervisor::Workers;
use crate::Error;

pub async fn shutdown(workers: Workers) -> Result<(), Error> {
    for sweeper in &workers.sweepers {
        sweeper.abort();
    }
    if workers.ingest_task.await.is_err() {
        return Err(Error::Stopped);
    }
    Ok(())
}
