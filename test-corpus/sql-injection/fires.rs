// Untrusted input reaching an SQL executor as text.
use axum::extract::{Json, Path, Query};
use actix_web::HttpRequest;
use sqlx::PgPool;

// A `let` chain: extractor -> field -> format! -> executor.
async fn let_chain(Query(q): Query<Search>, pool: PgPool) {
    let name = q.name.trim().to_string();
    let sql = format!("SELECT * FROM users WHERE name = '{name}'");
    sqlx::query(&sql).fetch_all(&pool).await; //~ sql-injection:critical
}

// The whole statement is the input: no `format!` at all.
async fn whole_statement(body: String, Json(req): Json<Raw>, client: &tokio_postgres::Client) {
    client.batch_execute(req.statement.as_str()).await; //~ sql-injection:critical
}

// Through a helper of the same file that executes its parameter.
async fn run_sql(pool: &PgPool, text: &str) {
    sqlx::raw_sql(text).execute(pool).await; //~ sql-injection:critical
}

async fn via_helper(Path(table): Path<String>, pool: PgPool) {
    let stmt = format!("DROP TABLE {}", table);
    run_sql(&pool, &stmt).await;
}

// Through a helper that builds the text and returns it.
fn build_filter(column: &str) -> String {
    let mut s = String::from("SELECT id FROM items ORDER BY ");
    s.push_str(column);
    s
}

async fn via_builder(Query(q): Query<Sort>, db: &rusqlite::Connection) {
    let sql = build_filter(&q.order);
    db.prepare(&sql); //~ sql-injection:critical
}

// Through a struct field of a local.
struct Job {
    sql: String,
    retries: u32,
}

async fn via_struct(req: HttpRequest, pool: PgPool) {
    let job = Job {
        sql: format!("DELETE FROM t WHERE k = '{}'", req.query_string()),
        retries: 3,
    };
    sqlx::query(&job.sql).execute(&pool).await; //~ sql-injection:critical
}

// Standard input is local input: medium.
fn from_stdin(conn: &rusqlite::Connection) {
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).unwrap();
    conn.execute(&format!("INSERT INTO log VALUES ('{}')", line), []); //~ sql-injection:medium
}

// A value captured by a closure.
async fn in_closure(Query(q): Query<Search>, pool: PgPool) {
    let run = |p: &PgPool| sqlx::query(&format!("SELECT '{}'", q.name)).fetch_one(p); //~ sql-injection:critical
    run(&pool).await;
}

// `if let` / `match` bindings carry the value.
async fn in_match(Query(q): Query<Maybe>, pool: PgPool) {
    if let Some(filter) = q.filter {
        sqlx::query(&format!("SELECT * FROM t WHERE {filter}")).fetch_all(&pool).await; //~ sql-injection:critical
    }
    match q.order {
        Some(o) => pool.execute(format!("SELECT 1 ORDER BY {o}").as_str()).await, //~ sql-injection:critical
        None => {}
    }
}
