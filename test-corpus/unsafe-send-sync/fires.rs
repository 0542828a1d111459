use std::cell::UnsafeCell;
use std::sync::atomic::AtomicUsize;

/// SPSC ring buffer (the seed finding, 003 #5): sound only with one producer and one consumer.
pub struct RingBuffer<T> {
    slots: Box<[UnsafeCell<Option<T>>]>,
    head: AtomicUsize,
    tail: AtomicUsize,
}

unsafe impl<T: Send> Sync for RingBuffer<T> {} //~ unsafe-send-sync:medium
unsafe impl<T: Send> Send for RingBuffer<T> {} //~ unsafe-send-sync:medium

// The impl may come before the type.
unsafe impl Send for Handle {} //~ unsafe-send-sync
unsafe impl std::marker::Sync for Handle {} //~ unsafe-send-sync

pub struct Handle(*mut ffi::raw_handle);

pub enum Slot {
    Empty,
    Full(*const u8),
}

// SAFETY: the pointer is only read under the registry lock.
unsafe impl Sync for Slot {} //~ unsafe-send-sync

pub mod shard {
    pub struct Shard {
        ptr: *mut u8,
    }
    unsafe impl Send for Shard {} //~ unsafe-send-sync
}
