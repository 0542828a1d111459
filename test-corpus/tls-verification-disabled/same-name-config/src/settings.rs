// A configuration read from a file: its flag decides, and may be set by whoever writes it.
#[derive(serde::Deserialize)]
pub struct Config {
    pub insecure: bool,
}

pub fn from_file(config: &Config) -> reqwest::Client {
    reqwest::Client::builder()
        .danger_accept_invalid_certs(config.insecure) //~ tls-verification-disabled:medium
        .build()
        .unwrap()
}
