use thiserror::Error;

#[derive(Debug, Error)]
pub enum BusError {
    #[error("serialization: {0}")]
    Serialization(String), //~ stringly-error:low
    #[error("io: {0}")]
    Io(String), //~ stringly-error
    #[error("adapter: {0}")]
    Adapter(String), //~ stringly-error
    #[error("config: {0}")]
    Config(String),
    #[error("closed")]
    Closed,
}

fn encode(event: &Event) -> Result<Vec<u8>, BusError> {
    serde_json::to_vec(event).map_err(|e| BusError::Serialization(e.to_string()))
}

impl From<std::io::Error> for BusError {
    fn from(err: std::io::Error) -> Self {
        Self::Io(err.to_string())
    }
}

fn connect(url: &str) -> Result<Conn, BusError> {
    match Conn::open(url) {
        Ok(c) => Ok(c),
        Err(error) => Err(BusError::Adapter(format!("connect to {url}: {error}"))),
    }
}

fn validate(n: usize) -> Result<(), BusError> {
    if n == 0 {
        return Err(BusError::Config("n must be positive".to_string()));
    }
    Ok(())
}

// The enum may come after its constructors.
fn later(v: &str) -> Result<u8, ParseError> {
    v.parse::<u8>().map_err(|source| ParseError::Number(source.to_string()))
}

#[derive(Debug)]
pub enum ParseError {
    Number(String), //~ stringly-error
}
