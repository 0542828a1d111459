use axum::http::StatusCode;
use tonic::{Code, Status};

async fn grpc_handler(repo: &Repo) -> Result<Reply, Status> {
    let row = repo.load().await.map_err(|e| Status::internal(e.to_string()))?; //~ error-detail-leak:medium
    let other = repo.other().await.map_err(|err| {
        tracing::error!(%err, "load failed");
        Status::internal(format!("load failed: {err}")) //~ error-detail-leak
    })?;
    let third = repo.third().await.map_err(|x| Status::unknown(x.to_string()))?; //~ error-detail-leak
    let fourth = repo
        .fourth()
        .await
        .map_err(|e| tonic::Status::new(Code::Internal, format!("{}", e)))?; //~ error-detail-leak
    Ok(Reply { row, other, third, fourth })
}

async fn axum_handler(State(db): State<Db>) -> Result<Json<User>, (StatusCode, String)> {
    let user = db
        .user()
        .await
        .map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?; //~ error-detail-leak
    Ok(Json(user))
}

async fn axum_json(db: Db) -> impl IntoResponse {
    match db.user().await {
        Ok(user) => Json(user).into_response(),
        Err(err) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(json!({ "error": err.to_string() })), //~ error-detail-leak
        )
            .into_response(),
    }
}

async fn actix_handler(db: web::Data<Db>) -> HttpResponse {
    match db.user().await {
        Ok(user) => HttpResponse::Ok().json(user),
        Err(e) => HttpResponse::InternalServerError().body(e.to_string()), //~ error-detail-leak
    }
}

async fn actix_json(db: web::Data<Db>) -> HttpResponse {
    match db.user().await {
        Ok(user) => HttpResponse::Ok().json(user),
        Err(db_error) => HttpResponse::InternalServerError()
            .json(json!({ "message": format!("{db_error:?}") })), //~ error-detail-leak
    }
}

async fn actix_error(db: web::Data<Db>) -> actix_web::Result<String> {
    db.name()
        .await
        .map_err(|e| actix_web::error::ErrorInternalServerError(e.to_string())) //~ error-detail-leak
}

fn hyper_builder(e: std::io::Error) -> Response<Body> {
    Response::builder()
        .status(StatusCode::INTERNAL_SERVER_ERROR)
        .body(Body::from(e.to_string())) //~ error-detail-leak
        .unwrap()
}

pub enum ApiError {
    Database(String),
    Io(String),
}

// The seed finding: the database error's text is kept for the API error, and the response
// conversion below puts both variants' text into a 500 body (high for the database error).
impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> Self {
        ApiError::Database(err.to_string()) //~ error-detail-leak:high
    }
}

impl From<std::io::Error> for ApiError {
    fn from(error: std::io::Error) -> Self {
        ApiError::Io(format!("io: {}", error)) //~ error-detail-leak:medium
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Database(m) | ApiError::Io(m) => {
                (StatusCode::INTERNAL_SERVER_ERROR, m).into_response()
            }
        }
    }
}
