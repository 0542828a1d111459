//! The C API: a foreign caller's thread calls in and waits.

use std::sync::OnceLock;

use tokio::runtime::Runtime;

static RUNTIME: OnceLock<Runtime> = OnceLock::new();

fn runtime() -> &'static Runtime {
    RUNTIME.get_or_init(|| Runtime::new().expect("runtime"))
}

/// # Safety
/// Callable from any thread.
#[no_mangle]
pub extern "C" fn pay_quota(account: u64) -> u64 {
    pay_runtime::bridge::fetch_quota(runtime(), account)
}
