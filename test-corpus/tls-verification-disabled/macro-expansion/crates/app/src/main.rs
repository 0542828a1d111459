use netkit::client_with_verification;

fn insecure() -> reqwest::Client {
    client_with_verification!(true).unwrap() //~ tls-verification-disabled:high
}

// The look-alike: the same macro, verification kept.
fn secure() -> reqwest::Client {
    client_with_verification!(false).unwrap()
}

fn main() {
    let _ = (insecure(), secure());
}
