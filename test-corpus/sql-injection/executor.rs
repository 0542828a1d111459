// sqlx `Executor` methods given SQL text (`pool.fetch_all(sql)`), called as methods with the
// trait in scope (here as `_`) or as paths. The look-alikes call the same names on a query
// builder, whose argument is the executor and whose text is bound, not spliced.
use axum::extract::{Json, Query};
use sqlx::Executor as _;
use sqlx::PgPool;

async fn fetch_all_raw(Query(q): Query<Search>, pool: PgPool) {
    let sql = format!("SELECT * FROM t WHERE n = '{}'", q.name);
    pool.fetch_all(sql.as_str()).await; //~ sql-injection:critical
}

async fn fetch_one_path(Query(q): Query<Search>, pool: PgPool) {
    sqlx::Executor::fetch_one(&pool, q.stmt.as_str()).await; //~ sql-injection:critical
}

async fn fetch_optional_conn(Query(q): Query<Search>, mut conn: sqlx::PgConnection) {
    conn.fetch_optional(q.stmt.as_str()).await; //~ sql-injection:critical
}

async fn run_many(pool: &PgPool, script: &str) {
    pool.execute_many(script); //~ sql-injection:critical
}

async fn via_helper(Query(q): Query<Search>, pool: PgPool) {
    run_many(&pool, &q.stmt).await;
}

struct Report {
    sql: String,
}

async fn from_struct(Json(r): Json<ReportRequest>, pool: PgPool) {
    let report = Report { sql: format!("SELECT {} FROM t", r.columns) };
    pool.fetch_many(report.sql.as_str()); //~ sql-injection:critical
}

// The same names on a builder: the text is a bind parameter, the argument the executor.
async fn builder_bound(Query(q): Query<Search>, pool: PgPool) {
    sqlx::query("SELECT * FROM t WHERE n = $1")
        .bind(&q.name)
        .fetch_all(&pool)
        .await;
    sqlx::query_as::<_, Row>("SELECT * FROM t WHERE n = $1")
        .bind(q.name.clone())
        .fetch_optional(&pool)
        .await;
}

async fn builder_fixed(pool: PgPool) {
    pool.fetch_all("SELECT * FROM t").await;
}
