//@ rules: panic-in-production, hardcoded-resource-limit, block-on-without-timeout
// A build script is not a service: it may panic (cargo reports the message and stops the build),
// size its helpers as it likes, and block on a future.
fn generate() {
    futures::executor::block_on(fetch_schema());
    let pool = threadpool::Builder::new().worker_threads(4).build();
}

fn main() {
    let out = std::env::var("OUT_DIR").unwrap();
    let target = std::env::var("TARGET").expect("cargo sets TARGET");
    if target.is_empty() {
        panic!("no target for {out}");
    }
    generate();
}
