//! Fixtures for the other crates' tests.

pub fn fixture_account(raw: &str) -> i64 {
    raw.parse().unwrap()
}

pub fn fixture_events() -> std::sync::mpsc::Receiver<i64> {
    let (tx, rx) = std::sync::mpsc::channel();
    drop(tx);
    rx
}
