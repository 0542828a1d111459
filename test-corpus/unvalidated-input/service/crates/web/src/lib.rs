pub mod grpc;

use axum::extract::{Json, Query};
use domain::{CreateUser, Ping, Rename, Search, Transfer};
use validator::Validate;

pub async fn create_user(Json(body): Json<CreateUser>) -> String { //~ unvalidated-input
    body.name
}

pub async fn search(Query(params): Query<Search>) -> String { //~ unvalidated-input
    params.q
}

// Validated in the handler.
pub async fn create_checked(Json(body): Json<CreateUser>) -> Result<String, String> {
    body.validate().map_err(|e| e.to_string())?;
    Ok(body.name)
}

// Validated in the service the handler calls (another crate).
pub async fn send(Json(t): Json<Transfer>) -> Result<(), String> {
    domain::transfer(&t)
}

// Validated by a method of the type.
pub async fn rename(Json(r): Json<Rename>) -> Result<String, String> {
    Ok(r.checked()?.name)
}

// A validating extractor wraps it.
pub async fn search_valid(Valid(Query(params)): Valid<Query<Search>>) -> String {
    params.q
}

// Not a `Validate` type.
pub async fn ping(Json(p): Json<Ping>) -> u32 {
    p.n
}

// Validation of another value does not cover the extracted one.
pub async fn search_other(Query(params): Query<Search>, Json(body): Json<CreateUser>) -> String { //~ unvalidated-input
    body.validate().ok();
    params.q
}
