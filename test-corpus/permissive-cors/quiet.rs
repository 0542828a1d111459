use tower_http::cors::{AllowOrigin, Any, CorsLayer};

fn listed_origins() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(["https://app.example.com".parse::<HeaderValue>().unwrap()])
        .allow_methods(Any)
        .allow_headers(Any)
        .allow_credentials(true)
}

fn one_origin() -> CorsLayer {
    CorsLayer::new().allow_origin(HeaderValue::from_static("https://app.example.com"))
}

fn predicate() -> CorsLayer {
    CorsLayer::new().allow_origin(AllowOrigin::predicate(|origin, _| {
        origin.as_bytes().ends_with(b".example.com")
    }))
}

fn exact() -> CorsLayer {
    CorsLayer::new().allow_origin(AllowOrigin::exact(HeaderValue::from_static("https://a.example")))
}

fn configured(origins: Vec<HeaderValue>) -> CorsLayer {
    CorsLayer::new().allow_origin(origins).allow_credentials(false)
}

fn actix_listed() -> actix_cors::Cors {
    actix_cors::Cors::default()
        .allowed_origin("https://app.example.com")
        .allow_any_method()
        .allow_any_header()
        .supports_credentials()
}

// Other things called `permissive`.
fn not_cors() {
    let mode = Mode::permissive();
    let policy = SandboxPolicy::permissive();
}

#[cfg(test)]
mod tests {
    #[test]
    fn test_server() {
        let cors = tower_http::cors::CorsLayer::permissive();
    }
}

// The library's own definitions of the permissive presets (tower-http's `CorsLayer`).
impl CorsLayer {
    pub fn permissive() -> Self {
        Self::new()
            .allow_headers(Any)
            .allow_methods(Any)
            .allow_origin(Any)
            .expose_headers(Any)
    }

    pub fn very_permissive() -> Self {
        Self::new()
            .allow_credentials(true)
            .allow_origin(AllowOrigin::mirror_request())
    }
}

impl<S> Cors<S> {
    pub fn permissive(inner: S) -> Self {
        Self { inner, layer: CorsLayer::permissive() }
    }
}
