pub fn open(n: &str) {
    let _ = std::fs::read(n);
}
