// Test code is quiet unless --include-tests (see test_code_included.rs).
#[cfg(test)]
mod tests {
    async fn seed(pool: &PgPool, table: &str) {
        sqlx::query(&format!("TRUNCATE {}", table)).execute(pool).await;
    }

    #[test]
    fn builds() {
        let sql = format!("SELECT * FROM {}", "t".to_string());
    }
}

#[tokio::test]
async fn top_level(pool: PgPool) {
    let t = "x";
    let sql = format!("DROP TABLE {t}");
    sqlx::query(&sql).execute(&pool).await;
}

// The checked macros are counted in test code too, but never reported.
#[cfg(test)]
async fn counted(pool: &PgPool) {
    sqlx::query!("SELECT 1").fetch_one(pool).await;
}
