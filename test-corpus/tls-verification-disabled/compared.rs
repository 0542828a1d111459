// A flag made by comparing a value of the environment, the command line or a request may be
// `true`: whoever sets that value turns verification off.
use axum::extract::Query;
use openssl::ssl::SslVerifyMode;

fn env_equals() {
    let insecure = std::env::var("INSECURE").unwrap_or_default() == "1";
    reqwest::Client::builder().danger_accept_invalid_certs(insecure).build(); //~ tls-verification-disabled:medium
}

fn env_mapped() {
    let insecure = std::env::var("INSECURE").map(|v| v == "1").unwrap_or(false);
    reqwest::Client::builder().danger_accept_invalid_certs(insecure).build(); //~ tls-verification-disabled:medium
}

fn env_differs() {
    let insecure = std::env::var("VERIFY").as_deref() != Ok("1");
    reqwest::Client::builder().danger_accept_invalid_certs(insecure).build(); //~ tls-verification-disabled:medium
}

fn env_both() {
    let insecure = std::env::var("INSECURE").is_ok() && std::env::var("DEV").is_ok();
    reqwest::Client::builder().danger_accept_invalid_hostnames(insecure).build(); //~ tls-verification-disabled:medium
}

fn argument() {
    let insecure = std::env::args().nth(1).as_deref() == Some("--insecure");
    reqwest::Client::builder().danger_accept_invalid_certs(insecure).build(); //~ tls-verification-disabled:medium
}

async fn request(Query(q): Query<Params>) {
    let insecure = q.mode == "insecure";
    reqwest::Client::builder().danger_accept_invalid_certs(insecure).build(); //~ tls-verification-disabled:high
}

// `|| true` is always `true`: the program's own.
fn or_true() {
    let insecure = std::env::var("INSECURE").is_ok() || true;
    reqwest::Client::builder().danger_accept_invalid_certs(insecure).build(); //~ tls-verification-disabled:high
}

// Quiet: the compared value comes from no input, and the `true` or `NONE` compared with is not
// the result.
const PROFILE: &str = "release";

fn constant() {
    let insecure = PROFILE == "dev";
    reqwest::Client::builder().danger_accept_invalid_certs(insecure).build();
}

fn compared_with_true() {
    let insecure = self_signed() == true;
    reqwest::Client::builder().danger_accept_invalid_certs(insecure).build();
}

fn compared_with_none(mode: SslVerifyMode) {
    let insecure = mode == SslVerifyMode::NONE && true;
    reqwest::Client::builder().danger_accept_invalid_certs(insecure).build();
}
