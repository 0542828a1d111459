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
