use serde::Deserialize;

use crate::StoreError;

#[derive(Debug, Default, Deserialize)]
pub struct Limits {
    pub daily: u64,
    pub single: u64,
}

// Fails with a reason: a missing file, a query error.
pub fn load_limits(path: &str) -> Result<Limits, StoreError> {
    let text = std::fs::read_to_string(path)?;
    Ok(Limits {
        daily: text.len() as u64,
        single: 0,
    })
}

// May find nothing: no banner is configured.
pub fn cached_banner() -> Option<String> {
    None
}
