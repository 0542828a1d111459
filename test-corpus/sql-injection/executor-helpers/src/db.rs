// Query helpers the handlers in main.rs call (another file).
use sqlx::Executor;

// sqlx's `Executor` given the text itself.
pub async fn fetch_raw(pool: &sqlx::PgPool, sql: &str) {
    pool.fetch_all(sql).await;
}

// The same method on a query builder: the text is bound, the argument is the executor.
pub async fn fetch_bound(pool: &sqlx::PgPool, name: &str) {
    sqlx::query("SELECT * FROM users WHERE name = $1").bind(name).fetch_all(pool).await;
}
