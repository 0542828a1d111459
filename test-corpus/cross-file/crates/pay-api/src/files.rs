use axum::extract::Path;
use pay_domain::error::ApiError;

// `paths::avatar_path` (another file) joins the request's name without a check.
pub async fn avatar(Path(user): Path<String>) -> Result<Vec<u8>, ApiError> {
    let path = crate::paths::avatar_path(&user);
    Ok(std::fs::read(&path)?) //~ path-traversal:high
}

// `paths::avatar_file` keeps only the final component.
pub async fn avatar_file(Path(user): Path<String>) -> Result<Vec<u8>, ApiError> {
    let path = crate::paths::avatar_file(&user);
    Ok(std::fs::read(&path)?)
}
