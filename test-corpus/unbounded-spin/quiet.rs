use std::hint::spin_loop;
use std::sync::atomic::{AtomicBool, Ordering::SeqCst};
use std::time::{Duration, Instant};

// Bounded by a deadline.
fn deadline(flag: &AtomicBool, timeout: Duration) -> bool {
    let start = Instant::now();
    while !flag.load(SeqCst) && start.elapsed() < timeout {
        spin_loop();
    }
    flag.load(SeqCst)
}

fn deadline_exit(flag: &AtomicBool, deadline: Instant) {
    loop {
        if flag.load(SeqCst) || Instant::now() >= deadline {
            break;
        }
        spin_loop();
    }
}

// Bounded by an iteration count.
fn counted(flag: &AtomicBool) {
    for _ in 0..100 {
        if flag.load(SeqCst) {
            return;
        }
        spin_loop();
    }
    let mut spins = 0;
    while !flag.load(SeqCst) {
        spins += 1;
        spin_loop();
    }
    let mut attempts = 0u32;
    while !flag.load(SeqCst) && attempts < 64 {
        spin_loop();
    }
}

// The body does more than spin: it backs off or does work.
fn backoff(flag: &AtomicBool) {
    while !flag.load(SeqCst) {
        spin_loop();
        std::thread::sleep(Duration::from_micros(50));
    }
    while !flag.load(SeqCst) {
        std::thread::park();
    }
    loop {
        do_work();
        std::thread::yield_now();
    }
}

// A spin hint outside a loop.
fn single() {
    spin_loop();
}

#[cfg(test)]
mod tests {
    fn wait(flag: &std::sync::atomic::AtomicBool) {
        while !flag.load(std::sync::atomic::Ordering::SeqCst) {
            std::hint::spin_loop();
        }
    }
}

// Synchronisation primitives spinning as designed: the other holder's critical section bounds
// the wait.
struct SpinLock {
    locked: AtomicBool,
}

impl SpinLock {
    fn with<R>(&self, f: impl FnOnce() -> R) -> R {
        loop {
            if self.locked.compare_exchange_weak(false, true, SeqCst, SeqCst).is_ok() {
                return f();
            }
            while self.locked.load(SeqCst) {
                spin_loop();
            }
        }
    }

    fn obtain_lock(&self) {
        while self.locked.compare_exchange(false, true, SeqCst, SeqCst).is_err() {
            spin_loop();
        }
    }
}

struct Parker {
    parked: AtomicBool,
}

impl Parker {
    unsafe fn park(&self) {
        while self.parked.load(SeqCst) != false {
            spin_loop();
        }
    }
}

fn set_logger_inner(state: &std::sync::atomic::AtomicUsize) {
    const INITIALIZING: usize = 1;
    while state.load(SeqCst) == INITIALIZING {
        std::hint::spin_loop();
    }
}
