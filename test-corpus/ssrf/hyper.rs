// hyper's clients: 0.14's `hyper::Client` and hyper-util's legacy `Client` (hyper 1).
use axum::extract::Query;
use hyper::Request;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

async fn hyper_014(Query(p): Query<Target>) {
    let uri: hyper::Uri = p.url.parse().unwrap();
    hyper::Client::new().get(uri).await; //~ ssrf:high
}

async fn legacy_get(Query(p): Query<Target>) {
    let client = Client::builder(TokioExecutor::new()).build_http::<String>();
    client.get(p.url.parse().unwrap()).await; //~ ssrf:high
}

async fn legacy_request(Query(p): Query<Target>) {
    let client = Client::builder(TokioExecutor::new()).build_http::<String>();
    let req = Request::builder().uri(&p.url).body(String::new()).unwrap();
    client.request(req).await; //~ ssrf:high
}

// Look-alikes: the host is the program's own; the input is only in the path.
async fn legacy_fixed_host(Query(p): Query<Target>) {
    let client = Client::builder(TokioExecutor::new()).build_http::<String>();
    let uri = format!("http://127.0.0.1:8080/items/{}", p.id);
    let req = Request::builder().uri(uri).body(String::new()).unwrap();
    client.request(req).await;
}

async fn hyper_constant(Query(_p): Query<Target>) {
    let uri: hyper::Uri = "http://127.0.0.1/health".parse().unwrap();
    hyper::Client::new().get(uri).await;
}
