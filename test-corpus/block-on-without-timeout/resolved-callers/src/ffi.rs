#[no_mangle]
pub extern "C" fn rc_lookup() -> u32 {
    crate::lookup()
}
