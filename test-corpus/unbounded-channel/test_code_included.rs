//@ include-tests
#[cfg(test)]
mod tests {
    use tokio::sync::mpsc;

    #[tokio::test]
    async fn uses_unbounded() {
        let (tx, rx) = mpsc::unbounded_channel::<u8>(); //~ unbounded-channel
    }
}

#[test]
fn top_level_test() {
    let (a, b) = crossbeam_channel::unbounded::<u8>(); //~ unbounded-channel
}
