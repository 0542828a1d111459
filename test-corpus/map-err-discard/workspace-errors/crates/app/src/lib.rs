use errors::{read_block, with_deadline, Elapsed, Pool, PoolError};

pub enum AppError {
    Unavailable,
    Slow,
    Storage,
    Poisoned,
}

pub struct Service {
    pool: Pool,
}

impl Service {
    // The workspace fns' error types carry nothing: replacing them loses no cause.
    pub async fn quiet(&self) -> Result<u64, AppError> {
        let conn = self.pool.acquire().map_err(|_| AppError::Unavailable)?;
        let n = with_deadline(5).await.map_err(|_| AppError::Slow)?;
        let m = match errors::with_deadline(6).await {
            Ok(m) => m,
            Err(_) => return Err(AppError::Slow),
        };
        let k = self.tick().map_err(|_| AppError::Poisoned)?;
        Ok(n + m + k)
    }

    // Look-alikes whose errors carry a cause: `StoreError` has an `Io` source.
    pub async fn fires(&self) -> Result<u64, AppError> {
        let bytes = self.pool.load().map_err(|_| AppError::Storage)?; //~ map-err-discard:medium
        let block = read_block(1).map_err(|_| AppError::Storage)?; //~ map-err-discard:medium
        let other = self.fetch().map_err(|_| AppError::Storage)?; //~ map-err-discard:medium
        Ok(bytes.len() as u64 + block.len() as u64 + other)
    }

    fn tick(&self) -> Result<u64, ()> {
        Ok(1)
    }

    fn fetch(&self) -> Result<u64, errors::StoreError> {
        Ok(1)
    }
}

// `From` a unit error of the workspace: its text is all there is.
impl From<Elapsed> for AppError {
    fn from(e: Elapsed) -> Self {
        AppError::Message(e.to_string())
    }
}

// `From` an error that carries a cause: keeping only its text cuts the chain.
impl From<errors::StoreError> for AppError {
    fn from(e: errors::StoreError) -> Self {
        AppError::Message(e.to_string()) //~ map-err-discard:low
    }
}

pub struct Producer {
    queue: errors::Queue,
}

impl Producer {
    // `try_push` hands the message back: its `Err` is the input, not a failure.
    pub fn offer(&mut self, msg: Message) -> Result<(), AppError> {
        match self.queue.try_push(msg) {
            Ok(()) => Ok(()),
            Err(_) => Err(AppError::Unavailable),
        }
    }

    // `push` fails with a `StoreError`, which carries a cause.
    pub fn send(&mut self, msg: Message) -> Result<(), AppError> {
        self.queue.push(msg).map_err(|_| AppError::Storage) //~ map-err-discard:medium
    }

    // `InvalidKey` holds only `()`.
    pub fn key(&self, raw: &str) -> Result<Key, AppError> {
        errors::parse_key(raw).map_err(|_| AppError::Unavailable)
    }
}
