// Verifiers lib.rs installs. The index shows which accept every certificate: `AcceptAll` does,
// after ignoring its arguments, with the full path of `ServerCertVerified`; `NoVerifier` is
// named like one but pins a certificate.
use rustls::client::danger::{ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};

pub struct AcceptAll;

impl ServerCertVerifier for AcceptAll {
    fn verify_server_cert( //~ tls-verification-disabled:high
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let _ = (end_entity, now);
        Ok(rustls::client::danger::ServerCertVerified::assertion())
    }
}

pub struct NoVerifier(pub Vec<u8>);

impl ServerCertVerifier for NoVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if end_entity.as_ref() != self.0.as_slice() {
            return Err(rustls::Error::General("certificate does not match the pin".into()));
        }
        Ok(ServerCertVerified::assertion())
    }
}
