// Look-alikes where the input does not decide the host.
use axum::extract::{Json, Query};
use reqwest::Client;

const API: &str = "https://api.example.com";

// Input only in the path, after a fixed host.
async fn let_chain(Query(q): Query<Preview>) {
    let url = format!("https://api.example.com/users/{}", q.id);
    reqwest::get(&url).await;
}

// A fixed base followed by input.
async fn base(Query(q): Query<Preview>, client: &Client) {
    let url = API.to_string() + "/items/" + &q.id;
    client.get(&url).send().await;
    let other = format!("{API}/search?q={}", q.term);
    client.get(&other).send().await;
}

// The helper sends to its parameter, but the caller passes a constant.
async fn fetch(client: &Client, url: &str) {
    client.post(url).send().await;
}

async fn via_helper(Json(_hook): Json<Webhook>) {
    let client = Client::new();
    fetch(&client, "https://hooks.example.com/ping").await;
}

// Checked against an allow-list.
const HOSTS: &[&str] = &["a.example.com"];

async fn allowed(Query(q): Query<Preview>, client: &Client) {
    if !HOSTS.contains(&q.host.as_str()) {
        return;
    }
    client.get(&format!("https://{}/x", q.host)).send().await;
}

// A struct whose URL field is constant.
struct Target {
    url: String,
    note: String,
}

async fn via_struct(Json(hook): Json<Webhook>, client: &Client) {
    let t = Target {
        url: API.to_string(),
        note: hook.callback,
    };
    client.get(&t.url).send().await;
}

// `.get` on something that is not an HTTP client.
async fn map_get(Query(q): Query<Preview>, cache: &std::collections::HashMap<String, String>) {
    cache.get(&q.url);
}

// Building an `http::Request` from the incoming one sends nothing (dav-server's adapter).
fn convert(req: actix_web::HttpRequest) -> http::Request<()> {
    http::Request::builder().uri(req.uri().to_string()).body(()).unwrap()
}

// reqwest-middleware's client with a fixed URL; the input only in the query string.
struct AppState {
    client: reqwest_middleware::ClientWithMiddleware,
}

async fn download(Query(q): Query<Preview>, state: &AppState) {
    state.client.get("https://images.example/fetch").query(&[("id", q.url.as_str())]).send().await;
}
