use serde::Deserialize;
use validator::Validate;

use crate::error::ApiError;

#[derive(Debug, Deserialize, Validate)]
pub struct Signup {
    #[validate(email)]
    pub email: String,
    #[validate(length(min = 12, max = 128))]
    pub password: String,
}

/// Registers an account: the handler in pay-api hands its body here, and this validates it.
pub fn register(signup: &Signup) -> Result<(), ApiError> {
    signup
        .validate()
        .map_err(|e| ApiError::bad_request(e.to_string()))?;
    Ok(())
}
