use std::time::Duration;

use bb8_postgres::PostgresConnectionManager;
use deadpool_postgres::{Manager, ManagerConfig};

pub async fn connect(url: &str) -> Result<tokio_postgres::Client, tokio_postgres::Error> {
    let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls).await?; //~ no-statement-timeout
    tokio::spawn(conn);
    Ok(client)
}

pub fn manager(pg: tokio_postgres::Config) -> Manager {
    Manager::from_config(pg, tokio_postgres::NoTls, ManagerConfig::default()) //~ no-statement-timeout
}

pub async fn bb8_pool(
    manager: PostgresConnectionManager<tokio_postgres::NoTls>,
) -> bb8::Pool<PostgresConnectionManager<tokio_postgres::NoTls>> {
    bb8::Pool::builder() //~ no-statement-timeout
        .max_size(16)
        .build(manager)
        .await
        .expect("pool")
}

/// A timeout around an HTTP call bounds that call, not the database's statements.
pub async fn fetch(client: &reqwest::Client) -> Option<String> {
    let req = client.get("https://example.com").send();
    let res = tokio::time::timeout(Duration::from_secs(5), req).await.ok()?.ok()?;
    res.text().await.ok()
}

/// Builds and connects in one place: the options are decided here.
pub async fn connect_with_config(host: &str) -> Result<tokio_postgres::Client, tokio_postgres::Error> {
    let mut cfg = tokio_postgres::Config::new(); //~ no-statement-timeout
    cfg.host(host);
    let (client, conn) = cfg.connect(tokio_postgres::NoTls).await?;
    tokio::spawn(conn);
    Ok(client)
}
