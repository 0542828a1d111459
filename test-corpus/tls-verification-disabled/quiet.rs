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

// The flag set on a builder held in a local, in a test module whose cfg has more than `test`
// (trunk's TLS handshake test): the taint walk's flow is test code too.
#[cfg(all(test, feature = "native-tls"))]
mod handshake_tests {
    #[tokio::test]
    async fn accepts_self_signed() {
        let mut connector = native_tls::TlsConnector::builder();
        connector.danger_accept_invalid_certs(true);
        let connector = tokio_native_tls::TlsConnector::from(connector.build().unwrap());
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

// The look-alikes of each flow in fires.rs, every value always `false`.
fn let_chain() -> reqwest::Client {
    let insecure = false;
    let skip_verify = insecure;
    let flag = skip_verify;
    reqwest::Client::builder().danger_accept_invalid_certs(flag).build().unwrap()
}

struct ClientOptions {
    accept_invalid: bool,
}

fn struct_field() -> reqwest::Client {
    let options = ClientOptions { accept_invalid: false };
    reqwest::Client::builder().danger_accept_invalid_hostnames(options.accept_invalid).build().unwrap()
}

// A field of a struct that nothing deserialises: the program's own (or its caller's) value.
struct Settings {
    tls_insecure: bool,
}

fn from_settings(settings: &Settings) -> reqwest::Client {
    reqwest::Client::builder().danger_accept_invalid_certs(settings.tls_insecure).build().unwrap()
}

// The command line read, but the flag is a constant.
fn from_args() -> reqwest::Client {
    let verbose = std::env::args().any(|a| a == "--verbose");
    let insecure = false;
    if verbose {
        eprintln!("building a client");
    }
    reqwest::Client::builder().danger_accept_invalid_certs(insecure).build().unwrap()
}

// `true` for something else, next to a flag that stays `false`.
fn mode_local(builder: &mut openssl::ssl::SslConnectorBuilder) {
    let mode = SslVerifyMode::PEER;
    let strict = true;
    builder.set_verify(mode);
    builder.set_verify_hostname(strict);
}

// A `set_verify(true)` of some other library: a bool there is not a verify mode.
fn other_library(checker: &mut Checker) {
    checker.set_verify(true);
}

// The same `match`, the verify mode the caller's parameter: its callers decide.
fn from_match(verify: Verify, client: reqwest::ClientBuilder) -> reqwest::ClientBuilder {
    match verify {
        Verify::Yes => client,
        Verify::No => client.danger_accept_invalid_certs(true),
    }
}

// A struct handed on whole whose other field is `true` (monolith's `options.silent = true`): the
// callee reads `insecure`, which nothing here sets.
struct FetchOptions {
    silent: bool,
    insecure: bool,
}

fn session(options: FetchOptions) -> reqwest::Client {
    reqwest::Client::builder().danger_accept_invalid_certs(options.insecure).build().unwrap()
}

fn start(verbose: bool) -> reqwest::Client {
    let mut options = FetchOptions { silent: false, insecure: false };
    options.silent = !verbose;
    options.silent = true;
    session(options)
}
