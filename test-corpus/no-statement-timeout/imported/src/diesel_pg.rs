use diesel::r2d2::{ConnectionManager, Pool};
use diesel::PgConnection;

// diesel's documented form: `Pool::builder()` on the imported pool type.
pub fn pool(url: &str) -> Pool<ConnectionManager<PgConnection>> {
    let manager = ConnectionManager::<PgConnection>::new(url);
    Pool::builder() //~ no-statement-timeout
        .test_on_check_out(true)
        .build(manager)
        .expect("pool")
}
