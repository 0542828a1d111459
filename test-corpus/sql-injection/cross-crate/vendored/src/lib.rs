use sqlx::PgPool;

// Used by `api` as a registry dependency: the summaries follow only the crates a handler's
// crate uses by path (a library corpus would otherwise be read again).
pub async fn lookup(pool: &PgPool, name: &str) -> sqlx::Result<()> {
    sqlx::query(&format!("SELECT id FROM users WHERE name = '{name}'"))
        .execute(pool)
        .await?;
    Ok(())
}
