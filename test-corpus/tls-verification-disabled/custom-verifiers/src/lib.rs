// Custom verifiers installed through `dangerous()`: medium (check it) unless the workspace shows
// the type's `verify_server_cert` accepting everything (high), quiet for rustls' own verifier and
// for a verifier whose type the caller picks.
mod verifiers;

use std::sync::Arc;

use rustls::client::danger::ServerCertVerifier;
use rustls::client::WebPkiServerVerifier;

use crate::verifiers::{AcceptAll, NoVerifier};

pub struct Pinned;

impl Pinned {
    pub fn new() -> Pinned {
        Pinned
    }
}

// A local holding a custom verifier.
pub fn local(config: &mut rustls::ClientConfig) {
    let v = Arc::new(Pinned::new());
    rustls::client::DangerousClientConfig { cfg: config }.set_certificate_verifier(v); //~ tls-verification-disabled:medium
}

// A parameter of a custom verifier type.
pub fn typed_param(config: &mut rustls::ClientConfig, v: Arc<Pinned>) {
    config.dangerous().set_certificate_verifier(v); //~ tls-verification-disabled:medium
}

// The same through the config builder.
pub fn builder(v: Arc<Pinned>) -> rustls::ClientConfig {
    rustls::ClientConfig::builder()
        .dangerous()
        .with_custom_certificate_verifier(v) //~ tls-verification-disabled:medium
        .with_no_client_auth()
}

// A local holding the accept-all verifier of verifiers.rs: high.
pub fn accept_all(config: &mut rustls::ClientConfig) {
    let verifier = Arc::new(AcceptAll);
    config.dangerous().set_certificate_verifier(verifier); //~ tls-verification-disabled:high
}

// Named like an accept-all verifier, but its body checks a pin: medium.
pub fn named_like_one(config: &mut rustls::ClientConfig, pin: Vec<u8>) {
    config.dangerous().set_certificate_verifier(Arc::new(NoVerifier(pin))); //~ tls-verification-disabled:medium
}

// A verifier from a call whose type this code does not show.
pub fn from_a_call(config: &mut rustls::ClientConfig) {
    let verifier = make_verifier();
    config.dangerous().set_certificate_verifier(verifier); //~ tls-verification-disabled:medium
}

fn make_verifier() -> Arc<dyn ServerCertVerifier> {
    Arc::new(Pinned::new())
}

// The caller picks the verifier's type: a `dyn` parameter (typed_param above names its type).
pub fn dyn_param(config: &mut rustls::ClientConfig, v: Arc<dyn ServerCertVerifier>) {
    config.dangerous().set_certificate_verifier(v);
}

// The caller picks it through a type parameter.
pub fn generic<V: ServerCertVerifier + 'static>(config: &mut rustls::ClientConfig, v: V) {
    config.dangerous().set_certificate_verifier(Arc::new(v));
}

// rustls' own verifier, built with its builder and held in a local.
pub fn webpki(
    config: &mut rustls::ClientConfig,
    roots: Arc<rustls::RootCertStore>,
) -> Result<(), rustls::server::VerifierBuilderError> {
    let verifier = WebPkiServerVerifier::builder(roots).build()?;
    config.dangerous().set_certificate_verifier(verifier);
    Ok(())
}

// A chain on a custom verifier's constructor, the shape of `webpki` above: medium.
pub fn pinned_builder(config: &mut rustls::ClientConfig) {
    let verifier = Pinned::new().clone();
    config.dangerous().set_certificate_verifier(Arc::new(verifier)); //~ tls-verification-disabled:medium
}
