// A method of this file named like a sink (`Audit::execute`) does not hide sqlx's
// `Executor::execute` on a pool.
use axum::extract::Query;
use sqlx::{Executor, PgPool};

struct Audit;

impl Audit {
    fn execute(&self, _n: u32) {}
}

#[derive(serde::Deserialize)]
struct Q {
    sql: String,
}

async fn run(pool: PgPool, Query(q): Query<Q>) {
    pool.execute(q.sql.as_str()).await.ok(); //~ sql-injection:critical
}

// The file's own method on its own type: no SQL runs.
async fn audited(audit: Audit, Query(q): Query<Q>) {
    audit.execute(q.sql.len() as u32);
}
