//! Sync entry points into async work.

use tokio::runtime::Runtime;

async fn poll_events() {}

async fn fetch_rates() -> u64 {
    1
}

async fn fetch_quota_async(account: u64) -> u64 {
    account
}

// Called only in the loop of the OS thread that threads.rs starts: that thread exists to drive
// the runtime.
pub fn pump_events(rt: &Runtime) {
    rt.block_on(poll_events());
}

// Called from an async request handler (pay-api): the handler's worker blocks with it.
pub fn refresh_rates(rt: &Runtime) -> u64 {
    rt.block_on(fetch_rates()) //~ block-on-without-timeout:medium
}

// Called from an `extern "C"` fn (pay-ffi): the foreign caller's thread blocks.
pub fn fetch_quota(rt: &Runtime, account: u64) -> u64 {
    rt.block_on(fetch_quota_async(account)) //~ block-on-without-timeout:high
}
