// A deserialised number is still a size the client chose: a numeric field cleans text sinks
// only. The look-alike bounds it first.
use axum::extract::Json;

#[derive(serde::Deserialize)]
struct Batch {
    count: usize,
}

async fn make(Json(b): Json<Batch>) {
    let v: Vec<u64> = Vec::with_capacity(b.count); //~ uncontrolled-allocation:medium
    let w: Vec<u64> = Vec::with_capacity(b.count.min(1024));
}
