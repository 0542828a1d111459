use bridge::{wait_bounded, wait_on};

static RUNTIME: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();

async fn fetch() -> u32 {
    1
}

// Across the FFI boundary the foreign caller's thread hangs: the call site adds that, so it is
// reported here, high.
#[no_mangle]
pub extern "C" fn ffi_fetch() -> u32 {
    wait_on!(RUNTIME.get().unwrap(), fetch()) //~ block-on-without-timeout:high
}

// The same macro in an ordinary fn: what the template says, already reported at the template.
pub fn fetch_blocking() -> u32 {
    wait_on!(RUNTIME.get().unwrap(), fetch())
}

#[no_mangle]
pub extern "C" fn ffi_fetch_bounded() -> u32 {
    wait_bounded!(RUNTIME.get().unwrap(), fetch()).unwrap_or(0)
}
