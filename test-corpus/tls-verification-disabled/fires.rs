use openssl::ssl::{SslConnector, SslMethod, SslVerifyMode};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};

fn reqwest_client() -> reqwest::Client {
    reqwest::Client::builder()
        .danger_accept_invalid_certs(true) //~ tls-verification-disabled:high
        .build()
        .unwrap()
}

fn hostnames() -> reqwest::Client {
    reqwest::Client::builder()
        .danger_accept_invalid_hostnames(true) //~ tls-verification-disabled:high
        .build()
        .unwrap()
}

fn native_tls() -> native_tls::TlsConnector {
    native_tls::TlsConnector::builder().danger_accept_invalid_certs(true).build().unwrap() //~ tls-verification-disabled
}

fn openssl() -> SslConnector {
    let mut builder = SslConnector::builder(SslMethod::tls()).unwrap();
    builder.set_verify(SslVerifyMode::NONE); //~ tls-verification-disabled
    builder.set_verify(openssl::ssl::SslVerifyMode::NONE); //~ tls-verification-disabled
    builder.set_verify_callback(SslVerifyMode::PEER, |_, _| true); //~ tls-verification-disabled
    builder.build()
}

#[derive(Debug)]
struct NoVerifier;

impl ServerCertVerifier for NoVerifier {
    fn verify_server_cert( //~ tls-verification-disabled:high
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        _message: &[u8],
        _cert: &CertificateDer<'_>,
        _dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        Ok(HandshakeSignatureValid::assertion())
    }
}

struct AcceptAllClients;

impl rustls::server::danger::ClientCertVerifier for AcceptAllClients {
    fn verify_client_cert( //~ tls-verification-disabled
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _now: UnixTime,
    ) -> Result<ClientCertVerified, rustls::Error> {
        Ok(rustls::server::danger::ClientCertVerified::assertion())
    }
}

fn install() -> rustls::ClientConfig {
    rustls::ClientConfig::builder()
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(NoVerifier))
        .with_no_client_auth()
}
