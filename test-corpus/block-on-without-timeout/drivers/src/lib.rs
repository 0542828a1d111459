pub struct Server;

impl Server {
    pub fn new() -> Server {
        Server
    }

    // Called only by `main` (in another file): it runs the program.
    pub fn run_standalone(self) {
        self.run_server_on_rt()
    }

    // Called only by `run_standalone`, which only `main` calls: a driver, two calls deep.
    fn run_server_on_rt(self) {
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(async { serve().await });
    }
}

async fn serve() {}

async fn fetch() -> u32 {
    1
}

// `main` calls it, but so does a request path: not a driver.
pub fn refresh_cache() -> u32 {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(fetch()) //~ block-on-without-timeout:medium
}

pub fn on_request() -> u32 {
    refresh_cache()
}

// Nothing in the workspace calls it: a library API, whose caller is not known to be `main`.
pub fn sync_fetch() -> u32 {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(fetch()) //~ block-on-without-timeout:medium
}

// A thread started from a builder kept in a local: its closure drives the thread.
pub fn start_timer() -> std::io::Result<std::thread::JoinHandle<()>> {
    let timer_thread = std::thread::Builder::new().name("timer".to_owned());
    timer_thread.spawn(move || {
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(serve());
    })
}

// The look-alike: a local that is not a thread builder; its `spawn` runs the closure elsewhere.
pub fn start_pool(pool: &rayon::ThreadPool) {
    let worker = pool;
    worker.spawn(move || {
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(serve()); //~ block-on-without-timeout
    });
}

pub mod ffi;

// Reached from an `extern "C"` fn in another file, through one helper: high.
pub fn bridge_fetch() -> u32 {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(fetch()) //~ block-on-without-timeout:high
}

// Two fns share this name, and the `extern` fn calls it by a name its glob import brings in
// (which the model does not follow): the call may mean either, so graded as usual.
pub fn lookup() -> u32 {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(fetch()) //~ block-on-without-timeout:medium
}

pub mod other {
    pub fn lookup() -> u32 {
        0
    }
}
