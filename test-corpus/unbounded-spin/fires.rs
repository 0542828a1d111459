use std::hint::spin_loop;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};

struct Handle {
    shutting_down: AtomicBool,
    active_ops: AtomicUsize,
}

// The seed: shutdown waits for in-flight ops with no deadline.
pub unsafe extern "C" fn net_shutdown(handle: *mut Handle) {
    let handle_ref = unsafe { &*handle };
    handle_ref.shutting_down.store(true, SeqCst);
    while handle_ref.active_ops.load(SeqCst) > 0 { //~ unbounded-spin:medium
        spin_loop();
    }
}

fn wait_ready(flag: &AtomicBool) {
    while !flag.load(SeqCst) { //~ unbounded-spin
        std::hint::spin_loop();
    }
}

fn yield_wait(flag: &AtomicBool) {
    while !flag.load(SeqCst) { //~ unbounded-spin
        std::thread::yield_now();
    }
}

fn old_hint(flag: &AtomicBool) {
    while flag.load(SeqCst) { //~ unbounded-spin
        core::sync::atomic::spin_loop_hint()
    }
}

fn loop_with_exit(flag: &AtomicBool) {
    loop { //~ unbounded-spin
        if flag.load(SeqCst) {
            break;
        }
        spin_loop();
    }
}

fn while_let(queue: &Queue, item: u8) {
    while let Err(_) = queue.try_push(item) { //~ unbounded-spin
        spin_loop();
        spin_loop();
    }
}

// Names that only contain the exemption words: `block_until` is not a lock, `clock` neither,
// `entries` is not `tries`.
fn block_until_ready(flag: &AtomicBool) {
    while !flag.load(SeqCst) { //~ unbounded-spin
        spin_loop();
    }
}

fn wait_clock(clock: &Clock) {
    while clock.tick_pending() { //~ unbounded-spin
        spin_loop();
    }
}

fn wait_entries(entries: &Queue) {
    while entries.is_empty() { //~ unbounded-spin
        spin_loop();
    }
}
