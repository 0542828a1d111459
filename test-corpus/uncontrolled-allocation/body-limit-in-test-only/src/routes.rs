use axum::body::to_bytes;
use axum::extract::Request;

#[derive(serde::Deserialize)]
pub struct Import {
    pub rows: Vec<String>,
}

pub async fn import(req: Request) -> String {
    let bytes = to_bytes(req.into_body(), usize::MAX).await.unwrap();
    let import: Import = serde_json::from_slice(&bytes).unwrap(); //~ uncontrolled-allocation:medium
    import.rows.len().to_string()
}
