// Request values reaching SQL through helpers in db.rs.
mod db;

use axum::extract::Query;

async fn by_name(Query(q): Query<Search>, pool: sqlx::PgPool) {
    db::find_by_name(&pool, &q.name).await; //~ sql-injection:critical
}

async fn sorted(Query(q): Query<Search>, pool: sqlx::PgPool) {
    let order = db::order_clause(&q.sort);
    sqlx::query(&format!("SELECT * FROM users {order}")).execute(&pool).await; //~ sql-injection:critical
}

async fn sorted_checked(Query(q): Query<Search>, pool: sqlx::PgPool) {
    let column = db::checked_column(&q.sort).unwrap();
    sqlx::query(&format!("SELECT * FROM users ORDER BY {column}")).execute(&pool).await;
}

async fn bound(Query(q): Query<Search>, pool: sqlx::PgPool) {
    db::find_bound(&pool, &q.name).await;
}

async fn table(Query(q): Query<Search>, pool: sqlx::PgPool) -> Result<(), String> {
    db::ensure_identifier(&q.table)?;
    sqlx::query(&format!("SELECT * FROM {}", q.table)).execute(&pool).await;
    Ok(())
}

async fn sorted_loose(Query(q): Query<Search>, pool: sqlx::PgPool) {
    let column = db::loose_column(&q.sort).unwrap();
    sqlx::query(&format!("SELECT * FROM users ORDER BY {column}")).execute(&pool).await; //~ sql-injection:critical
}

fn main() {}
