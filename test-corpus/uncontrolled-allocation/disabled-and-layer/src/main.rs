// axum's documented pattern: the default limit off, tower-http's limit on every request instead.
use axum::body::Bytes;
use axum::extract::DefaultBodyLimit;
use axum::{Router, routing::post};
use tower_http::limit::RequestBodyLimitLayer;

#[derive(serde::Deserialize)]
struct Event {
    name: String,
}

async fn extracted(body: Bytes) -> String {
    let event: Event = serde_json::from_slice(&body).unwrap();
    event.name
}

fn main() {
    let _app: Router = Router::new()
        .route("/a", post(extracted))
        .layer(DefaultBodyLimit::disable())
        .layer(RequestBodyLimitLayer::new(10 * 1000 * 1000));
}
