use deadpool_postgres::{Manager, Pool};

pub fn make(m: Manager) -> Pool {
    Pool::builder(m).build().unwrap() //~ no-statement-timeout
}

/// A pool type of our own in a file that imports deadpool's `Pool` is not deadpool's.
mod jobs {
    pub struct Pool;
    impl Pool {
        pub fn builder() -> Self {
            Pool
        }
    }
}

pub fn jobs() -> jobs::Pool {
    jobs::Pool::builder()
}
