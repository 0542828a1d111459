use sqlx::mysql::{MySqlPool, MySqlPoolOptions};

// A timeout set in another workspace (../bounded) does not bound this one's queries.
pub async fn pool(url: &str) -> sqlx::Result<MySqlPool> {
    MySqlPoolOptions::new().connect(url).await //~ no-statement-timeout
}
