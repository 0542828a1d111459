use std::ffi::{c_char, CStr};
use std::ptr::NonNull;
use std::slice;

#[no_mangle]
pub unsafe extern "C" fn checked_return(data: *const u8, len: usize) -> i32 {
    if data.is_null() {
        return -1;
    }
    let bytes = slice::from_raw_parts(data, len);
    ingest(bytes)
}

#[no_mangle]
pub extern "C" fn checked_assert(name: *const c_char) -> i32 {
    assert!(!name.is_null());
    let name = unsafe { CStr::from_ptr(name) };
    register(name)
}

#[no_mangle]
pub extern "C" fn checked_nonnull(handle: *mut NetHandle) -> Option<i32> {
    let handle = NonNull::new(handle)?;
    Some(unsafe { handle.as_ref() }.poll())
}

#[no_mangle]
pub extern "C" fn checked_as_ref(handle: *const NetHandle) -> i32 {
    let Some(h) = (unsafe { handle.as_ref() }) else {
        return -1;
    };
    h.poll()
}

#[no_mangle]
pub unsafe extern "C" fn checked_compare(handle: *mut NetHandle) {
    if handle == std::ptr::null_mut() {
        return;
    }
    drop(Box::from_raw(handle));
}

#[no_mangle]
pub unsafe extern "C" fn checked_else(p: *const Config) -> i32 {
    if !p.is_null() {
        let config = &*p;
        config.apply()
    } else {
        -1
    }
}

#[no_mangle]
pub unsafe extern "C" fn checked_macro(p: *const Config) -> i32 {
    ffi_check_null!(p, -1);
    (&*p).apply()
}

#[no_mangle]
pub unsafe extern "C" fn checked_entries(payloads: *const *const u8, lens: *const usize, n: usize) {
    if payloads.is_null() || lens.is_null() {
        return;
    }
    for i in 0..n {
        let ptr = *payloads.add(i);
        if ptr.is_null() {
            continue;
        }
        push(slice::from_raw_parts(ptr, *lens.add(i)));
    }
}

// Not a parameter: a pointer this function made itself.
#[no_mangle]
pub extern "C" fn own_allocation() -> *mut u8 {
    let raw = Box::into_raw(Box::new(5u8));
    let back = unsafe { Box::from_raw(raw) };
    Box::into_raw(back)
}

// Shadowed by a reference after the check.
#[no_mangle]
pub unsafe extern "C" fn shadowed(p: *const Config) -> i32 {
    if p.is_null() {
        return -1;
    }
    let p = &*p;
    p.apply()
}

// A private callback (trampoline) whose pointer the Rust side registered: not an entry point C
// clients call by name, so it is left alone.
unsafe extern "C" fn trampoline(data: *mut c_void) {
    let closure = &mut *(data as *mut Box<dyn FnMut()>);
    closure();
}

// A plain Rust function.
pub unsafe fn rust_side(p: *const u8, n: usize) -> &'static [u8] {
    slice::from_raw_parts(p, n)
}

// String/Vec::from_raw_parts are other APIs.
#[no_mangle]
pub unsafe extern "C" fn owned(p: *mut u8, len: usize, cap: usize) {
    if p.is_null() {
        return;
    }
    let v = Vec::from_raw_parts(p, len, cap);
}

#[cfg(test)]
mod tests {
    #[no_mangle]
    pub unsafe extern "C" fn test_shim(p: *const u8) -> u8 {
        *(&*p)
    }
}
