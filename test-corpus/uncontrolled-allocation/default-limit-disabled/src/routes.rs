use axum::body::Bytes;

#[derive(serde::Deserialize)]
pub struct Upload {
    pub items: Vec<u64>,
}

pub async fn upload(body: Bytes) -> String {
    let upload: Upload = serde_json::from_slice(&body).unwrap(); //~ uncontrolled-allocation:medium
    upload.items.len().to_string()
}

pub async fn upload_text(body: Bytes) -> String {
    let text = String::from_utf8_lossy(&body).to_string();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap(); //~ uncontrolled-allocation:medium
    value.to_string()
}

// Parsing only the length is no read of the body's content.
pub async fn size(body: Bytes) -> String {
    serde_json::to_string(&body.len()).unwrap()
}
