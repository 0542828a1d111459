// What a value is parsed or deserialised into decides what it can hold: a number, a bool or an
// enum of unit variants keeps none of the text. The look-alikes parse into an enum with a
// `String` variant, or read a `String` field, and fire.
use axum::extract::{Json, Query};
use sqlx::PgPool;
use std::str::FromStr;

#[derive(serde::Deserialize)]
enum Order {
    Asc,
    Desc,
}

#[derive(serde::Deserialize)]
enum Column {
    Id,
    Named(String),
}

#[derive(serde::Deserialize)]
struct Listing {
    id: i64,
    limit: Option<u32>,
    active: bool,
    order: Order,
    column: Column,
    name: String,
}

async fn parse_enum(Query(q): Query<Params>, pool: PgPool) {
    let o: Order = q.order.parse().unwrap();
    sqlx::query(&format!("SELECT * FROM t ORDER BY id {o}")).execute(&pool).await;
    let o = q.order.parse::<Order>().unwrap();
    sqlx::query(&format!("SELECT * FROM t ORDER BY id {o}")).execute(&pool).await;
    let o = Order::from_str(&q.order).unwrap();
    sqlx::query(&format!("SELECT * FROM t ORDER BY id {o}")).execute(&pool).await;
}

async fn parse_enum_with_text(Query(q): Query<Params>, pool: PgPool) {
    let c: Column = q.column.parse().unwrap();
    sqlx::query(&format!("SELECT {c} FROM t")).execute(&pool).await; //~ sql-injection:critical
}

async fn serde_fields(Json(r): Json<Listing>, pool: PgPool) {
    sqlx::query(&format!("SELECT * FROM t WHERE id = {}", r.id)).execute(&pool).await;
    sqlx::query(&format!("SELECT * FROM t LIMIT {}", r.limit.unwrap_or(10))).execute(&pool).await;
    sqlx::query(&format!("SELECT * FROM t WHERE a = {}", r.active)).execute(&pool).await;
    sqlx::query(&format!("SELECT * FROM t ORDER BY id {}", r.order)).execute(&pool).await;
    sqlx::query(&format!("SELECT {} FROM t", r.column)).execute(&pool).await; //~ sql-injection:critical
    sqlx::query(&format!("SELECT * FROM t WHERE n = '{}'", r.name)).execute(&pool).await; //~ sql-injection:critical
}

async fn whole_extractor(body: Json<Listing>, pool: PgPool) {
    let id = body.id;
    sqlx::query(&format!("SELECT * FROM t WHERE id = {id}")).execute(&pool).await;
    let name = body.name.clone();
    sqlx::query(&format!("SELECT * FROM t WHERE n = '{name}'")).execute(&pool).await; //~ sql-injection:critical
}

async fn destructured(Json(Listing { id, name, .. }): Json<Listing>, pool: PgPool) {
    sqlx::query(&format!("SELECT * FROM t WHERE id = {id}")).execute(&pool).await;
    sqlx::query(&format!("SELECT * FROM t WHERE n = '{name}'")).execute(&pool).await; //~ sql-injection:critical
}

fn by_id(l: &Listing) -> String {
    format!("SELECT * FROM t WHERE id = {} ORDER BY id {}", l.id, l.order)
}

fn by_name(l: &Listing) -> String {
    format!("SELECT * FROM t WHERE n = '{}'", l.name)
}

async fn helpers(Json(r): Json<Listing>, pool: PgPool) {
    sqlx::query(&by_id(&r)).execute(&pool).await;
    sqlx::query(&by_name(&r)).execute(&pool).await; //~ sql-injection:critical
}
