use openssl::ssl::{SslConnector, SslMethod, SslVerifyMode};

fn secure() -> reqwest::Client {
    reqwest::Client::builder()
        .danger_accept_invalid_certs(false)
        .danger_accept_invalid_hostnames(false)
        .build()
        .unwrap()
}

// A user's explicit opt-in (`--insecure`) is a feature, not a hard-coded hole.
fn configured(insecure: bool) -> reqwest::Client {
    reqwest::Client::builder()
        .danger_accept_invalid_certs(insecure)
        .build()
        .unwrap()
}

fn openssl_peer() -> SslConnector {
    let mut builder = SslConnector::builder(SslMethod::tls()).unwrap();
    builder.set_verify(SslVerifyMode::PEER);
    builder.set_verify_callback(SslVerifyMode::PEER, |ok, ctx| ok && check_pin(ctx));
    builder.build()
}

fn inspect(mode: SslVerifyMode) -> bool {
    mode == SslVerifyMode::NONE
}

// A verifier that verifies: pins the certificate.
struct Pinned(Vec<u8>);

impl ServerCertVerifier for Pinned {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if end_entity.as_ref() == self.0.as_slice() {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::General("certificate does not match the pin".into()))
        }
    }
}

// A verifier that delegates to webpki.
struct Logging(Arc<WebPkiServerVerifier>);

impl ServerCertVerifier for Logging {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        tracing::debug!("verifying");
        self.0.verify_server_cert(end_entity, intermediates, server_name, ocsp, now)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn self_signed_test_server() {
        let client = reqwest::Client::builder()
            .danger_accept_invalid_certs(true)
            .build()
            .unwrap();
    }
}

// Behind the user's opt-in flag (redis `insecure`, native-tls's own `accept_invalid_certs`).
fn opt_in(insecure: bool) -> TlsConnector {
    if insecure {
        TlsConnector::builder()
            .danger_accept_invalid_certs(true)
            .danger_accept_invalid_hostnames(true)
            .build()
    } else {
        TlsConnector::new()
    }
}

impl Builder {
    fn configure(&self, ssl: &mut SslConnectorBuilder) {
        if self.accept_invalid_certs {
            ssl.set_verify(SslVerifyMode::NONE);
        }
    }
}

// A local that is always `false`.
fn local_false() -> reqwest::Client {
    let skip = false;
    reqwest::Client::builder().danger_accept_invalid_certs(skip).build().unwrap()
}

// The library implementing the opt-in: the parameter decides, and no caller here passes `true`
// (the application that does is reported).
pub struct ClientBuilder {
    inner: reqwest::ClientBuilder,
}

impl ClientBuilder {
    pub fn danger_accept_invalid_certs(mut self, accept_invalid_certs: bool) -> Self {
        self.inner = self.inner.danger_accept_invalid_certs(accept_invalid_certs);
        self
    }

    pub fn secure(self) -> Self {
        self.danger_accept_invalid_certs(false)
    }
}

// A configuration field decides: the user's opt-in.
fn from_config(cfg: &TlsConfig) -> reqwest::Client {
    let mut b = reqwest::Client::builder();
    if cfg.insecure_skip_verify {
        b = b.danger_accept_invalid_certs(true);
    }
    b.danger_accept_invalid_hostnames(!cfg.verify_hostname).build().unwrap()
}

// rustls' own verifier installed through `dangerous()`.
fn webpki(roots: Arc<rustls::RootCertStore>) -> rustls::ClientConfig {
    let mut config = base_config();
    let verifier = rustls::client::WebPkiServerVerifier::builder(roots).build().unwrap();
    config.dangerous().set_certificate_verifier(Arc::new(WebPkiServerVerifier::new()));
    config
}

// The library implementing the opt-in installs its accept-all verifier only when the caller's
// configuration says so (reqwest, sqlx, redis), or installs the verifier the caller hands in
// (tonic): neither the verifier nor the installs are findings; the application opting in is.
struct NoVerifier;

impl rustls::client::danger::ServerCertVerifier for NoVerifier {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }
}

fn build(config: &Config, insecure: bool, custom: Option<Arc<dyn ServerCertVerifier>>) {
    let builder = rustls::ClientConfig::builder();
    if !config.certs_verification {
        builder.dangerous().with_custom_certificate_verifier(Arc::new(NoVerifier));
    }
    match (insecure, cfg!(feature = "insecure")) {
        (true, true) => {
            base_config().dangerous().set_certificate_verifier(Arc::new(NoVerifier));
        }
        _ => {}
    }
    if let Some(verifier) = custom {
        base_config().dangerous().set_certificate_verifier(verifier);
    }
}
