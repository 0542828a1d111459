// Request values deciding outgoing URLs through helpers in fetch.rs.
mod fetch;

use axum::extract::Query;

async fn proxy(Query(q): Query<Proxy>) {
    fetch::fetch(&q.url).await; //~ ssrf:high
}

async fn callback(Query(q): Query<Proxy>) {
    let url = fetch::callback_url(&q.host);
    reqwest::get(&url).await; //~ ssrf:high
}

// The helper puts the value in the path of a fixed host.
async fn item(Query(q): Query<Proxy>) {
    fetch::fetch_from_api(&q.id).await;
}

fn main() {}
