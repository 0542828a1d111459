use tokio::sync::{mpsc, oneshot, watch};

struct Settings {
    max_connections: u32,
    channel_capacity: usize,
}

const POOL_SIZE: u32 = 20;

async fn connect(url: &str, s: &Settings) -> Result<(), sqlx::Error> {
    // From configuration, a named constant, or computed: not a bare literal.
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(s.max_connections)
        .min_connections(POOL_SIZE / 4)
        .connect(url)
        .await?;
    Ok(())
}

fn runtime(threads: usize) -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(num_cpus::get() * 2)
        .max_blocking_threads(threads)
        .build()
        .unwrap()
}

// 0 and 1 are semantics, not tuning: a single connection (in-memory SQLite), a rendezvous or
// single-slot channel, a one-thread runtime.
async fn semantic(url: &str) {
    let pool = sqlx::sqlite::SqlitePoolOptions::new().max_connections(1).connect(url).await;
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).build();
    let (tx, rx) = mpsc::channel::<()>(1);
    let (stx, srx) = std::sync::mpsc::sync_channel::<()>(0);
}

fn channels(s: &Settings) {
    let (tx, rx) = mpsc::channel(s.channel_capacity);
    // A watch channel's argument is its initial value, not a capacity.
    let (wtx, wrx) = watch::channel(0u64);
    let (otx, orx) = oneshot::channel::<u8>();
    let (utx, urx) = std::sync::mpsc::channel::<u8>();
    // A crate's own `channel(n)` helper, unresolved.
    let x = channel(64);
    let y = bounded(64);
}

// Default values in a config struct are the documented defaults, not hard-coding.
impl Default for Settings {
    fn default() -> Self {
        Settings {
            max_connections: 20,
            channel_capacity: 1024,
        }
    }
}

// Other methods that take numbers.
fn others(v: &mut Vec<u8>) {
    v.reserve(1024);
    let w: Vec<u8> = Vec::with_capacity(4096);
    let s = Semaphore::new(10);
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn small_pool() {
        let (tx, rx) = tokio::sync::mpsc::channel::<u8>(10);
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).build();
    }
}

// A comment says why the number is what it is: a documented decision.
fn test_pool(opts: PoolOptions) -> PoolOptions {
    // Postgres allows 100 connections; leave room for concurrently running test processes.
    opts.max_connections(20)
}

fn events() {
    let (tx, rx) = tokio::sync::mpsc::channel(128); // bursts of at most one message per subscriber
}

fn test_pool() -> PoolOptions {
    PoolOptions::new()
        // Don't allow a single test to take all the connections.
        // Most tests shouldn't require more than 5 connections concurrently,
        // or else they're likely doing too much in one test.
        .max_connections(5)
}
