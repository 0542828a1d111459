use reqwest::Client;
use std::time::Duration;

pub fn plain() -> Client {
    Client::new() //~ http-client-without-timeout
}

pub fn defaulted() -> reqwest::Client {
    reqwest::Client::default() //~ http-client-without-timeout
}

pub async fn one_shot(url: &str) -> reqwest::Result<String> {
    reqwest::get(url).await?.text().await //~ http-client-without-timeout
}

pub fn built() -> reqwest::Result<Client> {
    Client::builder() //~ http-client-without-timeout
        .user_agent("svc/1.0")
        .pool_idle_timeout(Duration::from_secs(90))
        .build()
}

pub fn via_builder_type() -> reqwest::Result<Client> {
    reqwest::ClientBuilder::new().gzip(true).build() //~ http-client-without-timeout
}

/// The timeout is set on requests of another client, not on this one's.
pub async fn other_client_bounded(url: &str, bounded: &reqwest::Client) {
    let client = reqwest::Client::new(); //~ http-client-without-timeout
    let _ = bounded.get(url).timeout(std::time::Duration::from_secs(5)).send().await;
    let _ = client.get(url).send().await;
}
