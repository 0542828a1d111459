pub mod auth;
pub mod error;

use error::ApiError;

pub fn find(id: u64) -> Result<u64, ApiError> {
    if id == 0 {
        return Err(ApiError::NotFound);
    }
    throttle!();
}

pub fn open() -> Result<std::fs::File, ApiError> {
    std::fs::File::open("x").map_err(ApiError::Io)
}
