use std::sync::mpsc::sync_channel;
use tokio::sync::{broadcast, mpsc};

async fn connect(url: &str) -> Result<(), sqlx::Error> {
    // The seed: a pool size fixed in code.
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(20) //~ hardcoded-resource-limit:low
        .min_connections(5) //~ hardcoded-resource-limit:low
        .connect(url)
        .await?;
    Ok(())
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(8) //~ hardcoded-resource-limit
        .max_blocking_threads(64) //~ hardcoded-resource-limit
        .build()
        .unwrap()
}

fn pools() {
    let a = r2d2::Pool::builder().max_size(15).build(manager); //~ hardcoded-resource-limit
    let b = Client::builder().pool_size(10u32); //~ hardcoded-resource-limit
    let c = Redis::new().connection_limit(100); //~ hardcoded-resource-limit
    let d = Pool::builder().max_size(1_000 as usize); //~ hardcoded-resource-limit
}

fn channels() {
    let (tx, rx) = mpsc::channel(100); //~ hardcoded-resource-limit
    let (btx, brx) = broadcast::channel::<u8>(16); //~ hardcoded-resource-limit
    let (stx, srx) = sync_channel(32); //~ hardcoded-resource-limit
    let (ctx, crx) = crossbeam_channel::bounded(256); //~ hardcoded-resource-limit
    let (ftx, frx) = flume::bounded(64); //~ hardcoded-resource-limit
    let (atx, arx) = async_channel::bounded(8); //~ hardcoded-resource-limit
    let (ttx, trx) = tokio::sync::mpsc::channel(1024); //~ hardcoded-resource-limit
}

// Narration above a literal is not a reason for it.
fn narrated() {
    // Create a channel for notifications
    let (tx, rx) = tokio::sync::mpsc::channel(64); //~ hardcoded-resource-limit
    // TAS-61 V2: pool for the event systems
    let pool = Pool::builder().max_size(12).build(manager); //~ hardcoded-resource-limit
    // TODO: at most 8 workers until the limit is configurable
    let rt = Builder::new_multi_thread().worker_threads(8).build(); //~ hardcoded-resource-limit
}
