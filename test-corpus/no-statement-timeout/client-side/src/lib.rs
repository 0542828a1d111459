use std::time::Duration;

use sqlx::postgres::{PgPool, PgPoolOptions};
use tokio::time::timeout;

// Quiet: queries are wrapped in `tokio::time::timeout` on the client side.
pub async fn pool(url: &str) -> sqlx::Result<PgPool> {
    PgPoolOptions::new().connect(url).await
}

pub async fn count(pool: &PgPool) -> Option<i64> {
    let query = sqlx::query_scalar("SELECT count(*) FROM jobs");
    timeout(Duration::from_secs(2), query.fetch_one(pool)).await.ok()?.ok()
}
