pub fn direct_d(n: &str) {
    crate::d::read_here(n)
}

pub fn via_d(n: &str) {
    crate::d::via_e(n)
}
