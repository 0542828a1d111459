use pay_domain::error::ApiError;
use pay_domain::payments::PaymentError;

// The constructor (pay-domain's error.rs) builds `Database`, whose text response.rs sends in a
// 500 body: the database error reaches the client.
pub async fn user_name(pool: &sqlx::PgPool, id: i64) -> Result<String, ApiError> {
    sqlx::query_scalar("SELECT name FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
        .map_err(|e| ApiError::database_error(format!("loading user {id}: {e}"))) //~ error-detail-leak:high
}

// The same error into a 504 whose body is the text (response.rs).
pub async fn user_email(pool: &sqlx::PgPool, id: i64) -> Result<String, ApiError> {
    sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
        .map_err(|e| ApiError::timeout(format!("loading email {id}: {e}"))) //~ error-detail-leak:high
}

// The same error into a 502 whose body is a fixed phrase: logged, not sent.
pub async fn user_region(pool: &sqlx::PgPool, id: i64) -> Result<String, ApiError> {
    sqlx::query_scalar("SELECT region FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
        .map_err(|e| ApiError::Upstream(e.to_string()))
}

// A parse error into a 400: the message is for the client.
pub fn parse_user_id(raw: &str) -> Result<i64, ApiError> {
    raw.parse::<i64>()
        .map_err(|e| ApiError::bad_request(format!("bad user id: {e}")))
}

// Fails with a `PaymentError` (pay-domain), whose variants carry nothing.
pub async fn debit(pool: &sqlx::PgPool, amount: u64) -> Result<(), PaymentError> {
    if amount > pool.size() as u64 {
        return Err(PaymentError::InsufficientFunds);
    }
    Ok(())
}
