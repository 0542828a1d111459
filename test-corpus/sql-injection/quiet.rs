// Look-alikes of the firing cases that are safe, or whose input is not untrusted.
use axum::extract::{Json, Path, Query};
use actix_web::HttpRequest;
use sqlx::PgPool;

const ALLOWED_COLUMNS: &[&str] = &["name", "created_at"];

// The let chain, with the value bound instead of spliced.
async fn let_chain(Query(q): Query<Search>, pool: PgPool) {
    let name = q.name.trim().to_string();
    sqlx::query("SELECT * FROM users WHERE name = $1").bind(&name).fetch_all(&pool).await;
}

// Parsed into a number first: it cannot change the statement.
async fn parsed(Query(q): Query<Search>, pool: PgPool) {
    let id: i64 = q.id.parse().unwrap();
    sqlx::query(&format!("SELECT * FROM users WHERE id = {id}")).fetch_all(&pool).await;
    let limit = q.limit.parse::<u32>().unwrap();
    pool.execute(format!("SELECT 1 LIMIT {limit}").as_str()).await;
}

// A typed extractor of a number.
async fn typed(Path(id): Path<i64>, pool: PgPool) {
    sqlx::query(&format!("SELECT * FROM t WHERE id = {id}")).fetch_all(&pool).await;
}

// The helper executes its parameter, but the caller passes a constant.
async fn run_sql(pool: &PgPool, text: &str) {
    sqlx::raw_sql(text).execute(pool).await;
}

async fn via_helper(Path(_table): Path<String>, pool: PgPool) {
    run_sql(&pool, "DROP TABLE scratch").await;
}

// The builder's caller checks the column against an allow-list first.
fn build_filter(column: &str) -> String {
    let mut s = String::from("SELECT id FROM items ORDER BY ");
    s.push_str(column);
    s
}

async fn via_builder(Query(q): Query<Sort>, db: &rusqlite::Connection) {
    if !ALLOWED_COLUMNS.contains(&q.order.as_str()) {
        return;
    }
    let sql = build_filter(&q.order);
    db.prepare(&sql);
}

// A struct whose SQL field is constant; only the untrusted field is not SQL.
struct Job {
    sql: String,
    owner: String,
}

async fn via_struct(req: HttpRequest, pool: PgPool) {
    let job = Job {
        sql: "DELETE FROM t WHERE expired".to_string(),
        owner: req.query_string().to_string(),
    };
    sqlx::query(&job.sql).execute(&pool).await;
}

// Validated by a function whose result decides whether the statement runs.
async fn validated(Path(table): Path<String>, pool: PgPool) -> Result<(), Error> {
    validate_identifier(&table)?;
    sqlx::query(&format!("SELECT * FROM {table}")).fetch_all(&pool).await;
    Ok(())
}

// Matched against literals: only the program's own strings get through.
async fn matched(Query(q): Query<Sort>, pool: PgPool) {
    match q.order.as_str() {
        "asc" | "desc" => {
            sqlx::query(&format!("SELECT * FROM t ORDER BY id {}", q.order)).fetch_all(&pool).await;
        }
        _ => {}
    }
}

// The server's own state, reached through the request object, is not input.
async fn app_state(req: HttpRequest, pool: PgPool) {
    let schema = req.app_data::<Schema>().unwrap();
    pool.execute(format!("SET search_path TO {}", schema.name).as_str()).await;
}

// Bind parameters handed to an HTTP client's `.query(..)` are not SQL text.
async fn http_query(Query(q): Query<Search>, client: reqwest::Client) {
    client.get("https://api.example.com/search").query(&[("q", &q.name)]).send().await;
}

// The environment is the deployment's configuration, not a source.
async fn from_env(pool: PgPool) {
    let schema = std::env::var("SCHEMA").unwrap();
    pool.execute(format!("SET search_path TO {schema}").as_str()).await;
}
