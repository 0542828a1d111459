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

// The `Err` of these calls hands a value back instead of describing a failure.
fn values_back(cell: &OnceCell<Drivers>, state: &AtomicUsize, rc: Rc<Cell>) -> Result<(), Error> {
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
