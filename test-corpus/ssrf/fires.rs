// Untrusted input deciding the host of an outgoing request.
use axum::extract::{Json, Query};
use reqwest::Client;

// A let chain into `reqwest::get`.
async fn let_chain(Query(q): Query<Preview>) {
    let url = q.url.trim().to_string();
    reqwest::get(&url).await; //~ ssrf:high
}

// The host is the input, the path is fixed.
async fn host(Query(q): Query<Preview>, client: &Client) {
    let url = format!("https://{}/status", q.host);
    client.get(&url).send().await; //~ ssrf:high
}

// Through a helper of the same file.
async fn fetch(client: &Client, url: &str) {
    client.post(url).send().await; //~ ssrf:high
}

async fn via_helper(Json(hook): Json<Webhook>) {
    let client = Client::new();
    fetch(&client, &hook.callback).await;
}

// Through a struct field of a local, on a client held in a struct field.
struct Notifier {
    http: reqwest::Client,
}

struct Target {
    url: String,
}

impl Notifier {
    async fn notify(&self, Json(hook): Json<Webhook>) {
        let t = Target { url: hook.callback };
        self.http.get(&t.url).send().await; //~ ssrf:high
    }
}

// reqwest-middleware's client, held in the state (pict-rs's `download`): the same sink.
struct AppState {
    client: reqwest_middleware::ClientWithMiddleware,
}

async fn download(Query(q): Query<Preview>, state: &AppState) {
    state.client.get(q.url.as_str()).send().await; //~ ssrf:high
}
