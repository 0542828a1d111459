// Callers of the builders in http.rs (another file): what they pass decides.
mod http;

fn insecure_client() -> reqwest::Client {
    http::build_client(true) //~ tls-verification-disabled:high
}

fn through_local() -> reqwest::Client {
    let skip = true;
    http::build_with_option(skip) //~ tls-verification-disabled:high
}

fn secure_client() -> reqwest::Client {
    http::build_client(false)
}

fn secure_option() -> reqwest::Client {
    let verify_off = false;
    http::build_with_option(verify_off)
}

// The caller's own parameter: its callers decide, and this one passes `false`.
fn configured(insecure: bool) -> reqwest::Client {
    http::build_client(insecure)
}

fn main() {
    let _ = configured(false);
}

