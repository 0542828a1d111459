// A foreign caller's string through an aliased `CStr`: the file names no other source, so the
// prefilter must see the alias (`CStr as`) for the flow to be found.
use std::ffi::CStr as ForeignText;
use std::process::Command;

#[unsafe(no_mangle)]
pub extern "C" fn run_tool(name: *const std::ffi::c_char) {
    let name = unsafe { ForeignText::from_ptr(name) }.to_string_lossy().into_owned();
    Command::new(name).status(); //~ command-injection:medium
}

// Look-alike: a `CString` this program makes is no foreign input.
pub fn run_own() {
    let name = std::ffi::CString::new("ls").unwrap_or_default();
    Command::new(name.to_string_lossy().into_owned()).status();
}
