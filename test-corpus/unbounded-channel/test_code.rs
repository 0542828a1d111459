// Test code is quiet unless --include-tests (see test_code_included.rs).
fn production() {}

#[cfg(test)]
mod tests {
    use tokio::sync::mpsc;

    struct Harness {
        tx: mpsc::UnboundedSender<u8>,
    }

    #[tokio::test]
    async fn uses_unbounded() {
        let (tx, rx) = mpsc::unbounded_channel::<u8>();
        let (a, b) = std::sync::mpsc::channel::<u8>();
    }
}

#[test]
fn top_level_test() {
    let (a, b) = crossbeam_channel::unbounded::<u8>();
}
