use errors::ApiError;

pub async fn get_user(pool: &sqlx::PgPool, id: i64) -> Result<String, ApiError> {
    let name: String = sqlx::query_scalar("SELECT name FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
        .map_err(|e| ApiError::database_error(format!("query failed: {e}")))?; //~ error-detail-leak:high
    Ok(name)
}

pub async fn load(repo: &Repo) -> Result<String, ApiError> {
    // The error's origin is unknown: medium.
    let a = repo.load().await.map_err(|e| ApiError::Database(e.to_string()))?; //~ error-detail-leak:medium
    // A client error's message is meant for the client.
    let b = repo.parse().map_err(|e| ApiError::bad_request(e.to_string()))?;
    // `Internal` is logged and answered with a generic message.
    let c = repo.load().await.map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(format!("{a}{b}{c}"))
}

// A workspace fn whose return type names the database error: its errors are database errors.
pub async fn count(pool: &sqlx::PgPool) -> Result<i64, sqlx::Error> {
    Ok(pool.size() as i64)
}

pub async fn total(pool: &sqlx::PgPool) -> Result<i64, ApiError> {
    count(pool)
        .await
        .map_err(|e| ApiError::database_error(e.to_string())) //~ error-detail-leak:high
}
