// A body read whole with no limit, deserialised in a helper taking `&[u8]`; the look-alike
// helper is only given a body read with a 1 MB limit.
async fn unbounded(req: axum::extract::Request) -> String {
    let b = axum::body::to_bytes(req.into_body(), usize::MAX).await.unwrap();
    parse(&b).to_string()
}

fn parse(b: &[u8]) -> serde_json::Value {
    serde_json::from_slice(b).unwrap() //~ uncontrolled-allocation:medium
}

async fn bounded(req: axum::extract::Request) -> String {
    let b = axum::body::to_bytes(req.into_body(), 1 << 20).await.unwrap();
    parse_bounded(&b).to_string()
}

fn parse_bounded(b: &[u8]) -> serde_json::Value {
    serde_json::from_slice(b).unwrap()
}

fn main() {}
