use axum::extract::State;
use axum::Json;
use axum_valid::Valid;
use pay_domain::error::ApiError;
use pay_domain::payments::{Refund, Transfer};
use pay_store::settings::Limits;

use crate::AppState;

// `Transfer` derives `Validate` (pay-domain), and nothing on this path calls `.validate()`.
pub async fn transfer(State(state): State<AppState>, Json(t): Json<Transfer>) -> Result<(), ApiError> { //~ unvalidated-input
    // `PaymentError` (pay-domain) has only fieldless variants: replacing it loses no cause.
    pay_store::users::debit(&state.pool, t.amount)
        .await
        .map_err(|_| ApiError::bad_request("payment refused"))
}

// A validating extractor.
pub async fn refund(
    State(state): State<AppState>,
    Valid(Json(r)): Valid<Json<Refund>>,
) -> Result<(), ApiError> {
    pay_store::users::debit(&state.pool, r.amount)
        .await
        .map_err(|_| ApiError::bad_request("refund refused"))
}

// `load_limits` (pay-store) returns a `Result`: a file that cannot be read becomes zero limits,
// and its error is lost. `cached_banner` returns an `Option`: an absence, not a failure.
// `StoreError` carries its cause (a query's text, an io error), which `|_|` throws away.
// (No comment sits right above these calls: a comment there would give the reason.)
pub async fn limits() -> Result<Json<Limits>, ApiError> {
    let limits = pay_store::settings::load_limits("limits.toml").unwrap_or_default(); //~ unwrap-or-default:medium
    let banner = pay_store::settings::cached_banner().unwrap_or_default();
    let checked = pay_store::settings::load_limits("checked.toml")
        .map_err(|_| ApiError::Unavailable)?; //~ map-err-discard:medium
    tracing::info!("{banner}");
    Ok(Json(if checked.daily > 0 { checked } else { limits }))
}

// An async handler that calls a fn blocking on the runtime (pay-runtime's bridge).
pub async fn rates(State(state): State<AppState>) -> String {
    pay_runtime::bridge::refresh_rates(&state.rt).to_string()
}
