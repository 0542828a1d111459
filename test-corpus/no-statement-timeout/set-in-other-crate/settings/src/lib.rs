use sqlx::Executor;

pub async fn bound(conn: &mut sqlx::PgConnection) -> sqlx::Result<()> {
    conn.execute("SET statement_timeout = '30s'").await?;
    Ok(())
}
