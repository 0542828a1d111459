use std::cell::UnsafeCell;

// Crate-private types: the contract stays inside the crate.
pub(crate) struct Internal(*mut u8);
unsafe impl Send for Internal {}

struct Private(UnsafeCell<u8>);
unsafe impl Sync for Private {}

pub(super) struct Scoped(*const u8);
unsafe impl Sync for Scoped {}

// Declared in another file: the visibility is unknown here, so the rule stays quiet.
unsafe impl Send for Elsewhere {}

// Safe impls of other traits, and negative reasoning.
pub struct Plain(u8);
impl Clone for Plain {
    fn clone(&self) -> Self {
        Plain(self.0)
    }
}
unsafe impl bytemuck::Zeroable for Plain {}

#[cfg(test)]
mod tests {
    pub struct TestOnly(*mut u8);
    unsafe impl Send for TestOnly {}
}
