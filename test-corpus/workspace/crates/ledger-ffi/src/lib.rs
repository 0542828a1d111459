//! C exports: every pointer is checked for null before use.

use std::ffi::{c_char, CStr};

#[no_mangle]
pub extern "C" fn ledger_account_id(name: *const c_char) -> i64 {
    if name.is_null() {
        return -1;
    }
    let name = unsafe { CStr::from_ptr(name) };
    name.to_bytes().len() as i64
}

#[no_mangle]
pub unsafe extern "C" fn ledger_sum(values: *const i64, len: usize) -> i64 {
    if values.is_null() {
        return 0;
    }
    std::slice::from_raw_parts(values, len).iter().sum()
}
