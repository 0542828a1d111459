use std::ffi::{c_char, CStr};
use std::slice;

#[no_mangle]
pub unsafe extern "C" fn net_ingest(data: *const u8, len: usize) -> i32 {
    let bytes = slice::from_raw_parts(data, len); //~ ffi-unchecked-pointer:high
    ingest(bytes)
}

#[no_mangle]
pub extern "C" fn net_name(name: *const c_char) -> i32 {
    let name = unsafe { CStr::from_ptr(name) }; //~ ffi-unchecked-pointer
    register(name)
}

#[no_mangle]
pub extern "C" fn net_poll(handle: *mut NetHandle) -> i32 {
    let handle = unsafe { &*handle }; //~ ffi-unchecked-pointer
    handle.poll()
}

#[unsafe(no_mangle)]
pub extern "C" fn net_reset(handle: *mut NetHandle) {
    let handle = unsafe { &mut *(handle as *mut NetHandle) }; //~ ffi-unchecked-pointer
    handle.reset();
}

#[no_mangle]
pub unsafe extern "C" fn net_free(handle: *mut NetHandle) {
    drop(Box::from_raw(handle)); //~ ffi-unchecked-pointer
}

#[export_name = "net_write"]
pub unsafe extern "C" fn write(buf: *mut u8, len: usize) -> usize {
    let out = std::slice::from_raw_parts_mut(buf.cast::<u8>(), len); //~ ffi-unchecked-pointer
    fill(out)
}

// The check comes too late.
#[no_mangle]
pub unsafe extern "C" fn net_late(p: *const Config) -> i32 {
    let config = &*p; //~ ffi-unchecked-pointer
    if p.is_null() {
        return -1;
    }
    config.apply()
}

// The seed finding (003 #15): the outer arrays are checked, the entries are not.
#[no_mangle]
pub unsafe extern "C" fn collect_payloads(
    payloads: *const *const u8,
    lens: *const usize,
    count: usize,
) -> i32 {
    if payloads.is_null() || lens.is_null() {
        return -1;
    }
    for i in 0..count {
        let ptr = *payloads.add(i);
        let len = *lens.add(i);
        let payload = slice::from_raw_parts(ptr, len); //~ ffi-unchecked-pointer
        push(payload);
        let direct = slice::from_raw_parts(*payloads.add(i), len); //~ ffi-unchecked-pointer
        push(direct);
    }
    0
}
