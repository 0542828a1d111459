// Field types from the workspace model: a number and a plain enum are safe to splice, the
// `String` field is not.
mod model;
use axum::extract::Query;
use model::{Direction, Page};
use sqlx::PgPool;

async fn list(Query(p): Query<Page>, pool: PgPool) {
    sqlx::query(&format!("SELECT * FROM t OFFSET {}", p.offset)).execute(&pool).await;
    sqlx::query(&format!("SELECT * FROM t ORDER BY id {}", p.direction)).execute(&pool).await;
    sqlx::query(&format!("SELECT * FROM t WHERE {}", p.filter)).execute(&pool).await; //~ sql-injection:critical
}

async fn parsed(Query(q): Query<Raw>, pool: PgPool) {
    let d: Direction = q.direction.parse().unwrap();
    sqlx::query(&format!("SELECT * FROM t ORDER BY id {d}")).execute(&pool).await;
    let d: String = q.direction.parse().unwrap();
    sqlx::query(&format!("SELECT * FROM t ORDER BY id {d}")).execute(&pool).await; //~ sql-injection:critical
}

fn main() {}
