use std::sync::{Condvar, Mutex, PoisonError, RwLock};

struct Listener {
    // Several counters updated together: a panicking writer can leave them inconsistent.
    stats: RwLock<ListenerStats>,
    queue: Mutex<Vec<u8>>,
    ready: Condvar,
}

impl Listener {
    fn bump(&self) {
        // The seed: 22 of these in one file.
        let mut stats = self.stats.write().unwrap_or_else(|p| p.into_inner()); //~ poison-recovery:medium
        stats.received += 1;
    }

    fn read(&self) -> ListenerStats {
        *self.stats.read().unwrap_or_else(PoisonError::into_inner) //~ poison-recovery:medium
    }

    fn push(&self, b: u8) {
        self.queue
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) //~ poison-recovery
            .push(b);
    }

    fn typed(&self) -> usize {
        let q = self
            .queue
            .lock()
            .unwrap_or_else(|poisoned: PoisonError<_>| poisoned.into_inner()); //~ poison-recovery
        q.len()
    }

    fn block(&self) -> usize {
        let q = self.queue.lock().unwrap_or_else(|e| { //~ poison-recovery
            let guard = e.into_inner();
            guard
        });
        q.len()
    }

    fn matched(&self) -> usize {
        let q = match self.queue.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(), //~ poison-recovery
        };
        q.len()
    }

    fn wait(&self) {
        let q = self.queue.lock().unwrap_or_else(|p| p.into_inner()); //~ poison-recovery
        let _q = self.ready.wait(q).unwrap_or_else(|p| p.into_inner()); //~ poison-recovery
    }

    fn try_lock(&self) -> usize {
        match self.queue.try_lock() {
            Ok(g) => g.len(),
            Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner().len(), //~ poison-recovery
            Err(_) => 0,
        }
    }
}

// A lock helper: one finding for the helper, not one per caller.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner) //~ poison-recovery
}

fn guard_from_variable(m: &Mutex<u8>) -> u8 {
    let result = m.lock();
    // The receiver is not visibly a lock, but the parameter name says what it is.
    *result.unwrap_or_else(|poison| poison.into_inner()) //~ poison-recovery
}

// A comment that says nothing about poisoning is no explanation.
fn unexplained(m: &Mutex<u8>) -> u8 {
    // Read the current value.
    let v = m
        .lock()
        .unwrap_or_else(PoisonError::into_inner); //~ poison-recovery
    *v
}

// A TODO that names the poisoning is a note to self, not a decision.
fn noted(m: &Mutex<u8>) -> u8 {
    // TODO: handle the poison properly
    *m.lock().unwrap_or_else(PoisonError::into_inner) //~ poison-recovery
}

// A plain counter or statistic: a lone number cannot be left half-updated, so low.
struct Stats {
    hits: Mutex<u64>,
    latency: std::sync::RwLock<Duration>,
    samples: Mutex<Vec<u64>>,
}

static ERRORS: Mutex<usize> = Mutex::new(0);

impl Stats {
    fn record(&self, d: Duration) {
        *self.hits.lock().unwrap_or_else(PoisonError::into_inner) += 1; //~ poison-recovery:low
        *self.latency.write().unwrap_or_else(|e| e.into_inner()) = d; //~ poison-recovery:low
        let mut errors = ERRORS.lock().unwrap_or_else(PoisonError::into_inner); //~ poison-recovery:low
        *errors += 1;
        // A vector of samples is not a plain number: medium.
        self.samples.lock().unwrap_or_else(PoisonError::into_inner).push(1); //~ poison-recovery:medium
    }

    fn bump(&self, m: &Mutex<Histogram>) {
        *m.lock().unwrap_or_else(PoisonError::into_inner) += 1; //~ poison-recovery:low
    }
}

// A call whose name only contains `warn` is not a log: `forewarned`.
fn catalogued(m: &Mutex<Vec<u8>>) -> usize {
    m.lock()
        .unwrap_or_else(|p| { //~ poison-recovery
            forewarned(p.into_inner())
        })
        .len()
}
