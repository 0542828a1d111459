use clap::Parser;
use serde::Deserialize;

pub struct ClientConfig {
    pub base_url: String,
    pub api_token: String,
}

impl Default for ClientConfig {
    fn default() -> Self {
        Self {
            base_url: "http://localhost:8080".to_string(), //~ insecure-default-url
            api_token: String::new(),
        }
    }
}

/// The struct is declared elsewhere; the literal itself names the credential.
impl Default for crate::other::Upstream {
    fn default() -> Self {
        crate::other::Upstream {
            endpoint: String::from("http://upstream.internal"), //~ insecure-default-url
            password: None,
        }
    }
}

#[derive(Deserialize)]
pub struct RegistrySettings {
    #[serde(default = "default_registry")]
    pub registry: String,
    pub auth: Option<String>,
}

fn default_registry() -> String {
    "http://registry.local:5000".into() //~ insecure-default-url
}

#[derive(Parser)]
pub struct Cli {
    #[arg(long, env = "SERVER_URL", default_value = "http://127.0.0.1:3000")] //~ insecure-default-url
    pub server_url: String,
    #[arg(long, env = "CLIENT_SECRET")]
    pub client_secret: String,
}
