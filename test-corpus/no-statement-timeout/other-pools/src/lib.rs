use bb8_redis::RedisConnectionManager;

// A bb8 pool of Redis connections has no SQL statements to bound.
pub async fn cache(manager: RedisConnectionManager) -> bb8::Pool<RedisConnectionManager> {
    bb8::Pool::builder().build(manager).await.expect("pool")
}

/// A pool type of our own called `PgPoolOptions` is not sqlx's.
mod local {
    pub struct PgPoolOptions;
    impl PgPoolOptions {
        pub fn new() -> Self {
            PgPoolOptions
        }
    }
}

pub fn ours() -> local::PgPoolOptions {
    local::PgPoolOptions::new()
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn test_pools_are_not_production() {
        let _pool = sqlx::postgres::PgPoolOptions::new();
    }
}

/// Returns the configuration: whoever connects with it sets its options (a library's settings
/// type converting itself, as deadpool-postgres's `get_pg_config` does).
pub fn pg_config(host: &str) -> tokio_postgres::Config {
    let mut cfg = tokio_postgres::Config::new();
    cfg.host(host);
    cfg
}
