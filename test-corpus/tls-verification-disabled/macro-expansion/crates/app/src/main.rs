use netkit::client_with_verification;

fn insecure() -> reqwest::Client {
    client_with_verification!(true).unwrap() //~ tls-verification-disabled:high
}

// The look-alike: the same macro, verification kept.
fn secure() -> reqwest::Client {
    client_with_verification!(false).unwrap()
}

// A macro of another library that shares a workspace macro's name: not the workspace's.
fn other_library() -> bool {
    otherlib::client_with_verification!(true)
}

// `relaxed!` of netkit is not exported: this call names another macro.
fn not_exported() -> bool {
    relaxed!(true)
}

fn main() {
    let _ = (insecure(), secure());
}
