// The limit layer is only installed by a test's router: the service's own router has none.
mod routes;

use axum::{Router, routing::post};

fn app() -> Router {
    Router::new().route("/import", post(routes::import))
}

fn main() {
    let _ = app();
}

#[cfg(test)]
mod tests {
    use tower_http::limit::RequestBodyLimitLayer;

    #[test]
    fn limited() {
        let _ = super::app().layer(RequestBodyLimitLayer::new(1024));
    }
}
