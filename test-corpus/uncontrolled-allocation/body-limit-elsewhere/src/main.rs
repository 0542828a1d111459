// The router installs tower-http's limit on every request: the raw body read in routes.rs is
// bounded although it passes `usize::MAX`.
mod routes;

use axum::{Router, routing::post};
use tower_http::limit::RequestBodyLimitLayer;

fn app() -> Router {
    Router::new()
        .route("/import", post(routes::import))
        .layer(RequestBodyLimitLayer::new(1024 * 1024))
}

fn main() {
    let _ = app();
}
