// Error types of the workspace: what they carry decides whether replacing one loses a cause.

/// Carries nothing but its variant.
pub enum PoolError {
    Closed,
    TimedOut,
}

/// A unit struct: nothing but its type.
pub struct Elapsed;

/// Carries a cause.
pub enum StoreError {
    Io(std::io::Error),
    Corrupt { offset: u64 },
}

pub struct Pool;

impl Pool {
    pub fn acquire(&self) -> Result<Conn, PoolError> {
        Err(PoolError::Closed)
    }

    pub fn load(&self) -> Result<Vec<u8>, StoreError> {
        Err(StoreError::Corrupt { offset: 0 })
    }
}

pub async fn with_deadline(d: u64) -> Result<u64, Elapsed> {
    Err(Elapsed)
}

pub fn read_block(at: u64) -> Result<Vec<u8>, StoreError> {
    Err(StoreError::Corrupt { offset: at })
}

/// Hands the message back when the queue is full; fails with a reason otherwise.
pub struct Queue;

impl Queue {
    pub fn try_push(&mut self, msg: Message) -> Result<(), Message> {
        Err(msg)
    }

    pub fn push(&mut self, msg: Message) -> Result<(), StoreError> {
        Ok(())
    }
}

/// A struct whose only field holds nothing.
#[derive(Debug)]
pub struct InvalidKey {
    _priv: (),
}

pub fn parse_key(raw: &str) -> Result<Key, InvalidKey> {
    Err(InvalidKey { _priv: () })
}
