use std::time::Duration;

use futures::executor::block_on;

struct Dispatch {
    runtime_handle: tokio::runtime::Handle,
}

impl Dispatch {
    // The seed: an FFI-facing call blocks on the database with no bound.
    fn checkpoint_yield(&self, id: u64) -> Result<(), Error> {
        let result = self.runtime_handle.block_on(async { //~ block-on-without-timeout:medium
            self.handle_checkpoint_yield_async(id).await
        });
        result
    }
}

fn sync_facade(rt: &tokio::runtime::Runtime, client: &Client) -> Vec<u8> {
    rt.block_on(client.fetch()) //~ block-on-without-timeout:medium
}

fn executor(rx: Receiver) -> Option<u8> {
    block_on(rx.recv()) //~ block-on-without-timeout
}

fn qualified(rx: Receiver) -> Option<u8> {
    futures::executor::block_on(rx.recv()) //~ block-on-without-timeout
}

fn pollster_style(fut: Fut) -> u8 {
    fut.block_on() //~ block-on-without-timeout
}

fn current() -> u8 {
    tokio::runtime::Handle::current().block_on(work()) //~ block-on-without-timeout
}

// Across an FFI boundary the foreign caller's thread is the one that hangs: high.
#[no_mangle]
pub extern "C" fn worker_poll(handle: *mut Worker) -> i32 {
    let worker = unsafe { &*handle };
    worker.rt.block_on(worker.poll()) //~ block-on-without-timeout:high
}

#[no_mangle]
pub unsafe extern "C" fn worker_flush(handle: *mut Worker) -> i32 {
    let worker = unsafe { &*handle };
    let f = || worker.rt.block_on(worker.flush()); //~ block-on-without-timeout:high
    f()
}

// A select! without a timer branch does not bound the wait.
fn select_without_timer(rt: &tokio::runtime::Runtime) {
    rt.block_on(async { //~ block-on-without-timeout
        tokio::select! {
            a = first() => a,
            b = second() => b,
        }
    });
}

// A timeout elsewhere in the function bounds nothing here.
fn timeout_elsewhere(rt: &tokio::runtime::Runtime) {
    let t = Duration::from_secs(5);
    rt.block_on(work()); //~ block-on-without-timeout
    let _ = rt.block_on(tokio::time::timeout(t, work()));
}

impl Drop for Dispatch {
    fn drop(&mut self) {
        self.runtime_handle.block_on(self.close()); //~ block-on-without-timeout
    }
}

// A blocking-pool thread stuck on a future is still stuck.
fn offload(rt: tokio::runtime::Handle) {
    tokio::task::spawn_blocking(move || rt.block_on(persist())); //~ block-on-without-timeout
}

// A future the function builds itself from plain data is its own to bound.
fn fetch_by_id(rt: &Runtime, id: u64) -> Row {
    rt.block_on(load_row(id)) //~ block-on-without-timeout
}

// "main" only as part of a word is not a main function.
fn domain_lookup(rt: &Runtime) {
    rt.block_on(resolve()); //~ block-on-without-timeout
}

// A local variable named `pending` is not `std::future::pending()`.
impl Store {
    fn flush(&self, pending: Pending) {
        self.handle.block_on(async { self.persist(&pending.event).await }); //~ block-on-without-timeout
    }
}

// Names that only look like the exemptions: a `main` word never handed to a thread, a
// `nonblocking` fn, a getter that reads a timeout setting, tower's `ready()` (which waits for
// capacity), a timeout parameter the function ignores.
fn thread_main(rt: &Runtime) {
    rt.block_on(serve()); //~ block-on-without-timeout
}

fn set_nonblocking(rt: &Runtime, sock: &Socket) {
    rt.block_on(sock.configure()); //~ block-on-without-timeout
}

fn fetch_configured(rt: &Runtime, client: &Client) {
    rt.block_on(async { //~ block-on-without-timeout
        let limit = client.config().timeout();
        client.fetch(limit).await
    });
}

fn wait_ready(rt: &Runtime, svc: &mut Svc) {
    rt.block_on(svc.ready()); //~ block-on-without-timeout
}

fn call_ignoring(rt: &Runtime, _timeout: Duration) {
    rt.block_on(work()); //~ block-on-without-timeout
}

// A helper reachable from an `extern "C"` fn of this file blocks the foreign caller too: high.
#[no_mangle]
pub extern "C" fn store_flush(store: *mut Store) -> i32 {
    let store = unsafe { &*store };
    flush_helper(store)
}

fn flush_helper(store: &Store) -> i32 {
    persist_now(store)
}

fn persist_now(store: &Store) -> i32 {
    store.rt.block_on(store.persist()) //~ block-on-without-timeout:high
}

// The same helper shape, called only from Rust: medium.
fn rust_caller(store: &Store) -> i32 {
    persist_later(store)
}

fn persist_later(store: &Store) -> i32 {
    store.rt.block_on(store.persist()) //~ block-on-without-timeout:medium
}
