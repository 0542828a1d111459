// What makes a value an error is what binds it, not its name.
use actix_web::{web, HttpResponse};
use axum::http::{HeaderValue, StatusCode};
use axum::response::IntoResponse;

// Bound by `Err(..)`, whatever it is called: fires.
async fn any_name(db: web::Data<Db>) -> HttpResponse {
    match db.user().await {
        Ok(user) => HttpResponse::Ok().json(user),
        Err(failure) => HttpResponse::InternalServerError().body(failure.to_string()), //~ error-detail-leak
    }
}

// `if let Err(..)`: fires.
async fn if_let(db: web::Data<Db>) -> HttpResponse {
    if let Err(problem) = db.save().await {
        return HttpResponse::InternalServerError().body(format!("save: {problem}")); //~ error-detail-leak
    }
    HttpResponse::Ok().finish()
}

// A parameter typed as an error: fires.
fn to_response(err: sqlx::Error) -> (StatusCode, String) {
    (StatusCode::INTERNAL_SERVER_ERROR, err.to_string()) //~ error-detail-leak
}

// Named like an error, but fixed text: quiet (the old name guess reported it).
fn fixed_message() -> (StatusCode, String) {
    let e = "the service is busy";
    (StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
}

// A parameter named like an error but typed as a number: quiet.
fn code_only(err: u16) -> (StatusCode, String) {
    (StatusCode::INTERNAL_SERVER_ERROR, err.to_string())
}

// `HeaderValue::try_from` fails with a fixed phrase ("failed to parse header value"): quiet.
fn redirect(location: String) -> axum::response::Response {
    match HeaderValue::try_from(location) {
        Ok(v) => (StatusCode::FOUND, [("location", v)]).into_response(),
        Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
    }
}

// `web::block`'s own error says only that the pool is gone: quiet. The closure's error, one
// level in, is the work's own: fires.
async fn blocking(url: String) -> Result<HttpResponse, actix_web::Error> {
    match web::block(move || validate(&url)).await {
        Ok(Ok(())) => Ok(HttpResponse::Ok().finish()),
        Ok(Err(e)) => Err(actix_web::error::ErrorInternalServerError(e.to_string())), //~ error-detail-leak
        Err(e) => Err(actix_web::error::ErrorInternalServerError(e.to_string())),
    }
}

// A look-alike of the fixed-phrase call: serde_json's error describes the data: fires.
fn encode(value: &Value) -> (StatusCode, String) {
    match serde_json::to_string(value) {
        Ok(body) => (StatusCode::OK, body),
        Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()), //~ error-detail-leak
    }
}
