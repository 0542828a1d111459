// The library implementing `danger_accept_invalid_certs` (reqwest's own `NoVerifier`): the
// verifier accepts everything, and client.rs installs it only when the application's flag says
// so. The application passing `true` is the finding, not this.
pub(crate) struct NoVerifier;

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
