// Client builders whose parameter decides verification; callers are in main.rs.
pub fn build_client(insecure: bool) -> reqwest::Client {
    reqwest::Client::builder()
        .danger_accept_invalid_certs(insecure)
        .build()
        .unwrap()
}

pub fn build_with_option(accept_invalid: bool) -> reqwest::Client {
    let mut builder = reqwest::Client::builder();
    if accept_invalid {
        builder = builder.danger_accept_invalid_certs(true);
    }
    builder.build().unwrap()
}
