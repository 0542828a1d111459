//! The search queries, next to the handlers that run them (users.rs).

// Splices its parameter into SQL: a caller passing request data injects.
pub async fn find_by_name(pool: &sqlx::PgPool, name: &str) -> Result<u64, sqlx::Error> {
    let sql = format!("SELECT id FROM users WHERE name = '{name}'");
    Ok(sqlx::query(&sql).execute(pool).await?.rows_affected())
}

// Binds its parameter.
pub async fn find_by_email(pool: &sqlx::PgPool, email: &str) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .execute(pool)
        .await?
        .rows_affected())
}
