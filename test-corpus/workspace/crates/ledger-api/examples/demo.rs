//! A demo server: permissive on purpose. Its findings go to the appendix, and its timeout layer
//! is no evidence for the crate's strengths.

use std::time::Duration;

use tower_http::cors::CorsLayer;
use tower_http::timeout::TimeoutLayer;

fn main() {
    let _cors = CorsLayer::permissive();
    let _timeout = TimeoutLayer::new(Duration::from_secs(5));
}
