// Lock types of the crate's own that ignore poisoning by design (parking_lot's semantics): the
// struct's only field is the std lock and the method's whole body is the lock and the recovery.
use std::sync::{self, Arc, MutexGuard, PoisonError, RwLockReadGuard, TryLockError};

pub(crate) struct Mutex<T: ?Sized>(sync::Mutex<T>);

impl<T> Mutex<T> {
    pub(crate) fn lock(&self) -> MutexGuard<'_, T> {
        match self.0.lock() {
            Ok(guard) => guard,
            Err(p_err) => p_err.into_inner(),
        }
    }

    pub(crate) fn try_lock(&self) -> Option<MutexGuard<'_, T>> {
        match self.0.try_lock() {
            Ok(guard) => Some(guard),
            Err(TryLockError::Poisoned(p_err)) => Some(p_err.into_inner()),
            Err(TryLockError::WouldBlock) => None,
        }
    }
}

pub struct NamedMutex<T> {
    inner: std::sync::Mutex<T>,
}

impl<T> NamedMutex<T> {
    pub fn lock(&self) -> MutexGuard<'_, T> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

pub(crate) struct SharedRwLock<T>(Arc<sync::RwLock<T>>);

impl<T> SharedRwLock<T> {
    pub(crate) fn read(&self) -> RwLockReadGuard<'_, T> {
        self.0.read().unwrap_or_else(|e| e.into_inner())
    }
}

// Look-alikes that still fire.

// A struct with the lock and other state: an accessor of a type with a policy on poison, low.
pub struct Status {
    state: sync::RwLock<Vec<u8>>,
    name: String,
}

impl Status {
    fn read(&self) -> RwLockReadGuard<'_, Vec<u8>> {
        self.state.read().unwrap_or_else(|e| e.into_inner()) //~ poison-recovery:low
    }

    // Not the whole body: the recovery sits among other work, medium.
    fn bump(&self) -> usize {
        let guard = self.state.read().unwrap_or_else(|e| e.into_inner()); //~ poison-recovery:medium
        guard.len() + self.name.len()
    }
}

// A handle over a lock of one concrete state type is that state's accessor, not a lock type: low.
pub struct ConsumerStatus(Arc<sync::RwLock<Vec<u8>>>);

impl ConsumerStatus {
    pub(crate) fn read(&self) -> RwLockReadGuard<'_, Vec<u8>> {
        self.0.read().unwrap_or_else(|e| e.into_inner()) //~ poison-recovery:low
    }
}

// The only field is a lock of another library (not std): its methods are not this shape.
pub struct Wrapper<T>(tokio::sync::Mutex<std::sync::Mutex<T>>);

impl<T> Mutex<T> {
    // A method of the newtype that does more than lock: the recovered state is used here.
    pub(crate) fn len_of(&self) -> usize
    where
        T: AsRef<[u8]>,
    {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).as_ref().len() //~ poison-recovery:medium
    }
}

impl<T> Wrapper<T> {
    pub fn lock_blocking(&self) -> MutexGuard<'_, T> {
        todo!()
    }
}

// The recovered state is emptied right after: nothing half-updated survives.
fn invalidate_all(shards: &[sync::Mutex<Vec<u8>>]) -> usize {
    let mut total = 0;
    for shard in shards {
        let mut cache = shard.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        total += cache.len();
        cache.clear();
    }
    total
}

// The recovered state is read but not cleared: still reported.
fn count_all(shards: &[sync::Mutex<Vec<u8>>]) -> usize {
    let mut total = 0;
    for shard in shards {
        let cache = shard.lock().unwrap_or_else(|poisoned| poisoned.into_inner()); //~ poison-recovery:medium
        total += cache.len();
        other.clear();
    }
    total
}
