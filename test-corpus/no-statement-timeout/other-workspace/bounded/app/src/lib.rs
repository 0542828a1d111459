use sqlx::postgres::{PgPool, PgPoolOptions};

pub async fn pool() -> sqlx::Result<PgPool> {
    PgPoolOptions::new()
        .connect("postgres://db/app?options=-c%20statement_timeout%3D30s")
        .await
}
