use std::time::Duration;

use tokio::time::{timeout, timeout_at, Instant};

struct Dispatch {
    runtime_handle: tokio::runtime::Handle,
}

impl Dispatch {
    fn bounded(&self, id: u64) -> Result<(), Error> {
        self.runtime_handle.block_on(async {
            tokio::time::timeout(Duration::from_secs(5), self.handle_async(id)).await
        })?
    }

    fn bounded_import(&self) {
        let _ = self.runtime_handle.block_on(timeout(Duration::from_secs(5), work()));
    }

    fn bounded_at(&self) {
        let deadline = Instant::now() + Duration::from_secs(5);
        let _ = self.runtime_handle.block_on(timeout_at(deadline, work()));
    }

    fn bounded_ext(&self) {
        let _ = self.runtime_handle.block_on(work().timeout(Duration::from_secs(1)));
    }

    fn bounded_local(&self) {
        let fut = tokio::time::timeout(Duration::from_secs(5), work());
        let _ = self.runtime_handle.block_on(fut);
    }

    fn bounded_by_name(&self) {
        let _ = self.runtime_handle.block_on(self.fetch_with_timeout());
    }

    fn select_with_sleep(&self) {
        self.runtime_handle.block_on(async {
            tokio::select! {
                r = work() => r,
                _ = tokio::time::sleep(Duration::from_secs(5)) => Err(Error::Timeout),
            }
        });
    }
}

#[no_mangle]
pub extern "C" fn worker_poll_bounded(handle: *mut Worker) -> i32 {
    let worker = unsafe { &*handle };
    match worker.rt.block_on(timeout(Duration::from_millis(500), worker.poll())) {
        Ok(code) => code,
        Err(_) => -1,
    }
}

// `main` exists to drive the program's future to completion, and so does what it calls to do it.
fn main() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(serve());
    std::process::exit(run_main().unwrap_or(1));
}

fn run_main() -> Result<i32, Error> {
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(run())
}

// Look-alikes.
fn look_alikes(rt: &Runtime) {
    // "block_on" in a string or comment
    let s = "rt.block_on(fut)";
    rt.block_in_place(|| 1);
    tokio::task::block_in_place(|| 2);
}

#[cfg(test)]
mod tests {
    #[test]
    fn sync_test() {
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(super::work());
    }
}

// Blocking APIs: blocking is their contract, and the timeout belongs to their caller.
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    RUNTIME.block_on(future)
}

impl<T> Receiver<T> {
    pub fn blocking_recv(&mut self) -> Option<T> {
        crate::future::block_on(self.recv())
    }

    pub fn recv_many_blocking(&mut self, buf: &mut Vec<T>) -> usize {
        futures::executor::block_on(self.recv_many(buf))
    }
}

// The sync twin of the async method it waits for.
impl<T: AsyncRead + Unpin> std::io::Read for SyncIoBridge<T> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let src = &mut self.src;
        self.rt.block_on(AsyncReadExt::read(src, buf))
    }
}

impl<S: Stream + Unpin> Iterator for BlockOn<S> {
    type Item = S::Item;
    fn next(&mut self) -> Option<S::Item> {
        futures_lite::future::block_on(self.0.next())
    }
}

// A future the caller passed in: the caller decides how long it may take.
fn run<F>(rt: &Runtime, f: F) -> F::Output
where
    F: Future,
{
    rt.block_on(f)
}

impl Executor for TokioExecutor {
    fn run(&self, f: Pin<Box<dyn Future<Output = ()>>>) {
        self.handle.block_on(async move { f.await })
    }
}

// A thread that exists to drive a runtime, like `main`.
fn start_driver(rt: Runtime) {
    std::thread::spawn(move || rt.block_on(serve_forever()));
    std::thread::Builder::new()
        .name("driver".into())
        .spawn(move || {
            rt.block_on(drive());
        })
        .ok();
}

// Parking a thread for ever on purpose.
fn park_driver(rt: Runtime) {
    rt.block_on(futures::future::pending::<()>());
}

// A driver thread whose future runs inside a further closure.
fn start_worker() {
    std::thread::Builder::new()
        .spawn(move || {
            LOCAL_EXECUTOR.with(|executor| crate::reactor::block_on(executor.run(serve())));
        })
        .ok();
}

// The caller chooses the bound: waiting without one is its explicit choice.
fn shutdown_runtime(&mut self, timeout: Option<Duration>) -> bool {
    let mut e = enter();
    if let Some(timeout) = timeout {
        e.block_on_timeout(&mut self.rx, timeout).is_ok()
    } else {
        e.block_on(&mut self.rx).is_ok()
    }
}

// Futures that complete at once or after a fixed time.
fn drain_spawned(runtime: &Runtime) {
    runtime.block_on(tokio::task::yield_now());
    runtime.block_on(std::future::ready(()));
    runtime.block_on(tokio::time::sleep(Duration::from_millis(10)));
}

// A thread's main function, handed to `thread::spawn` by name.
fn thread_main_loop() {
    crate::reactor::block_on(executor.run(serve()));
}

fn io_loop() {
    crate::reactor::block_on(executor.run(poll_io()));
}

fn start_threads() {
    std::thread::spawn(thread_main_loop);
    std::thread::Builder::new().spawn(move || io_loop()).ok();
}

// `pending` resolved through an import, also awaited in an async block.
mod parked {
    use std::future::pending;
    use futures::future;

    fn park(rt: &Runtime) {
        rt.block_on(pending::<()>());
        rt.block_on(async { future::pending::<()>().await });
    }
}

// A bound the caller passes in (by type or by name) and the function applies.
fn wait_for(rt: &Runtime, limit: Option<Duration>) {
    match limit {
        Some(limit) => rt.block_on(tokio::time::timeout(limit, work())).ok(),
        None => rt.block_on(work()).into(),
    };
}
