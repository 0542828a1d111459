use axum::body::{Body, to_bytes};
use axum::extract::Request;

#[derive(serde::Deserialize)]
pub struct Import {
    pub rows: Vec<String>,
}

pub async fn import(req: Request) -> String {
    let bytes = to_bytes(req.into_body(), usize::MAX).await.unwrap();
    let import: Import = serde_json::from_slice(&bytes).unwrap();
    import.rows.len().to_string()
}

pub async fn raw(body: Body) -> String {
    let bytes = to_bytes(body, usize::MAX).await.unwrap();
    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    value.to_string()
}
