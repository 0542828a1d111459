pub fn via_b(n: &str) {
    crate::b::open(n)
}

pub fn wrap_b(n: &str) -> String {
    crate::b::prefix(n)
}

pub fn outer(n: &str) {
    inner(n)
}

fn inner(n: &str) {
    crate::b::open(n)
}

pub fn via_b_flat(n: &str) {
    crate::b::open_flat(n)
}

pub fn ping(n: &str, k: u32) {
    if k > 0 {
        crate::b::pong(n, k - 1)
    } else {
        let _ = std::fs::read(n);
    }
}
