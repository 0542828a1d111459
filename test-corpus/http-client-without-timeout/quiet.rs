use std::time::Duration;

use reqwest::Client;

pub fn bounded() -> reqwest::Result<Client> {
    Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
}

pub fn connect_bounded() -> reqwest::Result<Client> {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(5))
        .read_timeout(Duration::from_secs(30))
        .build()
}

/// The builder leaves this function unbuilt: whoever calls `.build()` decides the timeout.
pub fn base_builder() -> reqwest::ClientBuilder {
    Client::builder().user_agent("svc/1.0")
}

/// `reqwest::blocking` has a 30-second default timeout.
pub fn blocking() -> reqwest::blocking::Client {
    reqwest::blocking::Client::new()
}

mod local {
    pub struct Client;
    impl Client {
        pub fn new() -> Client {
            Client
        }
    }
}

/// A type of our own called `Client` is not reqwest's.
pub fn ours() -> local::Client {
    local::Client::new()
}

#[cfg(test)]
mod tests {
    #[test]
    fn test_code_may_use_defaults() {
        let _client = reqwest::Client::new();
    }
}

/// Every request from this client sets its own timeout (reqwest's per-request `timeout`).
pub async fn per_request(url: &str) {
    let client = reqwest::Client::new();
    let _ = client
        .post(url)
        .timeout(std::time::Duration::from_secs(5))
        .send()
        .await;
}
