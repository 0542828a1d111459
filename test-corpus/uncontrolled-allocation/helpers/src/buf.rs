// Buffer helpers the handlers in main.rs call (another file).
pub fn buffer(size: usize) -> Vec<u8> {
    Vec::with_capacity(size)
}

pub fn bounded(size: usize) -> Vec<u8> {
    Vec::with_capacity(size.min(64 * 1024))
}

pub fn doubled(size: usize) -> usize {
    size * 2
}
