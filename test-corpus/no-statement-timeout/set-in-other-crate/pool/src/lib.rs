use sqlx::postgres::{PgPool, PgPoolOptions};

// Quiet: the `settings` crate of this workspace sets the statement timeout on every connection.
pub async fn pool(url: &str) -> sqlx::Result<PgPool> {
    PgPoolOptions::new()
        .after_connect(|conn, _meta| Box::pin(async move { settings::bound(conn).await }))
        .connect(url)
        .await
}
