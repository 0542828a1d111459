use crate::*;

fn checked_fetch() -> u32 {
    crate::bridge_fetch()
}

#[no_mangle]
pub extern "C" fn drivers_fetch() -> u32 {
    checked_fetch() + lookup()
}
