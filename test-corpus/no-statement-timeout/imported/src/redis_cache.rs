use r2d2::Pool;
use r2d2_redis::RedisConnectionManager;

// Quiet: an r2d2 pool of Redis connections has no SQL statements to bound.
pub fn cache(manager: RedisConnectionManager) -> Pool<RedisConnectionManager> {
    Pool::builder().max_size(8).build(manager).expect("pool")
}
