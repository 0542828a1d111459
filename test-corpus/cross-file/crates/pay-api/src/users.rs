use axum::extract::{Path, Query, State};
use axum::Json;
use pay_domain::accounts::Signup;
use pay_domain::error::ApiError;
use serde::Deserialize;

use crate::AppState;

#[derive(Deserialize)]
pub struct Search {
    pub name: String,
    pub email: String,
}

// The name reaches SQL in db.rs's `find_by_name` (another file), which splices it; the email is bound.
pub async fn search(
    State(state): State<AppState>,
    Query(q): Query<Search>,
) -> Result<Json<u64>, ApiError> {
    let by_name = crate::db::find_by_name(&state.pool, &q.name).await?; //~ sql-injection:critical
    let by_email = crate::db::find_by_email(&state.pool, &q.email).await?;
    Ok(Json(by_name + by_email))
}

pub async fn show(
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<String, ApiError> {
    let id = pay_store::users::parse_user_id(&raw)?;
    if id == 0 {
        return Err(ApiError::NotFound);
    }
    if id > 1_000_000 {
        pay_domain::api_bail!(RateLimited);
    }
    let name = pay_store::users::user_name(&state.pool, id).await?;
    let email = pay_store::users::user_email(&state.pool, id).await?;
    let region = pay_store::users::user_region(&state.pool, id).await?;
    Ok(format!("{name} <{email}> ({region})"))
}

// Validated in pay-domain's `register`, which the handler calls.
pub async fn signup(Json(body): Json<Signup>) -> Result<(), ApiError> {
    pay_domain::accounts::register(&body)
}
