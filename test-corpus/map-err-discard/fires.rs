use tracing::{error, warn};

// Closures that throw the error away (audit 000 S-5/O-8/P-7).
fn closures(raw: &str, pattern: &str) -> Result<u32, Error> {
    let id = Uuid::parse_str(raw).map_err(|_| ApiError::BadRequest)?; //~ map-err-discard:medium
    let re = Regex::new(pattern).map_err(|_| PgmqNotifyError::invalid_pattern(pattern))?; //~ map-err-discard:medium
    let n: Config = raw.parse().map_err(|_e| Error::Invalid("n"))?; //~ map-err-discard:medium
    let m: Config = raw.parse().map_err(|e| Error::Invalid("m"))?; //~ map-err-discard:medium
    let typed: Config = raw.parse().map_err(|e: ParseIntError| Error::Invalid("typed"))?; //~ map-err-discard:medium
    let tx_result = tx.send(n).map_err(|_| SomeError::ChannelClosed); //~ map-err-discard:medium
    // A `SomeError::Variant` path is fine; the same variant behind `|_|` is not.
    let k: Config = raw.parse().map_err(|_| SomeError::Variant)?; //~ map-err-discard:medium
    // Macros in the body that do not mention the error do not use it.
    let p: Config = raw
        .parse()
        .map_err(|e| Error::Msg(format!("bad number {raw}")))?; //~ map-err-discard:medium
    let q: Config = raw.parse().map_err(|err| anyhow!("bad value: {}", raw))?; //~ map-err-discard:medium
    Ok(n + m + k + p + q + typed)
}

// Logged first, then replaced by a fixed error: low.
fn logged_then_replaced(raw: &str) -> Result<u32, ApiError> {
    let a: Config = raw.parse().map_err(|e| { //~ map-err-discard:low
        warn!("bad input: {e}");
        ApiError::BadRequest
    })?;
    let b: Config = match raw.parse() {
        Ok(v) => v,
        Err(e) => { //~ map-err-discard:low
            error!(error = %e, "parse failed");
            return Err(ApiError::Internal);
        }
    };
    Ok(a + b)
}

// The error converted to `None` and back, or replaced wholesale.
fn conversions(raw: &str) -> Result<u32, Error> {
    let a: Config = raw.parse().ok().ok_or(Error::Invalid)?; //~ map-err-discard:medium
    let b: Config = raw.parse().ok().ok_or_else(|| Error::Invalid)?; //~ map-err-discard:medium
    let c: Result<Config, Error> = raw.parse().or(Err(Error::Invalid)); //~ map-err-discard:medium
    Ok(a + b)
}

// `Err(_) => Err(..)` arms and `if let Err(_)`.
fn arms(r: Result<u32, io::Error>) -> Result<u32, Error> {
    let v = match r {
        Ok(v) => v,
        Err(_) => return Err(Error::Io), //~ map-err-discard:medium
    };
    let w = match read() {
        Ok(w) => Ok(w),
        Err(_) => Err(Error::Io), //~ map-err-discard:medium
    };
    let x = match read() {
        Ok(x) => x,
        Err(e) => { //~ map-err-discard:medium
            cleanup();
            return Err(Error::Io);
        }
    };
    let y = match read() {
        Ok(y) => y,
        Err(_) => anyhow::bail!("read failed"), //~ map-err-discard:medium
    };
    if let Err(_) = write(v) { //~ map-err-discard:medium
        return Err(Error::Write);
    }
    if let Err(e) = write(v) { //~ map-err-discard:medium
        return Err(Error::Write);
    }
    Ok(v)
}

// Inside macro arguments.
fn in_macros(raw: &str) {
    info!("parsed: {:?}", raw.parse::<Url>().map_err(|_| Error::Invalid)); //~ map-err-discard:medium
}

// An `impl From<E>` that keeps only the text (audit 000 S-2): low.
impl From<sqlx::Error> for TaskerError {
    fn from(err: sqlx::Error) -> Self {
        TaskerError::DatabaseError(err.to_string()) //~ map-err-discard:low
    }
}

impl From<serde_json::Error> for ApiError {
    fn from(e: serde_json::Error) -> Self {
        ApiError::Serialization(format!("json: {e}")) //~ map-err-discard:low
    }
}

impl From<std::io::Error> for ConfigError {
    fn from(source: std::io::Error) -> Self {
        ConfigError {
            message: source.to_string(), //~ map-err-discard:low
        }
    }
}

// Look-alikes of errors that carry nothing: the error type is not visible, or it carries a cause.
mod look_alikes {
    use tokio::sync::broadcast;

    struct Store {
        cache: Redis,
        updates: broadcast::Receiver<Update>,
    }

    impl Store {
        async fn put(&mut self, k: &str, v: &str, sock: &UdpSocket, tx: &mpsc::Sender<u8>) -> Result<(), Error> {
            self.cache.set(k, v).map_err(|_| Error::Cache)?; //~ map-err-discard
            sock.send(b"x").await.map_err(|_| Error::Io)?; //~ map-err-discard
            self.updates.recv().await.map_err(|_| Error::Lagged)?; //~ map-err-discard
            tx.try_send(1).map_err(|_| Error::Full)?; //~ map-err-discard
            timeout(Duration::from_secs(1), work()).await.map_err(|_| Error::Slow)?; //~ map-err-discard
            let len = String::try_from(k).map_err(|_| Error::Utf8)?; //~ map-err-discard
            let s = Stat { size: meta.len().try_into().map_err(|_| Error::Big)? }; //~ map-err-discard
            Ok(())
        }
    }

    // A local `timeout` helper is not tokio's.
    async fn timeout(d: Duration, f: impl Future) -> Result<(), io::Error> {
        Ok(())
    }
}

// Inside a `macro_rules!` template.
macro_rules! parse_field {
    ($raw:expr, $ty:ty, $err:expr) => {
        $raw.parse::<$ty>().map_err(|_| $err)? //~ map-err-discard
    };
}

// Look-alikes of the method-known empty errors: other arities, other types, other crates.
mod empty_by_method_look_alikes {
    mod own {
        pub struct HeaderValue;
        pub enum StatusCode {
            Internal,
        }
    }
    use own::{HeaderValue, StatusCode};

    fn look_alikes(locks: &LockService, raw: &str, file: &File) -> Result<(), Error> {
        let lease = locks.lock(raw).map_err(|_| Error::Busy)?; //~ map-err-discard:medium
        let v = HeaderValue::from_str(raw).map_err(|_| Error::BadHeader)?; //~ map-err-discard:medium
        let url = raw.parse::<Url>().map_err(|_| Error::BadUrl)?; //~ map-err-discard:medium
        let text = file.read_to_string().map_err(|_| Error::Io)?; //~ map-err-discard:medium
        Ok(())
    }

    // Not `fmt::Error`: a workspace error named like it.
    fn render(r: &Report) -> Result<String, report::Error> {
        r.render().map_err(|_| report::Error) //~ map-err-discard:medium
    }

    // Logged, then a status that is not an HTTP crate's: callers lose the cause.
    fn logged(db: &Db) -> Result<Records, StatusCode> {
        db.records().map_err(|e| { //~ map-err-discard:low
            tracing::error!("failed: {e}");
            StatusCode::Internal
        })
    }

    // A closure that uses an outer value that is not an error bound by `Err(..)`.
    fn outer_value(raw: &str, name: &str) -> Result<Config, Error> {
        raw.parse::<Config>().map_err(|_| Error::Bad(name.to_string())) //~ map-err-discard:medium
    }

    // `Err(busy)` with a local that is not a parameter: a fixed error replaces the original.
    fn local_err(pool: &Pool) -> Result<Conn, Error> {
        let busy = Error::Busy;
        match pool.try_get() {
            Ok(c) => Ok(c),
            Err(_) => Err(busy), //~ map-err-discard:medium
        }
    }
}

// Not `()`: a variant wrapping a unit value still replaces the cause.
fn unit_payload(park: &mut Park) -> Result<Waker, Error> {
    park.waker().map_err(|_| Error::Park(())) //~ map-err-discard:medium
}

// A bounded futures channel's `try_send` may fail because it is full: not listed.
mod channel_look_alikes {
    use futures_channel::mpsc;

    fn offer(tx: &mut mpsc::Sender<u8>) -> Result<(), Error> {
        tx.try_send(1).map_err(|_| Error::Busy) //~ map-err-discard:medium
    }
}
