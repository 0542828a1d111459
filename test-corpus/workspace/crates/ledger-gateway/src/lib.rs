//! The public gateway: every strength the draft can prove, each from production code.
#![forbid(unsafe_code)]

use std::panic::AssertUnwindSafe;
use std::time::Duration;

use rsa::RsaPrivateKey;
use subtle::ConstantTimeEq;
use tonic::transport::Endpoint;
use tower_http::timeout::TimeoutLayer;

#[derive(Debug)]
pub enum GatewayError {
    BadPort,
    Upstream(String),
}

pub fn request_timeout() -> TimeoutLayer {
    TimeoutLayer::new(Duration::from_secs(30))
}

pub fn http_client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .connect_timeout(Duration::from_secs(10))
        .build()
}

pub fn ledger_endpoint() -> Endpoint {
    Endpoint::from_static("http://ledger:50051").timeout(Duration::from_secs(5))
}

pub fn api_key_matches(given: &[u8], expected: &[u8]) -> bool {
    given.ct_eq(expected).into()
}

pub fn run_handler(handler: impl FnOnce() -> u16) -> u16 {
    std::panic::catch_unwind(AssertUnwindSafe(handler)).unwrap_or(500)
}

pub fn signing_key(rng: &mut impl rand::CryptoRngCore) -> rsa::Result<RsaPrivateKey> {
    RsaPrivateKey::new(rng, 2048)
}

pub async fn balance(pool: &sqlx::PgPool, id: i64) -> sqlx::Result<i64> {
    let row = sqlx::query!("SELECT balance FROM accounts WHERE id = $1", id)
        .fetch_one(pool)
        .await?;
    sqlx::query("SELECT pg_notify('balance', '')").execute(pool).await?;
    Ok(row.balance)
}

/// Two rules see this one line: it is one finding instance, the other rule a facet of it.
pub fn port(raw: &str) -> u16 {
    raw.parse().map_err(|_| GatewayError::BadPort).unwrap()
}

pub fn upstream(body: &str) -> Result<serde_json::Value, GatewayError> {
    serde_json::from_str(body).map_err(|e| GatewayError::Upstream(e.to_string()))
}

#[expect(clippy::needless_pass_by_value, reason = "handlers take owned requests")]
pub fn route(path: String) -> usize {
    path.len()
}

/// The I/O error's text goes to the client in a gRPC status: the rule's medium stands.
pub fn lookup_status(result: Result<i64, std::io::Error>) -> Result<i64, tonic::Status> {
    result.map_err(|e| tonic::Status::internal(e.to_string()))
}
