use std::time::Duration;

use sqlx::postgres::{PgPool, PgPoolOptions};

// We rely on statement_timeout being set by the DBA: a comment is not a setting.
pub async fn pool(url: &str) -> sqlx::Result<PgPool> {
    PgPoolOptions::new() //~ no-statement-timeout
        .max_connections(20)
        .acquire_timeout(Duration::from_secs(3))
        .connect(url)
        .await
}

pub async fn lazy(url: &str) -> sqlx::Result<PgPool> {
    PgPool::connect(url).await //~ no-statement-timeout
}
