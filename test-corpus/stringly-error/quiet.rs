#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    Serialization(#[from] serde_json::Error),
    #[error("io")]
    Io {
        #[source]
        source: std::io::Error,
    },
    // Fed only messages of our own, never another error's text.
    #[error("invalid: {0}")]
    Invalid(String),
    #[error("not found: {0}")]
    NotFound(String),
    // Two fields: context plus text (left alone: the context may be the point).
    #[error("{0}: {1}")]
    Context(String, String),
}

fn check(name: &str, n: usize) -> Result<(), StoreError> {
    if n == 0 {
        return Err(StoreError::Invalid(format!("{name} must be positive")));
    }
    let count = n.to_string();
    Err(StoreError::NotFound(name.to_string()))
}

fn context(e: std::io::Error) -> StoreError {
    StoreError::Context("read".into(), e.to_string())
}

// Not an error enum: a message type that carries text.
pub enum Message {
    Text(String),
}

fn relay(e: &dyn std::error::Error) -> Message {
    Message::Text(e.to_string())
}

// The constructor is in test code only.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds() {
        let e = std::io::Error::other("x");
        let _ = StoreError::NotFound(e.to_string());
    }
}

// A message helper: `err` is anything displayable, usually a string (sqlx's `Error::protocol`).
#[derive(Debug)]
pub enum DriverError {
    Protocol(String),
}

impl DriverError {
    pub fn protocol(err: impl std::fmt::Display) -> Self {
        DriverError::Protocol(err.to_string())
    }
}
