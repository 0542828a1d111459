// Source families beyond axum's extractors: poem, rocket route parameters, typed headers, the
// header map; and the sanitizers `Uuid::parse_str` and a `Regex::is_match` guard. Each firing
// flow has a quiet look-alike.
use axum::http::HeaderMap;
use axum_extra::TypedHeader;
use headers::UserAgent;
use regex::Regex;
use sqlx::PgPool;
use uuid::Uuid;

#[poem::handler]
async fn poem_query(poem::web::Query(q): poem::web::Query<Search>, pool: poem::web::Data<&PgPool>) {
    let sql = format!("SELECT * FROM items WHERE name = '{}'", q.name);
    sqlx::query(&sql).fetch_all(pool.0).await; //~ sql-injection:critical
}

#[poem::handler]
async fn poem_query_id(poem::web::Query(q): poem::web::Query<Search>, pool: poem::web::Data<&PgPool>) {
    let id = Uuid::parse_str(&q.id).unwrap();
    let sql = format!("SELECT * FROM items WHERE id = '{id}'");
    sqlx::query(&sql).fetch_all(pool.0).await;
}

#[rocket::get("/users/<name>")]
async fn rocket_user(name: String, pool: &rocket::State<PgPool>) {
    let sql = format!("SELECT * FROM users WHERE name = '{name}'");
    sqlx::query(&sql).fetch_all(pool.inner()).await; //~ sql-injection:critical
}

#[rocket::get("/users/<id>")]
async fn rocket_user_id(id: u64, pool: &rocket::State<PgPool>) {
    let sql = format!("SELECT * FROM users WHERE id = {id}");
    sqlx::query(&sql).fetch_all(pool.inner()).await;
}

async fn typed_header(TypedHeader(agent): TypedHeader<UserAgent>, pool: PgPool) {
    let sql = format!("INSERT INTO visits (agent) VALUES ('{}')", agent.as_str());
    sqlx::query(&sql).execute(&pool).await; //~ sql-injection:critical
}

async fn typed_header_counted(TypedHeader(agent): TypedHeader<UserAgent>, pool: PgPool) {
    let sql = format!("INSERT INTO visits (agent_len) VALUES ({})", agent.as_str().len());
    sqlx::query(&sql).execute(&pool).await;
}

async fn header_map(headers: HeaderMap, pool: PgPool) {
    let tenant = headers.get("x-tenant").unwrap().to_str().unwrap();
    let sql = format!("SELECT * FROM {tenant}.items");
    sqlx::query(&sql).fetch_all(&pool).await; //~ sql-injection:critical
}

async fn header_map_uuid(headers: HeaderMap, pool: PgPool) {
    let raw = headers.get("x-tenant").unwrap().to_str().unwrap();
    let tenant = Uuid::parse_str(raw).unwrap();
    let sql = format!("SELECT * FROM items WHERE tenant = '{tenant}'");
    sqlx::query(&sql).fetch_all(&pool).await;
}

async fn header_map_checked(headers: HeaderMap, pool: PgPool) {
    let tenant = headers.get("x-tenant").unwrap().to_str().unwrap();
    let re = Regex::new("^[a-z_]{1,32}$").unwrap();
    if !re.is_match(tenant) {
        return;
    }
    let sql = format!("SELECT * FROM {tenant}.items");
    sqlx::query(&sql).fetch_all(&pool).await;
}
