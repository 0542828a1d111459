// Handlers in one crate, queries in another that it uses by path: the summaries follow the
// calls into the workspace's own crates.
use axum::extract::{Query, State};
use sqlx::PgPool;

#[derive(serde::Deserialize)]
pub struct Lookup {
    name: String,
}

pub async fn by_name(State(pool): State<PgPool>, Query(q): Query<Lookup>) {
    let _ = store::users::find_by_name(&pool, &q.name).await; //~ sql-injection:critical
}

pub async fn by_email(State(pool): State<PgPool>, Query(q): Query<Lookup>) {
    let _ = store::users::find_by_email(&pool, &q.name).await;
}

pub async fn through_a_registry_crate(State(pool): State<PgPool>, Query(q): Query<Lookup>) {
    let _ = vendored::lookup(&pool, &q.name).await;
}
