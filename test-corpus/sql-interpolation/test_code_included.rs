//@ include-tests
#[cfg(test)]
mod tests {
    async fn seed(pool: &PgPool, table: &str) {
        sqlx::query(&format!("TRUNCATE {}", table)).execute(pool).await; //~ sql-interpolation:medium
    }
}

#[tokio::test]
async fn top_level(pool: PgPool) {
    let t = "x".to_string();
    let sql = format!("DROP TABLE {t}"); //~ sql-interpolation:medium
    sqlx::query(&sql).execute(&pool).await;
}
