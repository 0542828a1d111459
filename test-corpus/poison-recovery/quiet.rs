use std::sync::{Mutex, PoisonError, RwLock};

struct Listener {
    stats: RwLock<u64>,
    queue: Mutex<Vec<u8>>,
}

impl Listener {
    // The closure logs: the recovery leaves a trace.
    fn logged(&self) -> u64 {
        *self.stats.read().unwrap_or_else(|p| {
            tracing::warn!("stats lock poisoned; recovering");
            p.into_inner()
        })
    }

    fn logged_log_crate(&self) -> usize {
        self.queue
            .lock()
            .unwrap_or_else(|p| {
                log::error!("queue lock poisoned");
                p.into_inner()
            })
            .len()
    }

    fn logged_eprintln(&self) -> usize {
        self.queue
            .lock()
            .unwrap_or_else(|p| {
                eprintln!("poisoned");
                p.into_inner()
            })
            .len()
    }

    fn logged_helper(&self) -> usize {
        self.queue
            .lock()
            .unwrap_or_else(|p| {
                log_poison("queue");
                p.into_inner()
            })
            .len()
    }

    fn logged_arm(&self) -> usize {
        let q = match self.queue.lock() {
            Ok(g) => g,
            Err(p) => {
                tracing::error!(lock = "queue", "poisoned; recovering");
                p.into_inner()
            }
        };
        q.len()
    }

    // Not a recovery: the poison is turned into an error or a panic.
    fn propagated(&self) -> Result<usize, String> {
        let q = self.queue.lock().map_err(|e| e.to_string())?;
        Ok(q.len())
    }

    fn panics(&self) -> usize {
        self.queue.lock().unwrap_or_else(|_| panic!("poisoned")).len()
    }

    // `Mutex::into_inner` on an owned mutex is not a poison recovery by itself.
    fn consume(self) -> Vec<u8> {
        self.queue.into_inner().unwrap_or_default()
    }
}

fn log_poison(_: &str) {}

// Other `into_inner` calls on other errors and wrappers.
fn other_into_inner(w: std::io::BufWriter<Vec<u8>>, c: std::cell::RefCell<u8>) -> Vec<u8> {
    let _ = c.into_inner();
    match w.into_inner() {
        Ok(v) => v,
        Err(e) => e.into_error().to_string().into_bytes(),
    }
}

fn fallback(r: Result<Vec<u8>, Wrapper>) -> Vec<u8> {
    // Not a lock, and the parameter says nothing about poison.
    r.unwrap_or_else(|w| w.into_inner())
}

struct Wrapper(Vec<u8>);
impl Wrapper {
    fn into_inner(self) -> Vec<u8> {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers() {
        let m = Mutex::new(1);
        let _g = m.lock().unwrap_or_else(PoisonError::into_inner);
    }
}

// The recovery repairs the state, or passes the poison on: a deliberate decision.
fn reset_cache(cache: &Mutex<Vec<u8>>) -> usize {
    let guard = cache
        .lock()
        .unwrap_or_else(|poison_err| {
            let mut guard = poison_err.into_inner();
            *guard = Default::default();
            guard
        });
    guard.len()
}

struct ShardedLock {
    lock: RwLock<()>,
}

impl ShardedLock {
    fn read(&self) -> std::sync::LockResult<Guard<'_>> {
        match self.lock.read() {
            Ok(guard) => Ok(Guard(guard)),
            Err(err) => Err(PoisonError::new(Guard(err.into_inner()))),
        }
    }

    fn try_write(&self) -> bool {
        let mut poisoned = false;
        let _guard = match self.lock.try_write() {
            Ok(guard) => guard,
            Err(std::sync::TryLockError::Poisoned(err)) => {
                poisoned = true;
                err.into_inner()
            }
            Err(std::sync::TryLockError::WouldBlock) => return false,
        };
        !poisoned
    }
}

// A comment explains why poisoning is ignored here.
fn clear_on_drop(ext: &mut RwLock<Vec<u8>>) {
    ext.get_mut()
        .unwrap_or_else(|l| {
            // This runs in a `Drop` impl, possibly while panicking, so ignore lock poisoning.
            l.into_inner()
        })
        .clear();
    // Poisoning only means a reader panicked; the map is never left half-updated.
    let _len = ext.read().unwrap_or_else(PoisonError::into_inner).len();
}

struct HalfLock {
    write_mutex: Mutex<()>,
}

impl HalfLock {
    fn write(&self) -> std::sync::MutexGuard<'_, ()> {
        // While user code may panic, our code in store does not and the data is swapped
        // atomically. So if it panics, nothing gets changed, therefore poisons are of no
        // interest here.
        let guard = self
            .write_mutex
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        guard
    }
}

// Printing a poisoned lock's contents changes nothing.
impl std::fmt::Debug for Listener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.queue.try_lock() {
            Ok(q) => write!(f, "{}", q.len()),
            Err(std::sync::TryLockError::Poisoned(err)) => write!(f, "{}", err.into_inner().len()),
            Err(_) => f.write_str("<locked>"),
        }
    }
}
