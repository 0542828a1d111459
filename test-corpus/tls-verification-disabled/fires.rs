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
        .with_custom_certificate_verifier(Arc::new(NoVerifier)) //~ tls-verification-disabled:high
        .with_no_client_auth()
}

// A local that is `true` on some path.
fn local_true(strict: bool) -> reqwest::Client {
    let mut skip = false;
    if !strict {
        skip = true;
    }
    reqwest::Client::builder().danger_accept_invalid_certs(skip).build().unwrap() //~ tls-verification-disabled:high
}

// `true` behind a flag that is itself always `true`.
fn flag_true() -> reqwest::Client {
    let insecure = true;
    let mut b = reqwest::Client::builder();
    if insecure {
        b = b.danger_accept_invalid_hostnames(true); //~ tls-verification-disabled:high
    }
    b.build().unwrap()
}

// A parameter whose caller in this file passes `true`.
fn client_with(accept_invalid: bool) -> reqwest::Client {
    reqwest::Client::builder().danger_accept_invalid_certs(accept_invalid).build().unwrap()
}

fn caller() -> reqwest::Client {
    client_with(true) //~ tls-verification-disabled:high
}

// Read from the environment: anyone who sets it turns verification off.
fn from_env() -> reqwest::Client {
    let insecure = std::env::var("INSECURE_TLS").is_ok();
    reqwest::Client::builder().danger_accept_invalid_certs(insecure).build().unwrap() //~ tls-verification-disabled:medium
}

// openssl through an alias, and openssl-sys's constant.
use openssl::ssl::SslVerifyMode as Mode;
use openssl_sys::SSL_VERIFY_NONE;

fn aliased(builder: &mut openssl::ssl::SslConnectorBuilder, ctx: *mut openssl_sys::SSL_CTX) {
    builder.set_verify(Mode::NONE); //~ tls-verification-disabled:high
    unsafe { openssl_sys::SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, None) }; //~ tls-verification-disabled:high
}

// A custom verifier whose body this file does not show accepting everything: check it.
fn custom(verifier: Arc<PinnedVerifier>) -> rustls::ClientConfig {
    let mut config = base_config();
    config.dangerous().set_certificate_verifier(Arc::new(PinnedVerifier::new())); //~ tls-verification-disabled:medium
    config
}

// Behind a "flag" that is always on: not an opt-in.
fn always_on() -> rustls::ClientConfig {
    let insecure = true;
    let mut config = base_config();
    if insecure {
        config.dangerous().set_certificate_verifier(Arc::new(NoVerifier)); //~ tls-verification-disabled:high
    }
    config
}

// A `let` chain: the `true` is copied twice before it decides.
fn let_chain() -> reqwest::Client {
    let insecure = true;
    let skip_verify = insecure;
    let flag = skip_verify;
    reqwest::Client::builder().danger_accept_invalid_certs(flag).build().unwrap() //~ tls-verification-disabled:high
}

// A field of a local struct set to `true`.
struct ClientOptions {
    accept_invalid: bool,
}

fn struct_field() -> reqwest::Client {
    let options = ClientOptions { accept_invalid: true };
    reqwest::Client::builder().danger_accept_invalid_hostnames(options.accept_invalid).build().unwrap() //~ tls-verification-disabled:high
}

// A field of configuration deserialised from a file: whoever writes the file decides.
#[derive(serde::Deserialize)]
struct Settings {
    tls_insecure: bool,
}

fn from_settings(settings: &Settings) -> reqwest::Client {
    reqwest::Client::builder().danger_accept_invalid_certs(settings.tls_insecure).build().unwrap() //~ tls-verification-disabled:medium
}

// A command-line switch.
fn from_args() -> reqwest::Client {
    let insecure = std::env::args().any(|a| a == "--insecure");
    reqwest::Client::builder().danger_accept_invalid_certs(insecure).build().unwrap() //~ tls-verification-disabled:medium
}

// A request decides: anyone who sends it turns verification off for the outgoing call.
async fn proxy(axum::extract::Query(params): axum::extract::Query<ProxyParams>) -> String {
    let client = reqwest::Client::builder().danger_accept_invalid_certs(params.insecure).build().unwrap(); //~ tls-verification-disabled:high
    client.get("https://internal/").send().await.unwrap().text().await.unwrap()
}

// openssl's mode through a local, and the callback on a builder of native-tls's flavour.
fn mode_local(builder: &mut openssl::ssl::SslConnectorBuilder) {
    let mode = SslVerifyMode::NONE;
    builder.set_verify(mode); //~ tls-verification-disabled:high
}

fn tokio_native(connector: tokio_native_tls::native_tls::TlsConnectorBuilder) {
    let mut c = connector;
    c.danger_accept_invalid_hostnames(true); //~ tls-verification-disabled:high
}

// A `match` arm: the command line's `--verify no` decides the `true` (xh), through clap's struct.
#[derive(clap::Parser)]
struct Cli {
    verify: Option<Verify>,
}

fn from_match(cli: &Cli, client: reqwest::ClientBuilder) -> reqwest::ClientBuilder {
    let verify = cli.verify.unwrap_or(Verify::Yes);
    match verify {
        Verify::Yes => client,
        Verify::No => client.danger_accept_invalid_certs(true), //~ tls-verification-disabled:medium
    }
}

// A field set to `true` and passed on by itself: the callee's parameter is the flag.
struct FetchOptions {
    silent: bool,
    insecure: bool,
}

fn session_flag(insecure: bool) -> reqwest::Client {
    reqwest::Client::builder().danger_accept_invalid_certs(insecure).build().unwrap()
}

fn start_flag() -> reqwest::Client {
    let mut options = FetchOptions { silent: false, insecure: false };
    options.insecure = true;
    session_flag(options.insecure) //~ tls-verification-disabled:high
}

// The flag set on a builder held in a local, outside test code (the look-alike of quiet.rs's
// `handshake_tests`).
fn native_connector() -> tokio_native_tls::TlsConnector {
    let mut connector = native_tls::TlsConnector::builder();
    connector.danger_accept_invalid_certs(true); //~ tls-verification-disabled:high
    tokio_native_tls::TlsConnector::from(connector.build().unwrap())
}
