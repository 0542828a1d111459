use clap::Parser;
use serde::Deserialize;

pub struct SecureConfig {
    pub base_url: String,
    pub api_token: String,
}

impl Default for SecureConfig {
    fn default() -> Self {
        Self {
            base_url: "https://api.example.com".to_string(),
            api_token: String::new(),
        }
    }
}

/// No credential travels with this configuration: a plain-text default is a choice, not a leak.
pub struct MetricsConfig {
    pub push_gateway: String,
    pub author: String,
}

impl Default for MetricsConfig {
    fn default() -> Self {
        Self {
            push_gateway: "http://localhost:9091".to_string(),
            author: String::new(),
        }
    }
}

#[derive(Deserialize)]
pub struct Settings {
    #[serde(default = "default_docs")]
    pub docs: String,
    pub name: String,
}

/// A serde default of a struct without credentials.
fn default_docs() -> String {
    "http://docs.local".into()
}

#[derive(Parser)]
pub struct Cli {
    /// Server to talk to, e.g. http://localhost:3000 (documentation, not a default).
    #[arg(long, default_value = "https://127.0.0.1:3000")]
    pub server_url: String,
    #[arg(long)]
    pub token: String,
}

/// Not a `Default` impl: a URL built at run time for a request.
pub fn status_url(host: &str, token: &str) -> String {
    let _ = token;
    format!("{}{host}/status", "http://")
}

#[cfg(test)]
mod tests {
    pub struct TestConfig {
        pub url: String,
        pub token: String,
    }

    impl Default for TestConfig {
        fn default() -> Self {
            Self {
                url: "http://localhost:1234".into(),
                token: "test".into(),
            }
        }
    }
}
