// Outgoing-request helpers the handlers in main.rs call (another file).
pub async fn fetch(url: &str) -> String {
    reqwest::get(url).await.unwrap().text().await.unwrap()
}

pub async fn fetch_from_api(id: &str) -> String {
    reqwest::get(format!("https://api.example.com/items/{id}")).await.unwrap().text().await.unwrap()
}

pub fn callback_url(host: &str) -> String {
    format!("https://{host}/callback")
}
