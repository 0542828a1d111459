pub fn open(n: &str) {
    let _ = std::fs::read(format!("/srv/{n}"));
}

pub fn prefix(n: &str) -> String {
    format!("/srv/{n}")
}

pub fn open_flat(n: &str) {
    let name = std::path::Path::new(n).file_name().unwrap_or_default();
    let _ = std::fs::read(std::path::Path::new("/srv").join(name));
}

pub fn pong(n: &str, k: u32) {
    crate::a::ping(n, k)
}
