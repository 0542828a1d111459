// No limit setting anywhere: axum's extractors keep their 2 MB default; bodies read by hand are
// bounded only by the limit they are read with.
use axum::body::{Body, Bytes, to_bytes};
use axum::extract::Request;
use http_body_util::BodyExt;

const MAX_BODY: usize = 64 * 1024;

#[derive(serde::Deserialize)]
struct Event {
    name: String,
}

async fn extracted(body: Bytes) -> String {
    let event: Event = serde_json::from_slice(&body).unwrap();
    event.name
}

async fn finite(req: Request) -> String {
    let bytes = to_bytes(req.into_body(), 64 * 1024).await.unwrap();
    let event: Event = serde_json::from_slice(&bytes).unwrap();
    event.name
}

async fn finite_const(body: Body) -> String {
    let bytes = to_bytes(body, MAX_BODY).await.unwrap();
    let event: Event = serde_json::from_slice(&bytes).unwrap();
    event.name
}

async fn unlimited(req: Request) -> String {
    let body = req.into_body();
    let bytes = to_bytes(body, usize::MAX).await.unwrap();
    let event: Event = serde_json::from_slice(&bytes).unwrap(); //~ uncontrolled-allocation:medium
    event.name
}

async fn collected(req: Request) -> String {
    let bytes = req.into_body().collect().await.unwrap().to_bytes();
    let event: Event = serde_json::from_slice(&bytes).unwrap(); //~ uncontrolled-allocation:medium
    event.name
}

// The service's own response, read back: no request body.
async fn proxied(client: &hyper::Client<hyper::client::HttpConnector>) -> String {
    let resp = client.get("http://localhost/".parse().unwrap()).await.unwrap();
    let bytes = hyper::body::to_bytes(resp.into_body()).await.unwrap();
    let event: Event = serde_json::from_slice(&bytes).unwrap();
    event.name
}

// Unbounded, but never deserialised: the rule is about the deserialiser.
async fn echoed(req: Request) -> usize {
    to_bytes(req.into_body(), usize::MAX).await.unwrap().len()
}

fn main() {}
