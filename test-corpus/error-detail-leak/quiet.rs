use axum::http::StatusCode;
use tonic::Status;

async fn grpc_generic(repo: &Repo) -> Result<Reply, Status> {
    let row = repo.load().await.map_err(|e| {
        tracing::error!(error = %e, "load failed");
        Status::internal("internal error")
    })?;
    // Client errors are meant to be read by the client.
    let id = parse(&req.id).map_err(|e| Status::invalid_argument(e.to_string()))?;
    let name = lookup(id).map_err(|e| Status::not_found(format!("no user: {e}")))?;
    // Text that is not an error's.
    let msg = Status::internal(format!("shard {} unavailable", shard_id));
    let count = Status::internal(count.to_string());
    Ok(Reply { row, id, name })
}

async fn axum_generic(db: Db) -> Result<Json<User>, (StatusCode, String)> {
    let user = db.user().await.map_err(|e| {
        tracing::error!(%e);
        (StatusCode::INTERNAL_SERVER_ERROR, "internal error".to_string())
    })?;
    // 4xx: validation messages are for the client.
    let body = validate(&user).map_err(|e| (StatusCode::BAD_REQUEST, e.to_string()))?;
    Ok(Json(user))
}

fn logging_only(e: &Error) {
    let text = e.to_string();
    tracing::error!("failed: {}", text);
    println!("{}", format!("failed: {e}"));
}

async fn actix_generic(db: web::Data<Db>) -> HttpResponse {
    match db.user().await {
        Ok(user) => HttpResponse::Ok().json(user),
        Err(e) => {
            log::error!("{e}");
            HttpResponse::InternalServerError().body("internal error")
        }
    }
}

async fn actix_bad_request(e: Error) -> HttpResponse {
    HttpResponse::BadRequest().body(e.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn status_in_tests() {
        let e = std::io::Error::other("x");
        let s = tonic::Status::internal(e.to_string());
    }
}

// A message helper whose `err` is text, not an error.
fn internal(err: &str) -> Status {
    Status::internal(err.to_string())
}
