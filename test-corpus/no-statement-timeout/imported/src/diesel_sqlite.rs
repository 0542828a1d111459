use diesel::r2d2::{ConnectionManager, Pool};
use diesel::SqliteConnection;

// Quiet: a SQLite pool, the same form as diesel_pg.rs; SQLite has no statement timeout to set.
pub fn pool(path: &str) -> Pool<ConnectionManager<SqliteConnection>> {
    Pool::builder()
        .build(ConnectionManager::<SqliteConnection>::new(path))
        .expect("pool")
}
