// Request values reaching sqlx `Executor` methods through helpers in db.rs.
mod db;

use axum::extract::Query;

async fn fetched(Query(q): Query<Search>, pool: sqlx::PgPool) {
    let sql = format!("SELECT * FROM users WHERE name = '{}'", q.name);
    db::fetch_raw(&pool, &sql).await; //~ sql-injection:critical
    db::fetch_bound(&pool, &q.name).await;
}

fn main() {}
