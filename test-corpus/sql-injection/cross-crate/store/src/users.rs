use sqlx::PgPool;

// Splices the name into the statement.
pub async fn find_by_name(pool: &PgPool, name: &str) -> sqlx::Result<()> {
    sqlx::query(&format!("SELECT id FROM users WHERE name = '{name}'"))
        .execute(pool)
        .await?;
    Ok(())
}

// Binds it.
pub async fn find_by_email(pool: &PgPool, email: &str) -> sqlx::Result<()> {
    sqlx::query("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .execute(pool)
        .await?;
    Ok(())
}
