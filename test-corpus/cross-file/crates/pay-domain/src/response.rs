use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Database(message) => {
                (StatusCode::INTERNAL_SERVER_ERROR, message).into_response()
            }
            ApiError::BadRequest(message) => (StatusCode::BAD_REQUEST, message).into_response(),
            ApiError::Timeout(message) => (StatusCode::GATEWAY_TIMEOUT, message).into_response(),
            ApiError::Upstream(detail) => {
                tracing::warn!("upstream failed: {detail}");
                (StatusCode::BAD_GATEWAY, "upstream failed").into_response()
            }
            ApiError::NotFound => StatusCode::NOT_FOUND.into_response(),
            ApiError::RateLimited => StatusCode::TOO_MANY_REQUESTS.into_response(),
            ApiError::Conflict => StatusCode::CONFLICT.into_response(),
            ApiError::Io(_) | ApiError::Unavailable => {
                StatusCode::SERVICE_UNAVAILABLE.into_response()
            }
        }
    }
}
