mod tls;

use std::sync::Arc;

use crate::tls::NoVerifier;

pub struct Config {
    certs_verification: bool,
}

pub struct ClientBuilder {
    config: Config,
}

impl ClientBuilder {
    pub fn new() -> ClientBuilder {
        ClientBuilder { config: Config { certs_verification: true } }
    }

    /// The builder's own flag: the application sets it.
    pub fn danger_accept_invalid_certs(mut self, accept_invalid_certs: bool) -> ClientBuilder {
        self.config.certs_verification = !accept_invalid_certs;
        self
    }

    pub fn build(self) -> rustls::ClientConfig {
        let config = self.config;
        let builder = rustls::ClientConfig::builder();
        if !config.certs_verification {
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(NoVerifier))
                .with_no_client_auth()
        } else {
            builder.with_root_certificates(roots()).with_no_client_auth()
        }
    }
}
