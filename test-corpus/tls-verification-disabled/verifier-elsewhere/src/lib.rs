mod tls;

use std::sync::Arc;

use crate::tls::NoVerifier;

// Installed whatever the caller wants: the verifier in tls.rs is reported, and the install, high:
// the index shows that verifier's `verify_server_cert` accepting every certificate.
pub fn client_config() -> rustls::ClientConfig {
    rustls::ClientConfig::builder()
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(NoVerifier)) //~ tls-verification-disabled:high
        .with_no_client_auth()
}
