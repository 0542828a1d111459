// The project's own client builder: whether verification is off is the caller's argument, so
// the template alone disables nothing. Each call site is judged by what it passes.
#[macro_export]
macro_rules! client_with_verification {
    ($insecure:expr) => {
        reqwest::Client::builder()
            .danger_accept_invalid_certs($insecure)
            .build()
    };
}

// Not exported: other crates cannot call it, so their `relaxed!` is someone else's macro.
macro_rules! relaxed {
    ($insecure:expr) => {
        reqwest::Client::builder()
            .danger_accept_invalid_certs($insecure)
            .build()
    };
}

pub fn strict() -> reqwest::Client {
    relaxed!(false).unwrap()
}
