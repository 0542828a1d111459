// `DefaultBodyLimit::max` bounds axum's extractors again; it does not bound a body read by hand.
use axum::body::{Bytes, to_bytes};
use axum::extract::{DefaultBodyLimit, Request};
use axum::{Router, routing::post};

#[derive(serde::Deserialize)]
struct Event {
    name: String,
}

async fn extracted(body: Bytes) -> String {
    let event: Event = serde_json::from_slice(&body).unwrap();
    event.name
}

async fn unlimited(req: Request) -> String {
    let bytes = to_bytes(req.into_body(), usize::MAX).await.unwrap();
    let event: Event = serde_json::from_slice(&bytes).unwrap(); //~ uncontrolled-allocation:medium
    event.name
}

fn main() {
    let _app: Router = Router::new()
        .route("/a", post(extracted))
        .route("/b", post(unlimited))
        .layer(DefaultBodyLimit::disable())
        .layer(DefaultBodyLimit::max(8 * 1024 * 1024));
}
