use tower_http::cors::{AllowOrigin, Any, CorsLayer};

fn permissive() -> CorsLayer {
    CorsLayer::permissive() //~ permissive-cors:low
}

fn very_permissive() -> CorsLayer {
    tower_http::cors::CorsLayer::very_permissive() //~ permissive-cors:low
}

fn any_origin() -> CorsLayer {
    // The seed finding (000 O-11).
    CorsLayer::new()
        .allow_origin(tower_http::cors::Any) //~ permissive-cors:low
        .allow_methods(tower_http::cors::Any)
        .allow_headers(tower_http::cors::Any)
}

fn any_imported() -> CorsLayer {
    CorsLayer::new().allow_origin(Any).allow_methods([Method::GET]) //~ permissive-cors
}

fn allow_origin_any() -> CorsLayer {
    CorsLayer::new().allow_origin(AllowOrigin::any()) //~ permissive-cors
}

fn mirror() -> CorsLayer {
    CorsLayer::new().allow_origin(AllowOrigin::mirror_request()) //~ permissive-cors
}

fn star_header() -> CorsLayer {
    CorsLayer::new().allow_origin("*".parse::<HeaderValue>().unwrap()) //~ permissive-cors
}

fn star_static() -> CorsLayer {
    CorsLayer::new().allow_origin(HeaderValue::from_static("*")) //~ permissive-cors
}

fn actix() -> actix_cors::Cors {
    actix_cors::Cors::permissive() //~ permissive-cors:low
}

fn actix_any() -> actix_cors::Cors {
    actix_cors::Cors::default().allow_any_origin().allow_any_method() //~ permissive-cors:low
}

// High: credentials as well, in the same builder chain...
fn credentials_after() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::mirror_request()) //~ permissive-cors:high
        .allow_credentials(true)
}

fn credentials_before() -> CorsLayer {
    CorsLayer::very_permissive().allow_credentials(true) //~ permissive-cors:high
}

fn credentials_earlier_in_chain() -> CorsLayer {
    CorsLayer::new()
        .allow_credentials(true)
        .allow_origin(Any) //~ permissive-cors:high
}

fn actix_credentials() -> actix_cors::Cors {
    Cors::default()
        .allow_any_origin() //~ permissive-cors:high
        .supports_credentials()
}

// ...or elsewhere in the same function.
fn credentials_in_another_statement() -> CorsLayer {
    let cors = CorsLayer::new().allow_origin(Any); //~ permissive-cors:high
    let cors = cors.allow_methods(Any);
    cors.allow_credentials(true)
}

fn router() -> Router {
    Router::new()
        .route("/", get(index))
        .layer(CorsLayer::permissive()) //~ permissive-cors
}

// An application's own preset wrapper is not the library's definition.
impl AppCors {
    pub fn permissive() -> CorsLayer {
        CorsLayer::permissive() //~ permissive-cors:low
    }
}
