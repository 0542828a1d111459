pub fn read_here(n: &str) {
    let _ = std::fs::read(n);
}

pub fn via_e(n: &str) {
    crate::e::open(n)
}
