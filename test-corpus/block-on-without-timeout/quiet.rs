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

// `main` exists to drive the program's future to completion.
fn main() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(serve());
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
