// Look-alikes: `execute` of an HTTP client sends a request built from the input; no SQL runs.
use axum::extract::Query;

async fn forward(Query(p): Query<Target>, client: reqwest::Client) {
    let req = http::Request::builder().uri(&p.url).body(String::new()).unwrap();
    client.execute(req.try_into().unwrap()).await;
}
