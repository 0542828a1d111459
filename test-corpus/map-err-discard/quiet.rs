// Look-alikes that keep the original error.

fn closures_that_use_the_error(raw: &str) -> Result<u32, Error> {
    let a: u32 = raw.parse().map_err(Error::Parse)?;
    let b: u32 = raw.parse().map_err(SomeError::Variant)?;
    let c: u32 = raw.parse().map_err(Into::into)?;
    let d: u32 = raw.parse().map_err(|e| e.into())?;
    let e: u32 = raw.parse().map_err(|e| Error::Parse(e))?;
    let f: u32 = raw.parse().map_err(|e| Error::Msg(e.to_string()))?;
    let g: u32 = raw.parse().map_err(|e| Error::Msg(format!("bad number: {}", e)))?;
    let h: u32 = raw.parse().map_err(|e| Error::Msg(format!("bad number: {e}")))?;
    let i: u32 = raw.parse().map_err(|e| Error::Msg(format!("bad number: {e:?}")))?;
    let j: u32 = raw.parse().map_err(|err| anyhow!("bad value {raw}: {err:#}"))?;
    let k: u32 = raw.parse().map_err(|e| Error::Wrapped { source: e, input: raw.into() })?;
    let l: u32 = raw.parse().map_err(|e| {
        warn!("bad input: {e}");
        Error::Parse(e)
    })?;
    let m: u32 = raw.parse().map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    let n: u32 = raw.parse().map_err(Error::from)?;
    let o: u32 = raw.parse().map_err(|(code, msg)| Error::Code(code))?;
    let p: u32 = raw.parse().map_err(|e| json!({ "error": e.to_string() }))?;
    Ok(a + b + c + d + e + f + g + h + i + j + k + l + m + n + o + p)
}

// Explicit choices that are not an error replaced by another error.
fn recoveries(raw: &str) -> u32 {
    let a = raw.parse().unwrap_or(0);
    let b = raw.parse().ok();
    let c = raw.parse().or_else(|_| fallback()).unwrap_or(1);
    let d = match raw.parse::<u32>() {
        Ok(v) => v,
        Err(_) => 0,
    };
    let e = opt.ok_or(Error::Missing);
    let f = raw.parse::<u32>().or(Ok(3));
    if let Err(e) = write(a) {
        return Err(Error::Write(e));
    }
    if let Err(_) = write(a) {
        warn!("write failed, continuing");
    }
    let g = match read() {
        Ok(x) => Ok(x),
        Err(e) => Err(Error::Io(e)),
    };
    let h = match read() {
        Ok(x) => x,
        Err(e) => return Err(e.into()),
    };
    let i = match read() {
        Ok(x) => x,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Error::NotFound { source: e }),
        Err(e) => return Err(Error::Io(e)),
    };
    a + b.unwrap_or(0) + c + d
}

// `From` impls that keep the error, or that convert text to begin with.
impl From<sqlx::Error> for TaskerError {
    fn from(err: sqlx::Error) -> Self {
        TaskerError::Database(err)
    }
}

impl From<&str> for ParseError {
    fn from(msg: &str) -> Self {
        ParseError::Message(msg.to_string())
    }
}

impl From<String> for AppError {
    fn from(msg: String) -> Self {
        AppError::Message(msg.to_string())
    }
}

impl From<io::Error> for ConfigError {
    fn from(e: io::Error) -> Self {
        ConfigError::Io { message: e.to_string(), source: e }
    }
}

// Into a non-error type: displaying it is the point.
impl From<Status> for Label {
    fn from(s: Status) -> Self {
        Label(s.to_string())
    }
}

// Strings and comments: "x.map_err(|_| Error)" and Err(_) => Err(..)
fn text() -> &'static str {
    "r.map_err(|_| E)"
}

#[cfg(test)]
mod tests {
    #[test]
    fn in_test_code() {
        let n: u32 = "1".parse().map_err(|_| Error::Invalid).unwrap();
        let m = match read() {
            Ok(v) => Ok(v),
            Err(_) => Err(Error::Io),
        };
    }
}

// The `Err` of these calls hands a value back instead of describing a failure; `Err(permit)`
// returns the caller's own parameter.
fn values_back(cell: &OnceCell<Drivers>, state: &AtomicUsize, rc: Rc<Cell>, permit: Permit) -> Result<(), Error> {
    cell.set(drivers).map_err(|_| "drivers already installed".into())?;
    match state.fetch_update(Ordering::AcqRel, Ordering::Acquire, |s| Some(s + 1)) {
        Ok(_) => Ok(guard),
        Err(_) => Err(guard),
    }
    match self.compare_exchange(value) {
        Ok(_) => Ok(()),
        Err(_) => Err(()),
    }
    match Rc::try_unwrap(rc) {
        Ok(cell) => Ok(cell.into_inner()),
        Err(_) => Err(OWNERSHIP_ERROR),
    }
    match self.size.try_increment() {
        Ok(_) => Ok(DecrementSizeGuard::from_permit(permit)),
        Err(_) => Err(permit),
    }
}

// A closure that only logs, with the result dropped knowingly afterwards: no error is replaced.
fn log_and_drop(connecting: Connecting, var: &str) -> Option<Targets> {
    let bg = connecting.map_err(|err| {
        trace!("background connect error: {}", err);
    });
    let now = config.current_time().map_err(|_err| debug!("no current time: {_err}")).ok()?;
    Targets::from_str(var)
        .map_err(|e| {
            eprintln!("Ignoring `RUST_LOG={:?}`: {}", var, e);
        })
        .ok()
}

// A guard that inspects the error decides which fixed error fits: the error is used.
fn guarded(result: io::Result<u32>) -> Result<u32, TryIoError> {
    match result {
        Err(err) if err.kind() == io::ErrorKind::WouldBlock => {
            clear_ready();
            Err(TryIoError(()))
        }
        result => Ok(result?),
    }
}

// Errors that carry nothing, where their type is visible (src/knowledge/errors.rs).
mod carry_nothing {
    use std::sync::mpsc as std_mpsc;
    use tokio::sync::{mpsc, oneshot};
    use tokio::time::timeout;

    struct Worker {
        events: mpsc::Sender<Event>,
        done: Option<oneshot::Sender<()>>,
    }

    impl Worker {
        async fn run(&self, len: u64, bytes: &[u8], d: Duration) -> Result<(), Error> {
            let n = u32::try_from(len).map_err(|_| Error::TooLong)?;
            let size: c_int = len.try_into().map_err(|_| Error::TooLong)?;
            let head = <[u8; 4]>::try_from(&bytes[..4]).map_err(|_| Error::Short)?;
            let reply = timeout(d, fetch()).await.map_err(|_| Error::TimedOut)?;
            match tokio::time::timeout(d, fetch()).await {
                Err(_elapsed) => return Err(Error::TimedOut),
                Ok(r) => r?,
            }
            self.events.send(Event::Start).await.map_err(|_| Error::Closed)?;
            let (tx, rx) = oneshot::channel();
            tx.send(n).map_err(|_| Error::Closed)?;
            let answer = rx.await.map_err(|_| Error::Closed)?;
            let (stx, srx) = std_mpsc::channel();
            stx.send(1).map_err(|_| Error::Closed)?;
            let one = srx.recv().map_err(|_| Error::Closed)?;
            let next = srx.try_recv().ok().ok_or(Error::Empty)?;
            Ok(())
        }
    }

    fn forward(tx: &mpsc::UnboundedSender<u8>) -> Result<(), Error> {
        tx.send(1).map_err(|_| Error::Closed)
    }

    // A unit error, and `Err(None)` as control flow.
    fn unit_and_none(url: &mut Url, raw: &str) -> Result<u32, Option<Error>> {
        url.set_scheme("https").map_err(|_: ()| Some(Error::Scheme))?;
        let n = raw.parse::<u32>().map_err(|_| None)?;
        match raw.parse::<u8>() {
            Ok(b) => Ok(b.into()),
            Err(_) => Err(None),
        }
    }

    // wasm-bindgen hands the value back.
    fn js(value: JsValue) -> Result<Element, Error> {
        value.dyn_into::<Element>().map_err(|_| Error::NotAnElement)
    }
}

// In a `macro_rules!` template, a metavariable body may use the error binding.
macro_rules! map_with {
    ($result:expr, |$error_arg:ident| $error_map:expr) => {
        $result.map_err(|$error_arg| $error_map)
    };
}

// Errors that carry nothing, known by the method that fails (src/knowledge/errors.rs): a
// zero-argument `lock`/`read`/`write` that returns a `Result` is std's (`PoisonError`), a
// `Result` from `to_str()` is `ToStrError`/`Utf8Error`, from `strip_prefix(p)` `StripPrefixError`.
mod empty_by_method {
    use axum::http::{HeaderName, HeaderValue};
    use std::fmt;

    fn poison(state: &Mutex<State>, table: &RwLock<Table>) -> Result<(), Error> {
        let guard = state.lock().map_err(|_| Error::Poisoned)?;
        let r = table.read().map_err(|_| Error::Poisoned)?;
        let w = table.write().map_err(|_| Error::Poisoned)?;
        Ok(())
    }

    fn headers(raw: &str, value: &HeaderValue, path: &Path, root: &Path) -> Result<(), Error> {
        let v = HeaderValue::from_str(raw).map_err(|_| Error::BadHeader)?;
        let n = HeaderName::from_bytes(raw.as_bytes()).map_err(|_| Error::BadHeader)?;
        let n2 = http::header::HeaderName::from_str(raw).map_err(|_| Error::BadHeader)?;
        let text = value.to_str().map_err(|_| Error::BadHeader)?;
        let rel = path.strip_prefix(root).map_err(|_| Error::Outside)?;
        let s = std::str::from_utf8(raw.as_bytes()).map_err(|_| Error::Utf8)?;
        Ok(())
    }

    fn numbers(raw: &str) -> Result<u16, Error> {
        let a = raw.parse::<u16>().map_err(|_| Error::BadPort)?;
        let b: f64 = raw.parse().map_err(|_| Error::BadRatio)?;
        let addr = raw.parse::<std::net::IpAddr>().map_err(|_| Error::BadAddr)?;
        match raw.parse::<i64>() {
            Ok(v) => Ok(v as u16),
            Err(_) => Err(Error::BadPort),
        }
    }

    // `fmt::Error` is the only error `Display::fmt` may return, and it carries nothing.
    impl fmt::Display for Report {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            let table = self.render().map_err(|_| fmt::Error)?;
            match self.summary() {
                Ok(s) => write!(f, "{s}{table}"),
                Err(_) => Err(fmt::Error),
            }
        }
    }

    // A `From` whose source carries nothing: its text is all there is.
    impl From<std::sync::mpsc::SendError<Event>> for WatchError {
        fn from(e: std::sync::mpsc::SendError<Event>) -> Self {
            WatchError::Generic(e.to_string())
        }
    }

    impl<T> From<std::sync::PoisonError<T>> for ResolveError {
        fn from(e: std::sync::PoisonError<T>) -> Self {
            ResolveError::Msg(e.to_string())
        }
    }
}

// A retry whose own error is dropped in favour of the original one: the cause is kept.
mod original_error_returned {
    fn into_proxy(raw: &str) -> Result<Url, Error> {
        match raw.into_url() {
            Ok(url) => Ok(url),
            Err(e) => format!("http://{raw}").into_url().map_err(|_| builder(e)),
        }
    }

    fn decode(bytes: &[u8]) -> Result<Message, serde_json::Error> {
        serde_json::from_slice(bytes).or_else(|err| match bytes.strip_prefix(b"\xef\xbb\xbf") {
            Some(rest) => serde_json::from_slice(rest).map_err(|_| err),
            None => Err(err),
        })
    }
}

// Logged, then answered with an HTTP status: the cause is in the log, the client gets no
// internals.
mod logged_then_status {
    use actix_web::error;
    use axum::http::StatusCode;

    async fn handler(db: &Db) -> Result<Json<Records>, StatusCode> {
        let records = db.records().await.map_err(|e| {
            tracing::error!("failed to read records: {e}");
            StatusCode::INTERNAL_SERVER_ERROR
        })?;
        match db.index().await {
            Ok(i) => i,
            Err(e) => {
                error!("failed to calculate record index: {}", e);
                return Err(ErrorResponse::reply("failed").with_status(StatusCode::INTERNAL_SERVER_ERROR));
            }
        };
        Ok(Json(records))
    }

    async fn delete(path: &Path) -> Result<HttpResponse, actix_web::Error> {
        match fs::remove_file(path) {
            Ok(()) => Ok(HttpResponse::Ok().finish()),
            Err(e) => {
                log::error!("cannot delete file: {}", e);
                Err(error::ErrorInternalServerError("cannot delete file"))
            }
        }
    }
}

// Mapped to `()`: the fn's own error carries nothing by its signature.
fn unit_error(park: &mut Park) -> Result<Waker, ()> {
    let waker = park.waker().map_err(|_| ())?;
    Ok(waker)
}

// `time`'s constructors fail with a `ComponentRange` (which component, its bounds); rustls'
// `ServerName::try_from` with an empty `InvalidDnsNameError`; futures' unbounded send only when
// the receiver is gone.
mod more_empty {
    use futures_channel::mpsc;
    use rustls_pki_types::ServerName;
    use time::{Date, UtcOffset};

    struct Client {
        sender: mpsc::UnboundedSender<Request>,
    }

    fn build(c: &Client, y: i32, m: Month, d: u8, secs: i32, host: String) -> Result<(), Error> {
        let date = Date::from_calendar_date(y, m, d).map_err(|_| Error::Range)?;
        let offset = UtcOffset::from_whole_seconds(secs).map_err(|_| Error::Range)?;
        let name = ServerName::try_from(host).map_err(|_| Error::BadName)?;
        c.sender.unbounded_send(Request::Ping).map_err(|_| Error::Closed)?;
        Ok(())
    }
}
