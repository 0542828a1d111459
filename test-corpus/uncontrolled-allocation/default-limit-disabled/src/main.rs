// axum's 2 MB default for `Bytes` is switched off and nothing else bounds the body.
mod routes;

use axum::extract::DefaultBodyLimit;
use axum::{Router, routing::post};

fn app() -> Router {
    Router::new()
        .route("/upload", post(routes::upload))
        .layer(DefaultBodyLimit::disable())
}

fn main() {
    let _ = app();
}
