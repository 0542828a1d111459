use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::ApiError;

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Database(message) => {
                (StatusCode::INTERNAL_SERVER_ERROR, message).into_response()
            }
            ApiError::BadRequest(message) => (StatusCode::BAD_REQUEST, message).into_response(),
            ApiError::Internal(detail) => {
                tracing::error!("internal error: {detail}");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
            }
        }
    }
}
